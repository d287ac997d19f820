/**
 * Issue 4, scenario (b): a working-group member logs in, imports the Coop'Art bundle (an invalid one is
 * refused first, errors by path), opens a campaign, imports the 85 answers, sees the dashboard show the
 * figures of expected-results.json, downloads the workbook (read back with ExcelJS) and sees a new answer
 * counted while the page is open.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fixture, TestApi } from './support/api.js';
import { DESKTOP, launch, shot, until, watch } from './support/browser.js';
import { ADMIN, FIXTURES, startServer, type RunningServer } from './support/server.js';

jest.setTimeout(240_000);

interface Fig {
  value: number | null;
  rounded: number | null;
  numerator?: number | null;
  denominator?: number;
  choices?: { value: string; count: number; rounded: number | null }[];
  breakdown?: Record<string, Record<string, Fig>>;
}
type Expected = { respondents: { total: number }; indicators: (Fig & { code: string; kind: string })[] };

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

async function drop(page: Page, selector: string, name: string, text: string): Promise<void> {
  const dt = await page.evaluateHandle(
    ({ name, text }) => {
      const d = new DataTransfer();
      d.items.add(new File([text], name, { type: 'application/json' }));
      return d;
    },
    { name, text },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: dt });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: dt });
}

/** "61 %", "37 000 €", "1 500 h" → 61, 37000, 1500. */
function num(text: string): number {
  return Number(
    text
      .replace(/[\s\u202f\u00a0]/g, '')
      .replace(',', '.')
      .replace(/[^0-9.-].*$/, ''),
  );
}

