/**
 * Issue 4, scenario (a): on a phone-sized viewport, a member and a non-member each complete the Coop'Art
 * questionnaire; a reload half-way resumes; the "reprendre plus tard" link resumes on another device;
 * going offline before submitting and back online still delivers exactly one response.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fixture, publicGet, TestApi } from './support/api.js';
import { choose, launch, PHONE, shot, until, watch } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

jest.setTimeout(180_000);

let server: RunningServer;
let browser: Browser;
let api: TestApi;
let campaign: { id: number; slug: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
  api = await TestApi.login(server.baseUrl);
  campaign = await api.openCampaign(fixture('bundle.json'), 'Enquête Coop’Art 2026');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function next(page: Page, expectedTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByText(expectedTitle, { exact: true }).first().waitFor();
}

const localId = (page: Page) =>
  page.evaluate(
    (slug) => (JSON.parse(localStorage.getItem(`trame:progress:${slug}`) ?? '{}') as { id?: string }).id ?? '',
    campaign.slug,
  );

/** Script and style files fetched by each respondent page: none may be admin code or Chart.js. */
const fetchedAssets: string[] = [];

async function startSurvey(ctx: BrowserContext, prefix: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('request', (r) => {
    if (/\/assets\//.test(r.url())) fetchedAssets.push(r.url());
  });
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByTestId('privacy-notice').waitFor();
  await shot(page, `${prefix}-01-privacy`);
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await page.getByText('Votre profil', { exact: true }).first().waitFor();
  return page;
}

test('a member completes the questionnaire on a phone, resuming after a reload and on another device', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await startSurvey(ctx, 'a-member');
  const w = watch(page);
  // The page fits a 360 px screen: no horizontal scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await choose(page, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
  await choose(page, 'Quel est votre profil principal', 'Artiste');
  await choose(page, 'Habitez-vous en Haute-Loire', 'Oui');
  await choose(page, 'moins de 2 000 habitants', 'Oui');
  await page.getByText('Créer du lien', { exact: true }).click();
  await shot(page, 'a-member-02-profile');
  await next(page, 'Écosystème culturel solide');

  // The page change saved a partial response on the server.
  const id = await localId(page);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await until(async () => (await publicGet(server.baseUrl, campaign.slug, id)).status === 200);
  const partial = (await publicGet(server.baseUrl, campaign.slug, id)).body as {
    status: string;
    data: Record<string, unknown>;
  };
  expect(partial.status).toBe('partial');
  expect(partial.data.statut).toBe('associe');

  await choose(page, 'acteur culturel majeur', 'Oui, tout à fait');
  await choose(page, 'renforce', 'Oui, plutôt');
  await next(page, 'Modèle collectif ouvert');
  await choose(page, 'légitime', 'Oui, plutôt');

  // Reload half-way: same response, same page, answers kept.
  await page.reload();
  await page.getByText('Modèle collectif ouvert', { exact: true }).first().waitFor();
  await shot(page, 'a-member-03-resumed-after-reload');
  expect(await localId(page)).toBe(id);
  expect(
    await page
      .locator('.sd-question', { has: page.getByText('légitime') })
      .first()
      .locator('input[type=radio]:checked')
      .count(),
  ).toBe(1);

  // "Reprendre plus tard": the personal link resumes on another device.
  await page.getByRole('button', { name: 'Reprendre plus tard' }).click();
  const link = await page.locator('#resume-url').inputValue();
  expect(link).toContain(`r=${id}`);
  await shot(page, 'a-member-04-resume-link');
  const other = await browser.newContext(PHONE);
  const page2 = await other.newPage();
  await page2.goto(link);
  await page2.getByText('Modèle collectif ouvert', { exact: true }).first().waitFor();
  await shot(page2, 'a-member-05-other-device');
  await page2.getByRole('button', { name: 'Suivant' }).click();
  await page2.getByText('Capacité à créer', { exact: true }).first().waitFor();
  await choose(page2, 'interlocuteurs', 'Oui, tout à fait');
  await next(page2, 'Contribution à la vitalité culturelle territoriale');
  await choose(page2, 'réalisé des économies', 'Oui');
  await page2
    .locator('.sd-question', { has: page2.getByText('À combien estimez-vous') })
    .first()
    .locator('input')
    .fill('1200');
  await shot(page2, 'a-member-06-last-page');
  await page2.getByRole('button', { name: 'Terminer' }).click();
  await page2.getByTestId('thank-you').waitFor();
  await shot(page2, 'a-member-07-thank-you');
  await other.close();

  // A sent response is no more readable through its link (issue 9): read it as the working group does.
  const exported = await api.call<{ responses: { id: string; status: string; data: Record<string, unknown> }[] }>(
    'GET',
    `/api/campaigns/${campaign.id}/responses.json`,
  );
  const done = exported.responses.find((r) => r.id === id)!;
  expect(done.status).toBe('complete');
  expect(done.data).toMatchObject({
    statut: 'associe',
    profil: 'artiste',
    renforce_activite: 'oui_plutot',
    montant_economies: 1200,
  });
  expect((await api.campaign(campaign.id)).responses.complete).toBe(1);
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test('a non-member completes the questionnaire offline; it is delivered once when the network is back', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await startSurvey(ctx, 'a-nonmember');
  const w = watch(page);
  await choose(page, 'Êtes-vous sociétaire', 'Non');
  await choose(page, 'Quel est votre profil principal', 'Collectivité locale');
  // Members-only questions are hidden for a non-member.
  expect(await page.getByText('Pourquoi avez-vous rejoint').count()).toBe(0);
  await next(page, 'Écosystème culturel solide');
  await choose(page, 'renforce', 'Oui, tout à fait');
  await next(page, 'Modèle collectif ouvert');
  await next(page, 'Capacité à créer');
  await next(page, 'Contribution à la vitalité culturelle territoriale');
  const id = await localId(page);

  await ctx.setOffline(true);
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByTestId('submission-pending').waitFor();
  await page.getByText(/Pas de connexion pour le moment/).waitFor();
  await shot(page, 'a-nonmember-02-offline-pending');
  // Answers are kept in the browser until acknowledged.
  const outbox = await page.evaluate(
    () => JSON.parse(localStorage.getItem('trame:outbox') ?? '[]') as { id: string; body: { status: string } }[],
  );
  expect(outbox.find((e) => e.id === id)?.body.status).toBe('complete');
  // Reloading without network: the page comes from the service worker's cache and the answers from the
  // outbox; it still waits for the network.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.getByTestId('submission-pending').waitFor();
  await shot(page, 'a-nonmember-02b-offline-reloaded');

  await ctx.setOffline(false);
  await page.getByTestId('thank-you').waitFor({ timeout: 30_000 });
  await shot(page, 'a-nonmember-03-delivered');
  expect(await page.evaluate(() => localStorage.getItem('trame:outbox'))).toBe('[]');

  const c = await api.campaign(campaign.id);
  expect(c.responses.complete).toBe(2);
  const r = await api.results(campaign.id);
  expect(r.respondents.total).toBe(2);
  expect(r.respondents.segments.statut).toMatchObject({ associes: 1, non_associes: 1 });
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test('the respondent page never downloads admin code or Chart.js', () => {
  expect(fetchedAssets.length).toBeGreaterThan(3);
  expect(fetchedAssets.filter((u) => /AdminApp|adminEntry|i18nInstance|chart/i.test(u))).toEqual([]);
});

test('the questionnaire can be answered with the keyboard alone', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByTestId('privacy-notice').waitFor();
  // The start button has the focus: Enter starts.
  await page.keyboard.press('Enter');
  await page.getByText('Votre profil', { exact: true }).first().waitFor();
  // Tab to the first question's options and choose with Space.
  for (let i = 0; i < 12; i++) {
    const label = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? '');
    if (label === 'radio') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  const checked = await page.evaluate(
    () => document.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? null,
  );
  expect(checked).toBe('associe');
  await shot(page, 'a-keyboard-01');
  await ctx.close();
});

test('an invitation campaign is answered through the personal link only', async () => {
  const inv = await api.openCampaign(fixture('bundle.json'), 'Campagne sur invitation', 'invitation');
  const { invitations } = await api.call<{ invitations: { token: string; url: string }[] }>(
    'POST',
    `/api/campaigns/${inv.id}/invitations`,
    { count: 1 },
  );
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/s/${inv.slug}`);
  await page.getByTestId('invitation-only').waitFor();
  await shot(page, 'a-invitation-only');
  const url = new URL(invitations[0]!.url, server.baseUrl);
  await page.goto(`${server.baseUrl}${url.pathname}${url.search}`);
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await choose(page, 'Êtes-vous sociétaire', 'Non');
  await choose(page, 'Quel est votre profil principal', 'Artiste');
  for (const title of [
    'Écosystème culturel solide',
    'Modèle collectif ouvert',
    'Capacité à créer',
    'Contribution à la vitalité culturelle territoriale',
  ])
    await next(page, title);
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByTestId('thank-you').waitFor();
  expect((await api.campaign(inv.id)).responses.complete).toBe(1);
  await ctx.close();
});

test('closed, not yet open and unknown campaigns show a clear page', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/s/cette-enquete-n-existe-pas`);
  await page.getByTestId('campaign-unknown').waitFor();
  await shot(page, 'a-unknown-campaign');
  const other = await api.openCampaign(fixture('bundle.json'), 'Campagne close');
  await api.call('PATCH', `/api/campaigns/${other.id}`, { status: 'closed' });
  await page.goto(`${server.baseUrl}/s/${other.slug}`);
  await page.getByTestId('campaign-closed').waitFor();
  await shot(page, 'a-closed-campaign');
  const later = await api.openCampaign(fixture('bundle.json'), 'Campagne à venir');
  await api.call('PATCH', `/api/campaigns/${later.id}`, {
    opensAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
  });
  await page.goto(`${server.baseUrl}/s/${later.slug}`);
  await page.getByTestId('campaign-not-open').waitFor();
  expect(await page.getByTestId('campaign-not-open').innerText()).toMatch(/ouvertes à partir du/);
  await shot(page, 'a-not-yet-open-campaign');
  await ctx.close();
});
