/**
 * The encoded responses of the campaigns whose results were asked for lately, kept between computations
 * so that one more response costs its own encoding, not the whole set's (issue 8, part 9). Used by the
 * SQLite results worker and, on PostgreSQL, in the main thread: no Nest, no TypeORM here.
 */
import {
  type Bundle,
  EncodedResponses,
  evaluate,
  indicatorsOf,
  type ResponseRecord,
  type Results,
} from '@trame/shared';
import type { DataRow, KeyRow, SnapshotSource } from '../responses/complete-responses.js';

interface Entry {
  /** What the bundle was (evaluation revision, questionnaire version…): another bundle, other columns. */
  bundleKey: string;
  /** The campaign's revision: it counts every change to the set other than a response added. */
  revision: number;
  ids: Set<number>;
  /** The highest id encoded. */
  maxId: number;
  encoded: EncodedResponses;
}

/** Codes kept, all campaigns together, before the least recently used are dropped (4 bytes each). */
const DEFAULT_MAX_CELLS = 40_000_000;

export class EncodedCache {
  /** In order of use: the first is the least recently used. */
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly maxCells = DEFAULT_MAX_CELLS) {}

  /**
   * Results of the campaign's complete responses in `source`'s snapshot, and that snapshot's key. Reuses
   * the responses encoded for an earlier computation when only responses were added since (same bundle,
   * same campaign revision, more complete responses, all earlier ones still there); else encodes them all.
   * Calls for one cache must not overlap (the worker and ResultsService run them one at a time).
   */
  async results(
    campaignId: number,
    bundle: Bundle,
    bundleKey: string,
    source: SnapshotSource,
  ): Promise<{ results: Results; key: KeyRow | undefined; encodedNow: number }> {
    const key = await source.key();
    const revision = Number(key?.revision ?? 0);
    const complete = Number(key?.complete ?? 0);
    let entry = this.entries.get(campaignId);
    this.entries.delete(campaignId);
    if (entry && (entry.bundleKey !== bundleKey || entry.revision !== revision || entry.ids.size > complete))
      entry = undefined;
    let encodedNow = 0;
    if (entry && entry.ids.size < complete) {
      // With the revision unchanged no complete response went (every removal bumps it), so the set is the
      // one encoded plus the additions. Most are newer than the last id encoded; when those do not make up
      // the count, a response begun earlier was completed since: all the ids are read to find it.
      const known = entry.ids;
      let added = await source.ids(entry.maxId);
      if (known.size + added.length !== complete) {
        const ids = await source.ids();
        added = ids.filter((id) => !known.has(id));
        if (ids.length - added.length !== known.size) entry = undefined; // one went: not a mere addition
      }
      if (entry) encodedNow = await this.append(entry, source.rows(added));
    }
    if (!entry) {
      // Sized from the key's count, with room for the responses of the coming days: growing the columns
      // means copies, whose freed memory the allocator tends to keep.
      const capacity = Math.ceil(complete * 1.1) + 1024;
      const encoded = new EncodedResponses(bundle, indicatorsOf(bundle), capacity);
      entry = { bundleKey, revision, ids: new Set(), maxId: 0, encoded };
      encodedNow = await this.append(entry, source.rows());
    }
    this.entries.set(campaignId, entry);
    this.evict();
    return { results: evaluate(bundle, entry.encoded), key, encodedNow };
  }

  /** Forgets a campaign's encoded responses (for tests and when memory is short). */
  clear(): void {
    this.entries.clear();
  }

  /** Forgets deleted campaigns' encoded responses. */
  forget(campaignIds: Iterable<number>): void {
    for (const id of campaignIds) this.entries.delete(id);
  }

  private async append(entry: Entry, pages: Iterable<DataRow[]> | AsyncIterable<DataRow[]>): Promise<number> {
    let n = 0;
    for await (const page of pages) {
      entry.encoded.append(records(page));
      for (const r of page) {
        entry.ids.add(r.id);
        if (r.id > entry.maxId) entry.maxId = r.id;
      }
      n += page.length;
    }
    return n;
  }

  /** Drops the least recently used campaigns while the cache is over its size (never the one just used). */
  private evict(): void {
    let cells = 0;
    for (const e of this.entries.values()) cells += e.encoded.cells;
    for (const [id, e] of this.entries) {
      if (cells <= this.maxCells || this.entries.size <= 1) break;
      cells -= e.encoded.cells;
      this.entries.delete(id);
    }
  }
}

function* records(page: DataRow[]): Iterable<ResponseRecord> {
  for (const r of page) yield { status: 'complete', data: JSON.parse(r.data) as Record<string, unknown> };
}
