import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { downloadedText, incidents, loadSamples } from './helpers';

/** Every triage record in the page's IndexedDB, as JSON text. */
function storedTriage(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('falcoscope-triage');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('notes').objectStore('notes').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

const RULE = 'Terminal shell in container';
const NOTE = 'Ops ran kubectl exec for the 14:00 maintenance | ticket OPS-42 <b>ok</b>';

test('triage lasts: reload keeps it, exports carry it, a saved session restores it elsewhere', async ({ page, browser }, testInfo) => {
  await loadSamples(page);
  await incidents(page).filter({ hasText: RULE }).click();
  await expect(page.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
  await page.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true }).click();
  await page.getByLabel('Notes').fill(NOTE);
  // Persisted to IndexedDB, one record per incident (written asynchronously).
  await expect.poll(() => storedTriage(page)).toContain('benign');

  // The reload restores the session (alerts kept in this browser) with its triage.
  await page.reload();
  await incidents(page).filter({ hasText: RULE }).click();
  await expect(page.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Notes')).toHaveValue(NOTE);

  // In the incident's Markdown and in the whole-session export.
  const [one] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = await downloadedText(one);
  expect(md).toMatch(/## Triage[\s\S]*\*\*Status:\*\* benign/);
  // Markup-like words of the note go into code spans: shown as typed, never rendered.
  expect(md).toContain('Ops ran kubectl exec for the 14:00 maintenance `|` ticket OPS-42 `<b>ok</b>`');
  await page.getByRole('tab', { name: 'Markdown preview' }).click();
  await expect(page.locator('.markdown-preview')).toContainText(NOTE);
  const [all] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  expect(await downloadedText(all)).toContain('**Status:** benign');

  // Save the session; a colleague (a fresh browser context, empty IndexedDB) opens it.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save session' }).click()]);
  expect(saved.suggestedFilename()).toMatch(/\.falcoscope\.json$/);
  const sessionPath = testInfo.outputPath(saved.suggestedFilename());
  await saved.saveAs(sessionPath);
  const session = JSON.parse(readFileSync(sessionPath, 'utf8'));
  expect(session.version).toEqual(expect.any(Number));

  const colleague = await browser.newContext();
  try {
    const other = await colleague.newPage();
    await other.goto('./');
    await other.getByLabel('Open alert files').setInputFiles(sessionPath);
    await expect(incidents(other)).toHaveCount(11);
    await expect(other.locator('.session-stats')).toContainText('11 incidents');
    await incidents(other).filter({ hasText: RULE }).click();
    await expect(other.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
    await expect(other.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(other.getByLabel('Notes')).toHaveValue(NOTE);
    // Another incident is untouched.
    await incidents(other).filter({ hasText: 'PTRACE attached to process' }).click();
    await expect(other.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'new', exact: true })).toHaveAttribute('aria-pressed', 'true');

    // A file from a newer falcoscope is refused: one problem that names the file and says why.
    const futurePath = testInfo.outputPath('from-the-future.falcoscope.json');
    writeFileSync(futurePath, JSON.stringify({ ...session, version: 99 }));
    await other.getByLabel('Open alert files').setInputFiles(futurePath);
    await expect(other.getByRole('list', { name: 'Inputs' }).getByRole('listitem').filter({ hasText: 'from-the-future.falcoscope.json' })).toContainText('0 alerts, 1 problem');
    const problems = other.locator('details.problems');
    // The panel opens itself with its first problems, in the same render as its count: wait for the
    // count, or a click could land just before that render and close it again.
    await expect(problems.locator('summary')).toContainText(/ 1 problem$/);
    if ((await problems.getAttribute('open')) === null) await problems.locator('summary').click();
    const refusal = other.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'from-the-future.falcoscope.json' });
    await expect(refusal).toContainText(/newer falcoscope/);
    await expect(refusal).toContainText(/99/);
    await expect(other.locator('.session-stats')).toContainText('11 incidents');
  } finally {
    await colleague.close();
  }
});

test('two tabs triage different incidents: both are kept, and each tab sees the other live', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await loadSamples(a);
  // The second tab opens the same workspace, restored from the browser (samples open only in an empty session).
  await b.goto('./');
  await expect(incidents(b).first()).toBeVisible();
  const shell = incidents(a).filter({ hasText: RULE });
  await shell.click();
  await a.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'malicious', exact: true }).click();
  await a.getByLabel('Notes').fill('reverse shell from the api pod');

  const other = incidents(b).filter({ hasNotText: RULE }).first();
  // Incident ids are stable hashes of rule and entity: the same in every tab.
  const otherId = (await other.getAttribute('id')) ?? '';
  await other.click();
  await b.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true }).click();

  // Tab B shows A's verdict without a reload.
  await incidents(b).filter({ hasText: RULE }).click();
  await expect(b.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'malicious', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(b.getByLabel('Notes')).toHaveValue('reverse shell from the api pod');

  // A fresh tab reads both from storage.
  await expect.poll(() => storedTriage(a)).toContain('reverse shell');
  const c = await context.newPage();
  await c.goto('./');
  await expect(incidents(c).first()).toBeVisible();
  await incidents(c).filter({ hasText: RULE }).click();
  await expect(c.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'malicious', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await c.locator(`[id="${otherId}"]`).click();
  await expect(c.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true })).toHaveAttribute('aria-pressed', 'true');
});
