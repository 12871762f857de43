import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';

// Reads run in workers beside other suites on a shared machine: generous waits, never timing asserts.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 120_000 });
import { dropFiles, incidents } from './helpers';

/** Issue 14: the same alert arriving again is counted once, and the page says what it skipped. */

const SAMPLES = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8');
const LINES = SAMPLES.split('\n').filter(Boolean);

const header = (page: Page) => page.locator('.session-stats');
const listCount = (page: Page) => page.locator('.list-count');
const inputRow = (page: Page, name: string) => page.getByRole('list', { name: 'Inputs' }).getByRole('listitem').filter({ hasText: `${name}:` });

test('a renamed copy of a file adds nothing: counted once, the copy says it skipped its alerts', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'falco.ndjson', content: SAMPLES }]);
  await expect(inputRow(page, 'falco.ndjson')).toContainText('falco.ndjson: 11 alerts, 0 problems');
  await dropFiles(page, [{ name: 'falco (copy).ndjson', content: SAMPLES }]);
  await expect(inputRow(page, 'falco (copy).ndjson')).toContainText('falco (copy).ndjson: 0 alerts, 0 problems, 11 duplicates skipped');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems · 11 duplicates skipped');
  await expect(listCount(page)).toHaveText('11 of 11 incidents · 11 alerts');
  await expect(incidents(page)).toHaveCount(11);
  // No incident doubled: every row says one alert.
  for (const count of await page.locator('.row-count').allTextContents()) expect(count).toBe('×1');
  await expect(page.locator('details.problems summary')).toHaveText('22 records read = 11 alerts loaded + 11 duplicates skipped + 0 problems');
});

test('overlapping files: only the alerts not seen before are added', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'monday.ndjson', content: LINES.slice(0, 7).join('\n') }]);
  await expect(inputRow(page, 'monday.ndjson')).toContainText('7 alerts');
  await dropFiles(page, [{ name: 'monday-and-tuesday.ndjson', content: LINES.slice(4).join('\n') }]);
  await expect(inputRow(page, 'monday-and-tuesday.ndjson')).toContainText('monday-and-tuesday.ndjson: 4 alerts, 0 problems, 3 duplicates skipped');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems · 3 duplicates skipped');
  await expect(listCount(page)).toHaveText('11 of 11 incidents · 11 alerts');
});

test('a saved session dropped twice, and beside the file it came from, keeps its counts', async ({ page }, testInfo) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'falco.ndjson', content: SAMPLES }]);
  await expect(incidents(page)).toHaveCount(11);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save session' }).click()]);
  const path = testInfo.outputPath('mine.falcoscope.json');
  await saved.saveAs(path);
  const session = readFileSync(path, 'utf8');

  await dropFiles(page, [{ name: 'mine.falcoscope.json', content: session }]);
  await dropFiles(page, [{ name: 'mine (1).falcoscope.json', content: session }]);
  await expect(inputRow(page, 'mine (1).falcoscope.json')).toContainText('0 alerts, 0 problems, 11 duplicates skipped');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems · 22 duplicates skipped');
  await expect(listCount(page)).toHaveText('11 of 11 incidents · 11 alerts');
  // The report of an incident counts its one alert, not a "burst" of copies.
  await incidents(page).first().click();
  await expect(page.getByRole('article', { name: /^Report: / })).toBeVisible();
  await expect(page.locator('#report-pane')).not.toContainText('burst');
});
