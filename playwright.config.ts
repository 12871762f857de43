import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './scripts/chromium';

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here;
 * scripts/install-chromium.sh installs the Debian package when it is missing).
 *
 * Two projects:
 * - `chromium`     every spec except *.single.spec.ts, against the built PWA served by
 *                  `vite preview` at http://127.0.0.1:4173 (baseURL; use page.goto('/')).
 * - `single-file`  only e2e/**\/*.single.spec.ts, against dist-single/falcoscope.html opened from
 *                  disk: baseURL is the file:// URL of dist-single/, so page.goto('falcoscope.html').
 * The webServer command builds both before serving (side by side: each build leaves part of a
 * core idle), so both projects test fresh builds.
 */

const CI = !!process.env.CI;
// E2E_PORT lets several checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const HOST = '127.0.0.1';
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  // Two cores shared by Chromium, the preview server and the worker thread inside the page.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    // Read by scripts/test-all.sh for the pass/fail summary.
    ['json', { outputFile: 'test-results/e2e-results.json' }],
  ],
  use: {
    ...devices['Desktop Chrome'],
    headless: true,
    acceptDownloads: true,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // Recording a trace costs every test screenshots and DOM snapshots. In CI a failed test is
    // run once more (retries: 1) and that run is traced; locally (no retries) a failure keeps its trace.
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /\.single\.spec\.ts$/,
      use: { baseURL: `http://${HOST}:${PORT}` },
    },
    {
      name: 'single-file',
      testMatch: /\.single\.spec\.ts$/,
      use: { baseURL: pathToFileURL(`${root}dist-single/`).href },
    },
  ],
  webServer: {
    command: `npm run build:single & single=$!; npm run build && wait $single && npx vite preview --port ${PORT} --strictPort --host ${HOST}`,
    url: `http://${HOST}:${PORT}/`,
    reuseExistingServer: !CI,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
