import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ResponseRecord, Result, ValidationIssue } from '@trame/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation, rawQuery } from '../../database/raw-sql.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { DomainError, InvalidDocumentError } from '../../errors/domain-error.js';
import type { CampaignAccess } from '../../http/access.decorator.js';
import { completeResponsesChanged } from '../campaigns/campaigns.repository.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { parseUploadOffThread } from './import-parser.js';
import {
  checkedJson,
  type ImportRow,
  inMemorySource,
  type ParsedSource,
  type RowSource,
  toRows,
} from './response-files.js';

export { checkedJson } from './response-files.js';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/** Ids looked up per query when checking for responses already in the campaign. */
const LOOKUP = 500;
/** Staged rows deleted per transaction when an import is withdrawn. */
const DELETE_CHUNK = 2000;
/** Imported rows from which PostgreSQL's visibility map is refreshed at once rather than by autovacuum. */
const VACUUM_AFTER = 10_000;

/**
 * Responses collected elsewhere (paper, another tool): JSON, CSV or XLSX, all or nothing, and without
 * keeping respondents waiting. The file is read in a worker thread; its rows are written in small
 * transactions (CHUNK rows each, through the same unit of work as the public saves, which slip in between)
 * under an import that is `staging`, invisible to results, exports and counts; one short transaction then
 * publishes them all at once. On any failure, or after a crash, the staged rows are deleted, a chunk at a
 * time.
 */
