import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { incidents, loadSamples, withUuid } from './helpers';

const count = (page: Page) => page.locator('.list-count');

test('facets include then exclude, search narrows, sort reorders, and the view survives a reload via the URL', async ({ page }) => {
  await loadSamples(page);
  await expect(count(page)).toHaveText('11 of 11 incidents · 11 alerts');

  const source = page.getByRole('group', { name: 'Source' });
  await source.getByRole('button', { name: /k8s_audit/ }).click();
  await expect(count(page)).toHaveText('4 of 11 incidents · 4 alerts');
  await expect(incidents(page).filter({ hasText: 'PTRACE' })).toHaveCount(0);
  await source.getByRole('button', { name: /k8s_audit/ }).click(); // second click: exclude
  await expect(count(page)).toHaveText('7 of 11 incidents · 7 alerts');
  await expect(incidents(page).filter({ hasText: 'Attach/Exec Pod' })).toHaveCount(0);

  await page.getByLabel('Search alerts').fill('hack');
  await expect(count(page)).toHaveText('1 of 11 incidents · 1 alert');
  await expect(incidents(page)).toHaveText([/Write below binary dir/]);

  expect(decodeURIComponent(page.url())).toContain('-source=["k8s_audit"]');
  expect(page.url()).toContain('q=hack');
  await page.reload();
  // A reload restores the session kept in this browser (the samples), and the view from the URL.
  await expect(page.getByLabel('Search alerts')).toHaveValue('hack');
  await expect(count(page)).toHaveText('1 of 11 incidents · 1 alert');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count(page)).toHaveText('11 of 11 incidents · 11 alerts');
  await page.getByLabel('Sort by').selectOption('time');
  await expect(incidents(page).first()).toContainText('Terraform Managed Resource Modified'); // newest alert (2026)
});

test('the timeline brush sets a time range, and clearing it restores the list', async ({ page }) => {
  await loadSamples(page);
  const chart = page.getByRole('img', { name: /Alerts from/ });
  const box = (await chart.boundingBox())!;
  // Drag over the right-hand fifth of the timeline: only the latest alerts.
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(count(page)).not.toHaveText(/^11 of 11/);
  await expect(incidents(page).filter({ hasText: 'Terraform Managed Resource Modified' })).toHaveCount(1);
  expect(page.url()).toMatch(/from=\d+&to=\d+|to=\d+.*from=\d+|from=\d+/);
  await page.getByRole('button', { name: 'clear time range' }).click();
  await expect(count(page)).toHaveText('11 of 11 incidents · 11 alerts');
});

test('a large file shows progress and can be cancelled, keeping what was read', async ({ page }, testInfo) => {
  await page.goto('./');
  const line = JSON.stringify({ rule: 'Big file rule', priority: 'Notice', time: '2024-01-01T00:00:00Z', output: 'x', output_fields: { 'container.id': 'c1', 'proc.cmdline': 'y'.repeat(400) } });
  const path = testInfo.outputPath('big.ndjson');
  // Each line its own alert (its uuid): the same line 400,000 times would be one alert.
  writeFileSync(path, Array.from({ length: 400_000 }, (_, i) => withUuid(line, `big-${i}`)).join('\n') + '\n'); // ~200 MB
  await page.getByLabel('Open alert files').setInputFiles(path);
  const inputs = page.getByRole('list', { name: 'Inputs' });
  await expect(inputs).toContainText(/big\.ndjson: reading [\d.]+ (KB|MB) of/);
  await expect(incidents(page).first()).toBeVisible(); // incidents before the end of the file
  await inputs.getByRole('button', { name: 'Cancel' }).click();
  await expect(inputs).toContainText(/big\.ndjson: [\d,]+ alerts, 0 problems \(cancelled, partial\)/);
  const alerts = Number((await inputs.textContent())!.match(/([\d,]+) alerts?/)![1]!.replaceAll(',', ''));
  expect(alerts).toBeGreaterThan(0);
  expect(alerts).toBeLessThan(400_000);
});
