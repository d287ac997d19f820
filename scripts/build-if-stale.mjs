// Builds the workspaces whose output is missing or older than their sources (used by start and migrate).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    max = Math.max(max, newest(join(path, e.name)));
  }
  return max;
}

const targets = {
  shared: { output: 'shared/dist/index.js', inputs: ['shared/src', 'shared/package.json', 'shared/tsconfig.json'] },
  server: {
    output: 'server/dist/server/src/main.js',
    inputs: ['server/src', 'migrations', 'server/tsconfig.json', 'server/tsconfig.build.json', 'shared/dist/index.js'],
  },
  client: {
    output: 'client/dist/index.html',
    inputs: ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/dist/index.js'],
  },
};

export function isStale(name) {
  const t = targets[name];
  const out = join(root, t.output);
  if (!existsSync(out)) return true;
  const outTime = statSync(out).mtimeMs;
  return t.inputs.some((i) => newest(join(root, i)) > outTime);
}

/** Returns true when the workspace is built (or was already); false when its build failed. */
export function buildIfStale(name, { optional = false } = {}) {
  if (!isStale(name)) return true;
  if (name === 'client' && !existsSync(join(root, 'client', 'src'))) return false;
  console.log(`[trame] construction de ${name}…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', name], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    if (optional) {
      console.warn(`[trame] la construction de ${name} a échoué : on continue sans.`);
      return false;
    }
    process.exit(r.status ?? 1);
  }
  return true;
}