test('log in, import the référentiel, open a campaign, read the figures and download the workbook', async () => {
  const ctx = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await ctx.newPage();
  const w = watch(page);

  // Login.
  await page.goto(`${server.baseUrl}/app`);
  await page.getByLabel('Adresse électronique').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  await shot(page, 'b-01-login');
  await page.getByLabel('Adresse électronique').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Vos évaluations' }).waitFor();

  // An invalid bundle (an indicator names an unknown question) is refused, errors by path, nothing created.
  const bundleText = readFileSync(join(FIXTURES, 'bundle.json'), 'utf8');
  const broken = JSON.parse(bundleText) as {
    framework: { dimensions: { criteria: { indicators: { question?: string }[] }[] }[] };
  };
  broken.framework.dimensions[0]!.criteria[1]!.indicators[1]!.question = 'renforce';
  await drop(page, '[data-testid=bundle-dropzone]', 'bundle-errone.json', JSON.stringify(broken));
  const errors = page.getByTestId('bundle-errors');
  await errors.waitFor();
  expect(await errors.textContent()).toContain('framework.dimensions[0].criteria[1].indicators[1].question');
  expect(await errors.textContent()).toMatch(/rien n’a été importé/);
  await shot(page, 'b-02-invalid-bundle');
  const api = await TestApi.login(server.baseUrl);
  expect(await api.call<unknown[]>('GET', '/api/evaluations')).toEqual([]);

  // The real bundle, dropped on the same zone.
  await drop(page, '[data-testid=bundle-dropzone]', 'bundle.json', bundleText);
  await page.getByTestId('evaluation-title').waitFor();
  expect(await page.getByTestId('evaluation-title').textContent()).toContain('Coop');

  // Référentiel (now the editor's tree) with coverage warnings; indicators name the questions they read.
  await page.getByRole('link', { name: 'Référentiel' }).click();
  await page.getByTestId('framework-tree').waitFor();
  expect(await page.getByText(/critères sans indicateur/).count()).toBeGreaterThan(0);
  expect(
    await page.getByLabel(/^Titre du critère/).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  ).toContain('Structuration');
  await page.getByText('renforce_activite', { exact: true }).first().waitFor();
  await shot(page, 'b-03-framework-tree');

  // Questionnaire preview, as respondents see it.
  await page.getByRole('link', { name: 'Questionnaire' }).click();
  await page.getByTestId('questionnaire-preview').waitFor();
  await page.getByText('Êtes-vous sociétaire', { exact: false }).first().waitFor();
  await shot(page, 'b-04-questionnaire-preview', false);

  // Internal data: give the source of the number of members.
  await page.getByRole('link', { name: 'Données internes' }).click();
  const row = page.getByTestId('internal-societaires_2025');
  await row.getByLabel('Source').fill('Registre des sociétaires, AG 2025');
  await row.getByRole('button', { name: 'Enregistrer' }).click();
  await row.getByText('Enregistré').waitFor();
  await shot(page, 'b-05-internal-data');

  // A campaign: create, open, link and QR code.
  await page.getByRole('link', { name: 'Campagnes' }).click();
  await page.getByLabel('Titre').fill('Enquête sociétaires et partenaires 2026');
  await page.getByRole('button', { name: 'Créer la campagne' }).click();
  await page.getByTestId('campaign-panel').waitFor();
  await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
  await until(
    async () => (await page.getByTestId('campaign-status').first().textContent()) === 'ouverte',
    10_000,
    'campaign open',
  );
  const link = await page.getByTestId('campaign-link').inputValue();
  expect(link).toMatch(/\/s\/[a-z0-9-]+$/);
  await page.getByRole('button', { name: 'QR code' }).click();
  await page.getByTestId('campaign-qr').locator('img').waitFor();
  await shot(page, 'b-06-campaign-open', false);
  const campaignId = Number(new URL(page.url()).pathname.split('/').pop());

  // Files with an unknown column, then with an impossible value: errors by row and column, nothing imported.
  const csvText = readFileSync(join(FIXTURES, 'responses.csv'), 'utf8');
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const delimiter = lines[0]!.includes(';') ? ';' : ',';
  const withColumn = [`${lines[0]}${delimiter}colonne_inconnue`, ...lines.slice(1)];
  const statutIdx = lines[0]!.split(delimiter).indexOf('statut');
  const row2 = lines[1]!.split(delimiter);
  row2[statutIdx] = 'peut_etre';
  const withValue = [lines[0], row2.join(delimiter), ...lines.slice(2)];
  for (const [name, content, expected] of [
    ['colonne-inconnue.csv', withColumn, ['colonne_inconnue']],
    ['valeur-impossible.csv', withValue, ['statut', 'peut_etre']],
  ] as const) {
    const file = join(server.dir, name);
    writeFileSync(file, content.join('\n'));
    await page.getByTestId('responses-file').setInputFiles(file);
    const box = page.getByTestId('responses-import-errors');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="responses-import-errors"]')?.textContent?.includes(n),
      expected[0],
      { timeout: 60_000 },
    );
    const text = await box.innerText();
    for (const e of expected) expect(text).toContain(e);
    expect(text).toMatch(/Aucune réponse n’a été importée/);
    await shot(page, `b-06-import-errors-${name.replace('.csv', '')}`, false);
  }
  expect((await api.campaign(campaignId)).responses.complete).toBe(0);

  // The 85 Coop'Art answers, imported from the CSV file, with a progress bar.
  await page.getByTestId('responses-file').setInputFiles(join(FIXTURES, 'responses.csv'));
  await page.getByText('85 réponses importées.').waitFor({ timeout: 60_000 });

  // Dashboard: figures exactly as expected-results.json.
  const expected = fixture<Expected>('expected-results.json');
  await until(
    async () => (await page.getByTestId('respondents-total').textContent()) === '85',
    20_000,
    'dashboard shows 85',
  );
  const shown = await page.evaluate(() => {
    const out: Record<string, string> = {};
    document
      .querySelectorAll<HTMLElement>(
        '[data-testid^="value-"], [data-testid^="nofn-"], [data-testid^="breakdown-"], [data-testid^="sentence-"]',
      )
      .forEach((el) => {
        out[el.dataset.testid!] = el.innerText;
      });
    return out;
  });
  let checked = 0;
  for (const ind of expected.indicators) {
    if (ind.kind === 'distribution') continue;
    const text = shown[`value-${ind.code}`];
    expect({ code: ind.code, text: text === undefined ? 'absent' : ind.rounded === null ? text : num(text) }).toEqual({
      code: ind.code,
      text: ind.rounded === null ? '—' : ind.rounded,
    });
    if (ind.numerator != null && ind.denominator != null)
      expect(shown[`nofn-${ind.code}`]).toBe(`${ind.numerator}/${ind.denominator}`);
    for (const [seg, groups] of Object.entries(ind.breakdown ?? {})) {
      for (const [g, f] of Object.entries(groups)) {
        const cell = shown[`breakdown-${ind.code}-${seg}-${g}`];
        expect(cell).toBeDefined();
        if (f.rounded !== null) expect(num(cell!.split('\t')[1] ?? '')).toBe(f.rounded);
        if (f.numerator != null && f.denominator != null) expect(cell).toContain(`${f.numerator}/${f.denominator}`);
      }
    }
    checked++;
  }
  expect(checked).toBeGreaterThan(40);
  expect(shown['sentence-I05']).toBe(
    "61 % des associé·es (et 73 % des non-associé·es) estiment que Coop'Art renforce leur activité",
  );
  const rate = await page.getByTestId('response-rate').first().textContent();
  expect(rate).toMatch(/50\s?%/);
  expect(rate).toMatch(/69 sur 137/);
  expect(rate).toContain('Registre des sociétaires, AG 2025');
  // Distributions: counts per choice.
  const i20 = expected.indicators.find((i) => i.code === 'I20')!;
  const i20text = await page.getByTestId('indicator-I20').innerText();
  for (const c of i20.choices ?? []) expect(i20text).toContain(`${c.rounded}\u202f%`);
  // Small-sample mark on the non-members of I05 (15 answers < 30).
  expect(await page.getByTestId('breakdown-I05-statut-non_associes').innerText()).toContain('petit effectif');
  await page.getByLabel(/intervalles de confiance/).check();
  await page.getByTestId('indicator-I05').scrollIntoViewIfNeeded();
  await shot(page, 'b-07-dashboard-top', false);
  await shot(page, 'b-08-dashboard-full');

  // Workbook: download it and read a figure back with ExcelJS.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
  const file = join(server.dir, 'export.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Synthèse');
  expect(ws).toBeDefined();
  const headerRow = ws!.getRow(1).values as unknown[];
  const col = (name: string) => headerRow.findIndex((v) => v === name);
  let i05: ExcelJS.Row | undefined;
  ws!.eachRow((r) => {
    if (r.getCell(col('Code')).value === 'I05') i05 = r;
  });
  expect(i05).toBeDefined();
  expect(i05!.getCell(col('Valeur')).value).toBe(63);
  expect(i05!.getCell(col('associé·es : valeur')).value).toBe(61);
  expect(i05!.getCell(col('non-associé·es : valeur')).value).toBe(73);
  // The CSV button answers with a UTF-8 BOM file.
  const csv = await page.request.get(
    await page
      .getByTestId('download-csv')
      .getAttribute('href')
      .then((h) => `${server.baseUrl}${h}`),
  );
  expect(csv.status()).toBe(200);
  expect((await csv.body()).subarray(0, 3).toString('hex')).toBe('efbbbf');

  // A new answer arrives while the dashboard is open: it is counted without a reload.
  const slug = link.split('/s/')[1]!;
  const put = await fetch(`${server.baseUrl}/api/public/campaigns/${slug}/responses/${crypto.randomUUID()}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      status: 'complete',
      data: { statut: 'non_associe', profil: 'collectivite', renforce_activite: 'oui_plutot' },
    }),
  });
  expect(put.status).toBeLessThan(300);
  await until(
    async () => (await page.getByTestId('respondents-total').textContent()) === '86',
    20_000,
    'dashboard shows 86',
  );
  expect((await api.campaign(campaignId)).responses.complete).toBe(86);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'b-09-dashboard-new-answer', false);
  expect(w.errors).toEqual([]);
  await ctx.close();
});
