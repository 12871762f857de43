import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { incidents } from './helpers';

/**
 * A large NDJSON file goes to the parser workers in ranges and comes back folded into incidents:
 * every alert counted once, in its incident, with its own line number, and searchable.
 */
test('a large file is parsed by the parser workers: counts, line numbers and search hold', async ({ page }, testInfo) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./');
  // The engine and at least two parsers (the page starts them at once).
  await expect.poll(() => workers.length).toBeGreaterThanOrEqual(3);

  // Falco's evt.time: nanoseconds, beyond 2^53, which JSON.parse rounds (...123456789 -> ...123456768).
  const evtTime = (i: number) => String((1_704_067_200n + BigInt(i)) * 1_000_000_000n + 123_456_789n);
  // 24,000 lines (~8 MB): five ranges (64 KiB, then 4x larger each) over both parsers. 60,000
  // lines (21 MB) needed a 60 s budget, which a busy 2-core machine can miss.
  const N = 24_000;
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    lines.push(
      JSON.stringify({
        rule: `Parser test rule ${i % 2}`,
        priority: i === N - 1 ? 'Critical' : 'Notice',
        time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
        output: `event ${i} pid=${100_000 + i} ${'z'.repeat(250)}`,
        output_fields: { 'container.id': `c${i % 3}`, 'proc.name': 'worker', 'proc.pid': 100_000 + i, 'evt.time': 'NS' },
      }).replace('"NS"', evtTime(i)),
    );
  }
  const path = testInfo.outputPath('parsed.ndjson');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await page.getByLabel('Open alert files').setInputFiles(path);

  await expect(page.getByRole('list', { name: 'Inputs' })).toContainText(`parsed.ndjson: ${N.toLocaleString("en-US")} alerts, 0 problems`, { timeout: 30_000 });
  await expect(page.locator('.session-stats')).toHaveText(`${N.toLocaleString("en-US")} alerts · 6 incidents · 0 problems`);

  // The last line (i = N - 1 = 23999: rule 1, container c2) is the only Critical one: its incident leads.
  await incidents(page).first().click();
  await expect(page.getByRole('heading', { name: 'Parser test rule 1' })).toBeVisible();
  await expect(page.getByText(`Critical · ${N / 6} alerts · container c2`)).toBeVisible();
  // Its fields show evt.time as written, not as parsed.
  expect(String(Number(evtTime(N - 1)))).not.toBe(evtTime(N - 1));
  await expect(page.getByRole('article', { name: /Report: Parser test rule 1/ })).toContainText(evtTime(N - 1));
  await page.getByRole('tab', { name: 'Alerts' }).click();
  // Its alerts are lines i + 1 with i ≡ 5 (mod 6): 6, 12, 18 ...
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1).getByRole('cell').last()).toHaveText('parsed.ndjson:6');
  await expect(rows.nth(2).getByRole('cell').last()).toHaveText('parsed.ndjson:12');
  await expect(rows.nth(50).getByRole('cell').last()).toHaveText('parsed.ndjson:300');

  // Search finds the one incident holding pid=121321 (i = 21321: rule 1, container c0).
  await page.getByPlaceholder('Search output and fields').fill('pid=121321');
  await expect(page.locator('.list-count')).toHaveText(/^1 of 6 incidents/);
  // So do the digits of its evt.time, which no parsed number holds.
  await page.getByPlaceholder('Search output and fields').fill(evtTime(21_322));
  await expect(page.locator('.list-count')).toHaveText(/^1 of 6 incidents/);
});
