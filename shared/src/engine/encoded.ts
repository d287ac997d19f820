import type { Bundle, Indicator } from '../bundle/schema.js';
import { buildCatalog, type QuestionnaireCatalog } from '../questionnaire/catalog.js';
import type { ResponseRecord } from '../types.js';
import { Column, ColumnCondition, neededRoots } from './columns.js';

/**
 * A campaign's complete responses encoded as the engine reads them: one column per data key the bundle
 * reads (see columns.ts), for all of its indicators. It only grows: `append` encodes more responses after
 * those already there. Encoding (and, before it, parsing the stored answers) is most of a computation's
 * time, and a public save only ever adds a response; so the server keeps one of these per campaign between
 * computations, and one more response costs its own encoding, not the 100,000 before it. Answers are
 * encoded as they are stored (rule 4: visibility was applied once, at completion), so an encoded response
 * never changes afterwards. Computations read a prefix of the columns (`view`): a later `append` does not
 * alter what an earlier computation sees.
 */
export class EncodedResponses {
  readonly catalog: QuestionnaireCatalog;
  /** The data keys encoded, in a stable order. */
  readonly names: readonly string[];
  private readonly columns = new Map<string, Column>();
  private capacity: number;
  private count = 0;

  /** @param indicators those whose data keys are encoded (evaluate: all of the bundle's, `indicatorsOf`). */
  constructor(
    readonly bundle: Bundle,
    indicators: Indicator[],
    capacity = 1024,
  ) {
    this.catalog = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
    const conditions = new Map<string, ColumnCondition>();
    const condition = (e: string) => {
      let c = conditions.get(e);
      if (!c) conditions.set(e, (c = new ColumnCondition(e)));
      return c;
    };
    this.names = [...neededRoots(bundle, this.catalog, indicators, condition)];
    this.capacity = Math.max(1, capacity);
    for (const n of this.names)
      // Checkbox / tagbox with `valuePropertyName`: each choice is stored as { [property]: value }.
      this.columns.set(n, new Column(this.capacity, this.catalog.byName.get(n)?.valuePropertyName));
  }

  /** Complete responses encoded so far. */
  get size(): number {
    return this.count;
  }

  /** Encodes the complete responses of `responses` after those already there (others are skipped: rule 1). */
  append(responses: Iterable<ResponseRecord>): this {
    const byKey = this.columns;
    let size = this.count;
    for (const r of responses) {
      if (r.status !== 'complete') continue;
      if (size === this.capacity) this.grow(size + 1);
      const d = r.data ?? {};
      // Walking the record's own keys beats one keyed load per needed name on objects of varied shapes.
      for (const key in d) {
        const col = byKey.get(key);
        if (col) col.codes[size] = col.encode(d[key]);
      }
      size++;
    }
    this.count = size;
    return this;
  }

  /** Room for at least `size` responses, doubling (growing copies the codes). */
  private grow(size: number) {
    let capacity = this.capacity;
    while (capacity < size) capacity *= 2;
    for (const c of this.columns.values()) c.resize(capacity);
    this.capacity = capacity;
  }

  /** Gives back the room reserved beyond the responses encoded (once no more are expected soon). */
  trim(): this {
    if (this.capacity !== this.count && this.count > 0) {
      for (const c of this.columns.values()) c.resize(this.count);
      this.capacity = this.count;
    }
    return this;
  }

  /** Codes held, all columns together: what a cache of these weighs (4 bytes each, plus distinct values). */
  get cells(): number {
    return this.capacity * this.columns.size;
  }

  /**
   * The column of data key `name` over the responses encoded so far, or null when it is not encoded. It
   * shares the column's distinct values (codes keep their meaning as the column grows) and reads only the
   * first `size` codes, so a later `append` changes nothing in it.
   */
  view(name: string): Column | null {
    const col = this.columns.get(name);
    if (!col) return null;
    const v = Object.create(col) as Column;
    v.codes = col.codes.subarray(0, this.count);
    return v;
  }
}
