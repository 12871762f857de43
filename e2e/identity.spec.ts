import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { withUuid } from './helpers';

/** An input is known by its content, not by its name, size and modification time (issue 11). */

/** Counts as the page writes them (thousands separators). */
const count = (n: number) => n.toLocaleString('en-US');
const GOOD = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8').split('\n')[0]!;
/** The sample line with its own uuid: the same length for every `n` below 10000. */
const line = (n: number) => withUuid(GOOD, `same-${String(n).padStart(4, '0')}`);

/** Drop files made in the page, with the modification time given (file inputs set their own). */
async function dropWithTime(page: Page, files: { name: string; content: string }[], lastModified: number): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ list, time }) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'application/x-ndjson', lastModified: time }));
      return dt;
    },
    { list: files, time: lastModified },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer });
}

const summary = (page: Page) => page.locator('details.problems summary');

test('two different files with the same name, size and modification time both load', async ({ page }) => {
  await page.goto('./');
  const time = Date.UTC(2026, 10, 30, 12);
  const nodeA = `${line(1)}\n${line(2)}\n`;
  const nodeB = `${line(3)}\n${line(4)}\n`;
  expect(nodeA.length).toBe(nodeB.length);
  await dropWithTime(page, [{ name: 'falco.ndjson', content: nodeA }], time);
  await expect(summary(page)).toHaveText('2 records read = 2 alerts loaded + 0 problems');
  // Another node's file of the same name, size and time, in a later drop: read too.
  await dropWithTime(page, [{ name: 'falco.ndjson', content: nodeB }], time);
  await expect(summary(page)).toHaveText('4 records read = 4 alerts loaded + 0 problems');
  await expect(page.getByRole('list', { name: 'Inputs' }).getByRole('listitem').filter({ hasText: 'falco.ndjson: 2 alerts' })).toHaveCount(2);
});

test('a file added again after Cancel is read again, in full', async ({ page }, testInfo) => {
  await page.goto('./');
  const lines = 20_000;
  const path = testInfo.outputPath('again.ndjson');
  // Every line a different alert (its own uuid).
  writeFileSync(path, Array.from({ length: lines }, (_, i) => withUuid(GOOD, `again-${i}`)).join('\n') + '\n');
  const input = page.getByLabel('Open alert files');
  await input.setInputFiles(path);
  const rows = page.getByRole('list', { name: 'Inputs' }).getByRole('listitem');
  // Cancel while it reads; on a fast machine the read may be over first: either way it is done.
  await rows.getByRole('button', { name: 'Cancel' }).click({ timeout: 5_000 }).catch(() => {});
  await expect(rows.first()).toContainText(/again\.ndjson: [\d,]+ alerts, 0 problems/);
  const first = Number(/([\d,]+) alerts/.exec((await rows.first().textContent())!)![1]!.replaceAll(',', ''));
  // The same file again: a second input, read to its end; the alerts the first read loaded are
  // counted once (skipped as duplicates), the rest are added.
  await input.setInputFiles(path);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(first ? `again.ndjson: ${count(lines - first)} alerts, 0 problems, ${count(first)} duplicate${first === 1 ? '' : 's'} skipped` : `again.ndjson: ${count(lines)} alerts, 0 problems`);
  await expect(rows.nth(1)).not.toContainText('cancelled');
  await expect(summary(page)).toHaveText(`${count(first + lines)} records read = ${count(lines)} alerts loaded + ${first ? `${count(first)} duplicate${first === 1 ? '' : 's'} skipped + ` : ''}0 problems`);
});
