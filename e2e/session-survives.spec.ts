import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect as baseExpect, test, type Page } from '@playwright/test';

// Reads run in workers beside other suites on a shared machine: generous waits, never timing asserts.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 120_000 });
import { dropFiles, incidents, loadSamples, withUuid } from './helpers';

/** Issue 14: the session survives a reload; files can be removed, the session cleared. */

const SAMPLES = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8');
const LINES = SAMPLES.split('\n').filter(Boolean);
const FIRST = LINES.slice(0, 6).join('\n');
const SECOND = LINES.slice(6).join('\n');
const RULE = 'Terminal shell in container';

const selectedRow = (page: Page) => page.getByRole('listbox', { name: 'Incidents' }).getByRole('option', { selected: true });
const header = (page: Page) => page.locator('.session-stats');
const inputs = (page: Page) => page.getByRole('list', { name: 'Inputs' }).getByRole('listitem');
const welcome = (page: Page) => page.getByRole('heading', { name: /Triage Falco alerts/ });

/** Saved inputs are written to IndexedDB after they are read: wait until the list holds `n`. */
async function savedInputs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('falcoscope-session');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('inputs')) return resolve(0);
          const get = db.transaction('inputs').objectStore('inputs').get('list');
          get.onsuccess = () => resolve(Array.isArray(get.result) ? get.result.length : 0);
          get.onerror = () => resolve(-1);
        };
        open.onerror = () => resolve(-1);
      }),
  );
}

