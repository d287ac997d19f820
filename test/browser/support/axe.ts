/** axe-core in the page under test (the root devDependency, injected from node_modules, never fetched). */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './server.js';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe's WCAG 2.x A/AA rules on the page as it is now; returns the violations, one line each. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, TAGS);
}

/** Formats violations so that a failing expectation says which rule on which element. */
export function describeViolations(where: string, vs: AxeViolation[]): string[] {
  return vs.map((v) => `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}: ${v.targets.slice(0, 3).join(', ')}`);
}
