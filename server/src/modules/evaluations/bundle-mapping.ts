import { type Bundle, nullObject } from '@trame/shared';
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
  const extra = nullObject<unknown>(); // keyed by the document's unknown fields
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
  // Extra fields are data (`constructor` is a legal one): an object without a prototype, own-key checks.
  const b = nullObject<unknown>();
  b.format = 'trame-bundle/1';
  b.title = e.title;
  if (e.description !== null) b.description = e.description;
  if (e.locale !== null) b.locale = e.locale;
  if (e.organizationInfo) b.organization = e.organizationInfo;
  if (e.settings) b.settings = e.settings;
  b.questionnaire = questionnaire;
  b.segments = e.segments;
  b.framework = e.framework;
  b.internalData = e.internalData;
  if (e.extra) for (const [k, v] of Object.entries(e.extra)) if (!Object.hasOwn(b, k)) b[k] = v;
  return b as Bundle;
}
