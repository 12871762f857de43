import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Alert, OutputFields } from '../../../model';
import { PLAYBOOKS, observeMetrics, observeSyscallDrop } from './index';
import { checkFalcoCommand, runsFalco } from '../../falcoCli';
import { VENDORED_ALERTS_DIR } from '../../../testing/vendored';

function alertsOf(file: string, rule: string): Alert[] {
  return readFileSync(`${VENDORED_ALERTS_DIR}${file}`, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      try {
        const r = JSON.parse(line) as { rule?: string; output?: string; output_fields?: OutputFields };
        if (r.rule !== rule) return [];
        const alert: Alert = {
          id: i,
          file,
          line: i + 1,
          rule,
          priority: 'Debug',
          time: '',
          timeMs: Number.NaN,
          output: r.output ?? '',
          outputFields: r.output_fields ?? {},
          source: 'internal',
          sourceInferred: false,
          tags: [],
        };
        return [alert];
      } catch {
        return [];
      }
    });
}

function fake(outputFields: OutputFields): Alert {
  return {
    id: 0, file: 'x', line: 1, rule: 'r', priority: 'Debug', time: '', timeMs: Number.NaN,
    output: '', outputFields, source: 'internal', sourceInferred: false, tags: [],
  };
}

describe('falco-internal playbooks', () => {
  it('answer for the two internal rules', () => {
    expect(PLAYBOOKS.flatMap((p) => p.rules)).toEqual([
      'Falco internal: syscall event drop',
      'Falco internal: metrics snapshot',
    ]);
    for (const p of PLAYBOOKS) {
      expect(p.family).toBe('falco-internal');
      expect(p.title).toBe(p.rules[0]);
    }
  });

  it('give only real falco flags and never run falco to investigate', () => {
    for (const p of PLAYBOOKS) {
      const texts = [...p.mitigations.immediate, ...p.mitigations.shortTerm, ...p.mitigations.longTerm];
      for (const t of texts) expect(checkFalcoCommand(t), t).toEqual([]);
      for (const c of p.investigate) expect(runsFalco(c.command), c.command).toBe(false);
    }
  });

  it('observes the published drop payloads', () => {
    const drops = alertsOf('variants/published-test-payloads.ndjson', 'Falco internal: syscall event drop');
    expect(drops.length).toBe(3);
    const first = observeSyscallDrop(drops[0]!);
    expect(first[0]).toContain('815508 of 2270350 kernel events (35.9%)');
    expect(first.join(' ')).toContain('file and directory changes 1607, file opens 1596');
    expect(first.join(' ')).toContain('full ring buffers');
    // string and numeric values read the same; mangled keys do not break anything
    expect(observeSyscallDrop(drops[2]!)[0]).toBe(first[0]);
    expect(() => observeSyscallDrop(drops[1]!)).not.toThrow();
  });

  it('observes the published metrics snapshots', () => {
    const snaps = alertsOf('real-alerts.ndjson', 'Falco internal: metrics snapshot');
    expect(snaps.length).toBe(3);
    const all = snaps.map(observeMetrics);
    expect(all[0]).toContain('Falco 0.41.0 with the bpf engine.');
    expect(all.flat().some((o) => o.startsWith('Falco 0.37.0'))).toBe(true);
  });

  it.each<[OutputFields, string]>([
    [{ n_drops: 10, n_evts: 990, n_drops_bug: 1 }, 'driver or kernel incompatibility'],
    [{ n_drops: '5', n_evts: '95', n_drops_buffer_execve_enter: '5' }, 'Process creation or execution'],
    [{ n_drops_scratch_map: 3 }, 'scratch space'],
  ])('drop observation %j', (fields, text) => {
    expect(observeSyscallDrop(fake(fields)).join(' ')).toContain(text);
  });

  it.each<[OutputFields, string]>([
    [{ 'scap.n_drops_perc': 2.5 }, '2.5% of kernel events were dropped'],
    [{ 'falco.outputs_queue_num_drops': 7 }, '7 alerts were dropped'],
    [{ 'falco.n_drops_full_threadtable': 12 }, 'thread table was full'],
    [{ 'falco.rules.Terminal_shell_in_container': 9, 'falco.rules.matches_total': 9 }, 'Terminal shell in container (9)'],
  ])('metrics observation %j', (fields, text) => {
    expect(observeMetrics(fake(fields)).join(' ')).toContain(text);
  });

  it('stays quiet on a healthy snapshot', () => {
    expect(observeMetrics(fake({ 'scap.n_drops_perc': 0, 'falco.outputs_queue_num_drops': 0 }))).toEqual([]);
    expect(observeSyscallDrop(fake({}))).toEqual([]);
  });
});
