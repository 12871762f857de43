import { expect, test } from '@playwright/test';
import { downloadedText, incidents, loadSamples, vendoredAlertPaths } from './helpers';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

function isOwn(url: string): boolean {
  return url === ORIGIN || url.startsWith(`${ORIGIN}/`) || url.startsWith('blob:') || url.startsWith('data:');
}

test('a whole session makes no request outside the app itself', async ({ page, context }) => {
  const requests = new Set<string>();
  context.on('request', (r) => requests.add(r.url()));
  page.on('request', (r) => requests.add(r.url()));
  page.on('worker', (w) => requests.add(w.url()));
  context.on('serviceworker', (w) => requests.add(w.url()));

  await loadSamples(page);
  await page.getByLabel('Open alert files').setInputFiles(vendoredAlertPaths());
  await expect(page.locator('.session-stats')).toContainText(/ problems?\b/);
  await expect(page.getByRole('list', { name: 'Inputs' }).locator('li.reading')).toHaveCount(0);

  // Open several reports, each tab.
  const count = Math.min(5, await incidents(page).count());
  for (let i = 0; i < count; i++) {
    await incidents(page).nth(i).click();
    await expect(page.getByRole('article', { name: /^Report: / })).toBeVisible();
    await page.getByRole('tab', { name: 'Markdown preview' }).click();
    await expect(page.locator('.markdown-preview h1')).toBeVisible();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await page.getByRole('tab', { name: 'Report' }).click();
  }
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(await downloadedText(md)).toContain('## Summary');
  const [all] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  expect(await downloadedText(all)).toMatch(/^# Falco incident report/);
  const [session] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save session' }).click()]);
  expect(session.suggestedFilename()).toMatch(/\.falcoscope\.json$/);
  // Let anything lazy (service worker precache, images, fonts) settle before judging.
  await page.waitForLoadState('networkidle');

  const seen = [...requests];
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((url) => !isOwn(url))).toEqual([]);
});

test('a strict Content-Security-Policy is in the page', async ({ page }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  const directives = new Map(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values] as const),
  );
  expect(directives.get('script-src')).toContain("'self'");
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
  expect(directives.get('script-src')!.filter((v) => /^https?:|^\*$/.test(v))).toEqual([]);
  expect(directives.get('connect-src')).toContain("'self'");
  expect(directives.get('connect-src')!.filter((v) => /^https?:|^\*$|^wss?:/.test(v))).toEqual([]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  // No inline script in the document: everything runs from 'self'.
  const inline = await page.locator('script:not([src])').count();
  expect(inline).toBe(0);
  // The policy is live: an inline script injected now does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = 1';
    document.body.append(s);
    return (window as unknown as { __inlineRan?: number }).__inlineRan;
  });
  expect(ran).toBeUndefined();
});
