/**
 * An NDJSON file in which every alert is its own incident: `count` alerts of a few real rules,
 * each from a different container. For the CLI's memory at scale (a million incidents), which
 * bench/generate.ts's realistic repetition never reaches.
 *
 *   npx tsx bench/distinct.ts --count 1000000   -> bench-data/distinct-1000000.ndjson
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULES: [string, string, string[]][] = [
  ['Terminal shell in container', 'Notice', ['container', 'shell', 'mitre_execution', 'T1059']],
  ['Read sensitive file untrusted', 'Warning', ['filesystem', 'mitre_credential_access', 'T1555']],
  ['Custom rule of this site', 'Error', ['custom']],
];

export function distinctPath(count: number): string {
  return resolve(ROOT, 'bench-data', `distinct-${count}.ndjson`);
}

/** Writes the file unless it exists (the content depends on `count` only). Returns its path. */
export async function ensureDistinct(count: number): Promise<string> {
  const out = distinctPath(count);
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const ws = createWriteStream(`${out}.tmp`);
  let batch = '';
  for (let i = 0; i < count; i++) {
    const [rule, priority, tags] = RULES[i % RULES.length]!;
    const id = i.toString(16).padStart(12, '0');
    const s = String(i % 60).padStart(2, '0');
    batch +=
      `{"hostname":"node-${i % 50}","output":"${priority} ${rule} (container_id=${id} proc.name=sh)","priority":"${priority}","rule":"${rule}",` +
      `"source":"syscall","tags":${JSON.stringify(tags)},"time":"2025-06-10T10:00:${s}.000000000Z",` +
      `"output_fields":{"container.id":"${id}","container.name":"c${i}","proc.name":"sh","proc.cmdline":"sh -i","user.name":"root","fd.name":"/etc/shadow"}}\n`;
    if (batch.length > 1 << 20) {
      if (!ws.write(batch)) await new Promise<void>((r) => ws.once('drain', () => r()));
      batch = '';
    }
  }
  ws.write(batch);
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(`${out}.tmp`, out);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--count');
  console.log(await ensureDistinct(i >= 0 ? Number(process.argv[i + 1]) : 1_000_000));
}
