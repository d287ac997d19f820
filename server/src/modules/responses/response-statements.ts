/**
 * The statements and row helpers of the respondents' saves (PublicResponsesService): SQL text, what a
 * stored row answers, how a row becomes an answer. No state, no Nest.
 */
import { ownValue } from '@trame/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { rawQuery } from '../../database/raw-sql.js';
import { asStorageError } from '../../database/storage-failure.js';
import { NotFoundError } from '../../errors/domain-error.js';
import { publicCampaignUnchanged } from '../campaigns/campaigns.repository.js';
import type {
  CampaignContext,
  CampaignRecord as Campaign,
  InvitationRecord as Invitation,
} from '../campaigns/campaigns.service.js';

export interface SubmissionResult {
  created: boolean;
  body: {
    id: string;
    status: 'partial' | 'complete';
    createdAt: string;
    updatedAt: string;
    submittedAt: string | null;
    revision: number;
  };
}

/**
 * What makes an insert of a response without invitation a save: when the UUID is taken, the row is updated
 * only if it is a partial response saved on the web without an invitation (the one kind of existing
 * response that a UUID alone may change, see answersTo) still at the revision the save was based on (any,
 * for a save that gives none), and nothing happens otherwise. On PostgreSQL the
 * update waits for a concurrent save of the same row and re-checks this condition on its result, so a
 * response completed meanwhile is not overwritten. Returns created_at: an update keeps it.
 */
export function upsertWithoutInvitation(baseRevision: string): string {
  return `ON CONFLICT (campaign_id, uuid) DO UPDATE
    SET status = excluded.status, data = excluded.data, updated_at = excluded.updated_at,
        submitted_at = excluded.submitted_at, revision = response.revision + 1
    WHERE response.status = 'partial' AND response.source = 'web' AND response.invitation_id IS NULL
      AND response.revision = COALESCE(CAST(${baseRevision} AS integer), response.revision)
  RETURNING created_at, revision`;
}

/**
 * PostgreSQL: saveOnLastContext's statement (`$n` parameters: it is prepared, see preparedStatement). The
 * campaign's row `c`, present only while the campaign is as the context says, is the campaigns module's
 * part of the statement ($7 to $12).
 */
export const SAVE_ON_CONTEXT = `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at, revision)
  SELECT c.id, $1, $2, $3, NULL, 'web', $4, $5, $6, 1
    ${publicCampaignUnchanged(7)}
  ${upsertWithoutInvitation('$13')}`;

/**
 * PostgreSQL only: one statement as a named prepared statement of the pool's connection (node-postgres
 * parses it and PostgreSQL plans it once per connection) and outside TypeORM's query runner. Used for the
 * save in one round trip, the statement run for nearly every save. Measured on the 2-core machine, in
 * alternating runs of the server bench: 928–938 saves/s through TypeORM's query runner, 1,047–1,237/s
 * prepared on the pool. node-postgres's pool discards a connection whose query failed. Logged as TypeORM
 * logs its queries (TRAME_LOG_SQL). A pooler in transaction mode that does not track prepared statements
 * (PgBouncer before 1.21) would need this to be a plain query.
 */
export async function preparedStatement<T>(dataSource: DataSource, name: string, text: string, values: unknown[]) {
  dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  return (await pool.query<T>({ name, text, values })).rows;
}

/** The part of node-postgres's Pool used here (TypeORM types its driver's pool as `any`). */
export interface PgPool {
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

/**
 * A save without an invitation, as one statement (upsertWithoutInvitation). Null when it did nothing:
 * the UUID belongs to a complete response or to one that answers to an invitation or an import; the caller
 * then goes through the checks of `write`.
 */
export async function saveWithoutInvitation(em: EntityManager, save: Save): Promise<SubmissionResult | null> {
  const { campaign, uuid, status, json } = save;
  const now = new Date().toISOString();
  const submittedAt = status === 'complete' ? now : null;
  const [row] = await rawQuery<SavedRow>(
    em,
    `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at, revision)
     VALUES (?, ?, ?, ?, NULL, 'web', ?, ?, ?, 1) ${upsertWithoutInvitation('?')}`,
    [campaign.id, uuid, status, json, now, now, submittedAt, save.baseRevision],
  );
  return row ? saved(uuid, status, row, now, submittedAt) : null;
}

export interface SavedRow {
  created_at: string;
  revision: number | string;
}

/** The answer to a save done by one statement; created when the row's created_at is this save's. */
export function saved(
  uuid: string,
  status: 'partial' | 'complete',
  row: SavedRow,
  now: string,
  submittedAt: string | null,
): SubmissionResult {
  const createdAt = row.created_at;
  return {
    created: createdAt === now,
    body: { id: uuid, status, createdAt, updatedAt: now, submittedAt, revision: Number(row.revision) },
  };
}

/** A statement run outside a unit of work fails as a unit would: storage failures answer 503. */
export function storing<T>(statement: Promise<T>): Promise<T> {
  return statement.catch((e: unknown) => {
    throw asStorageError(e);
  });
}

export interface Save {
  campaign: Campaign;
  uuid: string;
  status: 'partial' | 'complete';
  /** The revision the save was based on, null when the client gave none. */
  baseRevision: number | null;
  json: string;
  /** The invitation a new response is tied to (invitation campaigns only). */
  invitation: Invitation | null;
  /** The invitation whose token came with the request, if valid. */
  presented: Invitation | null;
}

export const SELECT_RESPONSE =
  'SELECT id, status, data, source, invitation_id, created_at, updated_at, submitted_at, revision FROM response WHERE campaign_id = ? AND uuid = ?';

/**
 * Whether a stored response answers to this request (see PublicResponsesService). Imported responses
 * never do: their ids come from a file and are no secret.
 */
export function answersTo(campaign: Campaign, r: StoredRow, presented: Invitation | null): boolean {
  if (r.source !== 'web') return false;
  if (r.invitation_id === null) return campaign.access !== 'invitation';
  return presented !== null && presented.id === Number(r.invitation_id);
}

/** The answer to a response that does not exist and to one the request may not see: the same. */
export function responseNotFound(): NotFoundError {
  return new NotFoundError('Réponse', 'RESPONSE_NOT_FOUND');
}

export interface StoredRow {
  id: number | string;
  status: 'partial' | 'complete';
  data: string;
  source: string;
  invitation_id: number | string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  revision: number | string;
}

export function stateMessage(state: string): string | null {
  switch (state) {
    case 'closed':
      return 'Cette enquête est close : les réponses ne sont plus acceptées.';
    case 'not_yet_open':
      return 'Cette enquête n’est pas encore ouverte.';
    case 'draft':
      return 'Cette enquête n’est pas encore ouverte.';
    default:
      return null;
  }
}

export function view(uuid: string, r: StoredRow): SubmissionResult['body'] {
  return {
    id: uuid,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    revision: Number(r.revision),
  };
}

/** An invitation tied to a segment group answers the segment question for the respondent if left blank. */
export function withInvitationSegment(
  ctx: CampaignContext,
  inv: Invitation,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (!inv.segmentCode || !inv.groupCode) return data;
  const seg = ctx.bundle.segments.find((s) => s.code === inv.segmentCode);
  const group = seg?.groups.find((g) => g.code === inv.groupCode);
  if (!seg || !group || ownValue(data, seg.question) !== undefined) return data;
  return { ...data, [seg.question]: group.values[0] };
}

export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function sameJson(a: string, b: string): boolean {
  return a === b || JSON.stringify(canonical(JSON.parse(a))) === JSON.stringify(canonical(JSON.parse(b)));
}
