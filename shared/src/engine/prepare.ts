import type { Bundle, Indicator } from '../bundle/schema.js';
import { buildCatalog, resolveRef, type QuestionnaireCatalog } from '../questionnaire/catalog.js';
import type { ResponseRecord } from '../types.js';
import { Column, ColumnCondition, neededRoots } from './columns.js';
import { keySet } from './values.js';

/**
 * The respondents as the engine sees them: complete responses only (rule 1), as columns of the data keys the
 * bundle reads, with the answers of questions hidden by `visibleIf` removed as SurveyJS removes them on
 * completion (rule 4), and a membership mask per segment group.
 */
export class Prepared {
  readonly catalog: QuestionnaireCatalog;
  readonly size: number;
  /** groupMasks[segment][group][respondent] = 1 when the respondent belongs to the group. */
  readonly groupMasks: Uint8Array[][];
  private readonly roots = new Map<string, Column>();
  private readonly derived = new Map<string, Column | null>();
  private readonly conditions = new Map<string, ColumnCondition>();

  constructor(
    readonly bundle: Bundle,
    indicators: Indicator[],
    responses: Iterable<ResponseRecord>,
  ) {
    this.catalog = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
    const names = [...neededRoots(bundle, this.catalog, indicators, (e) => this.conditionUnbound(e))];
    const byKey = new Map<string, Column>();
    // An array tells its length: no growing (growing means copies, and garbage to collect).
    let capacity = Array.isArray(responses) ? Math.max(1, responses.length) : 1024;
    for (const n of names) {
      const c = new Column(capacity);
      this.roots.set(n, c);
      byKey.set(n, c);
    }
    // One pass over the stream of responses; only the codes are kept, never the response objects.
    let size = 0;
    for (const r of responses) {
      if (r.status !== 'complete') continue;
      if (size === capacity) {
        capacity *= 2;
        for (const c of byKey.values()) c.resize(capacity);
      }
      const d = r.data ?? {};
      // Walking the record's own keys beats one keyed load per needed name on objects of varied shapes.
      for (const key in d) {
        const col = byKey.get(key);
        if (col) col.codes[size] = col.encode(d[key]);
      }
      size++;
    }
    this.size = size;
    if (size !== capacity) for (const c of byKey.values()) c.resize(size);
    for (const c of this.conditions.values()) c.bind(this.roots);
    this.clearHidden();

    this.groupMasks = bundle.segments.map((s) => {
      const col = this.column(s.question);
      return s.groups.map((g) => {
        const mask = new Uint8Array(this.size);
        if (!col) return mask;
        const keys = keySet(g.values);
        const hit = col.entries.map((e) => e.keys.some((k) => keys.has(k)));
        for (let i = 0; i < this.size; i++) {
          const c = col.codes[i]!;
          if (c >= 0 && hit[c]) mask[i] = 1;
        }
        return mask;
      });
    });
  }

  private conditionUnbound(expression: string): ColumnCondition {
    let c = this.conditions.get(expression);
    if (!c) {
      c = new ColumnCondition(expression);
      this.conditions.set(expression, c);
    }
    return c;
  }

  /** A condition ready to run on respondent indexes. */
  condition(expression: string): ColumnCondition {
    const fresh = !this.conditions.has(expression);
    const c = this.conditionUnbound(expression);
    if (fresh) {
      for (const r of c.roots) if (!this.roots.has(r)) this.roots.set(r, new Column(this.size)); // never read: absent
      c.bind(this.roots);
    }
    return c;
  }

  /** The column of a reference: a question, or `matrix.row`-like part of one; null if unknown. */
  column(ref: string): Column | null {
    if (this.derived.has(ref)) return this.derived.get(ref)!;
    const r = resolveRef(this.catalog, ref);
    const root = this.roots.get(r ? r.question.name : ref) ?? null;
    const col = root && r && r.path.length ? root.derive(r.path) : root;
    this.derived.set(ref, col);
    return col;
  }

  /**
   * Values of questions hidden by `visibleIf` (own, panel's or page's) are no answers, as SurveyJS clears
   * them on completion. Like SurveyJS (checked against its Model in engine/surveyjs.spec.ts), visibility is
   * decided on the answers as given, all at once: clearing one answer does not in turn hide the questions
   * whose condition read it. `clearInvisibleValues: "none"` keeps them all, as SurveyJS does.
   */
  private clearHidden() {
    if (this.catalog.clearInvisibleValues === 'none') return;
    const hidden: { codes: Int32Array; rows: number[] }[] = [];
    for (const q of this.catalog.questions) {
      const col = this.roots.get(q.name);
      if (q.visibleIf.length === 0 || !col) continue;
      const conds = q.visibleIf.map((e) => this.condition(e));
      const rows: number[] = [];
      for (let i = 0; i < this.size; i++) {
        if (col.codes[i]! < 0) continue;
        for (const c of conds) {
          if (!c.runAt(i)) {
            rows.push(i);
            break;
          }
        }
      }
      if (rows.length) hidden.push({ codes: col.codes, rows });
    }
    for (const { codes, rows } of hidden) for (const i of rows) codes[i] = -1;
  }
}
