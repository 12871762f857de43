import { expect, test } from '@playwright/test';
import { downloadedText, incidents } from './helpers';

test('falcoscope.html opened from disk works with no network and makes no request', async ({ page, context }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.setOffline(true);

  await page.goto('falcoscope.html');
  expect(page.url()).toMatch(/^file:.*falcoscope\.html$/);
  await expect(page.getByRole('heading', { name: /Triage Falco alerts/ })).toBeVisible();
  await page.getByRole('button', { name: 'Load sample alerts' }).first().click();
  await expect(incidents(page)).toHaveCount(11);
  await incidents(page).filter({ hasText: 'PTRACE attached to process' }).click();
  const report = page.getByRole('article', { name: /Report: PTRACE attached to process/ });
  await expect(report).toBeVisible();
  await expect(report).toContainText('T1055.008');

  await page.getByRole('tab', { name: 'Markdown preview' }).click();
  await expect(page.locator('.markdown-preview').getByRole('heading', { level: 1 })).toHaveText('PTRACE attached to process');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const markdown = await downloadedText(download);
  expect(markdown).toMatch(/^# PTRACE attached to process/);
  expect(markdown).toContain('## Tuning');

  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
  expect(errors).toEqual([]);
});
