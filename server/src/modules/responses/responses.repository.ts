/**
 * The SQL of the `response` table that other modules need (counts beside a campaign, whether a
 * questionnaire version was answered): functions over the caller's EntityManager or DataSource. The
 * responses module owns the table (and `response_import`); nobody else names them (docs/adr/0007). No Nest
 * here: the campaigns and evaluations modules, which the responses module imports, call it too.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { VISIBLE } from './complete-responses.js';
import { ResponseImport } from './response-import.entity.js';
import { ResponseEntity } from './response.entity.js';

/** A campaign's visible responses by status. */
export interface ResponseCounts {
  complete: number;
  partial: number;
}

/** The visible responses (VISIBLE: not the rows of an import still being written) of each campaign. */
export async function countResponses(
  em: EntityManager | DataSource,
  campaignIds: number[],
): Promise<Map<number, ResponseCounts>> {
  const out = new Map<number, ResponseCounts>();
  if (campaignIds.length === 0) return out;
  const rows: { campaignId: number | string; status: string; n: number | string }[] = await em
    .createQueryBuilder(ResponseEntity, 'r')
    .select('r.campaign_id', 'campaignId')
    .addSelect('r.status', 'status')
    .addSelect('COUNT(*)', 'n')
    .where('r.campaign_id IN (:...ids)', { ids: campaignIds })
    .andWhere(VISIBLE)
    .groupBy('r.campaign_id')
    .addGroupBy('r.status')
    .getRawMany();
  for (const r of rows) {
    const id = Number(r.campaignId);
    const c = out.get(id) ?? { complete: 0, partial: 0 };
    if (r.status === 'complete') c.complete = Number(r.n);
    else c.partial = Number(r.n);
    out.set(id, c);
  }
  return out;
}

/** Whether any of these campaigns has a stored response, of any status or import (in the caller's transaction). */
export async function anyResponse(em: EntityManager, campaignIds: number[]): Promise<boolean> {
  if (campaignIds.length === 0) return false;
  return em.getRepository(ResponseEntity).exists({ where: { campaignId: In(campaignIds) } });
}

/**
 * Forgets the imports of deleted campaigns (file name, row count, dates) in the caller's transaction,
 * once their rows are gone: `response_import` has no foreign key to the campaign.
 */
export async function deleteImportsOf(em: EntityManager, campaignIds: number[]): Promise<void> {
  if (campaignIds.length === 0) return;
  await em.getRepository(ResponseImport).delete({ campaignId: In(campaignIds) });
}
