#!/usr/bin/env bash
# What `npm test` runs (and .ci/run through it): install, type-check, lint, unit and e2e tests.
# Fails at the first failing step. Prints how long each step took (wall time, and CPU time of all its
# processes: on a shared machine the CPU time is what compares between runs), then `falcoscope: N
# passed, M failed`, counted from the Vitest and Playwright JSON reports, when both runners ran.
#
# On CI's 2 cores, steps that leave a core idle run side by side: the Chromium install (apt: mostly
# network and disk) from the start until the e2e tests need it, and the type-check beside the linter
# (each one single-threaded). A side-by-side step's output is printed in one piece when it is waited for.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UNIT_JSON=test-results/unit-results.json
E2E_JSON=test-results/e2e-results.json   # written by the json reporter in playwright.config.ts
LOGS="$(mktemp -d)"
step=setup
TIMES=()          # "step  12s wall  20.5s CPU" per finished step, printed at the end
STARTED=$SECONDS
NSTEPS=0
TIMEFORMAT='%3U %3S'   # what `time` writes: user and system CPU seconds of the step's processes

summary() {
  local rc=$?
  set +e
  # A step left running in the background when another failed: stop it (our own children only).
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null; done
  if [ "${#TIMES[@]}" -gt 0 ]; then
    echo
    echo "falcoscope: step durations"
    printf '  %s\n' "${TIMES[@]}"
    printf '  %-14s %4ss wall\n' total $((SECONDS - STARTED))
  fi
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
  rm -rf "$LOGS"
  exit "$rc"
}
trap summary EXIT

# timed STEP WALL_SECONDS CPU_FILE: one line of the durations table.
timed() {
  local cpu
  cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$3" 2>/dev/null || echo '?')
  TIMES+=("$(printf '%-14s %4ss wall %7ss CPU' "$1" "$2" "$cpu")")
}

# cpu_timed FILE CMD...: runs CMD, its CPU seconds ("user sys") written to FILE.
cpu_timed() {
  local file="$1"; shift
  { time "$@" 2>&4; } 4>&2 2>"$file"
}

# run STEP CMD...: one step in the foreground.
run() {
  step="$1"; shift
  echo
  echo "==> $step"
  local t0=$SECONDS cpu="$LOGS/cpu.$((++NSTEPS))"
  cpu_timed "$cpu" "$@"
  timed "$step" $((SECONDS - t0)) "$cpu"
  # A side-by-side step that ended meanwhile: its output now, and a failure stops here, not later.
  local name
  for name in "${!PIDS[@]}"; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || finish "$name"
  done
}

# start STEP CMD...: a step in the background, its output kept until finish STEP prints it.
declare -A PIDS T0 CPU
start() {
  local name="$1"; shift
  T0[$name]=$SECONDS
  CPU[$name]="$LOGS/cpu.$((++NSTEPS))"
  (
    rc=0
    cpu_timed "${CPU[$name]}" "$@" || rc=$?
    echo "$SECONDS" >"$LOGS/$name.end"   # when it ended, not when it was waited for
    exit "$rc"
  ) >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}

# finish STEP: wait for a background step (unless already done), print its output, fail if it failed.
finish() {
  local name="$1" rc=0
  [ -n "${PIDS[$name]:-}" ] || return 0
  wait "${PIDS[$name]}" || rc=$?
  unset "PIDS[$name]"
  step="$name"
  echo
  echo "==> $name"
  cat "$LOGS/$name.log"
  [ "$rc" -eq 0 ] || exit "$rc"
  timed "$name" $(($(cat "$LOGS/$name.end") - ${T0[$name]})) "${CPU[$name]}"
}

start chromium bash scripts/install-chromium.sh
# Dependencies: always a clean install in CI; locally only when node_modules is missing or out of
# date against package-lock.json (scripts/ensure-deps.mjs, as npm start does).
if [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; then
  run "npm ci" npm ci --no-audit --no-fund
else
  run "dependencies" node scripts/ensure-deps.mjs
fi

rm -f "$UNIT_JSON" "$E2E_JSON"
mkdir -p test-results

start lint npm run --silent lint
run typecheck npm run --silent typecheck
finish lint
run test:unit npm run --silent test:unit -- --reporter=default --reporter=json --outputFile.json="$UNIT_JSON"
finish chromium
run test:e2e npm run --silent test:e2e