test('a reload restores the files, the counts, the filters, the selection and the triage', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [
    { name: 'node-a.ndjson', content: FIRST },
    { name: 'node-b.ndjson', content: SECOND },
  ]);
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems');
  await incidents(page).filter({ hasText: RULE }).click();
  await page.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true }).click();
  await page.getByRole('group', { name: 'Source' }).getByRole('button', { name: /syscall/ }).click();
  const selectedBefore = await selectedRow(page).textContent();
  await expect.poll(() => savedInputs(page)).toBe(2);

  await page.reload();
  await expect(inputs(page)).toHaveCount(2);
  await expect(inputs(page).nth(0)).toContainText('node-a.ndjson: 6 alerts');
  await expect(inputs(page).nth(1)).toContainText('node-b.ndjson: 5 alerts');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems');
  await expect(page.getByRole('group', { name: 'Source' }).getByRole('button', { name: /syscall/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(selectedRow(page)).toHaveText(selectedBefore!);
  await expect(page.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Triage status' }).getByRole('button', { name: 'benign', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('Remove closes one file (also after a reload); Clear session forgets everything', async ({ page }) => {
  await page.goto('./');
  await dropFiles(page, [
    { name: 'node-a.ndjson', content: FIRST },
    { name: 'node-b.ndjson', content: SECOND },
  ]);
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 0 problems');
  await page.getByRole('button', { name: 'Remove node-a.ndjson' }).click();
  await expect(inputs(page)).toHaveCount(1);
  await expect(header(page)).toHaveText('5 alerts · 5 incidents · 0 problems');
  await expect(incidents(page)).toHaveCount(5);
  await expect.poll(() => savedInputs(page)).toBe(1);

  await page.reload();
  await expect(inputs(page)).toHaveCount(1);
  await expect(inputs(page).first()).toContainText('node-b.ndjson: 5 alerts');
  await expect(header(page)).toHaveText('5 alerts · 5 incidents · 0 problems');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear session' }).click();
  await expect(welcome(page)).toBeVisible();
  await expect(inputs(page)).toHaveCount(0);
  await expect.poll(() => savedInputs(page)).toBe(0);
  await page.reload();
  await expect(welcome(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load sample alerts' })).toBeVisible();
});

test('sample alerts: offered only in an empty session, and labelled as samples', async ({ page }) => {
  await loadSamples(page);
  await expect(incidents(page)).toHaveCount(11);
  // No second load, and nothing to mix demo alerts into real ones.
  await expect(page.getByRole('button', { name: 'Load sample alerts' })).toHaveCount(0);
  await expect(inputs(page).first()).toContainText('sample alerts');
  await expect(header(page)).toContainText('sample alerts');
  // Real data beside them: the samples stay labelled in the list of inputs, the header no longer says "sample".
  await dropFiles(page, [{ name: 'real.ndjson', content: LINES.slice(0, 6).map((line, i) => withUuid(line, `real-${i}`)).join('\n') }]);
  await expect(inputs(page)).toHaveCount(2);
  await expect(inputs(page).filter({ hasText: 'falco-samples.ndjson' })).toContainText('sample alerts');
  await expect(inputs(page).filter({ hasText: 'real.ndjson' })).not.toContainText('sample alerts');
  await expect(header(page)).not.toContainText('sample alerts');
});

test('a link whose files are not open here says which files to open', async ({ page, browser }) => {
  await page.goto('./');
  await dropFiles(page, [{ name: 'node-a.ndjson', content: FIRST }]);
  // The riskiest incident (this rule) is selected after the load: the link names it.
  await expect(page.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
  await expect.poll(() => page.url()).toContain('incident=');
  const link = page.url();
  expect(decodeURIComponent(link)).toContain('files=["node-a.ndjson"]');

  // A colleague (another browser profile: nothing saved) opens the link.
  const colleague = await browser.newContext();
  try {
    const other = await colleague.newPage();
    await other.goto(link);
    const banner = other.getByRole('status', { name: 'Files to open' });
    await expect(banner).toContainText('not open in this browser');
    await expect(banner).toContainText('node-a.ndjson');
    await dropFiles(other, [{ name: 'node-a.ndjson', content: FIRST }]);
    await expect(banner).toHaveCount(0);
    // The link's incident opens once its file is there.
    await expect(other.getByRole('article', { name: `Report: ${RULE}` })).toBeVisible();
  } finally {
    await colleague.close();
  }
});

test('Remove drops only that file (the others are not read again); the same content opened twice adds nothing, its problems counted once', async ({ page }) => {
  await page.goto('./');
  const withProblem = `${FIRST}\nnot json\n`;
  await dropFiles(page, [
    { name: 'node-a.ndjson', content: withProblem },
    { name: 'node-b.ndjson', content: SECOND },
  ]);
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 1 problem');
  // The same content again, under another name: a duplicate input.
  await dropFiles(page, [{ name: 'node-a-copy.ndjson', content: withProblem }]);
  const copy = inputs(page).filter({ hasText: 'node-a-copy.ndjson' });
  await expect(copy).toContainText('0 alerts, 0 problems, 6 duplicates skipped (already loaded) (the same content as node-a.ndjson: nothing added)');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 1 problem · 6 duplicates skipped');

  // Closing the first copy: the second now holds its alerts and its problem; node-b is untouched.
  await page.getByRole('button', { name: 'Remove node-a.ndjson' }).click();
  await expect(inputs(page)).toHaveCount(2);
  await expect(copy).toContainText('node-a-copy.ndjson: 6 alerts, 1 problem');
  await expect(copy).not.toContainText('duplicates');
  await expect(inputs(page).filter({ hasText: 'node-b.ndjson' })).toContainText('node-b.ndjson: 5 alerts, 0 problems');
  await expect(header(page)).toHaveText('11 alerts · 11 incidents · 1 problem');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('listitem').first()).toContainText('node-a-copy.ndjson');

  await page.getByRole('button', { name: 'Remove node-b.ndjson' }).click();
  await expect(header(page)).toHaveText('6 alerts · 6 incidents · 1 problem');
  await expect(incidents(page)).toHaveCount(6);
  await expect.poll(() => savedInputs(page)).toBe(1);
  await page.reload();
  await expect(inputs(page)).toHaveCount(1);
  await expect(header(page)).toHaveText('6 alerts · 6 incidents · 1 problem');
});

/** The names of the files kept in this origin's OPFS. */
const opfsFiles = (page: Page) =>
  page.evaluate(async () => {
    const names: string[] = [];
    const dir = (await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> };
    for await (const name of dir.keys()) names.push(name);
    return names;
  });

test('a large input is kept in the Origin Private File System and read back from it on reload', async ({ page }) => {
  // 9 MiB of distinct alerts: above the size from which inputs go to OPFS (8 MiB).
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 9 * 1024 * 1024; i++) {
    const line = withUuid(LINES[i % LINES.length]!, `opfs-${i}`);
    lines.push(line);
    size += line.length + 1;
  }
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles({ name: 'large.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) }, { timeout: 60_000 });
  const count = lines.length.toLocaleString('en-US');
  await expect(inputs(page).first()).toContainText(`large.ndjson: ${count} alerts`);
  await expect.poll(() => savedInputs(page)).toBe(1);
  await expect.poll(() => opfsFiles(page)).toEqual([expect.stringMatching(/^falcoscope-input-/)]);
  // Not as bytes in IndexedDB: there, only where the file is.
  const kept = await page.evaluate(
    () =>
      new Promise<unknown[]>((resolve) => {
        const open = indexedDB.open('falcoscope-session');
        open.onsuccess = () => {
          const all = open.result.transaction('inputs').objectStore('inputs').getAll();
          all.onsuccess = () => resolve(all.result.filter((v: unknown) => !Array.isArray(v)).map((v: unknown) => (v instanceof Blob ? 'blob' : v)));
        };
      }),
  );
  expect(kept).toEqual([{ opfs: expect.stringMatching(/^falcoscope-input-/) }]);

  await page.reload();
  await expect(inputs(page).first()).toContainText(`large.ndjson: ${count} alerts`);
  await expect(header(page)).toContainText(`${count} alerts`);

  // Clearing the session removes the file too.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Clear session' }).click();
  await expect(welcome(page)).toBeVisible();
  await expect.poll(() => opfsFiles(page)).toEqual([]);
});
