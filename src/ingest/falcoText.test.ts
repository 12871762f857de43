import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PRIORITIES } from '../model';
import { RULE_OUTPUTS } from '../knowledge/ruleOutputs';
import { generatedStockLines } from '../testing/textOutputSamples';
import { UNKNOWN_RULE, matcherWith, parseTextLine, textHeader } from './falcoText';

function alertOf(line: string, matcher = matcherWith([])) {
  const r = parseTextLine(line, 'out.log', 7, matcher);
  if (r === null || 'message' in r) throw new Error(`not an alert: ${JSON.stringify(r)}`);
  return r;
}

/** Rules whose template is word for word another rule's: a line of either names one of them. */
const sameTemplate = new Map<string, Set<string>>();
for (const [rule, , , output] of RULE_OUTPUTS) {
  const rules = RULE_OUTPUTS.filter((r) => r[3] === output).map((r) => r[0]);
  sameTemplate.set(rule, new Set([...(sameTemplate.get(rule) ?? []), ...rules]));
}

describe('Falco text output: the header', () => {
  it.each([
    ['13:49:51.703321833: Warning x', '13:49:51.703321833', false, 'Warning', false],
    ['2024-08-07T13:49:51.703321833+0000: Critical x', '2024-08-07T13:49:51.703321833+0000', true, 'Critical', false],
    ['Aug  7 13:49:51 node-1 falco[812]: 13:49:51.703321833: Debug x', '13:49:51.703321833', false, 'Debug', true],
    ['<14>1 2024-08-07T13:49:51.703Z node-2 falco 812 - - 2024-08-07T13:49:51.703321833+0000: Informational x', '2024-08-07T13:49:51.703321833+0000', true, 'Informational', true],
  ])('%s', (line, time, iso, priority, prefixed) => {
    const h = textHeader(line)!;
    expect(h).toMatchObject({ time, iso, priority, start: line.indexOf(time) });
    expect(h.start > 0).toBe(prefixed);
  });

  it('names the host of a syslog header', () => {
    expect(textHeader('Aug  7 13:49:51 node-1 falco: 13:49:51.7: Notice x')!.hostname).toBe('node-1');
    expect(textHeader('<14>1 2024-08-07T13:49:51.703Z node-2 falco 812 - - 13:49:51.7: Notice x')!.hostname).toBe('node-2');
  });

  it('is not found in other text, nor in JSON holding a Falco output', () => {
    expect(textHeader('Wed Dec  2 11:30:25 2026: Falco version: 0.41.0 (x86_64)')).toBeNull();
    expect(textHeader('{"output":"13:49:51.703321833: Warning x","rule":"r"}')).toBeNull();
    expect(textHeader('13:49:51: Warning no fraction')).toBeNull();
    expect(textHeader(`${'x'.repeat(600)} 13:49:51.7: Warning too far`)).toBeNull();
  });
});

