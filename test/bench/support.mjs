// What the benches that run the real server share: a free port, the server as its own process (as
// `npm start` runs it) with an administrator's token, and a fresh PostgreSQL database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'server', 'package.json'));
/** node-postgres, from the server's dependencies. */
export const pg = require('pg');

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `server/dist/server/src/main.js` on `database` (`{ DATABASE_PATH }` or `{ DATABASE_URL }`), waits
 * for /api/health and logs `admin` in. Returns `{ url, child, auth }` (`auth`: the Bearer header).
 */
export async function startServer(database, admin) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'server/dist/server/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      ...database,
      TRAME_DEMO: '0',
      TRAME_ADMIN_EMAIL: admin.email,
      TRAME_ADMIN_PASSWORD: admin.password,
      TRAME_RATE_LIMIT_PUBLIC: '0',
      TRAME_RATE_LIMIT_LOGIN: '0',
      // For investigations: BENCH_NODE_OPTIONS="--max-old-space-size=200", say.
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the server stopped at start');
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i >= 300) throw new Error('the server did not start in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const login = await fetch(`${url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { token } = await login.json();
  return { url, child, auth: { Authorization: `Bearer ${token}` } };
}

export function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

/**
 * A fresh database on the PostgreSQL server of `base` (a connection URL): `{ database, settings, drop }`,
 * `database` being the server's environment for it, `settings` the durability settings the figures depend on.
 */
export async function freshPgDatabase(base) {
  const name = `trame_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const settings = Object.fromEntries(
    (
      await admin.query(
        `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'max_connections')`,
      )
    ).rows.map((r) => [r.name, r.setting]),
  );
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  return { database: { DATABASE_URL: url.toString() }, url: url.toString(), settings, drop };
}

/** The q-quantile of `xs` (nearest rank). */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
