#!/usr/bin/env bash
# npm run bench: generate the synthetic Falco files (cached in bench-data/), build the app, run the
# Node analyzer benchmark and the headless-Chromium benchmark, and print the figures. No network.
#   BENCH_SIZES="10 100"  sizes in MB (default "10 100 500"; "" runs only the many-files case)
#   BENCH_MANY_FILES=10000  one-alert files dropped at once against one file of the same lines (0 skips)
#   BENCH_PORT=4183       port of the preview server (the e2e suite uses 4173)
#   BENCH_GZIP=0         skips the gzip drop of each size (default: each file is also dropped gzip-compressed)
#   BENCH_RUNS=1          browser runs per size (best kept); BENCH_ANALYZER_RUNS=3 for the Node bench
#   CHROMIUM_PATH         default /usr/bin/chromium
#   BENCH_PARTS="cli"     which parts run: any of analyzer, browser, cli, context (default all four)
#   BENCH_CONTEXT_SIZE=551 MB of the file the context views are timed on (551 MB is ~500k alerts)
#   BENCH_CLI_RUNS=3      runs per side of the CLI bench; BENCH_CLI_MILLION=1 adds the 1M-incident run
# Exits non-zero only if something crashed; figures that miss a target are printed as MISS.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${BENCH_SIZES-10 100 500}"
PARTS=" ${BENCH_PARTS:-analyzer browser cli context} "
part() { case "$PARTS" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if part browser; then bash scripts/install-chromium.sh; fi

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr), node $(node --version)"
echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg) (the machine may be shared: figures vary with other work)"

if [ -n "$SIZES" ] && { part analyzer || part browser; }; then
  SIZE_ARGS=()
  for s in $SIZES; do SIZE_ARGS+=(--size "$s"); done
  npx tsx bench/generate.ts "${SIZE_ARGS[@]}"
fi

# The app is built into bench-data/app-dist (dist/ belongs to the e2e suite); skipped when fresh.
if part browser; then npx tsx bench/browser.ts --build-only; fi

# Analyzer alone (Node), on the 100 MB file if it is among the sizes, else the largest.
if [ -n "$SIZES" ] && part analyzer; then
  ANALYZER_SIZE=100
  case " $SIZES " in *" 100 "*) ;; *) ANALYZER_SIZE="$(printf '%s\n' $SIZES | sort -n | tail -n1)" ;; esac
  NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc" npx tsx bench/analyzer.ts --size "$ANALYZER_SIZE"
fi

# The CLI (built bundle) against readline + JSON.parse of the same 134 MB file, and its start-up.
if part cli; then npx tsx bench/cli.ts; fi

if part browser; then npx tsx bench/browser.ts --no-build --sizes "$SIZES"; fi

# Context views (process tree, prevalence, related, overview, compare) on ~500k alerts, in Node.
if part context; then NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=6144" npx tsx bench/context.ts; fi
