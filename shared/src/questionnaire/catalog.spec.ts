import { textOf } from './catalog.js';

describe('textOf', () => {
  it('reads a localised text by own keys only: a locale named like an Object.prototype member falls back', () => {
    expect(textOf({ default: 'Titre', en: 'Title' }, 'en')).toBe('Title');
    expect(textOf({ default: 'Titre' }, 'constructor')).toBe('Titre');
    expect(textOf({ fr: 'Titre' }, 'toString')).toBe('Titre');
  });
});
