import { createApp } from './app.setup.js';
import { loadConfigOrExit } from './config/config.js';
import { DatabaseNotWritableError } from './database/data-source.js';

// Bootstrap only: configuration, application, listen, and what the operator needs to know.
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const { app, startup, staticServed } = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const lines = [
    `Trame écoute sur ${config.publicUrl}`,
    `  Base : ${startup.database}`,
    staticServed ? `  Application web : ${config.publicUrl}/` : '  Application web : non construite (API seule)',
    `  API : ${config.publicUrl}/api — documentation ${config.publicUrl}/api/docs`,
  ];
  if (startup.admin?.password)
    lines.push(
      `  Administrateur créé : ${startup.admin.email} / mot de passe : ${startup.admin.password}  (notez-le : il n’est affiché qu’une fois)`,
    );
  else if (startup.admin) lines.push(`  Administrateur : ${startup.admin.email} (mot de passe : TRAME_ADMIN_PASSWORD)`);
  if (startup.demo)
    lines.push(`  Démo Coop’Art : enquête ouverte ${startup.demo.url} ; tableau de bord ${config.publicUrl}/`);
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  // A database that cannot be written is the operator's to fix: their words, no stack.
  console.error(e instanceof DatabaseNotWritableError ? e.message : e);
  process.exit(1);
});
