import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { checkAnswers } from '@trame/shared';
import type { EntityManager, Repository } from 'typeorm';
import { rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  InvalidDocumentError,
  NotFoundError,
} from '../../errors/domain-error.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { type CampaignContext, CampaignsService } from '../campaigns/campaigns.service.js';
import { Invitation } from '../campaigns/invitation.entity.js';
import { catalogOf } from './catalog-cache.js';
import { ResponseEntity } from './response.entity.js';
import { type Submission, UUID_RE } from './responses.dto.js';

export interface SubmissionResult {
  created: boolean;
  body: {
    id: string;
    status: 'partial' | 'complete';
    createdAt: string;
    updatedAt: string;
    submittedAt: string | null;
  };
}

/** Respondents' side: read the questionnaire, save partial answers, submit once. No account, no IP stored. */
@Injectable()
export class PublicResponsesService {
  constructor(
    @InjectRepository(ResponseEntity) private readonly responses: Repository<ResponseEntity>,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async describe(slug: string) {
    const { campaign, bundle } = await this.campaigns.contextBySlug(slug);
    const view = this.campaigns.view(campaign);
    return {
      slug: campaign.slug,
      title: campaign.title,
      organisation: bundle.organization?.name ?? null,
      access: campaign.access,
      state: view.state,
      message: stateMessage(view.state),
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      privacyNotice: view.privacyNotice,
      questionnaire: bundle.questionnaire,
    };
  }

  /** Resuming a partial response on another device: the UUID is the secret (122 random bits). */
  async read(slug: string, uuid: string, token?: string) {
    const ctx = await this.campaigns.contextBySlug(slug);
    if (ctx.campaign.access === 'invitation') await this.requireInvitation(ctx, token);
    const r = await this.responses.findOne({ where: { campaignId: ctx.campaign.id, uuid } });
    if (!r) throw new NotFoundError('Réponse', 'RESPONSE_NOT_FOUND');
    return { ...view(r), data: JSON.parse(r.data) as Record<string, unknown> };
  }

  async submit(slug: string, uuid: string, input: Submission): Promise<SubmissionResult> {
    if (!UUID_RE.test(uuid))
      throw new DomainError(400, 'INVALID_RESPONSE_ID', 'Identifiant de réponse invalide (UUID attendu)');
    const ctx = await this.campaigns.contextBySlug(slug);
    const state = this.campaigns.state(ctx.campaign);
    if (state !== 'open')
      throw new GoneError(state === 'closed' ? 'CAMPAIGN_CLOSED' : 'CAMPAIGN_NOT_OPEN', stateMessage(state)!);
    const issues = checkAnswers(ctx.bundle, input.data, catalogOf(ctx.bundle));
    if (issues.length > 0) {
      throw new InvalidDocumentError(
        'INVALID_ANSWERS',
        `Réponse refusée : ${issues.map((i) => `${i.path} : ${i.message}`).join(' ; ')}`,
        issues,
      );
    }
    const invitation = ctx.campaign.access === 'invitation' ? await this.requireInvitation(ctx, input.token) : null;
    const data = invitation ? withInvitationSegment(ctx, invitation, input.data) : input.data;
    const json = JSON.stringify(data);
    try {
      return await this.uow.run((em) => this.write(em, ctx.campaign, uuid, input.status, json, invitation));
    } catch (e) {
      // Two first submissions of the same UUID racing on PostgreSQL: the loser retries and sees the winner.
      if (isUniqueViolation(e))
        return this.uow.run((em) => this.write(em, ctx.campaign, uuid, input.status, json, invitation));
      throw e;
    }
  }

  /** One unit of work, in plain SQL (hot path): read the response, insert or update it, bump the revision. */
  private async write(
    em: EntityManager,
    campaign: Campaign,
    uuid: string,
    status: 'partial' | 'complete',
    json: string,
    invitation: Invitation | null,
  ): Promise<SubmissionResult> {
    const now = new Date().toISOString();
    const [existing] = await rawQuery<StoredRow>(
      em,
      'SELECT id, status, data, created_at, updated_at, submitted_at FROM response WHERE campaign_id = ? AND uuid = ?',
      [campaign.id, uuid],
    );
    if (existing?.status === 'complete') {
      if (status === 'complete' && sameJson(existing.data, json)) {
        return {
          created: false,
          body: {
            id: uuid,
            status: 'complete',
            createdAt: existing.created_at,
            updatedAt: existing.updated_at,
            submittedAt: existing.submitted_at,
          },
        };
      }
      throw new ConflictError(
        'RESPONSE_ALREADY_COMPLETE',
        'Cette réponse a déjà été envoyée et ne peut plus être modifiée.',
      );
    }
    if (invitation) {
      const fresh = await em.getRepository(Invitation).findOneByOrFail({ id: invitation.id });
      if (fresh.responseUuid && fresh.responseUuid !== uuid) {
        throw new ConflictError('INVITATION_USED', 'Cette invitation a déjà servi pour une autre réponse.');
      }
      if (!fresh.responseUuid) await em.getRepository(Invitation).update({ id: fresh.id }, { responseUuid: uuid });
    }
    const submittedAt = status === 'complete' ? now : null;
    if (existing) {
      await rawQuery(em, 'UPDATE response SET status = ?, data = ?, updated_at = ?, submitted_at = ? WHERE id = ?', [
        status,
        json,
        now,
        submittedAt,
        existing.id,
      ]);
    } else {
      await rawQuery(
        em,
        `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at)
         VALUES (?, ?, ?, ?, ?, 'web', ?, ?, ?)`,
        [campaign.id, uuid, status, json, invitation?.id ?? null, now, now, submittedAt],
      );
    }
    if (status === 'complete') await bumpRevision(em, campaign.id);
    return {
      created: !existing,
      body: { id: uuid, status, createdAt: existing?.created_at ?? now, updatedAt: now, submittedAt },
    };
  }

  private async requireInvitation(ctx: CampaignContext, token: string | undefined): Promise<Invitation> {
    if (!token)
      throw new ForbiddenError(
        'Cette enquête est sur invitation : utilisez le lien personnel reçu.',
        'INVITATION_REQUIRED',
      );
    const inv = await this.campaigns.findInvitation(ctx.campaign.id, token);
    if (!inv) throw new ForbiddenError('Lien d’invitation invalide.', 'INVITATION_INVALID');
    return inv;
  }
}

export async function bumpRevision(em: EntityManager, campaignId: number): Promise<void> {
  await rawQuery(em, 'UPDATE campaign SET revision = revision + 1 WHERE id = ?', [campaignId]);
}

interface StoredRow {
  id: number | string;
  status: 'partial' | 'complete';
  data: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export function stateMessage(state: string): string | null {
  switch (state) {
    case 'closed':
      return 'Cette enquête est close : les réponses ne sont plus acceptées.';
    case 'not_yet_open':
      return 'Cette enquête n’est pas encore ouverte.';
    case 'draft':
      return 'Cette enquête n’est pas encore ouverte.';
    default:
      return null;
  }
}

function view(r: ResponseEntity): SubmissionResult['body'] {
  return { id: r.uuid, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt, submittedAt: r.submittedAt };
}

/** An invitation tied to a segment group answers the segment question for the respondent if left blank. */
function withInvitationSegment(
  ctx: CampaignContext,
  inv: Invitation,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (!inv.segmentCode || !inv.groupCode) return data;
  const seg = ctx.bundle.segments.find((s) => s.code === inv.segmentCode);
  const group = seg?.groups.find((g) => g.code === inv.groupCode);
  if (!seg || !group || data[seg.question] !== undefined) return data;
  return { ...data, [seg.question]: group.values[0] };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

function sameJson(a: string, b: string): boolean {
  return a === b || JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(JSON.parse(b)));
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } };
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
