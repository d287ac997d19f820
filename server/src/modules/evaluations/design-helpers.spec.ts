import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bundle, parseBundle } from '@trame/shared';
import { sameJson } from './evaluation-store.js';
import { indicatorsUsing, renameInternal } from './internal-data.js';
import { EXAMPLE_SOURCE, templateBundle } from './templates.js';

const coopart = () => {
  const parsed = parseBundle(JSON.parse(readFileSync(join(process.cwd(), 'server/demo/coopart/bundle.json'), 'utf8')));
  if (!parsed.ok) throw new Error('bundle');
  return parsed.value.bundle;
};

describe('templates', () => {
  it.each(['blank', 'coopart'] as const)('%s gives a bundle the shared validator accepts', (template) => {
    const bundle = templateBundle({ title: 'Mon évaluation', description: 'Pour voir', template });
    const parsed = parseBundle(bundle);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(bundle).toMatchObject({ title: 'Mon évaluation', description: 'Pour voir' });
    expect((bundle.framework as Bundle['framework']).title).toBe('Mon évaluation');
    expect(bundle).not.toHaveProperty('organization');
  });

  it('coopart keeps the demo’s référentiel and questionnaire, its figures marked as examples', () => {
    const demo = coopart();
    const bundle = parseBundle(templateBundle({ title: 'X', template: 'coopart' }));
    if (!bundle.ok) throw new Error('template');
    expect(bundle.value.bundle.framework.dimensions).toEqual(demo.framework.dimensions);
    expect(bundle.value.bundle.questionnaire).toEqual(demo.questionnaire);
    expect(bundle.value.bundle.internalData).toEqual(demo.internalData.map((d) => ({ ...d, source: EXAMPLE_SOURCE })));
    // Without a description, none: not Coop'Art's.
    expect(bundle.value.bundle.description).toBeUndefined();
  });
});

describe('internal data in the framework', () => {
  it('finds the indicators that read a datum, by path, for both kinds of use', () => {
    const { framework } = coopart();
    expect(indicatorsUsing(framework, 'temps_rencontre_2024').map((u) => [u.path, u.code])).toEqual([
      ['framework.dimensions[0].criteria[3].indicators[2].internal', 'I10'],
    ]);
    expect(indicatorsUsing(framework, 'societaires_2025').map((u) => [u.path, u.code])).toEqual([
      ['framework.dimensions[0].criteria[6].indicators[3].denominator', 'I22'],
    ]);
    expect(indicatorsUsing(framework, 'salaries')).toEqual([]);
  });

  it('renames a datum in every indicator that reads it, and nowhere else', () => {
    const bundle = coopart();
    const renamed = renameInternal(bundle.framework, 'societaires_2025', 'societaires');
    expect(indicatorsUsing(renamed, 'societaires_2025')).toEqual([]);
    expect(indicatorsUsing(renamed, 'societaires').map((u) => u.code)).toEqual(['I22']);
    const after = parseBundle({
      ...bundle,
      framework: renamed,
      internalData: bundle.internalData.map((d) => (d.code === 'societaires_2025' ? { ...d, code: 'societaires' } : d)),
    });
    expect(after.ok).toBe(true);
    // The original is left as it was.
    expect(indicatorsUsing(bundle.framework, 'societaires_2025')).toHaveLength(1);
  });
});

describe('sameJson', () => {
  it('ignores key order, not values or array order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson(JSON.parse('{"__proto__": 1}'), {})).toBe(false);
  });
});
