import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { dropFiles, incidents } from './helpers';

/** Fixtures of vendor/falco/text-output and vendor/falco/exports (see their PROVENANCE.md). */
const fixture = (path: string) => readFileSync(resolve(import.meta.dirname, '../vendor/falco', path), 'utf8');

/**
 * Falco's plain-text output and an Elasticsearch export, dropped together: both read as alerts
 * (the rule of a text line recovered from the stock rules' output templates), each input counted
 * in the Inputs strip, and a line no template words kept as an alert of rule "unknown".
 */
test('Falco text output and an Elasticsearch search export are read as alerts', async ({ page }) => {
  // The templates are compiled in each parser on first use: on a busy machine that takes a while.
  test.setTimeout(120_000);
  await page.goto('./');
  await dropFiles(page, [
    { name: 'falco-stdout.log', content: fixture('text-output/real-iso8601.log'), type: 'text/plain' },
    { name: 'es-search.json', content: fixture('exports/elasticsearch-search-response.json') },
  ]);
  const inputs = page.getByRole('list', { name: 'Inputs' });
  await expect(inputs).toContainText('falco-stdout.log: 10 alerts, 0 problems', { timeout: 30_000 });
  await expect(inputs).toContainText('es-search.json: 29 alerts, 0 problems');
  await expect(page.locator('.session-stats')).toContainText('39 alerts');
  await expect(page.locator('.session-stats')).toContainText('0 problems');

  // Rules recovered from text lines: the text line and the export's document of the same alert
  // (the shell in container 8b42665ac049) fall into one incident.
  const list = incidents(page);
  await expect(list.filter({ hasText: 'Read sensitive file untrusted' }).first()).toBeVisible();
  await expect(list.filter({ hasText: /Terminal shell in container[\s\S]*8b42665ac049/ })).toContainText('×2');
  // The ISO line of a rule that is not a stock rule (Falco's own test rule open_from_cat): an alert of
  // rule "unknown" with its text, not dropped.
  const unknown = list.filter({ hasText: /^\s*\d+\s*unknown/ });
  await expect(unknown).toHaveCount(1);
  await unknown.click();
  await expect(page.getByRole('main')).toContainText('An open was seen (command=cat /dev/null)');
});
