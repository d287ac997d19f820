/**
 * The starting points of an evaluation built without writing JSON (issue 10): each is a `trame-bundle/1`
 * document that the shared validator accepts, created as an import of it would be.
 */
import type { EvaluationTemplate, EvaluationTemplateId, NewEvaluationInput } from '@trame/shared';
import { demoBundle } from '../demo/demo-files.js';

/** What the templates' internal data say of their figures: Coop'Art's, to be replaced. */
export const EXAMPLE_SOURCE = 'Exemple Coop’Art : à remplacer par vos chiffres';

interface Template {
  title: string;
  description: string;
  /** The bundle, before the title and description given by the caller. */
  bundle: () => Record<string, unknown>;
}

/**
 * A blank evaluation. The spec's validator refuses a questionnaire without a question, and an editor
 * needs somewhere to start: one page with one question (the status that members and non-members answer,
 * the usual first segment), and one dimension holding one criterion, without indicators yet (the
 * coverage report lists both as gaps to fill).
 */
function blankBundle(): Record<string, unknown> {
  return {
    format: 'trame-bundle/1',
    title: 'Nouvelle évaluation',
    locale: 'fr',
    questionnaire: {
      pages: [
        {
          name: 'page1',
          title: 'Page 1',
          elements: [
            {
              type: 'radiogroup',
              name: 'statut',
              title: 'Êtes-vous associé·e (sociétaire) de la structure ?',
              choices: [
                { value: 'associe', text: 'Oui' },
                { value: 'non_associe', text: 'Non' },
              ],
            },
          ],
        },
      ],
    },
    segments: [],
    framework: {
      dimensions: [
        {
          code: 'D1',
          title: 'Dimension 1',
          criteria: [{ code: 'C1', title: 'Critère 1', indicators: [] }],
        },
      ],
    },
    internalData: [],
  };
}

/**
 * Coop'Art's référentiel (dimensions, criteria, indicators), questionnaire and segments, from the demo
 * the server ships, without its responses. Its internal data keep Coop'Art's figures as examples (the
 * format wants a number; a made-up zero would pass unnoticed) and their source says so. Its
 * `organization` block is left out: the new evaluation is not Coop'Art's, and campaigns pre-fill their
 * notice's controller from it.
 */
function coopartBundle(): Record<string, unknown> {
  const demo = demoBundle();
  if (!demo || typeof demo !== 'object') throw new Error('Modèle Coop’Art introuvable (server/demo/coopart)');
  const { organization: _organization, ...bundle } = demo as Record<string, unknown>;
  const internalData = (bundle.internalData as Record<string, unknown>[]).map((d) => ({
    ...d,
    source: EXAMPLE_SOURCE,
  }));
  return { ...bundle, internalData };
}

const TEMPLATES: Record<EvaluationTemplateId, Template> = {
  blank: {
    title: 'Évaluation vierge',
    description:
      'Une page avec une question (le statut d’associé·e) et une dimension avec un critère, sans indicateur : à compléter.',
    bundle: blankBundle,
  },
  coopart: {
    title: 'Référentiel Coop’Art (SCIC culturelle)',
    description:
      'Les 4 dimensions, les critères, les indicateurs, le questionnaire et les segments de l’évaluation de Coop’Art, sans ses réponses ; ses données internes sont gardées comme exemples, à remplacer.',
    bundle: coopartBundle,
  },
};

/** The bundle of a new evaluation from a template, with the caller's title and description. */
export function templateBundle(input: NewEvaluationInput): Record<string, unknown> {
  const { description: _description, ...bundle } = TEMPLATES[input.template].bundle();
  const framework = { ...(bundle.framework as Record<string, unknown>), title: input.title };
  return {
    ...bundle,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    framework,
  };
}

/** The templates with their French titles and what each holds (counted from its bundle). */
export function templateList(
  counts: (bundle: Record<string, unknown>) => EvaluationTemplate['counts'],
): EvaluationTemplate[] {
  return (Object.keys(TEMPLATES) as EvaluationTemplateId[]).map((id) => {
    const t = TEMPLATES[id];
    return { id, title: t.title, description: t.description, counts: counts(t.bundle()) };
  });
}
