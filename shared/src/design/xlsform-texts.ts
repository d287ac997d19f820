/**
 * The languages of an XLSForm and its localised texts: which `label::…` columns there are, the locale
 * code of each, and a cell's text in every language as SurveyJS stores it (xlsform.ts).
 */
import { languageCode } from './languages.js';
import { fold, issue, type Column, type DesignIssue, type Row, type Table } from './sheet.js';
import { piped } from './xlsform-rules.js';

export type Text = string | Record<string, string>;

export class FormTexts {
  /** Language labels of the columns (`Français (fr)`), in the order first seen. */
  readonly languages: string[] = [];
  /** Code of the default language (`settings.default_language`, else the first column's). */
  defaultLanguage?: string;

  constructor(tables: readonly (Table | undefined)[], warnings: DesignIssue[]) {
    const seen = new Set<string>();
    for (const table of tables) {
      for (const c of table?.columns ?? []) {
        const parts = c.header.split('::');
        const media = fold(parts[0]!);
        if (['media', 'image', 'audio', 'video', 'big-image', 'big image'].includes(media)) {
          const used = table!.rows.find((r) => r.text(c) !== '');
          if (used)
            warnings.push(
              used.issue(`colonne « ${c.header} » ignorée : les images, sons et vidéos ne sont pas importés`, c),
            );
          continue;
        }
        if (parts.length < 2) continue;
        const base = fold(parts[0]!);
        if (
          base === 'media' ||
          !['label', 'hint', 'constraint message', 'required message', 'guidance hint'].includes(base)
        )
          continue;
        const lang = parts.slice(1).join('::').trim();
        if (seen.has(lang)) continue;
        seen.add(lang);
        this.languages.push(lang);
        if (!languageCode(lang))
          warnings.push(
            issue(
              table!.name,
              `langue « ${lang} » sans code reconnu : écrivez par exemple « label::Français (fr) »`,
              table!.headerRow,
              c.header,
            ),
          );
      }
    }
  }

  /** The locale code of a language column's label (`Français (fr)` → `fr`). */
  code(lang: string): string {
    return (
      languageCode(lang) ??
      (lang
        .normalize('NFD')
        .replace(/[^A-Za-z0-9-]/g, '')
        .toLowerCase() ||
        'xx')
    );
  }

  /**
   * A localised text: a string with one language, `{ default, fr, es… }` with several. SurveyJS reads
   * `default` as the text of its own default locale, English: so English, when the form has it, is the
   * `default` text (and no `en` key), else the plain column's, else the default language's.
   */
  text(table: Table, row: Row, field: string): Text | undefined {
    const plain = row.text(table.column(field));
    if (this.languages.length === 0) return plain ? piped(plain) : undefined;
    const texts = new Map<string, string>();
    for (const lang of this.languages) {
      const col = this.languageColumn(table, field, lang);
      const t = row.text(col);
      const code = this.code(lang);
      if (t && !texts.has(code)) texts.set(code, t);
    }
    const byDefault = this.defaultLanguage ? texts.get(this.defaultLanguage) : undefined;
    const fallback = texts.get('en') ?? (plain || byDefault || [...texts.values()][0]);
    if (fallback === undefined) return undefined;
    texts.delete('en');
    if (plain && plain !== fallback && this.defaultLanguage && !texts.has(this.defaultLanguage))
      texts.set(this.defaultLanguage, plain);
    if (texts.size === 0) return piped(fallback);
    const out = Object.create(null) as Record<string, string>;
    out['default'] = fallback;
    for (const [k, v] of texts) out[k] = v;
    for (const k of Object.keys(out)) out[k] = piped(out[k]!);
    return { ...out };
  }

  private readonly languageColumns = new Map<string, Column | undefined>();

  /** The column of `field` in `lang` (`label::Français (fr)`), looked up once per table. */
  private languageColumn(table: Table, field: string, lang: string): Column | undefined {
    const key = `${table.name}\u0000${field}\u0000${lang}`;
    if (this.languageColumns.has(key)) return this.languageColumns.get(key);
    const col = table.columns.find((c) => {
      const parts = c.header.split('::');
      return parts.length >= 2 && fold(parts[0]!) === fold(field) && parts.slice(1).join('::').trim() === lang;
    });
    this.languageColumns.set(key, col);
    return col;
  }
}
