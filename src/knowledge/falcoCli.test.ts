import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FALCO_OPTIONS, checkFalcoCommand, falcoOption, runsFalco } from './falcoCli';

describe('checkFalcoCommand', () => {
  it.each<[string, string[]]>([
    ['falco -o log_level=debug', []],
    ['falco --log-level DEBUG', ['--log-level']],
    ['falco -V /etc/falco/falco_rules.local.yaml', []],
    ['falco --dry-run', []],
    ['falco --validate=/etc/falco/falco_rules.yaml', []],
    ['sudo falco -c /etc/falco/falco.yaml -r /etc/falco/rules.d -o engine.kind=modern_ebpf', []],
    ['/usr/bin/falco -o "metrics.enabled=true" -o metrics.interval=15m --dry-run', []],
    ["falco -o 'syscall_event_drops.threshold=0.05' -U -v", []],
    ['falco -vU --page-size', []],
    ['falco --list=syscall -N', []],
    ['falco --list -N', []],
    ['falco -l "Terminal shell in container"', []],
    ['falco -pk', []],
    ['falco --support | jq .config', []],
    ['falco -k https://kubernetes.default', ['-k']],
    ['falco --modern-bpf', ['--modern-bpf']],
    ['falco -A -S 1000', ['-A', '-S']],
    ['falco --cri /run/containerd/containerd.sock', ['--cri']],
    ['falco --rules /etc/falco/x.yaml --option=log_level=debug', ['--rules']],
    ['falcoctl artifact install k8saudit-rules --foo', []],
    ['falco-driver-loader --bogus', []],
    ['kubectl -n falco exec ds/falco -- falco --version', []],
    ['kubectl -n falco exec ds/falco -- falco --print-base64', ['--print-base64']],
    ['Run `falco --dry-run -r rules.yaml` and then `falco --json`', ['--json']],
    ["Falco's ring buffer: falco --page-size; don't use falco --x", ['--x']],
    ['journalctl -u falco -o cat', []],
    ['systemctl restart falco', []],
    ['falco -r /etc/falco -o log_level=debug', []],
    ['ls /etc/falco --bogus', []],
    ['kubectl logs -n falco ds/falco --since=1h', []],
    ['then run falco --nope', ['--nope']],
  ])('%s -> %j', (line, unknown) => {
    expect(checkFalcoCommand(line)).toEqual(unknown);
  });
});

describe('runsFalco', () => {
  it.each<[string, boolean]>([
    ['falco --version', true],
    ['sudo /usr/bin/falco -o log_level=debug', true],
    ['kubectl -n falco exec ds/falco -- falco --support', true],
    ['kubectl -n falco logs ds/falco --since=1h', false],
    ['kubectl logs --namespace=falco -l app.kubernetes.io/name=falco --since=1h', false],
    ['journalctl -u falco --since -1h', false],
    ['falcoctl index list', false],
    ['cat /etc/falco/falco.yaml', false],
  ])('%s -> %s', (line, expected) => {
    expect(runsFalco(line)).toBe(expected);
  });
});

describe('option table', () => {
  it('has unique flags and the ones playbooks rely on', () => {
    const shorts = FALCO_OPTIONS.flatMap((o) => (o.short ? [o.short] : []));
    const longs = FALCO_OPTIONS.flatMap((o) => (o.long ? [o.long] : []));
    expect(new Set(shorts).size).toBe(shorts.length);
    expect(new Set(longs).size).toBe(longs.length);
    for (const f of ['-o', '--option', '-r', '-c', '-V', '--validate', '--dry-run', '--page-size', '-L', '--list']) {
      expect(falcoOption(f), f).not.toBeNull();
    }
    expect(falcoOption('--log-level')).toBeNull();
  });
});

/** String literals ('...', "...", `...`) of a TypeScript source, escapes decoded loosely. */
function stringLiterals(source: string): string[] {
  const out: string[] = [];
  const re = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
  for (const m of source.matchAll(re)) out.push(m[0].slice(1, -1).replace(/\\(.)/g, '$1'));
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === '__fixtures__' || name === 'node_modules' ? [] : tsFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('falco commands written in src/', () => {
  const src = fileURLToPath(new URL('../', import.meta.url));
  const hits: { where: string; text: string }[] = [];
  for (const file of tsFiles(src)) {
    for (const lit of stringLiterals(readFileSync(file, 'utf8'))) {
      for (const line of lit.split('\n')) {
        if (/(^|[\s`'"(/;|&])falco\s+--?[A-Za-z]/.test(line)) hits.push({ where: relative(src, file), text: line });
      }
    }
  }

  it('finds the falco commands the playbooks give', () => {
    expect(hits.some((h) => h.where.includes('falco-internal'))).toBe(true);
  });

  it.each(hits.map((h) => [h.where, h.text]))('%s: %s uses real flags only', (_where, text) => {
    expect(checkFalcoCommand(text)).toEqual([]);
  });
});
