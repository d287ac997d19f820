import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Bundle, missingPrivacyFields } from '@trame/shared';
import { type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { isForeignKeyViolation, rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { DomainError, InvalidDocumentError, NotFoundError } from '../../errors/domain-error.js';
import type { CampaignAccess, EvaluationAccess } from '../../http/access.decorator.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { newSecret, sha256 } from '../auth/auth.service.js';
import { toBundle } from '../evaluations/bundle-mapping.js';
import { DeletedCampaigns } from '../evaluations/deleted-campaigns.js';
import { EVALUATION_HEADER } from '../evaluations/evaluations.repository.js';
import { type EvaluationHeader, EvaluationsService } from '../evaluations/evaluations.service.js';
import { countResponses, type ResponseCounts } from '../responses/responses.repository.js';
import { Campaign } from './campaign.entity.js';
import { checkPrivacy, prefilledPrivacy, privacyOf, withPrivacy } from './campaign-privacy.js';
import type { CreateCampaignInput, CreateInvitationsInput, UpdateCampaignInput } from './campaigns.dto.js';
import { Invitation } from './invitation.entity.js';

export type CampaignState = 'draft' | 'not_yet_open' | 'open' | 'closed';

export const DEFAULT_PRIVACY_NOTICE =
  'Vos réponses servent uniquement à l’évaluation de l’utilité sociale menée par le groupe de travail. ' +
  'Elles sont enregistrées sans votre adresse IP ni votre navigateur, et ne sont publiées que sous forme de ' +
  'chiffres agrégés ou de citations anonymes. Vous pouvez demander leur suppression au responsable de l’évaluation.';

/**
 * A campaign and an invitation as this module gives them to others: plain records read for them, never
 * saved by them (the campaigns module alone writes its tables).
 */
export type CampaignRecord = Campaign;
export type InvitationRecord = Invitation;

/** What a campaign needs to check and evaluate answers: its evaluation and questionnaire as one bundle. */
export interface CampaignContext {
  campaign: Campaign;
  /** Only what identifies a state of the evaluation: the bundle carries its content. */
  evaluation: EvaluationHeader;
  bundle: Bundle;
}

@Injectable()
export class CampaignsService {
  private readonly bundleCache = new Map<string, Bundle>();
  /** The last public context read per slug, for saves that check it in their own statement. */
  private readonly lastPublic = new Map<string, CampaignContext>();

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    @Inject(EvaluationsService) private readonly evaluations: EvaluationsService,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DeletedCampaigns) deleted: DeletedCampaigns,
  ) {
    // Deleted with their evaluation or alone: their public context must not outlive them.
    deleted.listen((campaigns) => {
      for (const c of campaigns) this.lastPublic.delete(c.slug);
    });
  }

  async create(access: EvaluationAccess, input: CreateCampaignInput) {
    // The member who opens the campaign is its first contact, until the group names another.
    const contact = (await this.accounts.emailOf(access.userId)) ?? '';
    return this.createFor(access.evaluationId, input, contact);
  }

  /** Also used by the demo loader, which gives the notice's every field. */
  async createFor(evaluationId: number, input: CreateCampaignInput, contact = '') {
    checkDates(input.opensAt, input.closesAt);
    const qv = await this.evaluations.latestVersion(evaluationId);
    // The controller: the organisation the bundle names, else the account's organisation that runs it.
    const evaluation = await this.evaluations.findById(evaluationId);
    const organisation =
      evaluation?.organizationInfo?.name?.trim() ||
      (evaluation && (await this.accounts.organisationName(evaluation.organisationId))) ||
      '';
    const privacy = withPrivacy(prefilledPrivacy(organisation, contact), input.privacy);
    if (input.status === 'open') checkPrivacy(privacy);
    const campaign = await this.uow
      .run((em) =>
        em.getRepository(Campaign).save({
          evaluationId,
          questionnaireVersionId: qv.id,
          title: input.title,
          slug: slugify(input.title),
          access: input.access,
          status: input.status,
          opensAt: input.opensAt ?? null,
          closesAt: input.closesAt ?? null,
          privacyNotice: input.privacyNotice ?? null,
          privacy: JSON.stringify(privacy),
          revision: 0,
          createdAt: new Date().toISOString(),
        }),
      )
      .catch((e: unknown) => {
        // The evaluation (or its version) was deleted between the checks above and the insert.
        if (isForeignKeyViolation(e)) throw new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND');
        throw e;
      });
    return { ...this.view(campaign), url: this.url(campaign) };
  }

  async listForEvaluation(access: EvaluationAccess) {
    const rows = await this.campaigns.find({ where: { evaluationId: access.evaluationId }, order: { id: 'ASC' } });
    const counts = await this.countResponses(rows.map((r) => r.id));
    return rows.map((c) => ({
      ...this.view(c),
      url: this.url(c),
      responses: counts.get(c.id) ?? { complete: 0, partial: 0 },
    }));
  }

  async get(access: CampaignAccess) {
    const campaign = await this.granted(access);
    const id = campaign.id;
    const counts = (await this.countResponses([id])).get(id) ?? { complete: 0, partial: 0 };
    const invitations = await this.invitations.count({ where: { campaignId: id } });
    const used = await this.invitations
      .createQueryBuilder('i')
      .where('i.campaign_id = :id AND i.response_uuid IS NOT NULL', { id })
      .getCount();
    return {
      ...this.view(campaign),
      url: this.url(campaign),
      responses: counts,
      invitations: { total: invitations, used },
    };
  }

  async update(access: CampaignAccess, input: UpdateCampaignInput) {
    const campaign = await this.granted(access);
    const id = campaign.id;
    const { privacy: privacyInput, ...fields } = input;
    const next = { ...campaign, ...stripUndefined(fields) };
    checkDates(next.opensAt, next.closesAt);
    const privacy = withPrivacy(privacyOf(campaign), privacyInput);
    // Opening, or changing the notice of an open campaign, needs every required field of the notice.
    if (next.status === 'open' && (input.status === 'open' || privacyInput)) checkPrivacy(privacy);
    const changes: Partial<Campaign> = stripUndefined(fields);
    if (privacyInput) changes.privacy = JSON.stringify(privacy);
    // TypeORM refuses an UPDATE without values (it would be a 500): an empty PATCH changes nothing.
    if (Object.keys(changes).length > 0) await this.uow.run((em) => em.getRepository(Campaign).update({ id }, changes));
    return this.get(access);
  }

  /** Personal links: the tokens are returned once, only their hash is stored. */
  async createInvitations(access: CampaignAccess, input: CreateInvitationsInput) {
    const { campaign, bundle } = await this.contextOf(access);
    const id = campaign.id;
    if (!!input.segment !== !!input.group) {
      throw new InvalidDocumentError('INVALID_INVITATION', 'segment et group vont ensemble', [
        { path: 'group', message: 'segment et group vont ensemble' },
      ]);
    }
    if (input.segment) {
      const seg = bundle.segments.find((s) => s.code === input.segment);
      if (!seg || !seg.groups.some((g) => g.code === input.group)) {
        throw new InvalidDocumentError('INVALID_INVITATION', 'Segment ou groupe inconnu', [
          { path: 'segment', message: `groupe inconnu « ${input.segment}=${input.group} »` },
        ]);
      }
    }
    const now = new Date().toISOString();
    const tokens = Array.from({ length: input.count }, () => newSecret());
    await this.uow.run((em) =>
      em.getRepository(Invitation).insert(
        tokens.map((t) => ({
          campaignId: id,
          tokenHash: sha256(t),
          segmentCode: input.segment ?? null,
          groupCode: input.group ?? null,
          responseUuid: null,
          createdAt: now,
        })),
      ),
    );
    return { invitations: tokens.map((token) => ({ token, url: `${this.url(campaign)}?token=${token}` })) };
  }

  /** The campaign AccessGuard resolved, with its evaluation's header and its bundle. */
  async contextOf(access: CampaignAccess): Promise<CampaignContext> {
    const campaign = await this.granted(access);
    const evaluation = await this.evaluations.findHeader(access.evaluationId);
    if (!evaluation || evaluation.organisationId !== access.organisationId)
      throw new NotFoundError('Campagne', 'CAMPAIGN_NOT_FOUND');
    return { campaign, evaluation, bundle: await this.bundleOf(campaign, evaluation) };
  }

  /** Where a campaign belongs, for AccessGuard: its evaluation and that evaluation's organisation. */
  async locate(id: number): Promise<{ evaluationId: number; organisationId: number } | null> {
    const c = await this.campaigns.findOne({ where: { id }, select: { id: true, evaluationId: true } });
    const e = c && (await this.evaluations.findHeader(c.evaluationId));
    return e ? { evaluationId: e.id, organisationId: e.organisationId } : null;
  }

  /**
   * The campaign AccessGuard resolved, read within the evaluation it resolved: a campaign deleted since
   * is missing, never another evaluation's.
   */
  private async granted(access: CampaignAccess): Promise<Campaign> {
    const c = await this.campaigns.findOne({ where: { id: access.campaignId, evaluationId: access.evaluationId } });
    if (!c) throw new NotFoundError('Campagne', 'CAMPAIGN_NOT_FOUND');
    return c;
  }

  /**
   * The campaign behind a public link. Public routes are hot (every save of every respondent): one indexed
   * read in plain SQL, the evaluation's header only; its bundle comes from the cache. A draft is not
   * public: it answers as an unknown slug would (no title, no questionnaire); the working group previews
   * its questionnaire through the authenticated evaluation routes.
   */
  async publicContext(slug: string): Promise<CampaignContext> {
    const rows = await rawQuery<CampaignRow & EvaluationRow>(
      this.campaigns.manager,
      `SELECT c.id, c.evaluation_id, c.questionnaire_version_id, c.title, c.slug, c.access, c.status, c.opens_at, c.closes_at,
              c.privacy_notice, c.privacy, c.revision, c.created_at, ${EVALUATION_HEADER.columns}
         FROM campaign c ${EVALUATION_HEADER.join('c.evaluation_id')} WHERE c.slug = ?`,
      [slug],
    );
    const r = rows[0];
    if (!r || r.status === 'draft') {
      this.lastPublic.delete(slug);
      throw new NotFoundError('Enquête', 'CAMPAIGN_NOT_FOUND');
    }
    const campaign: Campaign = {
      id: Number(r.id),
      evaluationId: Number(r.evaluation_id),
      questionnaireVersionId: Number(r.questionnaire_version_id),
      title: r.title,
      slug: r.slug,
      access: r.access,
      status: r.status,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      privacyNotice: r.privacy_notice,
      privacy: r.privacy,
      revision: Number(r.revision),
      createdAt: r.created_at,
    };
    const evaluation: EvaluationHeader = {
      id: campaign.evaluationId,
      organisationId: Number(r.organisation_id),
      revision: Number(r.evaluation_revision),
      updatedAt: r.evaluation_updated_at,
    };
    const ctx = { campaign, evaluation, bundle: await this.bundleOf(campaign, evaluation) };
    if (this.lastPublic.size >= 1000) this.lastPublic.clear();
    this.lastPublic.set(slug, ctx);
    return ctx;
  }

  /**
   * The context publicContext last read for this slug, which may be out of date: only for a save whose
   * statement checks, in the database, that the campaign and its evaluation are still as they were
   * (PublicResponsesService); anything else reads publicContext.
   */
  lastPublicContext(slug: string): CampaignContext | undefined {
    return this.lastPublic.get(slug);
  }

  /** Bundles are cached per (evaluation revision, questionnaire version): both are immutable once keyed. */
  async bundleOf(campaign: Campaign, header: EvaluationHeader): Promise<Bundle> {
    const key = `${header.id}:${header.revision}:${header.updatedAt}:${campaign.questionnaireVersionId}`;
    let b = this.bundleCache.get(key);
    if (!b) {
      const evaluation = await this.evaluations.findById(header.id);
      const qv = await this.evaluations.findVersion(campaign.questionnaireVersionId);
      if (!qv || !evaluation) throw new NotFoundError('Questionnaire', 'QUESTIONNAIRE_NOT_FOUND');
      b = toBundle(evaluation, qv.definition);
      if (this.bundleCache.size > 100) this.bundleCache.clear();
      this.bundleCache.set(key, b);
    }
    return b;
  }

  /** The campaign's invitation of this token, if any (on the public save path: plain SQL). */
  async findInvitation(campaignId: number, token: string): Promise<Invitation | null> {
    const [r] = await rawQuery<InvitationRow>(
      this.invitations.manager,
      `SELECT id, campaign_id, token_hash, segment_code, group_code, response_uuid, created_at
         FROM invitation WHERE token_hash = ? AND campaign_id = ?`,
      [sha256(token), campaignId],
    );
    if (!r) return null;
    return {
      id: Number(r.id),
      campaignId: Number(r.campaign_id),
      tokenHash: r.token_hash,
      segmentCode: r.segment_code,
      groupCode: r.group_code,
      responseUuid: r.response_uuid,
      createdAt: r.created_at,
    };
  }

  state(c: Campaign, now = new Date().toISOString()): CampaignState {
    if (c.status === 'draft') return 'draft';
    if (c.status === 'closed') return 'closed';
    if (c.opensAt && now < new Date(c.opensAt).toISOString()) return 'not_yet_open';
    if (c.closesAt && now >= new Date(c.closesAt).toISOString()) return 'closed';
    return 'open';
  }

  url(c: Campaign): string {
    return `${this.config.publicUrl}/s/${c.slug}`;
  }

  view(c: Campaign) {
    const privacy = privacyOf(c);
    return {
      id: c.id,
      evaluationId: c.evaluationId,
      title: c.title,
      slug: c.slug,
      access: c.access,
      status: c.status,
      state: this.state(c),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      privacyNotice: c.privacyNotice ?? DEFAULT_PRIVACY_NOTICE,
      privacy,
      privacyMissing: missingPrivacyFields(privacy),
      questionnaireVersionId: c.questionnaireVersionId,
      createdAt: c.createdAt,
    };
  }

  async responseCounts(id: number): Promise<ResponseCounts> {
    return (await this.countResponses([id])).get(id) ?? { complete: 0, partial: 0 };
  }

  private countResponses(ids: number[]): Promise<Map<number, ResponseCounts>> {
    return countResponses(this.campaigns.manager, ids);
  }
}

interface CampaignRow {
  id: number | string;
  evaluation_id: number | string;
  questionnaire_version_id: number | string;
  title: string;
  slug: string;
  access: Campaign['access'];
  status: Campaign['status'];
  opens_at: string | null;
  closes_at: string | null;
  privacy_notice: string | null;
  privacy: string | null;
  revision: number | string;
  created_at: string;
}
interface InvitationRow {
  id: number | string;
  campaign_id: number | string;
  token_hash: string;
  segment_code: string | null;
  group_code: string | null;
  response_uuid: string | null;
  created_at: string;
}
interface EvaluationRow {
  organisation_id: number | string;
  evaluation_revision: number | string;
  evaluation_updated_at: string;
}

function checkDates(opensAt?: string | null, closesAt?: string | null): void {
  if (opensAt && closesAt && new Date(opensAt) >= new Date(closesAt)) {
    throw new DomainError(422, 'INVALID_DATES', 'La date de clôture doit suivre la date d’ouverture', {
      errors: [{ path: 'closesAt', message: 'doit être postérieure à opensAt' }],
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function slugify(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  const suffix = randomBytes(5).toString('hex').slice(0, 6);
  return base ? `${base}-${suffix}` : suffix;
}