@Injectable()
export class ResponseImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Import');

  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async import(access: CampaignAccess, body: unknown, file: UploadedFile | undefined) {
    const { campaign, bundle } = await this.campaigns.contextOf(access);
    const campaignId = campaign.id;
    // A JSON body is checked like a .json file, off the request thread: the answer check and survey-core's
    // model (hidden answers cleared) take seconds on 100,000 records. Its text again costs a fraction of that.
    const parsed = file
      ? await parseUploadOffThread(bundle, file.originalname, file.buffer)
      : body === undefined
        ? fromRecords(checkedJson(bundle, body))
        : await parseUploadOffThread(bundle, 'reponses.json', Buffer.from(JSON.stringify(body)));
    if ('unsupported' in parsed)
      throw new DomainError(415, 'UNSUPPORTED_FILE', 'Format de fichier non pris en charge (.json, .csv ou .xlsx)');
    if (!parsed.ok) throw invalid(parsed.errors);
    return this.stageAndPublish(campaignId, parsed.source, file?.originalname ?? null);
  }

  /** Records already read and checked (the demo loader). */
  async store(campaignId: number, parsed: Result<ResponseRecord[]>) {
    const source = fromRecords(parsed);
    if ('unsupported' in source || !source.ok) throw invalid('errors' in source ? source.errors : []);
    return this.stageAndPublish(campaignId, source.source, null);
  }

  /** A crash during an import leaves staged rows nobody sees: they go at start. */
  async onApplicationBootstrap(): Promise<void> {
    // SQLite has one server process: any import still staging was cut by a stop. PostgreSQL may have
    // several instances, one of which may be importing now: only imports staging for an hour are stale.
    const staleBefore =
      this.dataSource.options.type === 'postgres' ? new Date(Date.now() - 3600_000).toISOString() : '9999';
    const stale = await rawQuery<{ id: number | string; campaign_id: number | string }>(
      this.dataSource,
      `SELECT id, campaign_id FROM response_import WHERE state = 'failed' OR (state = 'staging' AND created_at < ?)`,
      [staleBefore],
    );
    for (const s of stale) {
      const removed = await this.withdraw(Number(s.id));
      if (removed) this.logger.warn(`Import ${s.id} interrompu : ${removed} réponses non publiées supprimées`);
    }
  }

  private async stageAndPublish(campaignId: number, source: RowSource, fileName: string | null) {
    try {
      const rows = source.count;
      const clashes = await this.clashes(campaignId, source);
      if (clashes.length) throw invalid(clashes);
      const now = new Date().toISOString();
      const importId = await this.uow.run(async (em) => {
        const [row] = await rawQuery<{ id: number | string }>(
          em,
          `INSERT INTO response_import (campaign_id, state, file_name, row_count, created_at) VALUES (?, 'staging', ?, ?, ?) RETURNING id`,
          [campaignId, fileName?.slice(0, 255) ?? null, rows, now],
        );
        return Number(row!.id);
      });
      let complete = 0;
      try {
        for await (const chunk of source.chunks()) {
          complete += chunk.filter((r) => r.status === 'complete').length;
          await this.uow.run((em) => insertChunk(em, campaignId, importId, chunk, now));
        }
        await this.uow.run(async (em) => {
          await rawQuery(em, `UPDATE response_import SET state = 'published', published_at = ? WHERE id = ?`, [
            new Date().toISOString(),
            importId,
          ]);
          await completeResponsesChanged(em, campaignId);
        });
      } catch (e) {
        await this.withdraw(importId).catch((cleanup: unknown) =>
          this.logger.error(`Import ${importId} : nettoyage reporté au prochain démarrage (${String(cleanup)})`),
        );
        if (isUniqueViolation(e)) throw invalid(await this.clashes(campaignId, source).catch(() => []));
        throw e;
      }
      if (rows >= VACUUM_AFTER) this.refreshVisibility();
      return { imported: rows, complete };
    } finally {
      source.close();
    }
  }

  /**
   * After a large import on PostgreSQL, in the background: until vacuum has marked the new pages
   * all-visible, the results key's count reads every row instead of the index alone (39 ms instead of 7 ms
   * at 100,000 rows, docs/benchmarks.md), for every results request until autovacuum comes by. Plain VACUUM
   * blocks neither saves nor reads.
   */
  private refreshVisibility(): void {
    if (this.dataSource.options.type !== 'postgres') return;
    this.dataSource
      .query('VACUUM (ANALYZE) response')
      .catch((e: unknown) => this.logger.warn(`VACUUM après import : ${String(e)}`));
  }

  /** Ids of the file already present in the campaign (public saves or other imports, staged or not). */
  private async clashes(campaignId: number, source: RowSource): Promise<ValidationIssue[]> {
    const out: ValidationIssue[] = [];
    for await (const chunk of source.chunks()) {
      for (let i = 0; i < chunk.length; i += LOOKUP) {
        const part = chunk.slice(i, i + LOOKUP);
        const found = await rawQuery<{ uuid: string }>(
          this.dataSource,
          `SELECT uuid FROM response WHERE campaign_id = ? AND uuid IN (${part.map(() => '?').join(', ')})`,
          [campaignId, ...part.map((r) => r.uuid)],
        );
        const taken = new Set(found.map((f) => f.uuid));
        for (const r of part)
          if (taken.has(r.uuid))
            out.push({
              path: `responses[${r.index}].id`,
              message: `la réponse « ${r.uuid} » existe déjà dans cette campagne`,
            });
      }
    }
    return out;
  }

  /** Marks an import failed and deletes its rows, DELETE_CHUNK per transaction; the number deleted. */
  private async withdraw(importId: number): Promise<number> {
    await this.uow.run((em) => rawQuery(em, `UPDATE response_import SET state = 'failed' WHERE id = ?`, [importId]));
    let removed = 0;
    for (;;) {
      const n = await this.uow.run(async (em) => {
        const ids = await rawQuery<{ id: number | string }>(em, 'SELECT id FROM response WHERE import_id = ? LIMIT ?', [
          importId,
          DELETE_CHUNK,
        ]);
        if (ids.length === 0) return 0;
        await rawQuery(
          em,
          `DELETE FROM response WHERE id IN (${ids.map(() => '?').join(', ')})`,
          ids.map((r) => r.id),
        );
        return ids.length;
      });
      if (n === 0) break;
      removed += n;
    }
    await this.uow.run((em) => rawQuery(em, 'DELETE FROM response_import WHERE id = ?', [importId]));
    return removed;
  }
}

function fromRecords(parsed: Result<ResponseRecord[]>): ParsedSource {
  const rows = toRows(parsed);
  if ('unsupported' in rows || !rows.ok) return rows;
  return { ok: true, source: inMemorySource(rows.rows) };
}

async function insertChunk(em: EntityManager, campaignId: number, importId: number, rows: ImportRow[], now: string) {
  const values: unknown[] = [];
  for (const r of rows) values.push(campaignId, r.uuid, r.status, r.data, importId, now, now, r.submittedAt);
  // 8 parameters a row: 1,000 rows stay under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
  await rawQuery(
    em,
    `INSERT INTO response (campaign_id, uuid, status, data, import_id, source, created_at, updated_at, submitted_at) VALUES ${rows
      .map(() => "(?, ?, ?, ?, ?, 'import', ?, ?, ?)")
      .join(', ')}`,
    values,
  );
}

function invalid(errors: ValidationIssue[]) {
  return new InvalidDocumentError(
    'INVALID_RESPONSES',
    'Le fichier de réponses est invalide : rien n’a été importé.',
    errors,
  );
}
