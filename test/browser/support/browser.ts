/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './server.js';

export const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');
export const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'fr-FR',
};
export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'fr-FR' };

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Collects page errors and failed console messages so that a test can assert there were none. */
export function watch(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::ERR/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Clicks `answer` in the SurveyJS question whose title contains `question`. */
export async function choose(page: Page, question: string, answer: string): Promise<void> {
  const q = page.locator('.sd-question', { has: page.getByText(question, { exact: false }) }).first();
  await q.getByText(answer, { exact: true }).first().click();
}
