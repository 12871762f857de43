import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { downloadedText, incidents } from './helpers';

/**
 * Records, sessions and triage values that used to blank the page (issue 11): each loads what it
 * can, lists the rest as problems, and every pane keeps working.
 */

const GOOD = readFileSync(resolve(import.meta.dirname, '../src/samples/falco-samples.ndjson'), 'utf8').split('\n').filter(Boolean)[0]!;
const file = (name: string, content: string | Buffer) => ({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });

async function expectAlive(page: Page): Promise<void> {
  await expect(page.locator('#root')).not.toBeEmpty();
  await expect(page.locator('.pane-error')).toHaveCount(0);
  await expect(page.getByRole('article').first()).toBeVisible();
}

test('a time beyond any date (gRPC seconds 8640000000000) loads as an alert without a time', async ({ page }) => {
  const far = JSON.stringify({ time: { seconds: '8640000000000', nanos: 5 }, rule: 'Far future', priority: 'Warning', output: 'x', output_fields: { 'proc.name': 'sh' } });
  const negative = JSON.stringify({ time: { seconds: -99999999999999 }, rule: 'Far past', priority: 'Notice', output: 'y', output_fields: {} });
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles([file('times.ndjson', `${far}\n${negative}\n${GOOD}\n`)]);
  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText('times.ndjson: 3 alerts, 0 problems');
  for (const rule of ['Far future', 'Far past']) {
    await incidents(page).filter({ hasText: rule }).click();
    await expect(page.getByRole('article', { name: `Report: ${rule}` })).toBeVisible();
    await expectAlive(page);
  }
});

test('a hand-made gzipped session with bad alerts, problems and triage: the good alert loads, each bad entry is a problem, exports work', async ({ page }) => {
  const good = JSON.parse(GOOD) as Record<string, unknown>;
  const alert = {
    file: 'node-a.ndjson',
    line: 1,
    rule: good.rule,
    priority: good.priority,
    time: good.time,
    timeMs: 0,
    output: good.output,
    outputFields: good.output_fields,
    source: good.source,
    sourceInferred: false,
    tags: good.tags,
  };
  const session = {
    // "format" is not the first key: still a session.
    version: 1,
    format: 'falcoscope-session',
    savedAt: 'x',
    inputs: [],
    alerts: [alert, { ...alert, rule: 42 }, { ...alert, priority: 'Bogus' }, 'a string', null],
    problems: [null, { file: 'a', line: 2, message: 'kept' }],
    triage: { x: { status: 3, notes: { a: 1 } }, y: null },
  };
  await page.goto('./');
  await page.getByLabel('Open alert files').setInputFiles([file('hand.falcoscope.json.gz', gzipSync(JSON.stringify(session, null, 2)))]);
  await expect(page.locator('details.problems summary')).toHaveText('10 records read = 1 alert loaded + 9 problems');
  const problems = page.getByRole('region', { name: 'Problems' }).getByRole('listitem');
  await expect(problems.filter({ hasText: 'saved alert 2: "rule" must be a string, got number' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'saved alert 5: expected an alert object, got null' })).toHaveCount(1);
  await expect(problems.filter({ hasText: 'hand.falcoscope.json.gz:' })).toHaveCount(8);
  await incidents(page).first().click();
  await expectAlive(page);
  await page.getByRole('tab', { name: 'Markdown preview' }).click();
  await expect(page.locator('.pane-error')).toHaveCount(0);
  await expect(page.getByRole('tabpanel')).toContainText(String(good.rule));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  expect(await downloadedText(await download)).toContain(String(good.rule));
});
