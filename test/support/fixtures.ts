import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
/** Loosely typed JSON: the tests edit fixtures freely and check them with assertions. */
type Json = ReturnType<typeof JSON.parse>;

/** The Coop'Art example (the demo copy in server/demo, the reference files in test/fixtures). */
export const coopart = {
  bundle: () => JSON.parse(read('server/demo/coopart/bundle.json')) as Record<string, Json>,
  responses: () =>
    JSON.parse(read('server/demo/coopart/responses.json')) as {
      format: string;
      responses: { id: string; status: string; data: Record<string, unknown> }[];
    },
  responsesCsv: () => read('test/fixtures/coopart/responses.csv'),
  expected: () => JSON.parse(read('test/fixtures/coopart/expected-results.json')) as Record<string, Json>,
};