describe('Falco text output: alerts', () => {
  it('recovers the rule, fields, time and priority of a stock rule line (ISO 8601)', () => {
    const a = alertOf(
      '2024-08-07T13:49:52.577159500+0000: Warning Sensitive file opened for reading by non-trusted program | file=/etc/shadow gparent=containerd-shim ggparent=init gggparent=<NA> evt_type=openat user=root user_uid=0 user_loginuid=-1 process=event-generator proc_exepath=/bin/event-generator parent=containerd-shim command=event-generator run --loop ^syscall.ReadSensitiveFileUntrusted$ terminal=0 container_id=2ae6a7f15b6e container_name=falco-event-generator',
    );
    expect(a.rule).toBe('Read sensitive file untrusted');
    expect(a.priority).toBe('Warning');
    expect(a.time).toBe('2024-08-07T13:49:52.577159500Z');
    expect(a.source).toBe('syscall');
    expect(a.file).toBe('out.log');
    expect(a.line).toBe(7);
    expect(a.output.startsWith('2024-08-07T13:49:52.577159500+0000: Warning Sensitive file')).toBe(true);
    expect(a.outputFields).toMatchObject({
      'fd.name': '/etc/shadow',
      'proc.aname[4]': null,
      'user.uid': 0,
      'user.loginuid': -1,
      'proc.cmdline': 'event-generator run --loop ^syscall.ReadSensitiveFileUntrusted$',
      'proc.tty': 0,
      'container.id': '2ae6a7f15b6e',
      'container.name': 'falco-event-generator',
    });
  });

  it('keeps the short time form without a date (the line has none) and the priority of every level', () => {
    for (const p of PRIORITIES) {
      const a = alertOf(`13:49:51.703321833: ${p} Sensitive file opened for reading by non-trusted program | file=/etc/shadow`);
      expect(a.priority).toBe(p);
      expect(a.time).toBe('');
      expect(Number.isNaN(a.timeMs)).toBe(true);
    }
  });

  it('uses a wrapper time and rule when it has them', () => {
    const r = parseTextLine('13:49:51.703321833: Notice something new | user=root', 'f', 1, matcherWith([]), {
      rule: 'My rule',
      time: '2024-08-07T13:49:51.703321833Z',
      tags: ['team'],
    });
    expect(r).toMatchObject({ rule: 'My rule', time: '2024-08-07T13:49:51.703321833Z', tags: ['team'] });
  });

  it('a line no template words is an alert of rule "unknown" with its text, never dropped', () => {
    const a = alertOf('13:49:51.703321833: Error Something only this site prints (process=nc proc_exepath=/usr/bin/nc cmdline=nc -l 4444 container_id=abc)');
    expect(a.rule).toBe(UNKNOWN_RULE);
    expect(a.priority).toBe('Error');
    expect(a.output).toBe('13:49:51.703321833: Error Something only this site prints (process=nc proc_exepath=/usr/bin/nc cmdline=nc -l 4444 container_id=abc)');
    // Keys every rule prints for the same field, and Falco's appended keys, are read.
    expect(a.outputFields).toEqual({ 'proc.name': 'nc', 'proc.exepath': '/usr/bin/nc', 'container.id': 'abc' });
  });

  it('an older wording of a stock rule is recovered by its opening words, fields by its keys', () => {
    const a = alertOf(
      '17:48:58.590038385: Notice A shell was spawned in a container with an attached terminal (user=root k8s.pod=falco-74htl container=a98c2aa8e670 shell=bash parent=<NA> cmdline=bash  terminal=34816)',
    );
    expect(a.rule).toBe('Terminal shell in container');
    expect(a.outputFields).toMatchObject({ 'user.name': 'root', 'proc.pname': null, 'proc.tty': 34816, 'k8s.pod.name': 'falco-74htl' });
  });

  it('templates of the user\'s rules are matched too, and win over a stock rule of the same name', () => {
    const matcher = matcherWith([
      { rule: 'Shell in payments pod', source: 'syscall', priority: 'Critical', output: 'Payments shell | pod=%k8s.pod.name cmd=%proc.cmdline' },
      { rule: 'Terminal shell in container', source: 'syscall', priority: 'Notice', output: 'Local shell wording user=%user.name' },
    ]);
    const a = alertOf('13:49:51.7: Critical Payments shell | pod=pay-1 cmd=sh -c id', matcher);
    expect(a).toMatchObject({ rule: 'Shell in payments pod', outputFields: { 'k8s.pod.name': 'pay-1', 'proc.cmdline': 'sh -c id' } });
    expect(alertOf('13:49:51.7: Notice Local shell wording user=bob', matcher).rule).toBe('Terminal shell in container');
  });

  it('a hostile line costs no backtracking: every separator is looked for once', () => {
    const line = `13:49:51.7: Warning Sensitive file opened for reading by non-trusted program | file=${' gparent='.repeat(20_000)}x`;
    expect(alertOf(line).rule).toBe('Read sensitive file untrusted');
  });
});

describe('Falco text output: stock rules (must show 3: >= 90% matched to their rule and fields)', () => {
  it('GENERATED lines of every stock template, every header form: rule and fields recovered', () => {
    const lines = generatedStockLines();
    expect(lines.length).toBe(RULE_OUTPUTS.length);
    let matched = 0;
    const misses: string[] = [];
    for (const g of lines) {
      const a = alertOf(g.line);
      const ruleOk = sameTemplate.get(g.rule)!.has(a.rule);
      const fieldsOk = JSON.stringify(Object.entries(a.outputFields).sort()) === JSON.stringify(Object.entries(g.fields).sort());
      if (ruleOk && fieldsOk) matched++;
      else misses.push(`${g.rule} -> ${a.rule}`);
    }
    const share = matched / lines.length;
    expect(share, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('REAL lines (the output text of every published Falco alert of a stock rule): rule and fields recovered', () => {
    const real = readFileSync('vendor/falco/alerts/real-alerts.ndjson', 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { rule: string; output: string; output_fields?: Record<string, unknown> })
      .filter((d) => sameTemplate.has(d.rule) && textHeader(d.output) !== null);
    expect(real.length).toBeGreaterThanOrEqual(25);
    let matched = 0;
    for (const d of real) {
      const a = alertOf(d.output);
      // Every field read back holds the value Falco's JSON carried for it.
      if (a.rule !== d.rule) {
        expect(a.rule).toBe(UNKNOWN_RULE); // never another rule
        continue;
      }
      for (const [k, v] of Object.entries(a.outputFields)) if (d.output_fields && k in d.output_fields) expect(v, `${d.rule} ${k}`).toEqual(d.output_fields[k]);
      if (Object.keys(a.outputFields).length > 0) matched++;
    }
    // The misses are older wordings of GCP rules whose text changed since ("waf rule modified" is
    // now "waf rule was modified"): read as "unknown" with their text, never as a wrong rule.
    expect(matched / real.length).toBeGreaterThanOrEqual(0.85);
  });
});
