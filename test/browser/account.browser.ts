/**
 * Issue 7, credentials: on « Mon compte » a member sees their browser sessions and script tokens, revokes a
 * token, is refused a common password with the reason, then changes the password, which signs out the
 * other browser while this one stays signed in.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launch, PHONE, shot, until, watch } from './support/browser.js';
import { ADMIN, startServer, type RunningServer } from './support/server.js';

jest.setTimeout(120_000);

const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };
const NEW_PASSWORD = 'la chèvre mange des cerises';

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

async function signIn(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/app`);
  await page.getByLabel('Adresse électronique').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Vos évaluations' }).waitFor();
  return page;
}

const tokenStatus = async (token: string) =>
  (await fetch(`${server.baseUrl}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;

test('see and revoke sessions and tokens, then change the password', async () => {
  const r = await fetch(`${server.baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...ADMIN, label: 'export nocturne' }),
  });
  const { token } = (await r.json()) as { token: string };

  // On a phone: the account page from the top bar.
  const phoneCtx = await browser.newContext(PHONE_390);
  const phone = await signIn(phoneCtx);
  await phone.getByRole('link', { name: 'Mon compte' }).click();
  await phone.getByRole('heading', { name: 'Mon compte' }).waitFor();
  await phone.getByTestId('session-row').nth(1).waitFor();
  await shot(phone, 'd-account-390');

  // On a desktop: three entries, this browser marked, the token by its label.
  const ctx = await browser.newContext(DESKTOP);
  const page = await signIn(ctx);
  const w = watch(page);
  await page.goto(`${server.baseUrl}/app/account`);
  const rows = page.getByTestId('session-row');
  await rows.nth(2).waitFor();
  expect(await rows.count()).toBe(3);
  expect(await rows.first().textContent()).toMatch(/^Navigateur\s*Cette session/);
  await page.getByText('Jeton « export nocturne »').waitFor();
  await shot(page, 'd-account-1280');

  // Revoking the token: it stops working at once.
  expect(await tokenStatus(token)).toBe(200);
  await page.getByRole('button', { name: 'Révoquer : Jeton « export nocturne »' }).click();
  await page.getByText('Jeton « export nocturne »').waitFor({ state: 'detached' });
  expect(await rows.count()).toBe(2);
  expect(await tokenStatus(token)).toBe(401);

  // A common password is refused with the server's reason; a too short one before sending.
  const form = page.getByTestId('password-change');
  await form.getByLabel('Mot de passe actuel').fill(ADMIN.password);
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await form.getByText('Encore un peu : 5 caractères sur les 15 demandés.').waitFor();
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill('motdepasse123456');
  await form.getByLabel('Confirmer le nouveau mot de passe').fill('motdepasse123456');
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await form
    .getByRole('alert')
    .getByText(/Ce mot de passe est refusé : mot de passe trop courant/)
    .waitFor();
  await shot(page, 'd-account-refused');

  // A passphrase is taken; the phone's session is closed, this one stays.
  await form.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel('Confirmer le nouveau mot de passe').fill(NEW_PASSWORD);
  await form.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await form.getByText('Mot de passe changé. 1 autre session ou jeton a été fermé.').waitFor();
  await until(async () => (await rows.count()) === 1, 10_000, 'the phone session to leave the list');
  await shot(page, 'd-account-changed');
  await phone.reload();
  await phone.getByLabel('Adresse électronique').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Mon compte' }).waitFor();
  expect(w.errors).toEqual([]);

  await phoneCtx.close();
  await ctx.close();
});
