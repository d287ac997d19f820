/**
 * Starts the real Trame server (built API + built web app) on a temporary SQLite file and a free port.
 * Builds first when the sources are newer than the builds (one build at a time across Jest workers).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = process.env.TRAME_FIXTURES ?? resolve(ROOT, 'test/fixtures/coopart');
export const ADMIN = { email: 'groupe@coopart.test', password: 'mot-de-passe-solide-42' };
const SERVER_MAIN = join(ROOT, 'server/dist/server/src/main.js');
const CLIENT_INDEX = join(ROOT, 'client/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  if (!existsSync(SERVER_MAIN) || !existsSync(CLIENT_INDEX)) return false;
  const built = Math.min(statSync(SERVER_MAIN).mtimeMs, statSync(CLIENT_INDEX).mtimeMs);
  const sources = Math.max(
    ...['shared/src', 'server/src', 'client/src', 'client/index.html'].map((d) => {
      const p = join(ROOT, d);
      return existsSync(p) && statSync(p).isFile() ? statSync(p).mtimeMs : newestMtime(p);
    }),
  );
  return built >= sources;
}

/** `npm run build` unless the builds are newer than every source (TRAME_BROWSER_SKIP_BUILD=1 skips it). */
export async function ensureBuilt(): Promise<void> {
  if (process.env.TRAME_BROWSER_SKIP_BUILD === '1') return;
  const lock = join(tmpdir(), 'trame-browser-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building: wait for it (a stale lock older than 5 minutes is broken).
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (upToDate()) return;
    const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  dir: string;
  stop: () => Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'trame-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATABASE_PATH: join(dir, 'trame.sqlite'),
      DATABASE_URL: '',
      TRAME_STATIC_DIR: join(ROOT, 'client/dist'),
      TRAME_ADMIN_EMAIL: ADMIN.email,
      TRAME_ADMIN_PASSWORD: ADMIN.password,
      TRAME_DEMO: '0',
      TRAME_RATE_LIMIT_PUBLIC: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 30 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
