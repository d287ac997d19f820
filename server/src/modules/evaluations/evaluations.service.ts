import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Bundle, indicatorsOf, isForbiddenName, parseBundle } from '@trame/shared';
import { In, type Repository } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { InvalidDocumentError, NotFoundError } from '../../errors/domain-error.js';
import type { EvaluationAccess, OrganisationAccess } from '../../http/access.decorator.js';
import type { AuthContext } from '../../http/current-user.decorator.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { campaignsUsingVersion } from '../campaigns/campaigns.repository.js';
import { anyResponse } from '../responses/responses.repository.js';
import { evaluationFields, toBundle } from './bundle-mapping.js';
import { Evaluation } from './evaluation.entity.js';
import type { InternalDataInput } from './evaluations.dto.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';

/** What identifies one state of an evaluation (cache keys, access checks), without its JSON documents. */
export type EvaluationHeader = Pick<Evaluation, 'id' | 'organisationId' | 'revision' | 'updatedAt'>;

export interface EvaluationSummary {
  id: number;
  organisationId: number;
  title: string;
  description: string | null;
  questionnaireVersion: number;
  counts: { dimensions: number; criteria: number; indicators: number; segments: number; internalData: number };
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class EvaluationsService {
  constructor(
    @InjectRepository(Evaluation) private readonly evaluations: Repository<Evaluation>,
    @InjectRepository(QuestionnaireVersion) private readonly versions: Repository<QuestionnaireVersion>,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
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

  async setInternalData(access: EvaluationAccess, code: string, input: InternalDataInput) {
    const { id } = await this.granted(access);
    // The code becomes a bundle's `internalData[].code`: refused here as parseBundle refuses it there.
    if (isForbiddenName(code))
      throw new InvalidDocumentError('INVALID_INTERNAL_DATA', `Code de donnée interne interdit « ${code} »`, [
        { path: 'code', message: `code de donnée interne interdit « ${code} »` },
      ]);
    return this.uow.run(async (em) => {
      const repo = em.getRepository(Evaluation);
      const e = await repo.findOneByOrFail({ id });
      const list = [...e.internalData];
      const at = list.findIndex((d) => d.code === code);
      if (at < 0 && !input.label) {
        throw new InvalidDocumentError(
          'INVALID_INTERNAL_DATA',
          'Donnée interne inconnue : un libellé est nécessaire pour la créer',
          [{ path: 'label', message: 'champ obligatoire pour une nouvelle donnée interne' }],
        );
      }
      const prev = at >= 0 ? list[at]! : { code, label: input.label! };
      const next: Record<string, unknown> = { ...prev, value: input.value };
      if (input.label) next.label = input.label;
      for (const k of ['period', 'source', 'unit'] as const) {
        if (input[k] === null) delete next[k];
        else if (input[k] !== undefined) next[k] = input[k];
      }
      if (at >= 0) list[at] = next as (typeof list)[number];
      else list.push(next as (typeof list)[number]);
      await repo.save({ ...e, internalData: list, revision: e.revision + 1, updatedAt: new Date().toISOString() });
      return next;
    });
  }

  /**
   * Replaces the questionnaire. The whole bundle is validated again (indicators and segments must still
   * find their questions). A version that has responses is never modified: the change makes a new version,
   * used by campaigns created afterwards; existing campaigns keep theirs.
   */
  async replaceQuestionnaire(access: EvaluationAccess, questionnaire: unknown) {
    const e = await this.granted(access);
    const id = e.id;
    const parsed = parseBundle({ ...toBundle(e, {}), questionnaire });
    if (!parsed.ok)
      throw new InvalidDocumentError(
        'INVALID_QUESTIONNAIRE',
        'Questionnaire refusé : rien n’a été enregistré.',
        parsed.errors,
      );
    const definition = parsed.value.bundle.questionnaire;
    return this.uow.run(async (em) => {
      const versions = em.getRepository(QuestionnaireVersion);
      const latest = await versions.findOneOrFail({ where: { evaluationId: id }, order: { version: 'DESC' } });
      // Answered in any campaign that uses it: the campaigns module knows which, the responses module whether.
      const used = await anyResponse(em, await campaignsUsingVersion(em, latest.id));
      const now = new Date().toISOString();
      // Cached bundles and results are keyed by the evaluation's revision: a questionnaire edited in
      // place must not be served from them.
      await em.getRepository(Evaluation).update({ id }, { revision: () => 'revision + 1', updatedAt: now });
      if (used) {
        const created = await versions.save({
          evaluationId: id,
          version: latest.version + 1,
          definition,
          createdAt: now,
        });
        return { questionnaireVersion: created.version, newVersion: true };
      }
      await versions.save({ ...latest, definition });
      return { questionnaireVersion: latest.version, newVersion: false };
    });
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
    const bundleLike = { framework: e.framework } as Bundle;
    return {
      id: e.id,
      organisationId: e.organisationId,
      title: e.title,
      description: e.description,
      questionnaireVersion,
      counts: {
        dimensions: e.framework.dimensions.length,
        criteria: e.framework.dimensions.reduce((n, d) => n + d.criteria.length, 0),
        indicators: indicatorsOf(bundleLike).length,
        segments: e.segments.length,
        internalData: e.internalData.length,
      },
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    };
  }
}
