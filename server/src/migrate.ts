import 'reflect-metadata';
import { ENTITIES } from './app.entities.js';
import { loadConfigOrExit } from './config/config.js';
import { createDataSource } from './database/data-source.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or DATABASE_PATH, then exits. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const ds = createDataSource(config.database, ENTITIES);
  // The shared options run migrations on initialize (as the app does); report what is now applied.
  await ds.initialize();
  const applied: { name: string }[] = await ds.query(`SELECT name FROM migrations ORDER BY id`);
  const pending = await ds.showMigrations();
  console.log(`Base : ${config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL'}`);
  console.log(
    `Migrations appliquées : ${applied.map((m) => m.name).join(', ') || 'aucune'}${pending ? ' (il en reste en attente !)' : ''}`,
  );
  await ds.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
