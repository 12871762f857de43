import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { incidents } from './helpers';

/**
 * One record can carry 100,000 output fields (1.9 MB) or a 1 MB rule name: its report opens with
 * the work capped (fields shown, characters per value) and says so, the rest one click away.
 * Times are not asserted (shared machines); that the report renders at all within the test's
 * timeout is (it froze the tab for 72 s and 16 s before).
 */
test('an alert with 100,000 fields and one with a 1 MB rule name open with a cap notice', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const fields: Record<string, string> = {};
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
  await expect(report.getByRole('note').filter({ hasText: /Showing 200 of 100,0\d\d fields/ })).toBeVisible();
  await expect(report.locator('table.fields tbody tr')).toHaveCount(200);

  await incidents(page).filter({ hasText: 'RRRR' }).click();
  const title = page.locator('.report-title');
  await expect(title).toContainText('more characters (in the export)', { timeout: 60_000 });
  expect((await title.textContent())!.length).toBeLessThan(1000);
  await expect(page.getByRole('article').first()).toBeVisible();
  await expect(page.locator('.pane-error')).toHaveCount(0);
});
