/**
 * Issue 4, scenario (c): markup injected by an author (question title, choice text, html question) or by a
 * respondent (an answer piped into a later title with {name}) is shown as text or sanitised markup; no
 * handler ever runs. Every payload would set window.__xss or open a dialog if it executed.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { TestApi } from './support/api.js';
import { DESKTOP, launch, PHONE, shot, watch } from './support/browser.js';
import { ADMIN, startServer, type RunningServer } from './support/server.js';

jest.setTimeout(120_000);

const IMG = '<img src="x" onerror="window.__xss=(window.__xss||0)+1;alert(1)">';
const SVG = '<svg onload="window.__xss=(window.__xss||0)+1"></svg>';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';

const bundle = {
  format: 'trame-bundle/1',
  title: `Test d'injection ${IMG}`,
  locale: 'fr',
  questionnaire: {
    title: 'Injection',
    pages: [
      {
        name: 'p1',
        title: `Première page ${SVG}`,
        elements: [
          { type: 'text', name: 'nom', title: `Votre nom ? ${IMG}`, description: `Aide ${SCRIPT}` },
          { type: 'html', name: 'info', html: `<p>Bloc <b>d'information</b></p>${IMG}${SCRIPT}` },
        ],
      },
      {
        name: 'p2',
        elements: [
          {
            type: 'radiogroup',
            name: 'avis',
            title: 'Bonjour {nom}, êtes-vous satisfait·e ?',
            choices: [
              { value: 'oui', text: `<b>Oui</b> ${IMG}` },
              { value: 'non', text: 'Non' },
            ],
          },
        ],
      },
    ],
  },
  segments: [],
  framework: {
    title: 'Référentiel',
    dimensions: [
      {
        code: 'D1',
        title: `Dimension ${IMG}`,
        criteria: [
          {
            code: 'C1',
            title: 'Critère',
            indicators: [
              {
                code: 'I1',
                title: `Satisfaction ${IMG}`,
                statement: `sont satisfaits ${IMG}`,
                kind: 'percent',
                question: 'avis',
                positive: ['oui'],
              },
            ],
          },
        ],
      },
    ],
  },
  internalData: [],
};

let server: RunningServer;
let browser: Browser;
let campaign: { id: number; slug: string; evaluationId: number };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  const api = await TestApi.login(server.baseUrl);
  campaign = await api.openCampaign(bundle, `Campagne ${IMG}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('injected <img onerror>, <svg onload> and <script> in questions and answers never run', async () => {
  // bypassCSP: the server's CSP (script-src-attr 'none') would block handlers anyway; the test must prove
  // that the client never lets one reach the live DOM, so it runs without that safety net.
  const ctx = await browser.newContext({ ...PHONE, bypassCSP: true });
  const page = await ctx.newPage();
  const w = watch(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByRole('button', { name: /Commencer/ }).click();
  await page.getByText('Votre nom ?', { exact: false }).first().waitFor();
  // The html question keeps its harmless markup, loses the rest.
  expect(await page.locator('b', { hasText: "d'information" }).count()).toBe(1);
  await page.waitForTimeout(300);
  expect(
    await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss ?? 0,
      handlers: document.querySelectorAll('[onerror],[onload]').length,
    })),
  ).toEqual({ xss: 0, handlers: 0 });
  expect(w.errors).toEqual([]);
  // A respondent's answer with markup, piped into the next question's title.
  await page.locator('input[type=text]').first().fill(`Camille ${IMG}${SVG}${SCRIPT}`);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByText('Bonjour Camille', { exact: false }).first().waitFor();
  await page.waitForTimeout(500);
  await shot(page, 'c-01-injected-respondent');
  expect(await page.locator('b', { hasText: 'Oui' }).count()).toBe(1);
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? 0,
    handlers: document.querySelectorAll('[onerror],[onload]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
  }));
  expect(state).toEqual({ xss: 0, handlers: 0, scripts: 0 });
  await page.getByText('Oui', { exact: true }).first().click();
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByTestId('thank-you').waitFor();

  // The working group's screens show the same texts without running them either.
  const admin = await browser.newContext({ ...DESKTOP, bypassCSP: true });
  const ap = await admin.newPage();
  const aw = watch(ap);
  ap.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await ap.goto(`${server.baseUrl}/login`);
  await ap.getByLabel('Adresse électronique').fill(ADMIN.email);
  await ap.getByLabel('Mot de passe').fill(ADMIN.password);
  await ap.getByRole('button', { name: 'Se connecter' }).click();
  await ap.getByRole('heading', { name: 'Vos évaluations' }).waitFor();
  await ap.goto(`${server.baseUrl}/app/evaluations/${campaign.evaluationId}/framework`);
  await ap.getByTestId('framework-tree').waitFor();
  await ap.goto(`${server.baseUrl}/app/evaluations/${campaign.evaluationId}/questionnaire`);
  await ap.getByTestId('questionnaire-preview').waitFor();
  await ap.goto(`${server.baseUrl}/app/campaigns/${campaign.id}`);
  await ap.getByTestId('respondents-total').waitFor();
  await ap.getByTestId('sentence-I1').waitFor();
  expect(await ap.getByTestId('sentence-I1').innerText()).toContain('<img src="x"');
  await ap.waitForTimeout(500);
  await shot(ap, 'c-02-injected-dashboard', false);
  const adminState = await ap.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? 0,
    handlers: document.querySelectorAll('[onerror],[onload]').length,
  }));
  expect(adminState).toEqual({ xss: 0, handlers: 0 });
  expect(dialogs).toEqual([]);
  expect({ respondent: w.errors, admin: aw.errors }).toEqual({ respondent: [], admin: [] });
  await admin.close();
  await ctx.close();
});
