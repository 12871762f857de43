#!/usr/bin/env bash
# What `npm test` runs (and .ci/run through it): install, type-check, lint, unit and e2e tests.
# Fails fast at the first failing step. Prints `falcoscope: N passed, M failed` at the end, counted
# from the Vitest and Playwright JSON reports, when both test runners ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UNIT_JSON=test-results/unit-results.json
E2E_JSON=test-results/e2e-results.json   # written by the json reporter in playwright.config.ts
step=setup

summary() {
  local rc=$?
  set +e
  # Counts come only from the runners' own reports of this run (both are deleted before it).
  if [ -s "$UNIT_JSON" ] && [ -s "$E2E_JSON" ]; then
    node -e '
      const fs = require("fs");
      const [unitFile, e2eFile, rc, step] = process.argv.slice(1);
      const u = JSON.parse(fs.readFileSync(unitFile, "utf8"));
      const e2e = JSON.parse(fs.readFileSync(e2eFile, "utf8"));
      const s = e2e.stats;
      // Vitest: per-test counts. Playwright: expected = passed, flaky = passed on retry,
      // unexpected = failed; skipped tests are neither.
      const passed = u.numPassedTests + s.expected + s.flaky;
      const failed = u.numFailedTests + s.unexpected;
      let line = `falcoscope: ${passed} passed, ${failed} failed`;
      if (rc !== "0" && failed === 0) line += ` (but ${step} exited ${rc}: ${(e2e.errors ?? []).length} run errors)`;
      console.log(line);
    ' "$UNIT_JSON" "$E2E_JSON" "$rc" "$step" || true
  elif [ "$rc" -ne 0 ]; then
    echo "falcoscope: stopped at $step (exit $rc)"
  fi
  exit "$rc"
}
trap summary EXIT

run() {
  step="$1"; shift
  echo
  echo "==> $step"
  "$@"
}

# Dependencies: always a clean install in CI; locally only when node_modules is missing or out of
# date against package-lock.json (scripts/ensure-deps.mjs, as npm start does).
if [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; then
  run "npm ci" npm ci --no-audit --no-fund
else
  run "dependencies" node scripts/ensure-deps.mjs
fi

run "chromium" bash scripts/install-chromium.sh

rm -f "$UNIT_JSON" "$E2E_JSON"
mkdir -p test-results

run typecheck npm run --silent typecheck
run lint npm run --silent lint
run test:unit npm run --silent test:unit -- --reporter=default --reporter=json --outputFile.json="$UNIT_JSON"
run test:e2e npm run --silent test:e2e
