import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Coop'Art example's files (server/demo/coopart), found from this file in src/ (tests) or dist/ (npm
 * start). No Nest and no other module here: the demo loader reads them, and so does the evaluations
 * module's Coop'Art template, which the demo module (above it) cannot be imported by.
 */
export function demoDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'demo', 'coopart');
    if (existsSync(join(candidate, 'bundle.json'))) return candidate;
    dir = dirname(dir);
  }
  return null;
}

/** The Coop'Art bundle as shipped (parsed JSON, not validated), or null when the files are missing. */
export function demoBundle(): unknown {
  const dir = demoDir();
  return dir ? (JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as unknown) : null;
}
