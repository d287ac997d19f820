import { rawQuery } from '../../database/raw-sql.js';
import type { UnitOfWork } from '../../database/unit-of-work.js';

/** One small committed write (the heartbeat row): resolves once it is durable, rejects when writes fail. */
export async function writeHeartbeat(uow: UnitOfWork): Promise<void> {
  await uow.run((em) =>
    rawQuery(
      em,
      'INSERT INTO heartbeat (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      [new Date().toISOString()],
    ),
  );
}
