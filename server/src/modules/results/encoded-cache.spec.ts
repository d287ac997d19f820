import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bundle, evaluate, parseBundle, parseResponsesJson, type ResponseRecord } from '@trame/shared';
import type { DataRow, KeyRow, SnapshotSource } from '../responses/complete-responses.js';
import { EncodedCache } from './encoded-cache.js';

const fixture = join(process.cwd(), 'test/fixtures/coopart');
const parsed = parseBundle(JSON.parse(readFileSync(join(fixture, 'bundle.json'), 'utf8')));
if (!parsed.ok) throw new Error('bundle');
const bundle: Bundle = parsed.value.bundle;
const responses = parseResponsesJson(bundle, JSON.parse(readFileSync(join(fixture, 'responses.json'), 'utf8')));
if (!responses.ok) throw new Error('responses');
const records = responses.value.filter((r) => r.status === 'complete');

/** A campaign's stored complete responses, in memory, read as the database's snapshot would be. */
class Store {
  revision = 0;
  rows: { id: number; record: ResponseRecord }[] = [];
  read = 0;

  add(...recs: ResponseRecord[]) {
    for (const record of recs) this.rows.push({ id: (this.rows.at(-1)?.id ?? 0) + 1 + (this.rows.length % 3), record });
  }

  source(): SnapshotSource {
    const rows = [...this.rows].sort((a, b) => a.id - b.id);
    const key: KeyRow = { revision: this.revision, complete: rows.length };
    const page = (rs: typeof rows): DataRow[] => {
      this.read += rs.length;
      return rs.map((r) => ({ id: r.id, data: JSON.stringify(r.record.data) }));
    };
    return {
      key: () => key,
      ids: (after = 0) => rows.filter((r) => r.id > after).map((r) => r.id),
      rows: (ids) => [page(ids ? rows.filter((r) => ids.includes(r.id)) : rows)],
    };
  }

  records() {
    return [...this.rows].sort((a, b) => a.id - b.id).map((r) => r.record);
  }
}

describe('EncodedCache: results as the responses grow, encoding only what was added', () => {
  it('after one more response reads that response only, and gives the results of a computation from scratch', async () => {
    const store = new Store();
    store.add(...records.slice(0, -1));
    const cache = new EncodedCache();
    const first = await cache.results(1, bundle, 'b1', store.source());
    expect(first.encodedNow).toBe(records.length - 1);
    expect(first.results).toEqual(evaluate(bundle, store.records()));

    store.read = 0;
    store.add(records.at(-1)!);
    const next = await cache.results(1, bundle, 'b1', store.source());
    expect(next.encodedNow).toBe(1);
    expect(store.read).toBe(1);
    expect(next.results).toEqual(evaluate(bundle, store.records()));
    expect(next.key).toEqual({ revision: 0, complete: records.length });
  });

  it('a response completed late (a lower id than the last one encoded) is found too', async () => {
    const store = new Store();
    store.add(...records.slice(0, 40));
    const cache = new EncodedCache();
    await cache.results(1, bundle, 'b1', store.source());
    store.rows.push({ id: 2.5, record: records[50]! }); // between two encoded ids
    const next = await cache.results(1, bundle, 'b1', store.source());
    expect(next.encodedNow).toBe(1);
    expect(next.results).toEqual(evaluate(bundle, store.records()));
  });

  it('encodes everything again when the set changed otherwise: revision, bundle, a response gone', async () => {
    const store = new Store();
    store.add(...records.slice(0, 30));
    const cache = new EncodedCache();
    await cache.results(1, bundle, 'b1', store.source());

    store.revision++; // an import published or withdrawn, an erasure…
    store.rows.splice(3, 1);
    store.add(records[60]!);
    let out = await cache.results(1, bundle, 'b1', store.source());
    expect(out.encodedNow).toBe(30);
    expect(out.results).toEqual(evaluate(bundle, store.records()));

    out = await cache.results(1, bundle, 'b2', store.source()); // the evaluation changed
    expect(out.encodedNow).toBe(30);

    // Same revision and more responses, yet one encoded response is no longer there: not a mere addition.
    store.rows.splice(0, 2);
    store.add(records[61]!, records[62]!, records[63]!);
    out = await cache.results(1, bundle, 'b2', store.source());
    expect(out.encodedNow).toBe(31);
    expect(out.results).toEqual(evaluate(bundle, store.records()));
  });

  it('nothing read when nothing changed; campaigns kept apart; the least recently used dropped when full', async () => {
    const a = new Store();
    const b = new Store();
    a.add(...records.slice(0, 20));
    b.add(...records.slice(20, 50));
    const cache = new EncodedCache(1); // room for one campaign only
    await cache.results(1, bundle, 'b', a.source());
    expect((await cache.results(1, bundle, 'b', a.source())).encodedNow).toBe(0);
    const rb = await cache.results(2, bundle, 'b', b.source());
    expect(rb.results).toEqual(evaluate(bundle, b.records()));
    expect((await cache.results(2, bundle, 'b', b.source())).encodedNow).toBe(0);
    expect((await cache.results(1, bundle, 'b', a.source())).encodedNow).toBe(20); // dropped, encoded again
  });

  it('a failure while reading leaves no half-encoded campaign behind', async () => {
    const store = new Store();
    store.add(...records.slice(0, 10));
    const cache = new EncodedCache();
    await cache.results(1, bundle, 'b', store.source());
    store.add(records[10]!);
    const broken: SnapshotSource = {
      ...store.source(),
      rows: () => [[{ id: 999, data: '{not json' }]],
    };
    await expect(cache.results(1, bundle, 'b', broken)).rejects.toThrow();
    const out = await cache.results(1, bundle, 'b', store.source());
    expect(out.encodedNow).toBe(11);
    expect(out.results).toEqual(evaluate(bundle, store.records()));
  });
});
