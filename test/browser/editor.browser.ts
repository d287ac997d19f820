/**
 * Issue 10: a working group builds an evaluation from nothing in the no-code editor (blank template, two
 * pages, a condition, a "Je ne sais pas", a segment, two indicators of which one broken down by it),
 * opens a campaign, answers twice on the respondent page and reads the figures on the dashboard; the
 * editor's live result shows the same value. Also: a stale save (409) and a refused one (422), deleting a
 * campaign with responses (typed confirmation) and an evaluation, and the screens at 390 and 1280 px.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeViolations } from './support/axe.js';
import { DESKTOP, choose, launch, shot, until, watch } from './support/browser.js';
import { ADMIN, startServer, type RunningServer } from './support/server.js';

jest.setTimeout(300_000);

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

const PHONE_390 = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'fr-FR',
};

async function login(page: Page): Promise<void> {
  await page.goto(`${server.baseUrl}/app`);
  await page.getByLabel('Adresse électronique').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Vos évaluations' }).waitFor();
}

/** "100 %", "10 h", "1/1" → the figures; "—" → null. */
function num(text: string | null): number | null {
  const s = (text ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  if (s.startsWith('—')) return null;
  return Number(s.replace(/[^0-9.-].*$/, ''));
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await until(
    async () => /Modifications enregistrées/.test((await page.getByTestId('save-status').textContent()) ?? ''),
    15_000,
    'design saved',
  );
}

async function addQuestion(page: Page, pageNo: number, kind: string, title: string): Promise<void> {
  const pageItem = page.locator('.page-item').nth(pageNo - 1);
  await pageItem.getByLabel('Type de la nouvelle question').selectOption({ label: kind });
  await page.getByRole('button', { name: `Ajouter une question à la page ${pageNo}` }).click();
  const form = page.getByTestId('question-form');
  await form.waitFor();
  await form.getByLabel('Intitulé de la question').fill(title);
}

/** One respondent on a phone of their own (a device that answered shows its thank-you page). */
async function answer(slug: string, answers: (page: Page) => Promise<void>): Promise<void> {
  const ctx = await browser.newContext(PHONE_390);
  const page = await ctx.newPage();
  await page.goto(`${server.baseUrl}/s/${slug}`);
  await page
    .getByTestId('privacy-notice')
    .waitFor({ timeout: 10_000 })
    .catch(async (e: unknown) => {
      await shot(page, 'e-respondent-failure');
      throw e;
    });
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await answers(page);
  await page.getByRole('button', { name: 'Terminer' }).click();
  await page.getByTestId('thank-you').waitFor();
  await ctx.close();
}

test('a working group builds an evaluation from nothing, collects two answers and reads the same figures in the editor and on the dashboard', async () => {
  // bypassCSP: for axe-core's injected script (see the phone test).
  const ctx = await browser.newContext({ ...DESKTOP, bypassCSP: true });
  const page = await ctx.newPage();
  const w = watch(page);
  const a11y: string[] = [];
  // window.confirm of the deletions in the editor: the test accepts them.
  page.on('dialog', (d) => void d.accept());
  await login(page);

  // 1. Start from nothing: title, description, blank template.
  await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
  const form = page.getByTestId('new-evaluation');
  await form.getByLabel('Titre').fill('Baromètre des sociétaires 2026');
  await form.getByLabel('Description (facultatif)').fill('Construit dans l’éditeur, sans fichier.');
  expect(await form.getByLabel(/Évaluation vierge/).isChecked()).toBe(true);
  await shot(page, 'e-01-new-evaluation');
  a11y.push(...describeViolations('01-new-evaluation', await axeViolations(page)));
  await form.getByRole('button', { name: 'Créer et ouvrir' }).click();
  await page.getByTestId('framework-editor').waitFor();
  expect(await page.getByTestId('evaluation-title').textContent()).toBe('Baromètre des sociétaires 2026');
  // The blank template's gaps are listed: its criterion has no indicator.
  expect(await page.getByTestId('coverage').textContent()).toMatch(/1 critère sans indicateur/);

  // 2. Questionnaire: a second question on page 1, a second page with an agreement scale (with "Je ne
  // sais pas") and a number shown only to members living in Haute-Loire.
  await page.getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page.getByTestId('questionnaire-editor').waitFor();
  await page.getByTestId('questionnaire-preview').getByText('Êtes-vous associé·e').first().waitFor();

  await addQuestion(page, 1, 'Choix unique', 'Habitez-vous en Haute-Loire ?');
  const qf = page.getByTestId('question-form');
  await qf.getByRole('button', { name: 'Ajouter une réponse' }).click();
  await qf.getByLabel('Réponse 1', { exact: true }).fill('Oui');
  await qf.getByRole('button', { name: 'Ajouter une réponse' }).click();
  await qf.getByLabel('Réponse 2', { exact: true }).fill('Non, ailleurs');
  // Codes made from the labels, lowercase ASCII with underscores.
  expect(await qf.locator('.choice-row').nth(1).getByLabel('Code enregistré').inputValue()).toBe('non_ailleurs');
  expect(await qf.getByLabel('Code de la question').inputValue()).toBe('habitez_vous_en_haute_loire');
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();

  await page.getByRole('button', { name: 'Ajouter une page' }).click();
  await addQuestion(page, 2, 'Échelle d’accord', 'Coop’Art renforce-t-elle votre activité ?');
  await qf.getByLabel('Proposer « Je ne sais pas »').check();
  await qf.getByLabel('Code de la question').fill('renforce');
  await page.getByTestId('questionnaire-preview').getByText('Je ne sais pas').first().waitFor();
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();

  await addQuestion(page, 2, 'Nombre', 'Combien d’heures de bénévolat avez-vous données cette année ?');
  await qf.getByLabel('Code de la question').fill('heures');
  await qf.getByLabel('Unité').fill('heures');
  const cond = qf.getByTestId('visible-if');
  await cond.getByRole('button', { name: 'Ajouter une condition' }).click();
  await cond.getByRole('button', { name: 'Ajouter une condition' }).click();
  const second = cond.locator('.clause').nth(1);
  await second.getByLabel('Question').selectOption({ label: 'Habitez-vous en Haute-Loire ?' });
  await second.getByLabel('Réponse', { exact: true }).selectOption({ label: 'Oui' });
  expect(await cond.getByTestId('visible-if-expr').textContent()).toBe(
    "{statut} = 'associe' and {habitez_vous_en_haute_loire} = 'oui'",
  );
  // In the preview the question is hidden until the earlier answers show it: the page says so.
  await page.getByTestId('preview-hidden').waitFor();
  await shot(page, 'e-02-question-condition');
  a11y.push(...describeViolations('02-question-condition', await axeViolations(page)));
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();
  await shot(page, 'e-03-questionnaire-pages');
  await save(page);
  // Once saved, a code no longer follows its label (answers may be stored under it).
  await page.getByRole('button', { name: 'Modifier la question « Habitez-vous en Haute-Loire ? »' }).click();
  await qf.getByLabel('Réponse 2', { exact: true }).fill('Non, j’habite ailleurs');
  expect(await qf.locator('.choice-row').nth(1).getByLabel('Code enregistré').inputValue()).toBe('non_ailleurs');
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();

  // 2b. A question that feeds nothing gets a first indicator from the coverage list (a mean, here),
  // opened with its question chosen; this one is not wanted after all and is deleted.
  await page.getByRole('link', { name: 'Référentiel' }).click();
  const coverage = page.getByTestId('coverage');
  await coverage.getByText('Voir la liste').click();
  await coverage.getByRole('button', { name: /^Créer un indicateur pour « Combien d’heures/ }).click();
  await page.getByTestId('indicator-editor').waitFor();
  expect(await page.getByTestId('picked-question').textContent()).toContain('heures');
  expect(await page.getByTestId('indicator-editor').getByLabel('Type de calcul').inputValue()).toBe('mean');
  await page.getByRole('button', { name: /Retour au référentiel/ }).click();
  await page.getByRole('button', { name: /^Supprimer : I01/ }).click();
  expect(await page.locator('.tree-ind').count()).toBe(0);

  // 3. A segment from the status question, its groups named as a study names them.
  await page.getByRole('link', { name: 'Référentiel' }).click();
  const segs = page.getByTestId('segments-editor');
  await segs
    .getByLabel('Nouveau segment à partir de la question')
    .selectOption({ label: 'Êtes-vous associé·e (sociétaire) de la structure ?' });
  await segs.getByRole('button', { name: 'Ajouter le segment' }).click();
  await segs.getByLabel('Nom du segment').fill('Statut');
  await segs.getByLabel('Nom du groupe (code associe)').fill('associé·es');
  await segs.getByLabel('Nom du groupe (code non_associe)').fill('non-associé·es');

  // 4. First indicator, from its question: "Créer un indicateur" prefilled (positive answers, NSP left out).
  await page.getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page
    .getByRole('button', { name: 'Modifier la question « Coop’Art renforce-t-elle votre activité ? »' })
    .click();
  await qf.getByRole('button', { name: 'Créer un indicateur' }).click();
  const ed = page.getByTestId('indicator-editor');
  await ed.waitFor();
  expect(await ed.getByTestId('picked-question').textContent()).toContain('renforce');
  expect(await ed.getByLabel('Compte comme oui : Oui, tout à fait').isChecked()).toBe(true);
  expect(await ed.getByLabel('Compte comme oui : Oui, plutôt').isChecked()).toBe(true);
  expect(await ed.getByLabel('Laisser de côté : Je ne sais pas').isChecked()).toBe(true);
  expect(await ed.getByLabel('Compte comme oui : Plutôt non').isChecked()).toBe(false);
  await ed.getByLabel('Par Statut').check();
  await ed.getByLabel('Phrase du rapport').fill('estiment que Coop’Art renforce leur activité');
  // No campaign yet: the live result says so.
  await page
    .getByTestId('live-result')
    .getByText(/Aucune campagne/)
    .waitFor();
  await ed.getByRole('button', { name: /Retour au référentiel/ }).click();

  // 5. Second indicator from the tree: the mean of the hours, found by searching the question's title.
  await page.getByRole('button', { name: 'Ajouter un indicateur au critère C1' }).click();
  await ed.getByLabel('Type de calcul').selectOption({ label: 'moyenne' });
  await ed.getByLabel('Chercher une question').fill('heures bénévolat');
  await ed.getByRole('button', { name: /Combien d’heures/ }).click();
  await ed.getByLabel('Titre', { exact: true }).fill('Heures de bénévolat (moyenne)');
  await ed.getByLabel('Unité').fill('h');
  await ed.getByRole('button', { name: /Retour au référentiel/ }).click();
  await shot(page, 'e-04-framework-tree');
  // Reordering by keyboard: the focus follows the moved indicator (to its other arrow at the top).
  await page.getByRole('button', { name: /^Monter : I02/ }).focus();
  await page.keyboard.press('Enter');
  await until(
    async () =>
      (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).startsWith(
        'Descendre : I02',
      ),
    5000,
    'focus follows the moved indicator',
  );
  expect(await page.locator('.tree-ind .tree-code').allTextContents()).toEqual(['I02', 'I01']);
  await page.keyboard.press('Enter');
  expect(await page.locator('.tree-ind .tree-code').allTextContents()).toEqual(['I01', 'I02']);

  // 5b. A saved answer code renamed by hand: the segment and the condition that name it follow.
  await page.getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page
    .getByRole('button', { name: 'Modifier la question « Êtes-vous associé·e (sociétaire) de la structure ? »' })
    .click();
  await qf.locator('.choice-row').nth(0).getByLabel('Code enregistré').fill('societaire');
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();
  await page.getByRole('button', { name: /^Modifier la question « Combien d’heures/ }).click();
  expect(await qf.getByTestId('visible-if-expr').textContent()).toBe(
    "{statut} = 'societaire' and {habitez_vous_en_haute_loire} = 'oui'",
  );
  await qf.getByRole('button', { name: /Retour aux pages/ }).click();
  await page.getByRole('link', { name: 'Référentiel' }).click();
  expect(await segs.getByRole('checkbox', { name: 'Oui' }).first().isChecked()).toBe(true);

  // 6. A refused save (422): an indicator without question; its error is shown at its field and listed.
  await page.getByRole('button', { name: 'Ajouter un indicateur au critère C1' }).click();
  await ed.getByRole('button', { name: /Retour au référentiel/ }).click();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  const errors = page.getByTestId('save-errors');
  await errors.getByText(/Enregistrement refusé/).waitFor();
  expect(await errors.textContent()).toMatch(/Indicateur I03/);
  await errors.getByRole('button', { name: 'Ouvrir l’indicateur' }).first().click();
  await ed.locator('.field-issues').first().waitFor();
  await shot(page, 'e-05-refused-save');
  a11y.push(...describeViolations('05-refused-save', await axeViolations(page)));
  await ed.getByRole('button', { name: /Retour au référentiel/ }).click();
  await page.getByRole('button', { name: /^Supprimer : I03/ }).click();
  await page.getByLabel('Description (facultatif)').fill('Construit dans l’éditeur ; une vague par an.');
  await save(page);
  // The evaluation's own description is part of the design: the page heading's text follows the save.
  await page.getByText('Construit dans l’éditeur ; une vague par an.', { exact: true }).first().waitFor();
  expect(await page.getByTestId('coverage').textContent()).toMatch(/Chaque critère a au moins un indicateur/);

  // 7. A campaign: create, fill the notice, open.
  await page.getByRole('link', { name: 'Campagnes', exact: true }).click();
  await page.getByTestId('campaign-list').waitFor();
  await page.getByLabel('Titre', { exact: true }).fill('Vague 1');
  await page.getByRole('button', { name: 'Créer la campagne' }).click();
  await page.getByTestId('campaign-panel').waitFor();
  // The notice is pre-filled from the organisation; whatever is still empty is filled in.
  const privacy = page.getByTestId('campaign-privacy');
  if (await privacy.getByText('À remplir avant d’ouvrir').count()) {
    for (const area of await privacy.locator('textarea').all()) {
      if ((await area.inputValue()).trim() === '') await area.fill('Coop’Art, groupe de travail');
    }
    await page.getByRole('button', { name: 'Enregistrer la notice' }).click();
    await page.getByText('Notice enregistrée').waitFor();
  }
  await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
  await until(
    async () => (await page.getByTestId('campaign-status').first().textContent()) === 'ouverte',
    10_000,
    'campaign open',
  );
  const link = await page.getByTestId('campaign-link').inputValue();
  const slug = link.split('/s/')[1]!;

  // 8. Two answers on the respondent page: a member in Haute-Loire (sees the hours), a non-member who
  // does not know (the hours are not asked; "Je ne sais pas" is out of the denominator).
  await answer(slug, async (p) => {
    await choose(p, 'Êtes-vous associé·e', 'Oui');
    await choose(p, 'Habitez-vous en Haute-Loire', 'Oui');
    await p.getByRole('button', { name: 'Suivant' }).click();
    await choose(p, 'renforce-t-elle', 'Oui, plutôt');
    await p
      .locator('.sd-question', { has: p.getByText('Combien d’heures') })
      .first()
      .locator('input')
      .fill('12');
  });
  await answer(slug, async (p) => {
    await choose(p, 'Êtes-vous associé·e', 'Non');
    await choose(p, 'Habitez-vous en Haute-Loire', 'Non, j’habite ailleurs');
    await p.getByRole('button', { name: 'Suivant' }).click();
    await choose(p, 'renforce-t-elle', 'Je ne sais pas');
    expect(await p.getByText('Combien d’heures').count()).toBe(0);
  });

  // 9. The dashboard: 100 % (1/1: the "Je ne sais pas" is left out), per group, and the mean of 12 h.
  await page.reload();
  await until(async () => (await page.getByTestId('nofn-I01').textContent()) === '1/1', 20_000, 'two answers counted');
  const dashValue = await page.getByTestId('value-I01').textContent();
  expect(num(dashValue)).toBe(100);
  expect(await page.getByTestId('breakdown-I01-statut-associe').textContent()).toMatch(/100.*1\/1/);
  expect(await page.getByTestId('breakdown-I01-statut-non_associe').textContent()).toMatch(/—.*0\/0/);
  expect(await page.getByTestId('sentence-I01').textContent()).toBe(
    '100 % des associé·es estiment que Coop’Art renforce leur activité',
  );
  expect(num(await page.getByTestId('value-I02').textContent())).toBe(12);
  expect(await page.getByTestId('nofn-I02').textContent()).toBe('n = 1');
  await shot(page, 'e-06-dashboard');
  const campaignUrl = page.url();

  // 10. The editor's live result, computed in the browser: the same figures, and it follows the form.
  await page.getByRole('link', { name: 'Évaluation', exact: true }).click();
  await page.getByRole('link', { name: 'Référentiel' }).click();
  await page.getByRole('button', { name: 'Modifier l’indicateur I01' }).click();
  const live = page.getByTestId('live-result');
  await live.getByTestId('live-value').waitFor();
  expect(await live.getByTestId('live-value').textContent()).toBe(dashValue);
  expect(await live.getByTestId('live-nofn').textContent()).toBe('1/1');
  expect(await live.getByTestId('live-group-statut-associe').textContent()).toMatch(/100.*1\/1/);
  expect(await live.getByTestId('live-sentence').textContent()).toBe(
    '100 % des associé·es estiment que Coop’Art renforce leur activité',
  );
  await shot(page, 'e-07-indicator-live');
  a11y.push(...describeViolations('07-indicator-live', await axeViolations(page)));
  // Counting "Je ne sais pas" in (unticking it), unsaved: 1 positive out of 2 = 50 %.
  await ed.getByLabel('Laisser de côté : Je ne sais pas').uncheck();
  await until(async () => (await live.getByTestId('live-nofn').textContent()) === '1/2', 5000, 'live update');
  expect(num(await live.getByTestId('live-value').textContent())).toBe(50);
  await ed.getByLabel('Laisser de côté : Je ne sais pas').check();
  await until(async () => (await live.getByTestId('live-nofn').textContent()) === '1/1', 5000, 'live update back');

  // 11. Someone else saves meanwhile: this save is refused (409) and the page offers to reload.
  await ed.getByRole('button', { name: /Retour au référentiel/ }).click();
  await page.getByLabel('Titre du critère C1').fill('Activité des sociétaires');
  await page.evaluate(async (id) => {
    const csrf = /(?:^|; )trame_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
    const d = (await (await fetch(`/api/evaluations/${id}/design`)).json()) as Record<string, unknown> & {
      revision: number;
      framework: { dimensions: { title: string }[] };
    };
    d.framework.dimensions[0]!.title = 'Changée par une collègue';
    const body = { ...d, baseRevision: d.revision };
    const r = await fetch(`/api/evaluations/${id}/design`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`PUT ${r.status} ${await r.text()}`);
  }, new URL(page.url()).pathname.split('/')[3]!);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  const conflict = page.getByTestId('save-conflict');
  await conflict.getByText(/Quelqu’un d’autre a modifié cette évaluation/).waitFor();
  await shot(page, 'e-08-conflict');
  await conflict.getByRole('button', { name: 'Recharger la version actuelle' }).click();
  await until(
    async () => (await page.getByLabel('Titre de la dimension D1').inputValue()) === 'Changée par une collègue',
    10_000,
    'reloaded design',
  );

  // 12. Deleting the campaign names what goes and wants the number of responses typed.
  await page.goto(campaignUrl);
  await page.getByTestId('delete-campaign').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await dialog.getByTestId('deletion-counts').waitFor();
  expect(await dialog.getByTestId('deletion-counts').textContent()).toContain('2 réponses complètes');
  const confirmBtn = dialog.getByRole('button', { name: 'Supprimer définitivement' });
  expect(await confirmBtn.isDisabled()).toBe(true);
  await dialog.getByLabel(/tapez le nombre de réponses/).fill('2');
  await shot(page, 'e-09-delete-campaign', false);
  a11y.push(...describeViolations('09-delete-campaign', await axeViolations(page)));
  await confirmBtn.click();
  await page
    .getByTestId('campaign-list')
    .getByText(/Aucune campagne/)
    .waitFor();

  // 13. Without responses left, the evaluation goes after the dialog's own confirmation.
  await page.getByTestId('delete-evaluation').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer', exact: true }).click();
  await page.getByRole('heading', { name: 'Vos évaluations' }).waitFor();
  expect(await page.getByText('Baromètre des sociétaires 2026').count()).toBe(0);

  expect(a11y).toEqual([]);
  expect(w.errors).toEqual([]);
  await ctx.close();
});

test('the editor on a 390 px phone: no sideways scrolling, every screen reachable, axe-clean', async () => {
  // bypassCSP: the page's CSP (script-src 'self') would refuse axe-core's injected script.
  const ctx = await browser.newContext({ ...PHONE_390, bypassCSP: true });
  const a11y: string[] = [];
  const page = await ctx.newPage();
  const w = watch(page);
  await login(page);
  await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
  await page.getByTestId('new-evaluation').getByLabel('Titre').fill('Essai Coop’Art');
  await page
    .getByTestId('new-evaluation')
    .getByLabel(/Référentiel Coop/)
    .check();
  await shot(page, 'e-phone-01-new');
  await page.getByRole('button', { name: 'Créer et ouvrir' }).click();
  await page.getByTestId('framework-editor').waitFor();
  // What sticks out of the screen (none expected): named, so that a failure says where.
  const width = async () => {
    const out = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => {
          // Inside a horizontally scrolling box that itself fits, a wide table is fine.
          const box = e.parentElement?.closest('.ui-scroll');
          const screen = document.documentElement.clientWidth;
          const limit = box ? box.getBoundingClientRect().right : screen;
          return e.getBoundingClientRect().right > Math.min(limit, screen) + 1;
        })
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.textContent?.slice(0, 40) ?? ''}`),
    );
    expect(out).toEqual([]);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter(
          (e) => e.scrollWidth > document.documentElement.clientWidth && getComputedStyle(e).overflowX === 'visible',
        )
        .slice(-3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}`),
    );
    expect(wide).toEqual([]);
    return page.evaluate(() => document.documentElement.scrollWidth);
  };
  await shot(page, 'e-phone-02-framework', false);
  a11y.push(...describeViolations('02-framework', await axeViolations(page)));
  expect(await width()).toBeLessThanOrEqual(390);
  await page
    .getByRole('button', { name: /^Modifier l’indicateur/ })
    .first()
    .click();
  await page.getByTestId('indicator-editor').waitFor();
  await shot(page, 'e-phone-03-indicator');
  a11y.push(...describeViolations('03-indicator', await axeViolations(page)));
  expect(await width()).toBeLessThanOrEqual(390);
  await page.getByRole('link', { name: 'Questionnaire', exact: true }).click();
  await page.getByTestId('questionnaire-editor').waitFor();
  await page
    .getByRole('button', { name: /^Modifier la question/ })
    .nth(2)
    .click();
  await page.getByTestId('question-form').waitFor();
  await shot(page, 'e-phone-04-question');
  a11y.push(...describeViolations('04-question', await axeViolations(page)));
  expect(await width()).toBeLessThanOrEqual(390);
  await page.getByRole('link', { name: 'Données internes' }).click();
  await page.getByTestId('internal-add').waitFor();
  await page.getByTestId('internal-add').getByLabel('Donnée').fill('Heures de bénévolat');
  await page.getByTestId('internal-add').getByLabel('Valeur').fill('1 500');
  await page.getByTestId('internal-add').getByLabel('Unité').fill('h');
  await page.getByRole('button', { name: 'Ajouter la donnée' }).click();
  await page.getByTestId('internal-heures_de_benevolat').waitFor();
  // A datum an indicator reads cannot be deleted: the server's French message is shown.
  page.on('dialog', (d) => void d.accept());
  const used = page.getByTestId('internal-societaires_2025');
  await used.getByRole('button', { name: /^Supprimer la donnée/ }).click();
  await used.getByRole('alert').waitFor();
  expect(await used.getByRole('alert').textContent()).toMatch(/est utilisée par/);
  await shot(page, 'e-phone-05-internal');
  a11y.push(...describeViolations('05-internal', await axeViolations(page)));
  // The editor in English: the same screens from the English catalogue.
  await page.getByRole('button', { name: /Switch to English/ }).click();
  await page.getByRole('heading', { name: 'Add an internal figure' }).waitFor();
  await page.getByRole('link', { name: 'Framework' }).click();
  // The indicator opened earlier is still open (the editor keeps its place across tabs).
  await page.getByRole('button', { name: /Back to the framework/ }).click();
  await page.getByRole('heading', { name: 'Segments (groups of respondents)' }).waitFor();
  await shot(page, 'e-phone-06-english', false);
  expect(a11y).toEqual([]);
  expect(w.errors).toEqual([]);
  await ctx.close();
});
