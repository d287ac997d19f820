import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type Bundle,
  type DeletionCounts,
  type EvaluationTemplate,
  indicatorsOf,
  type NewEvaluationInput,
  parseBundle,
} from '@trame/shared';
import { In, type Repository } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { InvalidDocumentError, NotFoundError } from '../../errors/domain-error.js';
import type { EvaluationAccess, OrganisationAccess } from '../../http/access.decorator.js';
import type { AuthContext } from '../../http/current-user.decorator.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { campaignsOfEvaluation, deleteCampaigns } from '../campaigns/campaigns.repository.js';
import { deleteImportsOf } from '../responses/responses.repository.js';
import { evaluationFields, toBundle } from './bundle-mapping.js';
import { DeletedCampaigns } from './deleted-campaigns.js';
import { checkConfirmation, deletionCounts } from './deletion.js';
import { Evaluation } from './evaluation.entity.js';
import { EvaluationDesignService } from './evaluation-design.service.js';
import { lockEvaluation } from './evaluation-store.js';
import type { InternalDataInput } from './evaluations.dto.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';
import { templateBundle, templateList } from './templates.js';

/** What identifies one state of an evaluation (cache keys, access checks), without its JSON documents. */
export type EvaluationHeader = Pick<Evaluation, 'id' | 'organisationId' | 'revision' | 'updatedAt'>;

