import type { Bundle } from '@trame/shared';
import type { Evaluation } from './evaluation.entity.js';

const KNOWN = new Set([
  'format',
  'title',
  'description',
  'locale',
  'organization',
  'settings',
  'questionnaire',
  'segments',
  'framework',
  'internalData',
]);

/** The parts of a validated bundle that go to the evaluation row (the questionnaire goes to a version). */
export function evaluationFields(
  bundle: Bundle,
): Pick<
  Evaluation,
  | 'title'
  | 'description'
  | 'locale'
  | 'organizationInfo'
  | 'settings'
  | 'framework'
  | 'segments'
  | 'internalData'
  | 'extra'
> {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bundle)) if (!KNOWN.has(k)) extra[k] = v;
  return {
    title: bundle.title,
    description: bundle.description ?? null,
    locale: bundle.locale ?? null,
    organizationInfo: bundle.organization ?? null,
    settings: bundle.settings ?? null,
    framework: bundle.framework,
    segments: bundle.segments,
    internalData: bundle.internalData,
    extra: Object.keys(extra).length ? extra : null,
  };
}

/** The `trame-bundle/1` document of an evaluation with one questionnaire version; fields in spec order. */
export function toBundle(e: Evaluation, questionnaire: Record<string, unknown>): Bundle {
  const b: Record<string, unknown> = { format: 'trame-bundle/1', title: e.title };
  if (e.description !== null) b.description = e.description;
  if (e.locale !== null) b.locale = e.locale;
  if (e.organizationInfo) b.organization = e.organizationInfo;
  if (e.settings) b.settings = e.settings;
  b.questionnaire = questionnaire;
  b.segments = e.segments;
  b.framework = e.framework;
  b.internalData = e.internalData;
  if (e.extra) for (const [k, v] of Object.entries(e.extra)) if (!(k in b)) b[k] = v;
  return b as Bundle;
}
