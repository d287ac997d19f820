/**
 * Issue 9 on a phone: French numbers stored exactly, "Page x sur 5" and the navigation buttons, the phone's
 * back button, and axe-core (WCAG 2.x A/AA) clean on the notice, every page of the Coop'Art questionnaire
 * and the thank-you page, at 390 px and 320 px.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { fixture, TestApi } from './support/api.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { choose, launch, PHONE, shot, watch } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

jest.setTimeout(240_000);

let server: RunningServer;
let browser: Browser;
let campaign: { id: number; slug: string };
let api: TestApi;

// bypassCSP: the page's CSP (script-src 'self') would refuse axe-core's injected script.
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 }, bypassCSP: true };
const PHONE_320 = { ...PHONE, viewport: { width: 320, height: 640 }, bypassCSP: true };
const PAGES = [
  'Votre profil',
  'Écosystème culturel solide',
  'Modèle collectif ouvert',
  'Capacité à créer',
  'Contribution à la vitalité culturelle territoriale',
];

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  api = await TestApi.login(server.baseUrl);
  campaign = await api.openCampaign(fixture('bundle.json'), 'Enquête Coop’Art 2026 (téléphone)');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// A title of PAGES (indexed: possibly undefined to the compiler, never in these tests).
const pageTitle = (page: Page, title: string | undefined) => page.getByRole('heading', { level: 2, name: title ?? '' });

async function open(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByTestId('privacy-notice').waitFor();
}

async function start(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await pageTitle(page, PAGES[0]).waitFor();
}

/** A member who made savings: answers page 1 and moves to the last page ("Suivant" four times). */
async function toSavingsPage(
  page: Page,
  onPage?: (index: number) => Promise<void>,
  next: string = 'Suivant',
): Promise<void> {
  await choose(page, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
  await choose(page, 'Quel est votre profil principal', 'Artiste');
  for (let i = 0; i < PAGES.length - 1; i++) {
    await onPage?.(i);
    await page.getByRole('button', { name: next }).click();
    await pageTitle(page, PAGES[i + 1]).waitFor();
  }
  await choose(page, 'réalisé des économies', 'Oui');
}

const savingsInput = (page: Page) =>
  page
    .locator('.sd-question', { has: page.getByText('À combien estimez-vous') })
    .first()
    .locator('input');

const localId = (page: Page) =>
  page.evaluate(
    (slug) => (JSON.parse(localStorage.getItem(`trame:progress:${slug}`) ?? '{}') as { id?: string }).id ?? '',
    campaign.slug,
  );

/** What the server stored, read by the working group's JSON export (a sent response's link shows no answers). */
async function stored(page: Page): Promise<Record<string, unknown>> {
  const id = await localId(page);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const out = await api.call<{ responses: { id: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/campaigns/${campaign.id}/responses.json`,
    );
    const found = out.responses.find((r) => r.id === id);
    if (found) return found.data;
    if (Date.now() > deadline) throw new Error(`response ${id} not stored as complete`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

test.each([
  ['1 500,50', 1500.5, '1 500,50'],
  ['1500.5', 1500.5, '1 500,5'],
  ['1 500', 1500, '1 500'],
  ['1500,5', 1500.5, '1 500,5'],
])('the savings typed as "%s" are stored as the number %s', async (typed, expected, shown) => {
  const ctx = await browser.newContext(PHONE_390);
  const page = await ctx.newPage();
  const w = watch(page);
  await open(page);
  await start(page);
  await toSavingsPage(page);
  const input = savingsInput(page);
  await input.click();
  await input.pressSequentially(typed, { delay: 20 });
  expect(await input.inputValue()).toBe(shown);
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByTestId('thank-you').waitFor();
  const data = await stored(page);
  expect(data.montant_economies).toBe(expected);
  expect(typeof data.montant_economies).toBe('number');
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test.each([
  ['1,500.50', 1500.5, '1,500.50'],
  ['1500.5', 1500.5, '1,500.5'],
  ['1 500', 1500, '1,500'],
])('in English, the savings typed as "%s" are stored as the number %s', async (typed, expected, shown) => {
  const ctx = await browser.newContext(PHONE_390);
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(`${server.baseUrl}/s/${campaign.slug}?lang=en`);
  await page.getByRole('button', { name: 'Start the questionnaire' }).click();
  await pageTitle(page, PAGES[0]).waitFor();
  await toSavingsPage(page, undefined, 'Next');
  const input = savingsInput(page);
  await input.click();
  await input.pressSequentially(typed, { delay: 20 });
  expect(await input.inputValue()).toBe(shown);
  await input.pressSequentially('a', { delay: 20 });
  const q = page.locator('.sd-question', { has: page.getByText('À combien estimez-vous') }).first();
  await q.getByText('This character cannot be part of a number').waitFor();
  // Refused, the letter leaves the number as it was (the field is redrawn from it: "1,500.50" → "1,500.5").
  expect(Number((await input.inputValue()).replace(/,/g, ''))).toBe(expected);
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByTestId('thank-you').waitFor();
  const data = await stored(page);
  expect(data.montant_economies).toBe(expected);
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test('an impossible number is refused on the spot with a French message, never reinterpreted', async () => {
  const ctx = await browser.newContext(PHONE_390);
  const page = await ctx.newPage();
  await open(page);
  await start(page);
  await toSavingsPage(page);
  const input = savingsInput(page);
  await input.click();
  await input.pressSequentially('12a', { delay: 20 });
  expect(await input.inputValue()).toBe('12');
  const q = page.locator('.sd-question', { has: page.getByText('À combien estimez-vous') }).first();
  await q.getByText('ne peut pas faire partie d’un nombre').waitFor();
  // The message is announced: SurveyJS renders question errors in a role="alert" live region.
  expect(await q.locator('[role=alert]').count()).toBeGreaterThan(0);
  await shot(page, 'phone-number-refused');
  // A third decimal is refused, not folded into the number.
  await input.pressSequentially(',555', { delay: 20 });
  expect(await input.inputValue()).toBe('12,55');
  await q.getByText('ne peut pas faire partie d’un nombre').waitFor();
  // Typing goes on normally after a refusal: the comma is kept, the number is the one typed.
  await input.press('Backspace');
  await input.press('Backspace');
  await input.pressSequentially('5', { delay: 20 });
  expect(await input.inputValue()).toBe('12,5');
  await ctx.close();
});

test('"Page x sur 5", the primary button first, and the back button going back a page', async () => {
  for (const [size, opts] of [
    ['390', PHONE_390],
    ['320', PHONE_320],
  ] as const) {
    const ctx = await browser.newContext(opts);
    const page = await ctx.newPage();
    const w = watch(page);
    await open(page);
    await start(page);
    const position = page.getByTestId('page-position');
    expect(await position.innerText()).toContain('Page 1 sur 5');
    await choose(page, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
    await choose(page, 'Quel est votre profil principal', 'Artiste');
    await page.getByRole('button', { name: 'Suivant' }).click();
    await pageTitle(page, PAGES[1]).waitFor();
    expect(await position.innerText()).toContain('Page 2 sur 5');
    // SurveyJS scrolls the new page to the top of the window: its title is not under the sticky bar.
    await page.waitForTimeout(300);
    const bar = await position.boundingBox();
    const title = await pageTitle(page, PAGES[1]).boundingBox();
    expect(bar && title && title.y >= bar.y + bar.height).toBe(true);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await pageTitle(page, PAGES[2]).waitFor();
    // Still visible after scrolling down to the buttons.
    await page.getByRole('button', { name: 'Suivant' }).scrollIntoViewIfNeeded();
    expect(await position.isVisible()).toBe(true);
    const box = await position.boundingBox();
    expect(box && box.y >= 0 && box.y < opts.viewport.height).toBe(true);
    await shot(page, `phone-${size}-page-3-buttons`, false);
    const prev = await page.getByRole('button', { name: 'Précédent' }).boundingBox();
    const nextBox = await page.getByRole('button', { name: 'Suivant' }).boundingBox();
    // The primary button first (above), full width; both inside the screen.
    expect(prev && nextBox && nextBox.y + nextBox.height <= prev.y).toBe(true);
    expect(prev && prev.x >= 0 && prev.x + prev.width <= opts.viewport.width).toBe(true);
    expect(nextBox && nextBox.x >= 0 && nextBox.x + nextBox.width <= opts.viewport.width).toBe(true);
    const colours = await page.evaluate(() => {
      const bg = (name: string) => {
        const b = [...document.querySelectorAll('input[type=button],button')].find(
          (e) => ((e as HTMLInputElement).value || e.textContent)?.trim() === name,
        );
        return b ? getComputedStyle(b).backgroundColor : '';
      };
      return { prev: bg('Précédent'), next: bg('Suivant') };
    });
    expect(colours.prev).not.toBe(colours.next);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(opts.viewport.width);
    // The phone's back button: page 3 → 2 → 1, answers kept, then it leaves the questionnaire as usual.
    await page.goBack();
    await pageTitle(page, PAGES[1]).waitFor();
    expect(await position.innerText()).toContain('Page 2 sur 5');
    await page.goBack();
    await pageTitle(page, PAGES[0]).waitFor();
    expect(
      await page
        .locator('.sd-question', { has: page.getByText('Êtes-vous sociétaire') })
        .first()
        .locator('input[type=radio]:checked')
        .count(),
    ).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/s/${campaign.slug}`);
    expect(w.errors).toEqual([]);
    await ctx.close();
  }
});

