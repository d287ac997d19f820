import type { Bundle, Indicator } from '../bundle/schema.js';
import { resolveRef, type QuestionnaireCatalog } from '../questionnaire/catalog.js';
import type { ResponseRecord } from '../types.js';
import { Column, ColumnCondition, neededRoots } from './columns.js';
import { EncodedResponses } from './encoded.js';
import { keySet } from './values.js';

/**
 * The respondents as the engine sees them: complete responses only (rule 1), as columns of the data keys the
 * bundle reads, and a membership mask per segment group. The answers are counted as they are stored: hidden
 * questions were cleared once, when the response was completed (by SurveyJS in the respondent's page, by
 * survey-core's model at import: node/visibility.ts), and `visibleIf` is not applied again (rule 4).
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
    responses: Iterable<ResponseRecord> | EncodedResponses,
  ) {
    // Responses already encoded (a cache the server keeps per campaign), or encoded now, in one pass over
    // the stream: only the codes are kept, never the response objects. An array tells its length: no
    // growing (growing means copies, and garbage to collect).
    const encoded =
      responses instanceof EncodedResponses
        ? responses
        : new EncodedResponses(bundle, indicators, Array.isArray(responses) ? responses.length : 1024)
            .append(responses)
            .trim();
    this.catalog = encoded.catalog;
    const names = [...neededRoots(bundle, this.catalog, indicators, (e) => this.conditionUnbound(e))];
    for (const n of names) {
      const col = encoded.view(n);
      if (!col) throw new Error(`Réponses encodées pour un autre référentiel : « ${n} » n’y est pas`);
      this.roots.set(n, col);
    }
    this.size = encoded.size;
    for (const c of this.conditions.values()) c.bind(this.roots);

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
}
