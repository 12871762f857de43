/**
 * Writes the fixtures of vendor/falco/text-output/ and vendor/falco/exports/ (see the PROVENANCE.md
 * in each) from the published alerts of vendor/falco/alerts/real-alerts.ndjson:
 *
 *   npx tsx scripts/gen-format-fixtures.ts
 *
 * Text output: the `output` of a published JSON alert is, byte for byte, the line Falco prints
 * with json_output: false (same format string), so those are real text lines. Exports: the same
 * alerts put into each store's documented shape, as falcosidekick writes them. The generated
 * stock-rule lines are labelled as such (src/testing/textOutputSamples.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textHeader } from '../src/ingest/textHeader';
import { generatedStockLines } from '../src/testing/textOutputSamples';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEXT = join(ROOT, 'vendor/falco/text-output');
const EXPORTS = join(ROOT, 'vendor/falco/exports');

interface Published {
  uuid?: string;
  output: string;
  priority: string;
  rule: string;
  time: string;
  output_fields?: Record<string, unknown>;
  source?: string;
  tags?: string[];
  hostname?: string;
}

const published = readFileSync(join(ROOT, 'vendor/falco/alerts/real-alerts.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Published);
const withHeader = published.filter((a) => textHeader(a.output) !== null);

mkdirSync(TEXT, { recursive: true });
mkdirSync(EXPORTS, { recursive: true });

const short = withHeader.filter((a) => !textHeader(a.output)!.iso).map((a) => a.output);
const iso = withHeader.filter((a) => textHeader(a.output)!.iso).map((a) => a.output);
writeFileSync(join(TEXT, 'real-short-time.log'), `${short.join('\n')}\n`);
writeFileSync(join(TEXT, 'real-iso8601.log'), `${iso.join('\n')}\n`);
// Assembled: the same real lines behind the RFC 3164 header rsyslog writes for Falco's syslog output.
const syslog = withHeader.map((a, i) => {
  const t = a.output.slice(0, a.output.indexOf(': '));
  const hms = t.includes('T') ? t.slice(11, 19) : t.slice(0, 8);
  return `Aug ${String((i % 28) + 1).padStart(2, ' ')} ${hms} node-${i % 3} falco[812]: ${a.output}`;
});
writeFileSync(join(TEXT, 'syslog-assembled.log'), `${syslog.join('\n')}\n`);
writeFileSync(join(TEXT, 'generated-stock-rules.log'), `${generatedStockLines().map((g) => g.line).join('\n')}\n`);

// The documents falcosidekick writes: the alert plus @timestamp (Elasticsearch), as received.
const docs = withHeader.filter((a) => typeof a.time === 'string' && !Number.isNaN(Date.parse(a.time)));
const id = (a: Published) => a.uuid ?? `falco-${docs.indexOf(a) + 1}`;
const esDoc = (a: Published) => ({ ...a, '@timestamp': a.time });
const index = (a: Published) => `falco-${a.time.slice(0, 10).replaceAll('-', '.')}`;

writeFileSync(
  join(EXPORTS, 'elasticsearch-search-response.json'),
  `${JSON.stringify(
    {
      took: 4,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: {
        total: { value: docs.length, relation: 'eq' },
        max_score: 1,
        hits: docs.map((a) => ({ _index: index(a), _id: id(a), _score: 1, _source: esDoc(a) })),
      },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(EXPORTS, 'elasticsearch-bulk.ndjson'),
  docs.map((a) => `${JSON.stringify({ create: { _index: index(a) } })}\n${JSON.stringify(esDoc(a))}\n`).join(''),
);
writeFileSync(
  join(EXPORTS, 'opensearch-hits-export.ndjson'),
  docs.map((a) => JSON.stringify({ _index: index(a), _id: id(a), _score: 1, _source: esDoc(a) })).join('\n') + '\n',
);

// Loki: falcosidekick's labels; the line is the alert's text output (loki.format: text, the default).
const labels = (a: Published) => {
  const l: Record<string, string> = { priority: a.priority, rule: a.rule, source: a.source ?? 'syscall' };
  if (a.hostname) l.hostname = a.hostname;
  if (a.tags?.length) l.tags = [...a.tags].sort().join(',');
  return l;
};
const nanos = (a: Published) => {
  const ms = Date.parse(a.time);
  const frac = /\.(\d+)Z$/.exec(a.time)?.[1] ?? '';
  return `${Math.floor(ms / 1000)}${frac.padEnd(9, '0').slice(0, 9)}`;
};
writeFileSync(
  join(EXPORTS, 'loki-logcli.jsonl'),
  docs
    .map((a, i) =>
      JSON.stringify({
        labels: labels(a),
        // One line in JSON (loki.format: json), the rest as text.
        line: i === 1 ? JSON.stringify(a) : a.output,
        timestamp: a.time.replace('Z', '+00:00'),
      }),
    )
    .join('\n') + '\n',
);
writeFileSync(
  join(EXPORTS, 'loki-query-range.json'),
  `${JSON.stringify(
    {
      status: 'success',
      data: {
        resultType: 'streams',
        result: docs.map((a) => ({ stream: labels(a), values: [[nanos(a), a.output]] })),
        stats: { summary: { bytesProcessedPerSecond: 1024, linesProcessedPerSecond: 10, totalBytesProcessed: 4096, totalLinesProcessed: docs.length, execTime: 0.002 } },
      },
    },
    null,
    2,
  )}\n`,
);
// S3/GCS: one object per alert, json.Marshal of the payload (no newline); `cat` of the downloads.
writeFileSync(join(EXPORTS, 's3-objects-concatenated.json'), docs.map((a) => JSON.stringify(a)).join(''));
console.log(`text: ${short.length} short, ${iso.length} ISO, ${syslog.length} syslog; exports: ${docs.length} documents`);
