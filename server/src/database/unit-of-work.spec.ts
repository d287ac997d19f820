import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ENTITIES } from '../app.entities.js';
import { createDataSource } from './data-source.js';
import { StorageUnavailableError } from './storage-failure.js';
import { UnitOfWork } from './unit-of-work.js';

describe('UnitOfWork on SQLite (group commit)', () => {
  let dir: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trame-uow-'));
    ds = createDataSource({ type: 'sqlite', path: join(dir, 'db.sqlite'), logging: false }, ENTITIES);
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs concurrent units together; a failing unit is rolled back alone', async () => {
    const uow = new UnitOfWork(ds);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        uow.run(async (em) => {
          await insertOrganisation(em, `org ${i}`);
          if (i % 3 === 0) throw new Error(`refus ${i}`);
          return i;
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(20);
    const names = (await ds.query<{ name: string }[]>('SELECT name FROM organisation')).map((o) => o.name).sort();
    expect(names).toHaveLength(40);
    expect(names).not.toContain('org 0');
    expect(names).toContain('org 1');
  });

  it('answers only after COMMIT: a resolved unit is visible from a fresh connection', async () => {
    const uow = new UnitOfWork(ds);
    await uow.run((em) => insertOrganisation(em, 'durable'));
    const other = createDataSource({ type: 'sqlite', path: join(dir, 'db.sqlite'), logging: false }, ENTITIES);
    await other.initialize();
    expect(await other.query(`SELECT name FROM organisation WHERE name = 'durable'`)).toHaveLength(1);
    expect(await other.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    await other.destroy();
  });

  it('does not acknowledge a COMMIT after which the filesystem no longer takes writes', async () => {
    const uow = new UnitOfWork(ds);
    await uow.run((em) => insertOrganisation(em, 'avant'));
    expect(uow.writeHealth().ok).toBe(true);
    // The check after COMMIT truncates `<file>-probe`; a folder in its place makes it fail as a disk
    // turned read-only would (the ext4 case itself is in test/e2e/disk-faults.e2e.ts).
    rmSync(join(dir, 'db.sqlite-probe'));
    mkdirSync(join(dir, 'db.sqlite-probe'));
    const again = new UnitOfWork(ds);
    await expect(again.run((em) => insertOrganisation(em, 'douteux'))).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(again.writeHealth()).toMatchObject({ ok: false, lastError: expect.stringMatching(/EISDIR/) });
    rmSync(join(dir, 'db.sqlite-probe'), { recursive: true });
    await expect(again.run((em) => insertOrganisation(em, 'après'))).resolves.toBeUndefined();
    expect(again.writeHealth().ok).toBe(true);
  });
});

/** Any table will do: the organisation's, by its name (the database layer knows no feature's entity). */
async function insertOrganisation(em: EntityManager, name: string): Promise<void> {
  await em.query('INSERT INTO organisation (name, created_at) VALUES (?, ?)', [name, new Date().toISOString()]);
}
