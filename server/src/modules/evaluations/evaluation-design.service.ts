import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type Bundle,
  type CoverageReport,
  type CreateInternalDatumInput,
  type EvaluationDesign,
  isForbiddenName,
  parseBundle,
  type UpdateInternalDatumInput,
  type ValidationIssue,
} from '@trame/shared';
import type { EntityManager, Repository } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { ConflictError, InvalidDocumentError, NotFoundError } from '../../errors/domain-error.js';
import type { EvaluationAccess } from '../../http/access.decorator.js';
import { campaignsOfEvaluation } from '../campaigns/campaigns.repository.js';
import { anyResponse, countResponses } from '../responses/responses.repository.js';
import { evaluationFields, toBundle } from './bundle-mapping.js';
import { Evaluation } from './evaluation.entity.js';
import { lockEvaluation, sameJson, storeQuestionnaire } from './evaluation-store.js';
import type { InternalDataInput } from './evaluations.dto.js';
import { indicatorsUsing, renameInternal } from './internal-data.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';

type Datum = Bundle['internalData'][number];

/** A change worked out on one state of the evaluation (validated), before it is written. */
interface Plan {
  /** The evaluation's fields after the change: a validated bundle. */
  bundle: Bundle;
  coverage: CoverageReport;
  /** Store the bundle's questionnaire as the latest version (else the latest stays as it is). */
  storeQuestionnaire: boolean;
}

interface Saved {
  design: EvaluationDesign;
  questionnaireVersion: number;
  newVersion: boolean;
}

/** The design as the editor sends it, past the envelope check (`baseRevision`): the rest is the bundle's. */
export type DesignBody = Record<string, unknown> & { baseRevision: number };

const DESIGN_PARTS = ['title', 'framework', 'segments', 'internalData', 'questionnaire'] as const;
/** Changes that meet another change of the same evaluation are tried again, from its new state, this often. */
const ATTEMPTS = 3;

/**
 * Changes to an evaluation's design (issue 10): the whole design at once, the questionnaire, internal
 * data one by one. Every change is worked out on the evaluation as read, validated as a whole
 * `trame-bundle/1` document by the shared validator (422 with every `{path, message}`, nothing written),
 * then written in one transaction that first locks the evaluation and checks that its revision is still
 * the one read; each change bumps it. A change that says which revision it was based on (`baseRevision`)
 * and meets another is refused (409 with the current design): two editors never silently overwrite each
 * other. Changes without one (the older routes) are worked out again on the new state.
 *
 * The revision is also part of the key of the cached bundles and results (CampaignsService.bundleOf,
 * ResultsService): a changed référentiel is never served from them.
 */
