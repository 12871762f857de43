import { writeFileSync } from 'node:fs';
import { expect as baseExpect, test } from '@playwright/test';
import { downloadedText, incidents } from './helpers';

// A shared machine: a 3.5 MB record takes a while to parse there. Waiting longer changes no assertion.
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * One record can carry 100,000 output fields (1.9 MB) or a 1 MB rule name: the engine builds its
 * report with the record capped (the first 200 fields, values cut at 4,096 characters) and says
 * so; more fields come a page at a time, and the Markdown export is capped alike with a note.
 * Times are not asserted (shared machines); that the report renders at all within the test's
 * timeout is (it froze the tab for 72 s and 16 s before).
 */
test('an alert with 100,000 fields and one with a 1 MB rule name open capped, with the caps said', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // 'aaa.long' sorts first among the output fields: its 10,000-character value is in the first page.
  const fields: Record<string, string> = { 'aaa.long': 'L'.repeat(10_000) };
  for (let i = 0; i < 100_000; i++) fields[`custom.f${i}`] = `v${i}`;
  const many = JSON.stringify({ rule: 'Many fields', priority: 'Warning', time: '2024-10-05T13:00:00Z', output: 'x', output_fields: fields });
  const longRule = 'R'.repeat(1024 * 1024);
  const long = JSON.stringify({ rule: longRule, priority: 'Notice', time: '2024-10-05T13:00:00Z', output: 'y', output_fields: { 'proc.name': 'sh' } });
  const path = testInfo.outputPath('huge-records.ndjson');
  writeFileSync(path, `${many}\n${long}\n`);
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles(path);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText('huge-records.ndjson: 2 alerts, 0 problems', { timeout: 60_000 });

  await incidents(page).filter({ hasText: 'Many fields' }).click();
  const report = page.getByRole('article', { name: 'Report: Many fields' });
  await expect(report).toBeVisible({ timeout: 60_000 });
  // The field glossary starts collapsed (the verdict comes first): open it.
  await report.locator('details.field-glossary summary').click();
  const capNote = report.getByRole('note').filter({ hasText: /fields \(Save session keeps the whole record\)/ });
  await expect(capNote).toContainText(/Showing 200 of 100,0\d\d fields/);
  const rows = report.locator('table.fields tbody tr');
  await expect(rows).toHaveCount(200);
  // The long value arrives cut by the engine, and says how much of it there is.
  const longRow = rows.filter({ has: page.locator('th code', { hasText: /^aaa\.long$/ }) });
  await expect(longRow.locator('td.value')).toContainText('cut at 4,096 of 10,000 characters');
  expect((await longRow.locator('td.value bdi').textContent())!.length).toBeLessThan(4_096 + 200);

  // "Show 200 more" asks the engine for the next page only.
  await capNote.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(rows).toHaveCount(400);
  await expect(capNote).toContainText(/Showing 400 of 100,0\d\d fields/);

  // The raw JSON is the alert as the report carries it, and says so.
  await page.getByRole('button', { name: 'Show raw JSON' }).click();
  await expect(report.getByRole('note').filter({ hasText: 'The alert as this report carries it' })).toContainText(/\d+ of its 100,001 output fields, texts cut at 4,096 characters/);

  // The Markdown export of the incident is capped too, with the note.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const markdown = await downloadedText(download);
  expect(markdown).toMatch(/Showing 200 of 100,0\d\d fields; a saved session keeps the whole record\./);
  expect(markdown).toContain('(cut at 4,096 of 10,000 characters)');
  expect(markdown.length).toBeLessThan(200_000);

  await incidents(page).filter({ hasText: 'RRRR' }).click();
  const title = page.locator('.report-title');
  await expect(title).toContainText('more characters (in the export)', { timeout: 60_000 });
  expect((await title.textContent())!.length).toBeLessThan(1000);
  await expect(page.getByRole('article').first()).toBeVisible();
  // The rule is a field of the record too: its value in the table is cut by the engine.
  const longReport = page.getByRole('article').first();
  await longReport.locator('details.field-glossary summary').click();
  const ruleRow = longReport.locator('table.fields tbody tr').filter({ has: page.locator('th code', { hasText: /^rule$/ }) });
  await expect(ruleRow.locator('td.value')).toContainText('cut at 4,096 of 1,048,576 characters');
  await expect(page.locator('.pane-error')).toHaveCount(0);
});