export interface EvaluationSummary {
  id: number;
  organisationId: number;
  title: string;
  description: string | null;
  revision: number;
  questionnaireVersion: number;
  counts: { dimensions: number; criteria: number; indicators: number; segments: number; internalData: number };
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class EvaluationsService {
  private templateCache: EvaluationTemplate[] | undefined;

  constructor(
    @InjectRepository(Evaluation) private readonly evaluations: Repository<Evaluation>,
    @InjectRepository(QuestionnaireVersion) private readonly versions: Repository<QuestionnaireVersion>,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(DeletedCampaigns) private readonly deletedCampaigns: DeletedCampaigns,
    @Inject(EvaluationDesignService) private readonly designs: EvaluationDesignService,
  ) {}

  /** Imports a `trame-bundle/1` document: all or nothing, 422 with every `{path, message}` problem. */
  async importBundle(access: OrganisationAccess, input: unknown) {
    const { evaluation, coverage } = await this.createFromBundle(access.organisationId, input);
    return { ...this.summary(evaluation, 1), coverage };
  }

  /** Also used by the demo loader (no user: the organisation is given). */
  async createFromBundle(organisationId: number, input: unknown) {
    const parsed = parseBundle(input);
    if (!parsed.ok)
      throw new InvalidDocumentError(
        'INVALID_BUNDLE',
        'Le fichier d’évaluation est invalide : rien n’a été enregistré.',
        parsed.errors,
      );
    const { bundle, coverage } = parsed.value;
    const now = new Date().toISOString();
    const evaluation = await this.uow.run(async (em) => {
      const e = await em
        .getRepository(Evaluation)
        .save({ organisationId, ...evaluationFields(bundle), revision: 0, createdAt: now, updatedAt: now });
      await em
        .getRepository(QuestionnaireVersion)
        .save({ evaluationId: e.id, version: 1, definition: bundle.questionnaire, createdAt: now });
      return e;
    });
    return { evaluation, coverage };
  }

  async list(user: AuthContext): Promise<EvaluationSummary[]> {
    const orgs = await this.accounts.organisationsOf(user.userId);
    if (orgs.length === 0) return [];
    const rows = await this.evaluations.find({
      where: { organisationId: In(orgs.map((o) => o.id)) },
      order: { id: 'ASC' },
    });
    const latest = await this.latestVersions(rows.map((r) => r.id));
    return rows.map((e) => this.summary(e, latest.get(e.id)?.version ?? 1));
  }

  async get(access: EvaluationAccess) {
    const e = await this.granted(access);
    const qv = await this.latestVersion(e.id);
    return {
      ...this.summary(e, qv.version),
      locale: e.locale,
      organization: e.organizationInfo,
      settings: e.settings,
      framework: e.framework,
      segments: e.segments,
      internalData: e.internalData,
      questionnaire: qv.definition,
    };
  }

  async exportBundle(access: EvaluationAccess): Promise<Bundle> {
    const e = await this.granted(access);
    return toBundle(e, (await this.latestVersion(e.id)).definition);
  }

  /** The bundle with the latest questionnaire, without an access check (demo loader, internal use). */
  async exportBundleOf(id: number): Promise<Bundle> {
    const e = await this.evaluations.findOneByOrFail({ id });
    return toBundle(e, (await this.latestVersion(id)).definition);
  }

  /** The design's use cases (evaluation-design.service.ts), under the names the routes have always had. */
  replaceQuestionnaire(access: EvaluationAccess, questionnaire: unknown) {
    return this.designs.replaceQuestionnaire(access, questionnaire);
  }

  setInternalData(access: EvaluationAccess, code: string, input: InternalDataInput) {
    return this.designs.setInternalData(access, code, input);
  }

  /** A new evaluation from a template (templates.ts), created as the import of its bundle would be. */
  async createFromTemplate(access: OrganisationAccess, input: NewEvaluationInput) {
    return this.importBundle(access, templateBundle(input));
  }

  /** Worked out once: the templates do not change while the server runs. */
  templates(): EvaluationTemplate[] {
    return (this.templateCache ??= this.listTemplates());
  }

  private listTemplates(): EvaluationTemplate[] {
    return templateList((bundle) => {
      const parsed = parseBundle(bundle);
      // The templates are ours: one that the validator refuses is a bug, and answers 500 saying so.
      if (!parsed.ok) throw new Error(`Modèle invalide : ${JSON.stringify(parsed.errors.slice(0, 3))}`);
      return countsOf(parsed.value.bundle);
    });
  }

  /**
   * Deletes the evaluation with everything it holds, in one transaction: its campaigns (their invitations,
   * and their responses through the responses module's cascading foreign key), its questionnaire
   * versions, then its row. With responses, only with the confirmation its counts ask for (deletion.ts).
   */
  async delete(access: EvaluationAccess, confirm: string | undefined): Promise<{ deleted: DeletionCounts }> {
    const { counts, campaigns } = await this.uow.run(async (em) => {
      const e = await lockEvaluation(em, access.evaluationId, access.organisationId);
      if (!e) throw new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND');
      // Locked (PostgreSQL): no campaign is added, and no response stored, until this ends.
      const campaigns = await campaignsOfEvaluation(em, e.id, true);
      const versions = em.getRepository(QuestionnaireVersion);
      const ids = campaigns.map((c) => c.id);
      const counts = await deletionCounts(em, ids, await versions.count({ where: { evaluationId: e.id } }));
      checkConfirmation(counts, confirm, { kind: 'evaluation', title: e.title });
      // Campaigns first: they reference the versions (fk_campaign_questionnaire_version, RESTRICT).
      await deleteCampaigns(em, ids);
      await deleteImportsOf(em, ids);
      await versions.delete({ evaluationId: e.id });
      await em.getRepository(Evaluation).delete({ id: e.id });
      return { counts, campaigns };
    });
    this.deletedCampaigns.deleted(campaigns);
    return { deleted: counts };
  }

  /**
   * The evaluation AccessGuard resolved, read within the organisation it resolved: an evaluation moved or
   * deleted since is missing, never another organisation's.
   */
  private async granted(access: EvaluationAccess): Promise<Evaluation> {
    const e = await this.evaluations.findOne({
      where: { id: access.evaluationId, organisationId: access.organisationId },
    });
    if (!e) throw new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND');
    return e;
  }

  /** Whether any evaluation exists (the demo loads on an empty database only). */
  async any(): Promise<boolean> {
    return (await this.evaluations.count()) > 0;
  }

  findHeader(id: number): Promise<EvaluationHeader | null> {
    return this.evaluations.findOne({
      where: { id },
      select: { id: true, organisationId: true, revision: true, updatedAt: true },
    });
  }

  findById(id: number): Promise<Evaluation | null> {
    return this.evaluations.findOne({ where: { id } });
  }

  async latestVersion(evaluationId: number): Promise<QuestionnaireVersion> {
    const v = await this.versions.findOne({ where: { evaluationId }, order: { version: 'DESC' } });
    if (!v) throw new NotFoundError('Questionnaire', 'QUESTIONNAIRE_NOT_FOUND');
    return v;
  }

  findVersion(id: number): Promise<QuestionnaireVersion | null> {
    return this.versions.findOne({ where: { id } });
  }

  private async latestVersions(ids: number[]): Promise<Map<number, QuestionnaireVersion>> {
    const out = new Map<number, QuestionnaireVersion>();
    if (ids.length === 0) return out;
    const rows = await this.versions.find({
      where: { evaluationId: In(ids) },
      select: { id: true, evaluationId: true, version: true },
    });
    for (const r of rows) if ((out.get(r.evaluationId)?.version ?? 0) < r.version) out.set(r.evaluationId, r);
    return out;
  }

  private summary(e: Evaluation, questionnaireVersion: number): EvaluationSummary {
    return {
      id: e.id,
      organisationId: e.organisationId,
      title: e.title,
      description: e.description,
      revision: e.revision,
      questionnaireVersion,
      counts: countsOf(e),
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
}

/** What an evaluation (or a template's bundle) holds. */
function countsOf(e: Pick<Bundle, 'framework' | 'segments' | 'internalData'>): EvaluationSummary['counts'] {
  return {
    dimensions: e.framework.dimensions.length,
    criteria: e.framework.dimensions.reduce((n, d) => n + d.criteria.length, 0),
    indicators: indicatorsOf({ framework: e.framework } as Bundle).length,
    segments: e.segments.length,
    internalData: e.internalData.length,
  };
}