@Injectable()
export class EvaluationDesignService {
  constructor(
    @InjectRepository(Evaluation) private readonly evaluations: Repository<Evaluation>,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async design(access: EvaluationAccess): Promise<EvaluationDesign> {
    return readDesign(this.evaluations.manager, await this.granted(access));
  }

  /** Replaces title, description, framework, segments, internal data and questionnaire together. */
  async saveDesign(access: EvaluationAccess, body: DesignBody) {
    const saved = await this.change(access, body.baseRevision, (e, questionnaire) => {
      const missing: ValidationIssue[] = DESIGN_PARTS.filter((k) => body[k] === undefined).map((k) => ({
        path: k,
        message: 'champ obligatoire manquant',
      }));
      const candidate: Record<string, unknown> = { ...toBundle(e, questionnaire) };
      for (const k of DESIGN_PARTS) if (body[k] !== undefined) candidate[k] = body[k];
      // The whole design is replaced: no description (absent, null or empty) is none.
      if (body.description === undefined || body.description === null || body.description === '')
        delete candidate.description;
      else candidate.description = body.description; // not a string: the validator names it
      const plan = validated(candidate, 'INVALID_DESIGN', 'Conception refusée : rien n’a été enregistré.', missing);
      return { ...plan, storeQuestionnaire: !sameJson(plan.bundle.questionnaire, questionnaire) };
    });
    return { ...saved.design, newVersion: saved.newVersion };
  }

  /**
   * Replaces the questionnaire. The whole bundle is validated again (indicators and segments must still
   * find their questions). A version that has responses is never modified: a new version is made.
   */
  async replaceQuestionnaire(access: EvaluationAccess, questionnaire: unknown) {
    const saved = await this.change(access, undefined, (e) => ({
      ...validated(
        { ...toBundle(e, {}), questionnaire },
        'INVALID_QUESTIONNAIRE',
        'Questionnaire refusé : rien n’a été enregistré.',
      ),
      storeQuestionnaire: true,
    }));
    return { questionnaireVersion: saved.questionnaireVersion, newVersion: saved.newVersion };
  }

  /** `PUT …/internal-data/:code`: sets a datum's value (and fields), creating it when `label` is given. */
  async setInternalData(access: EvaluationAccess, code: string, input: InternalDataInput) {
    refuseForbidden(code, 'code');
    let datum: Datum | undefined;
    await this.change(access, undefined, (e, questionnaire) => {
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
      datum = withFields({ ...prev, value: input.value }, input);
      if (at >= 0) list[at] = datum;
      else list.push(datum);
      return this.internalPlan(e, questionnaire, list, e.framework);
    });
    return datum!;
  }

  /** `POST …/internal-data`: a new datum. */
  async createInternalDatum(access: EvaluationAccess, input: CreateInternalDatumInput) {
    refuseForbidden(input.code, 'code');
    const saved = await this.change(access, input.baseRevision, (e, questionnaire) => {
      const same = e.internalData.find((d) => d.code === input.code);
      if (same)
        throw new InvalidDocumentError('INTERNAL_DATA_EXISTS', `Une donnée interne a déjà le code « ${input.code} »`, [
          { path: 'code', message: `code déjà utilisé par la donnée interne « ${same.label} »` },
        ]);
      const datum = withFields({ code: input.code, label: input.label, value: input.value }, input);
      return this.internalPlan(e, questionnaire, [...e.internalData, datum], e.framework);
    });
    return saved.design;
  }

  /**
   * `PATCH …/internal-data/:code`: any of its fields; a new `code` renames it, and the indicators that
   * read it (`internal`, `internal:CODE` operands) follow in the same change.
   */
  async updateInternalDatum(access: EvaluationAccess, code: string, input: UpdateInternalDatumInput) {
    if (input.code !== undefined) refuseForbidden(input.code, 'code');
    const saved = await this.change(access, input.baseRevision, (e, questionnaire) => {
      const at = e.internalData.findIndex((d) => d.code === code);
      if (at < 0) throw new NotFoundError('Donnée interne', 'INTERNAL_DATA_NOT_FOUND');
      const renamed = input.code !== undefined && input.code !== code ? input.code : null;
      if (renamed && e.internalData.some((d) => d.code === renamed))
        throw new InvalidDocumentError('INTERNAL_DATA_EXISTS', `Une donnée interne a déjà le code « ${renamed} »`, [
          { path: 'code', message: `code déjà utilisé par une autre donnée interne` },
        ]);
      const prev = e.internalData[at]!;
      const next = withFields({ ...prev, ...(renamed ? { code: renamed } : {}) }, input);
      if (input.label !== undefined) next.label = input.label;
      if (input.value !== undefined) next.value = input.value;
      const list = e.internalData.map((d, i) => (i === at ? next : d));
      const framework = renamed ? renameInternal(e.framework, code, renamed) : e.framework;
      return this.internalPlan(e, questionnaire, list, framework);
    });
    return saved.design;
  }

  /** `DELETE …/internal-data/:code`: refused (422 naming them) while indicators read the datum. */
  async deleteInternalDatum(access: EvaluationAccess, code: string, baseRevision?: number) {
    const saved = await this.change(access, baseRevision, (e, questionnaire) => {
      if (!e.internalData.some((d) => d.code === code))
        throw new NotFoundError('Donnée interne', 'INTERNAL_DATA_NOT_FOUND');
      const uses = indicatorsUsing(e.framework, code);
      if (uses.length > 0) {
        const named = [...new Set(uses.map((u) => `« ${u.code} »`))];
        throw new InvalidDocumentError(
          'INTERNAL_DATA_IN_USE',
          `La donnée interne « ${code} » est utilisée par ${named.length > 1 ? 'les indicateurs' : 'l’indicateur'} ${named.join(', ')} : retirez-la d’abord de ces indicateurs (ou enregistrez la conception sans elle et sans eux).`,
          uses.map(({ path, message }) => ({ path, message })),
        );
      }
      const list = e.internalData.filter((d) => d.code !== code);
      return this.internalPlan(e, questionnaire, list, e.framework);
    });
    return saved.design;
  }

  private internalPlan(
    e: Evaluation,
    questionnaire: Record<string, unknown>,
    internalData: Datum[],
    framework: Bundle['framework'],
  ): Plan {
    return {
      ...validated(
        { ...toBundle(e, questionnaire), internalData, framework },
        'INVALID_INTERNAL_DATA',
        'Donnée interne refusée : rien n’a été enregistré.',
      ),
      storeQuestionnaire: false,
    };
  }

  /**
   * Works out a change on the evaluation as read (`plan`, which validates and throws 422 or 404), then
   * writes it if the evaluation is still at that revision. See the class comment.
   */
  private async change(
    access: EvaluationAccess,
    baseRevision: number | undefined,
    plan: (e: Evaluation, latestQuestionnaire: Record<string, unknown>) => Plan,
  ): Promise<Saved> {
    for (let attempt = 1; ; attempt++) {
      const e = await this.granted(access);
      if (baseRevision !== undefined && e.revision !== baseRevision) throw await this.stale(access);
      const latest = await this.versions().findOneOrFail({
        where: { evaluationId: e.id },
        order: { version: 'DESC' },
      });
      const p = plan(e, latest.definition);
      const saved = await this.uow.run(async (em): Promise<Saved | null> => {
        const locked = await lockEvaluation(em, e.id, access.organisationId);
        if (!locked) throw new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND');
        if (locked.revision !== e.revision) return null; // changed since it was read: nothing written
        const now = new Date().toISOString();
        const fields = evaluationFields(p.bundle);
        const next: Evaluation = { ...locked, ...fields, revision: locked.revision + 1, updatedAt: now };
        await em.getRepository(Evaluation).save(next);
        const version = p.storeQuestionnaire
          ? await storeQuestionnaire(em, e.id, p.bundle.questionnaire, now)
          : { questionnaireVersion: latest.version, newVersion: false };
        // Read in the transaction: the answer is this change's state, never a later one's.
        return { design: await readDesign(em, next, p.coverage), ...version };
      });
      if (saved) return saved;
      if (baseRevision !== undefined) throw await this.stale(access);
      if (attempt >= ATTEMPTS)
        throw new ConflictError(
          'EVALUATION_BUSY',
          'L’évaluation change en ce moment même (d’autres modifications sont en cours) : réessayez.',
        );
    }
  }

  /** 409 with the design as it is now, for the editor to show what changed before saving again. */
  private async stale(access: EvaluationAccess): Promise<ConflictError> {
    const current = await this.design(access);
    return new ConflictError(
      'EVALUATION_CHANGED',
      `L’évaluation a été modifiée entre-temps (révision ${current.revision}) : rien n’a été enregistré. Rechargez-la, puis refaites votre modification.`,
      { current },
    );
  }

  private versions(): Repository<QuestionnaireVersion> {
    return this.evaluations.manager.getRepository(QuestionnaireVersion);
  }

  private async granted(access: EvaluationAccess): Promise<Evaluation> {
    const e = await this.evaluations.findOne({
      where: { id: access.evaluationId, organisationId: access.organisationId },
    });
    if (!e) throw new NotFoundError('Évaluation', 'EVALUATION_NOT_FOUND');
    return e;
  }
}

/** The bundle, validated by the shared validator, or 422 with every problem (and `extra` ones first). */
function validated(candidate: unknown, code: string, message: string, extra: ValidationIssue[] = []) {
  const parsed = parseBundle(candidate);
  if (!parsed.ok || extra.length > 0)
    throw new InvalidDocumentError(code, message, [...extra, ...(parsed.ok ? [] : parsed.errors)]);
  return parsed.value;
}

/** A datum's code becomes a bundle's `internalData[].code`: refused here as parseBundle refuses it there. */
function refuseForbidden(code: string, path: string): void {
  if (isForbiddenName(code))
    throw new InvalidDocumentError('INVALID_INTERNAL_DATA', `Code de donnée interne interdit « ${code} »`, [
      { path, message: `code de donnée interne interdit « ${code} »` },
    ]);
}

/** The datum with the optional fields given: a value sets the field, `null` clears it. */
function withFields(
  datum: Datum,
  input: { unit?: string | null; period?: string | null; source?: string | null; label?: string },
): Datum {
  const next: Record<string, unknown> = { ...datum };
  if (input.label) next.label = input.label;
  for (const k of ['period', 'source', 'unit'] as const) {
    if (input[k] === null) delete next[k];
    else if (input[k] !== undefined) next[k] = input[k];
  }
  return next as Datum;
}

/**
 * The evaluation's design as the editor reads it: its documents, the latest questionnaire, and each
 * questionnaire version with the campaigns that use it and whether it has responses.
 */
export async function readDesign(
  em: EntityManager,
  e: Evaluation,
  coverage?: CoverageReport,
): Promise<EvaluationDesign> {
  const versions = await em.getRepository(QuestionnaireVersion).find({
    where: { evaluationId: e.id },
    order: { version: 'ASC' },
  });
  const latest = versions.at(-1);
  if (!latest) throw new NotFoundError('Questionnaire', 'QUESTIONNAIRE_NOT_FOUND');
  const campaigns = await campaignsOfEvaluation(em, e.id);
  const counts = await countResponses(
    em,
    campaigns.map((c) => c.id),
  );
  const answered = new Map<number, boolean>();
  for (const v of versions)
    answered.set(
      v.id,
      await anyResponse(
        em,
        campaigns.filter((c) => c.questionnaireVersionId === v.id).map((c) => c.id),
      ),
    );
  let report = coverage;
  if (!report) {
    const parsed = parseBundle(toBundle(e, latest.definition));
    report = parsed.ok
      ? parsed.value.coverage
      : // Stored before a stricter validator: what it now finds is shown, not hidden.
        {
          criteriaWithoutIndicators: [],
          indicatorsWithoutQuestion: [],
          questionsWithoutIndicator: [],
          warnings: parsed.errors,
        };
  }
  report = { ...report, warnings: [...report.warnings, ...olderVersionWarnings(e, versions, campaigns)] };
  return {
    id: e.id,
    revision: e.revision,
    title: e.title,
    description: e.description,
    framework: e.framework,
    segments: e.segments,
    internalData: e.internalData,
    questionnaire: latest.definition,
    questionnaireVersion: latest.version,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      answered: answered.get(v.id) ?? false,
      campaigns: campaigns
        .filter((c) => c.questionnaireVersionId === v.id)
        .map((c) => ({ id: c.id, title: c.title, responses: counts.get(c.id) ?? { complete: 0, partial: 0 } })),
    })),
    coverage: report,
    updatedAt: e.updatedAt,
  };
}

/**
 * Campaigns on an older questionnaire version compute the current framework on their own questionnaire:
 * what it misses there (an indicator on a question added since…) is not an error of the design, but the
 * group should know that those figures stay empty in those campaigns. One warning per problem, naming
 * the version and its campaigns.
 */
function olderVersionWarnings(
  e: Evaluation,
  versions: QuestionnaireVersion[],
  campaigns: { questionnaireVersionId: number; title: string }[],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const v of versions.slice(0, -1)) {
    const using = campaigns.filter((c) => c.questionnaireVersionId === v.id).map((c) => `« ${c.title} »`);
    if (using.length === 0) continue;
    const parsed = parseBundle(toBundle(e, v.definition));
    if (parsed.ok) continue;
    const where = `version ${v.version} du questionnaire (${using.length > 1 ? 'campagnes' : 'campagne'} ${using.join(', ')})`;
    for (const issue of parsed.errors)
      out.push({
        path: issue.path,
        message: `${where} : ${issue.message} (dans ses réponses, ce qui en dépend reste vide)`,
      });
  }
  return out;
}
