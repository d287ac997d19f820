import { Inject, Injectable } from '@nestjs/common';
import { checkAnswers } from '@trame/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  InvalidDocumentError,
} from '../../errors/domain-error.js';
import { bindInvitation, invitationResponse, publicCampaignParams } from '../campaigns/campaigns.repository.js';
import {
  type CampaignContext,
  CampaignsService,
  type InvitationRecord as Invitation,
} from '../campaigns/campaigns.service.js';
import { catalogOf } from './catalog-cache.js';
import {
  SAVE_ON_CONTEXT,
  preparedStatement,
  saveWithoutInvitation,
  type SavedRow,
  saved,
  storing,
  type Save,
  SELECT_RESPONSE,
  answersTo,
  responseNotFound,
  type StoredRow,
  view,
  withInvitationSegment,
  sameJson,
  stateMessage,
  type SubmissionResult,
} from './response-statements.js';
import { type Submission, UUID_RE } from './responses.dto.js';

/**
 * Respondents' side: read the questionnaire, save partial answers, submit once. No account, no IP stored.
 *
 * A response answers only to what it was created with: in an invitation campaign, the invitation whose
 * token started it; in an open campaign, its UUID (122 random bits, chosen by the respondent's browser and
 * known only to it and to the resume link). Anything else (another invitation's token, a response of
 * another kind) gets the 404 of an unknown response: a token never opens another respondent's answers.
 */