test('axe-core finds no WCAG 2.x A/AA violation on the notice, every page and the thank-you page', async () => {
  const found: string[] = [];
  for (const [size, opts] of [
    ['390', PHONE_390],
    ['320', PHONE_320],
  ] as const) {
    const ctx = await browser.newContext(opts);
    const page = await ctx.newPage();
    await open(page);
    found.push(...describeViolations(`${size} notice`, await axeViolations(page)));
    await start(page);
    // The choice focused on a new page shows a ring.
    await toSavingsPage(page, async (i) => {
      found.push(...describeViolations(`${size} page ${i + 1}`, await axeViolations(page)));
      await shot(page, `phone-${size}-axe-page-${i + 1}`, false);
    });
    found.push(...describeViolations(`${size} page 5`, await axeViolations(page)));
    await shot(page, `phone-${size}-axe-page-5`, false);
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByTestId('thank-you').waitFor();
    found.push(...describeViolations(`${size} thank-you`, await axeViolations(page)));
    await ctx.close();
  }
  expect(found).toEqual([]);
});

test('the choice focused when a new page opens shows a focus ring of at least 3:1', async () => {
  const ctx = await browser.newContext(PHONE_390);
  const page = await ctx.newPage();
  await open(page);
  await start(page);
  await choose(page, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
  await choose(page, 'Quel est votre profil principal', 'Artiste');
  await page.getByRole('button', { name: 'Suivant' }).click();
  await pageTitle(page, PAGES[1]).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('.sd-item__control'));
  const ring = await page.evaluate(() => {
    const d = document.activeElement?.nextElementSibling;
    const s = d ? getComputedStyle(d) : null;
    return s ? { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor } : null;
  });
  expect(ring).toEqual({ style: 'solid', width: '3px', color: 'rgb(26, 95, 180)' });
  await shot(page, 'phone-390-autofocus-ring', false);
  await ctx.close();
});
