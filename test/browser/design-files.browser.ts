/**
 * Issue 10 §4–5 in the browser: a working group brings a KoboToolbox form (XLSForm) through the import
 * screen, reads what could not be carried over, opens the evaluation; downloads its design workbook, which
 * imported back through the same screen gives an evaluation with the same questionnaire.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DESKTOP, launch, shot, watch } from './support/browser.js';
import { ADMIN, startServer, type RunningServer } from './support/server.js';

jest.setTimeout(180_000);

const XLSFORMS = join(process.cwd(), 'test/fixtures/xlsform');
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an XLSForm imported from the screen lists its warnings; the design workbook goes back in unchanged', async () => {
  const ctx = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('Adresse électronique').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Vos évaluations' }).waitFor();

  // A KoboToolbox household survey with a GPS point: imported without it, and the screen says so.
  await page.getByTestId('bundle-file').setInputFiles(join(XLSFORMS, 'kobo-menage.xlsx'));
  const warnings = page.getByTestId('import-warnings');
  await warnings.waitFor();
  await expect(warnings.innerText()).resolves.toMatch(/Évaluation créée\. \d+ éléments? du fichier/);
  await expect(warnings.innerText()).resolves.toMatch(/feuille « survey », ligne \d+/);
  await shot(page, 'design-01-xlsform-warnings');
  await page.getByRole('button', { name: 'Ouvrir l’évaluation' }).click();
  await page.getByTestId('evaluation-title').waitFor();
  const firstId = new URL(page.url()).pathname.split('/')[3]!;

  // Its design workbook, downloaded from the evaluation's page…
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('design-workbook').click()]);
  expect(download.suggestedFilename()).toMatch(/-conception\.xlsx$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');

  // …imported back: no warning this time, the evaluation opens at once with the same questionnaire.
  await page.goto(`${server.baseUrl}/app`);
  await page.getByTestId('bundle-file').setInputFiles({
    name: 'conception.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(file),
  });
  await page.waitForURL(/\/app\/evaluations\/\d+/);
  const secondId = new URL(page.url()).pathname.split('/')[3]!;
  expect(secondId).not.toBe(firstId);
  const bundleOf = async (id: string) =>
    (await (await page.request.get(`${server.baseUrl}/api/evaluations/${id}/bundle`)).json()) as {
      questionnaire: unknown;
    };
  expect((await bundleOf(secondId)).questionnaire).toEqual((await bundleOf(firstId)).questionnaire);

  // A broken form: refused with its places, nothing created.
  await page.goto(`${server.baseUrl}/app`);
  await page.getByTestId('bundle-file').setInputFiles(join(XLSFORMS, 'erreurs.xlsx'));
  const errors = page.getByTestId('bundle-errors');
  await errors.waitFor();
  await expect(errors.innerText()).resolves.toMatch(/feuille « (survey|choices) »/);
  await shot(page, 'design-02-xlsform-refused');
  expect(w.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  await ctx.close();
});
