import type { Bundle } from '../bundle/schema.js';
import { parseBundle } from '../bundle/validate.js';
import type { ResponseRecord } from '../types.js';

/** Test factories: a small valid bundle with overrides. Not exported from the package entry. */
export const yesNoNsp = [
  { value: 'oui', text: 'Oui' },
  { value: 'non', text: 'Non' },
  { value: 'nsp', text: 'Je ne sais pas' },
];

export function makeBundle(
  overrides: {
    elements?: Record<string, unknown>[];
    indicators?: Record<string, unknown>[];
    segments?: Record<string, unknown>[];
    internalData?: Record<string, unknown>[];
    settings?: Record<string, unknown>;
    questionnaire?: Record<string, unknown>;
  } = {},
): Bundle {
  const doc = {
    format: 'trame-bundle/1',
    title: 'Test',
    settings: overrides.settings,
    questionnaire: overrides.questionnaire ?? {
      pages: [
        {
          name: 'p1',
          elements: overrides.elements ?? [
            { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
            { type: 'radiogroup', name: 'q', choices: yesNoNsp },
          ],
        },
      ],
    },
    segments: overrides.segments ?? [
      {
        code: 'statut',
        label: 'Statut',
        question: 'statut',
        groups: [
          { code: 'membres', label: 'membres', values: ['membre'] },
          { code: 'autres', label: 'autres', values: ['autre'] },
        ],
      },
    ],
    framework: {
      title: 'F',
      dimensions: [
        {
          code: 'D1',
          title: 'D',
          criteria: [{ code: 'C1', title: 'C', indicators: overrides.indicators ?? [] }],
        },
      ],
    },
    internalData: overrides.internalData ?? [],
  };
  const parsed = parseBundle(doc);
  if (!parsed.ok) throw new Error(`invalid test bundle: ${JSON.stringify(parsed.errors)}`);
  return parsed.value.bundle;
}

export const complete = (data: Record<string, unknown>): ResponseRecord => ({ status: 'complete', data });
export const partial = (data: Record<string, unknown>): ResponseRecord => ({ status: 'partial', data });
