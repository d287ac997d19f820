/**
 * Issue 9, on a phone: two devices editing one response never lose an answer without the person choosing;
 * a used or bad invitation is refused before any question; the notice has every field and reopens from
 * the questionnaire; the phone's copy of the answers is cleared once the server acknowledged them.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { fixture, TestApi } from './support/api.js';
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
  campaign = await api.openCampaign(fixture('bundle.json'), 'Enquête Coop’Art — vos données');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const progressOf = (page: Page, slug: string) =>
  page.evaluate(
    (s) => JSON.parse(localStorage.getItem(`trame:progress:${s}`) ?? 'null') as null | Record<string, unknown>,
    slug,
  );

async function stored(id: string): Promise<{ revision: number; data: Record<string, unknown> }> {
  const r = await fetch(`${server.baseUrl}/api/public/campaigns/${campaign.slug}/responses/${id}`);
  expect(r.status).toBe(200);
  return (await r.json()) as { revision: number; data: Record<string, unknown> };
}

test('the notice shows every field before the first question and reopens from the questionnaire', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const w = watch(page);
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  const notice = page.getByTestId('privacy-notice');
  await notice.waitFor();
  for (const label of [
    'Responsable du traitement',
    'Contact pour exercer vos droits',
    'Finalité',
    'Base légale',
    'Durée de conservation',
    'Destinataires',
    'Vos droits',
  ]) {
    await expect(notice.getByText(label, { exact: true }).count()).resolves.toBe(1);
  }
  await expect(notice.textContent()).resolves.toMatch(/Répondre est facultatif/);
  await expect(notice.textContent()).resolves.toMatch(/réclamation à la CNIL/);
  await expect(notice.textContent()).resolves.toMatch(/rectifier.*effacer.*opposer/);
  await shot(page, 'data-01-notice');
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await page.getByText('Votre profil', { exact: true }).first().waitFor();

  await page.getByTestId('data-notice-button').click();
  const dialog = page.getByTestId('data-notice');
  await dialog.waitFor();
  await expect(dialog.getByText('Durée de conservation', { exact: true }).count()).resolves.toBe(1);
  await shot(page, 'data-02-reopened', false);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await until(async () => !(await dialog.isVisible()), 5000, 'the dialog to close');
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test('an unknown or used invitation is refused before the notice and any question', async () => {
  const inv = await api.openCampaign(fixture('bundle.json'), 'Enquête sur invitation', 'invitation');
  const { invitations } = await api.call<{ invitations: { token: string }[] }>(
    'POST',
    `/api/campaigns/${inv.id}/invitations`,
    { count: 1 },
  );
  const token = invitations[0]!.token;
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();

  await page.goto(`${server.baseUrl}/s/${inv.slug}?t=jeton-inconnu`);
  await page.getByTestId('invitation-invalid').waitFor();
  await expect(page.getByTestId('invitation-invalid').textContent()).resolves.toMatch(/n’est pas valable/);
  expect(await page.getByTestId('privacy-notice').count()).toBe(0);
  expect(await page.locator('.sd-question').count()).toBe(0);
  await shot(page, 'data-03-invitation-invalid');

  // The invitation's response is sent (by another device): the link no longer opens anything.
  const answers = fixture<{ responses: { data: Record<string, unknown> }[] }>('responses.json').responses[0]!.data;
  const put = await fetch(`${server.baseUrl}/api/public/campaigns/${inv.slug}/responses/${crypto.randomUUID()}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'complete', data: answers, token }),
  });
  expect(put.status).toBe(201);
  await page.goto(`${server.baseUrl}/s/${inv.slug}?t=${encodeURIComponent(token)}`);
  await page.getByTestId('invitation-used').waitFor();
  await expect(page.getByTestId('invitation-used').textContent()).resolves.toMatch(/déjà servi/);
  expect(await page.getByTestId('privacy-notice').count()).toBe(0);
  expect(await page.locator('.sd-question').count()).toBe(0);
  await shot(page, 'data-04-invitation-used');
  await ctx.close();
});

test('two devices on one response: the stale one is told, and the person chooses which answers to keep', async () => {
  const a = await (await browser.newContext(PHONE)).newPage();
  await a.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await a.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await a.getByText('Votre profil', { exact: true }).first().waitFor();
  await choose(a, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
  await choose(a, 'Quel est votre profil principal', 'Artiste');
  await choose(a, 'Habitez-vous en Haute-Loire', 'Oui');
  await choose(a, 'moins de 2 000 habitants', 'Oui');
  await a.getByText('Créer du lien', { exact: true }).click();
  await a.getByRole('button', { name: 'Suivant' }).click();
  await a.getByText('Écosystème culturel solide', { exact: true }).first().waitFor();
  const id = String((await progressOf(a, campaign.slug))?.id);
  await until(async () => (await stored(id)).revision === 1, 10_000, 'the first save');

  // Device B resumes the response with its link and changes an answer; its save is revision 2.
  const b = await (await browser.newContext(PHONE)).newPage();
  await b.goto(`${server.baseUrl}/s/${campaign.slug}?r=${id}`);
  await b.getByText('Votre profil', { exact: true }).first().waitFor();
  await choose(b, 'Quel est votre profil principal', 'Collectivité locale');
  await b.getByRole('button', { name: 'Suivant' }).click();
  await until(async () => (await stored(id)).revision === 2, 10_000, 'device B’s save');
  const fromB = (await stored(id)).data;

  // Device A, unaware, saves again: refused, nothing overwritten, the person is asked.
  await a.getByRole('button', { name: 'Précédent' }).click();
  await a.getByTestId('save-conflict').waitFor();
  expect((await stored(id)).data).toEqual(fromB);
  await shot(a, 'data-05-conflict');
  await a.getByRole('button', { name: 'Reprendre les réponses de l’autre appareil' }).click();
  await a.getByText('Votre profil', { exact: true }).first().waitFor();
  expect((await progressOf(a, campaign.slug))?.data).toEqual(fromB);

  // A changes its mind on B's answers, on the revision it now knows: saved, nobody's answer lost unseen.
  await choose(a, 'Quel est votre profil principal', 'Artiste');
  await a.getByRole('button', { name: 'Suivant' }).click();
  await until(async () => (await stored(id)).revision === 3, 10_000, 'device A’s chosen save');
  expect(fromB).toMatchObject({ profil: 'collectivite' });
  expect((await stored(id)).data).toEqual({ ...fromB, profil: 'artiste' });
});

test('the phone keeps no copy of the answers once the server acknowledged the submission', async () => {
  const answers = fixture<{ responses: { data: Record<string, unknown> }[] }>('responses.json').responses[1]!.data;
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const id = crypto.randomUUID();
  // A submission made offline and not yet acknowledged, as the page leaves it in the phone's storage.
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByTestId('privacy-notice').waitFor();
  await page.evaluate(
    ({ slug, id, data }) => {
      const now = Date.now();
      localStorage.setItem(
        `trame:progress:${slug}`,
        JSON.stringify({ id, data, pageNo: 4, started: true, completed: true, acknowledged: false, updatedAt: now }),
      );
    },
    { slug: campaign.slug, id, data: answers },
  );
  await page.reload();
  await page.getByTestId('thank-you').waitFor();
  const after = await progressOf(page, campaign.slug);
  expect(after).toMatchObject({ id, completed: true, acknowledged: true, data: {} });
  const raw = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(raw).not.toContain(JSON.stringify(answers).slice(1, 40));
  // And the response link no longer shows the sent answers.
  const r = await fetch(`${server.baseUrl}/api/public/campaigns/${campaign.slug}/responses/${id}`);
  expect(r.status).toBe(409);
  await ctx.close();
});

test('a resume link asks before replacing another response in progress, and never shows a sent one', async () => {
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const put = async (id: string, status: 'partial' | 'complete', data: Record<string, unknown>) => {
    const r = await fetch(`${server.baseUrl}/api/public/campaigns/${campaign.slug}/responses/${id}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status, data }),
    });
    expect(r.ok).toBe(true);
  };
  // This phone holds its owner's response in progress.
  await page.goto(`${server.baseUrl}/s/${campaign.slug}`);
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await choose(page, 'Êtes-vous sociétaire', 'Non');
  const mine = String((await progressOf(page, campaign.slug))?.id);

  // Someone else's resume link, opened here: asked first; keeping leaves this phone's response.
  const theirs = crypto.randomUUID();
  await put(theirs, 'partial', { statut: 'associe' });
  await page.goto(`${server.baseUrl}/s/${campaign.slug}?r=${theirs}`);
  await page.getByTestId('resume-replace').waitFor();
  await shot(page, 'data-06-replace');
  await page.getByRole('button', { name: 'Continuer la réponse de cet appareil' }).click();
  await page.locator('.sd-question').first().waitFor();
  expect((await progressOf(page, campaign.slug))?.id).toBe(mine);

  // Opening it on purpose replaces it.
  await page.goto(`${server.baseUrl}/s/${campaign.slug}?r=${theirs}`);
  await page.getByRole('button', { name: 'Ouvrir la réponse du lien' }).click();
  await until(async () => (await progressOf(page, campaign.slug))?.id === theirs, 10_000, 'the link’s response');

  // A sent response's link says so, without its answers, and offers the deletion request.
  const sent = crypto.randomUUID();
  const answers = fixture<{ responses: { data: Record<string, unknown> }[] }>('responses.json').responses[2]!.data;
  await put(sent, 'complete', answers);
  const other = await (await browser.newContext(PHONE)).newPage();
  await other.goto(`${server.baseUrl}/s/${campaign.slug}?r=${sent}`);
  await other.getByTestId('resume-sent').waitFor();
  await expect(other.getByTestId('deletion-request').count()).resolves.toBe(1);
  expect(await other.locator('.sd-question').count()).toBe(0);
  await shot(other, 'data-07-sent');
  await ctx.close();
});

test('a campaign closed mid-way says so at the next save, and the status never says "saved" beside it', async () => {
  const closing = await api.openCampaign(fixture('bundle.json'), 'Enquête Coop’Art — fermée en cours');
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`${server.baseUrl}/s/${closing.slug}`);
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await choose(page, 'Êtes-vous sociétaire', 'Oui, je suis sociétaire');
  await choose(page, 'Quel est votre profil principal', 'Artiste');
  await choose(page, 'Habitez-vous en Haute-Loire', 'Oui');
  await choose(page, 'moins de 2 000 habitants', 'Oui');
  await page.getByText('Créer du lien', { exact: true }).click();
  await page.getByRole('button', { name: 'Suivant' }).click();
  const status = page.getByTestId('save-status');
  await until(async () => (await status.textContent()) === 'Réponses enregistrées', 10_000, 'the first save');

  await api.call('PATCH', `/api/campaigns/${closing.id}`, { status: 'closed' });
  await page.getByRole('button', { name: 'Précédent' }).click();
  await page.getByRole('alert').filter({ hasText: 'Cette enquête est close' }).first().waitFor();
  await expect(status.textContent()).resolves.toBe('Dernières réponses non enregistrées : voir le message ci-dessous');
  await expect(page.getByText('Réponses enregistrées', { exact: true }).count()).resolves.toBe(0);
  await shot(page, 'data-07-closed-mid-way');
});
