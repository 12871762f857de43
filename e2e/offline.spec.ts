import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { downloadedText, incidents, VENDORED_ALERTS } from './helpers';

const VENDORED_FILE = `${VENDORED_ALERTS}/real-alerts.ndjson`;

test('after one visit the app loads and works with the network off', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: /Triage Falco alerts/ })).toBeVisible();
  // The service worker installs and precaches on the first visit; it controls the page once
  // it has claimed it (or after a reload, if it does not claim open clients).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: /Triage Falco alerts/ })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await page.getByLabel('Open alert files').setInputFiles(VENDORED_FILE);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText(`${basename(VENDORED_FILE)}: 33 alerts, 0 problems`);
  await incidents(page).first().click();
  const report = page.getByRole('article', { name: /^Report: / });
  await expect(report).toBeVisible();
  await expect(report.getByRole('heading', { level: 2, name: 'Risk assessment' })).toBeVisible();
  const title = (await page.locator('.report-title').textContent())!;

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await downloadedText(download);
  expect(markdown.split('\n')[0]!.replace(/\\/g, '')).toBe(`# ${title}`);
  expect(markdown).toContain('## Risk assessment');
});
