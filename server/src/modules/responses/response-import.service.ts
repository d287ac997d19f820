import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Bundle,
  checkAnswers,
  parseResponsesCsv,
  parseResponsesJson,
  type ResponseRecord,
  type Result,
  type ValidationIssue,
} from '@trame/shared';
import { parseResponsesXlsx } from '@trame/shared/node';
import { In } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { DomainError, InvalidDocumentError } from '../../errors/domain-error.js';
import type { AuthContext } from '../../http/current-user.decorator.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { catalogOf } from './catalog-cache.js';
import { bumpRevision } from './public-responses.service.js';
import { ResponseEntity } from './response.entity.js';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

const CHUNK = 500;

/** Responses collected elsewhere (paper, another tool): JSON, CSV or XLSX, all or nothing. */
@Injectable()
export class ResponseImportService {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async import(user: AuthContext, campaignId: number, body: unknown, file: UploadedFile | undefined) {
    const { bundle } = await this.campaigns.requireCampaign(user, campaignId, 'editor');
    const parsed = file ? await parseFile(bundle, file) : checkedJson(bundle, body);
    return this.store(campaignId, parsed);
  }

  /** Also used by the demo loader. */
  async store(campaignId: number, parsed: Result<ResponseRecord[]>) {
    if (!parsed.ok) throw invalid(parsed.errors);
    const records = parsed.value;
    // Duplicate ids within the file are refused by the shared readers (JSON path, or CSV/XLSX row).
    const tooLong: ValidationIssue[] = [];
    records.forEach((r, i) => {
      if (r.id !== undefined && r.id.length > 100)
        tooLong.push({ path: `responses[${i}].id`, message: 'identifiant trop long (100 caractères au plus)' });
    });
    if (tooLong.length) throw invalid(tooLong);
    const now = new Date().toISOString();
    const rows = records.map((r) => ({
      campaignId,
      uuid: r.id ?? randomUUID(),
      status: r.status,
      data: JSON.stringify(r.data),
      invitationId: null,
      source: 'import',
      createdAt: now,
      updatedAt: now,
      submittedAt: r.status === 'complete' ? (r.submittedAt ?? now) : null,
    }));
    await this.uow.run(async (em) => {
      const repo = em.getRepository(ResponseEntity);
      const ids = rows.map((r) => r.uuid);
      const clashes: ValidationIssue[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const existing = await repo.find({
          where: { campaignId, uuid: In(ids.slice(i, i + CHUNK)) },
          select: { uuid: true },
        });
        for (const e of existing)
          clashes.push({
            path: `responses[${ids.indexOf(e.uuid)}].id`,
            message: `la réponse « ${e.uuid} » existe déjà dans cette campagne`,
          });
      }
      if (clashes.length) throw invalid(clashes);
      for (let i = 0; i < rows.length; i += CHUNK) await repo.insert(rows.slice(i, i + CHUNK));
      await bumpRevision(em, campaignId);
    });
    return { imported: rows.length, complete: rows.filter((r) => r.status === 'complete').length };
  }
}

/**
 * JSON records: the shared parser checks the document's shape only (spec §3), so answers are checked
 * against the questionnaire here, as public submissions are. CSV/XLSX cells are typed and checked by
 * their parser.
 */
export function checkedJson(bundle: Bundle, body: unknown): Result<ResponseRecord[]> {
  const parsed = parseResponsesJson(bundle, body);
  if (!parsed.ok) return parsed;
  const catalog = catalogOf(bundle);
  const wrapped = !Array.isArray(body);
  const errors: ValidationIssue[] = [];
  parsed.value.forEach((r, i) => {
    for (const issue of checkAnswers(bundle, r.data, catalog)) {
      errors.push({ ...issue, path: `${wrapped ? 'responses' : ''}[${i}]${wrapped ? '.data' : ''}.${issue.path}` });
    }
  });
  return errors.length ? { ok: false, errors } : parsed;
}

function invalid(errors: ValidationIssue[]) {
  return new InvalidDocumentError(
    'INVALID_RESPONSES',
    'Le fichier de réponses est invalide : rien n’a été importé.',
    errors,
  );
}

async function parseFile(bundle: Bundle, file: UploadedFile): Promise<Result<ResponseRecord[]>> {
  const ext = extname(file.originalname).toLowerCase();
  if (ext === '.xlsx') return parseResponsesXlsx(bundle, file.buffer);
  const text = file.buffer.toString('utf8');
  if (ext === '.csv' || ext === '.txt') return parseResponsesCsv(bundle, text);
  if (ext === '.json') {
    try {
      return checkedJson(bundle, JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
    } catch (e) {
      return { ok: false, errors: [{ path: '(document)', message: `JSON invalide : ${(e as Error).message}` }] };
    }
  }
  throw new DomainError(415, 'UNSUPPORTED_FILE', 'Format de fichier non pris en charge (.json, .csv ou .xlsx)');
}