@Injectable()
export class PublicResponsesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async describe(slug: string, token?: string) {
    const ctx = await this.campaigns.publicContext(slug);
    const { campaign, bundle } = ctx;
    const view = this.campaigns.view(campaign);
    const invitation = token === undefined ? null : await this.checkedInvitation(ctx, token);
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
      privacy: view.privacy,
      invitation,
      questionnaire: bundle.questionnaire,
    };
  }

  /**
   * An invitation checked before anything is shown: unknown here (never issued, deleted, another
   * campaign's) 404; already used for a response that was sent 409; else its response in progress, if any.
   */
  private async checkedInvitation(ctx: CampaignContext, token: string): Promise<{ responseId: string | null }> {
    const inv = token ? await this.campaigns.findInvitation(ctx.campaign.id, token) : null;
    if (!inv) {
      throw new DomainError(
        404,
        'INVITATION_NOT_FOUND',
        'Ce lien d’invitation n’est pas valable pour cette enquête : vérifiez qu’il est complet, ou demandez-en un ' +
          'nouveau à l’organisation.',
      );
    }
    if (!inv.responseUuid) return { responseId: null };
    const [r] = await rawQuery<StoredRow>(this.dataSource, SELECT_RESPONSE, [ctx.campaign.id, inv.responseUuid]);
    if (r?.status === 'complete') {
      throw new ConflictError(
        'INVITATION_USED',
        'Cette invitation a déjà servi : la réponse a été envoyée. Merci de votre participation.',
      );
    }
    return { responseId: r ? inv.responseUuid : null };
  }

  /** Resuming a response on another device: with its UUID, and in an invitation campaign its token. */
  async read(slug: string, uuid: string, token?: string) {
    const ctx = await this.campaigns.publicContext(slug);
    const presented = await this.presentedInvitation(ctx, token);
    const [r] = UUID_RE.test(uuid)
      ? await rawQuery<StoredRow>(this.dataSource, SELECT_RESPONSE, [ctx.campaign.id, uuid])
      : [];
    if (!r || !answersTo(ctx.campaign, r, presented)) throw responseNotFound();
    // A sent response is not shown again to whoever holds its link: no account protects it.
    if (r.status === 'complete') {
      throw new ConflictError(
        'RESPONSE_ALREADY_COMPLETE',
        'Cette réponse a déjà été envoyée : elle ne peut plus être affichée ni modifiée. Pour la faire supprimer, ' +
          'écrivez au contact indiqué dans « Vos données ».',
      );
    }
    return { ...view(uuid, r), data: JSON.parse(r.data) as Record<string, unknown> };
  }

  async submit(slug: string, uuid: string, input: Submission): Promise<SubmissionResult> {
    if (!UUID_RE.test(uuid))
      throw new DomainError(400, 'INVALID_RESPONSE_ID', 'Identifiant de réponse invalide (UUID attendu)');
    if (this.dataSource.options.type === 'postgres') {
      const last = this.campaigns.lastPublicContext(slug);
      const done = last && (await this.saveOnLastContext(last, uuid, input));
      if (done) return done;
    }
    const ctx = await this.campaigns.publicContext(slug);
    const json = this.checked(ctx, input);
    const presented = await this.presentedInvitation(ctx, input.token);
    // Only an invitation campaign ties a new response to the invitation (segment, one response each).
    const invitation = ctx.campaign.access === 'invitation' ? presented : null;
    const save: Save = {
      campaign: ctx.campaign,
      uuid,
      status: input.status,
      baseRevision: input.baseRevision ?? null,
      json: invitation ? JSON.stringify(withInvitationSegment(ctx, invitation, input.data)) : json,
      invitation,
      presented,
    };
    // The usual save (no invitation, a new or partial response) is one statement. On PostgreSQL it is
    // committed on its own: one round trip instead of four, and on our 2-core machine each costs the
    // server and the database more CPU than the statement itself. It is acknowledged once committed, as a
    // unit of work would be; a storage failure answers 503 the same way.
    if (!invitation && this.dataSource.options.type === 'postgres') {
      const done = await storing(saveWithoutInvitation(this.dataSource.manager, save));
      if (done) return done;
    }
    try {
      return await this.uow.run((em) => this.write(em, save));
    } catch (e) {
      // Two first submissions of the same UUID racing on PostgreSQL: the loser retries and sees the winner.
      if (isUniqueViolation(e)) return this.uow.run((em) => this.write(em, save));
      throw e;
    }
  }

  /** The campaign is open and the answers fit its questionnaire: their JSON, or a domain error. */
  private checked(ctx: CampaignContext, input: Submission): string {
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
    return JSON.stringify(input.data);
  }

  /**
   * PostgreSQL, an open campaign: the save in one statement and one round trip, checked against the
   * context this process last read for the slug. The statement inserts (or updates a partial response, as
   * saveWithoutInvitation) only if the campaign and its evaluation are still exactly as that context says,
   * so the answers were checked against the questionnaire in force and the campaign's dates are the ones
   * used. Null on any doubt (a refusal by the last context, a changed campaign, a response that needs the
   * checks of `write`): the caller then decides on a fresh read. Reading the campaign on every save was,
   * measured, half of PostgreSQL's CPU per save.
   */
  private async saveOnLastContext(
    ctx: CampaignContext,
    uuid: string,
    input: Submission,
  ): Promise<SubmissionResult | null> {
    const { campaign } = ctx;
    if (campaign.access !== 'public' || campaign.status !== 'open') return null;
    let json: string;
    try {
      json = this.checked(ctx, input);
    } catch {
      return null; // refused on a context that may be out of date: refused again, or not, on a fresh one
    }
    const now = new Date().toISOString();
    const submittedAt = input.status === 'complete' ? now : null;
    const [row] = await storing(
      preparedStatement<SavedRow>(this.dataSource, 'trame_public_save', SAVE_ON_CONTEXT, [
        uuid,
        input.status,
        json,
        now,
        now,
        submittedAt,
        ...publicCampaignParams(ctx),
        input.baseRevision ?? null,
      ]),
    );
    return row ? saved(uuid, input.status, row, now, submittedAt) : null;
  }

  /**
   * One unit of work, in plain SQL (hot path): read the response, insert or update it. Nothing shared by
   * the campaign's saves is written (the results' key counts complete responses, docs/adr/0005). On
   * PostgreSQL the response's row (and the invitation's, when one is bound) is locked for the rest of the
   * transaction, so that two saves of one response, or two responses of one invitation, follow each other
   * instead of both passing the checks: a complete response is never overwritten.
   */
  private async write(em: EntityManager, save: Save): Promise<SubmissionResult> {
    const { campaign, uuid, status, json, invitation, baseRevision } = save;
    const lock = em.connection.options.type === 'postgres' ? ' FOR UPDATE' : '';
    const now = new Date().toISOString();
    const submittedAt = status === 'complete' ? now : null;
    // SQLite: the same single statement first, inside the unit (group commit). PostgreSQL tried it
    // before the unit (submit).
    if (!invitation && em.connection.options.type !== 'postgres') {
      const done = await saveWithoutInvitation(em, save);
      if (done) return done;
    }
    const [existing] = await rawQuery<StoredRow>(em, SELECT_RESPONSE + lock, [campaign.id, uuid]);
    if (existing && !answersTo(campaign, existing, save.presented)) throw responseNotFound();
    if (existing?.status === 'complete') {
      if (status === 'complete' && sameJson(existing.data, json)) return { created: false, body: view(uuid, existing) };
      throw new ConflictError(
        'RESPONSE_ALREADY_COMPLETE',
        'Cette réponse a déjà été envoyée et ne peut plus être modifiée.',
      );
    }
    const revision = existing ? Number(existing.revision) : 0;
    if (existing && baseRevision !== null && baseRevision !== revision) {
      // The same answers again (a retry whose acknowledgement was lost): nothing to choose between.
      if (status === existing.status && sameJson(existing.data, json))
        return { created: false, body: view(uuid, existing) };
      throw new ConflictError(
        'RESPONSE_CHANGED',
        'Ces réponses ont été modifiées sur un autre appareil depuis votre dernier enregistrement.',
        { ...view(uuid, existing), data: JSON.parse(existing.data) as Record<string, unknown> },
      );
    }
    // An existing response of this invitation is already its one response; a new one takes the invitation.
    if (invitation && !existing) {
      const fresh = await invitationResponse(em, invitation.id, lock !== '');
      if (fresh?.responseUuid && fresh.responseUuid !== uuid) {
        throw new ConflictError('INVITATION_USED', 'Cette invitation a déjà servi pour une autre réponse.');
      }
      if (!fresh?.responseUuid) await bindInvitation(em, invitation.id, uuid);
    }
    if (existing) {
      await rawQuery(
        em,
        'UPDATE response SET status = ?, data = ?, updated_at = ?, submitted_at = ?, revision = ? WHERE id = ?',
        [status, json, now, submittedAt, revision + 1, existing.id],
      );
    } else {
      await rawQuery(
        em,
        `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at, revision)
         VALUES (?, ?, ?, ?, ?, 'web', ?, ?, ?, 1)`,
        [campaign.id, uuid, status, json, invitation?.id ?? null, now, now, submittedAt],
      );
    }
    return {
      created: !existing,
      body: {
        id: uuid,
        status,
        createdAt: existing?.created_at ?? now,
        updatedAt: now,
        submittedAt,
        revision: revision + 1,
      },
    };
  }

  /**
   * The invitation a request presents. An invitation campaign requires a valid token (403 otherwise); an
   * open campaign accepts a token without requiring it (a response started while the campaign was on
   * invitation still answers to its invitation), an unknown one counting as none.
   */
  private async presentedInvitation(ctx: CampaignContext, token: string | undefined): Promise<Invitation | null> {
    if (ctx.campaign.access !== 'invitation')
      return token ? this.campaigns.findInvitation(ctx.campaign.id, token) : null;
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

export type { SubmissionResult } from './response-statements.js';
