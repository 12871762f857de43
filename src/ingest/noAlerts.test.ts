import { describe, expect, it } from 'vitest';
import { diagnoseNoAlerts } from './noAlerts';

const text = (s: string) => [new TextEncoder().encode(s), s] as const;

describe('diagnoseNoAlerts', () => {
  it.each([
    ['an empty file', text(''), /empty/],
    ['a PNG', [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), '\u0089PNG'] as const, /PNG image/],
    ['a PDF', text('%PDF-1.7\n'), /PDF document/],
    ['Falco text output, short time', text('13:49:51.703321833: Notice A shell was spawned in a container (user=root)\n'), /Falco's text output/],
    ['Falco text output, ISO time', text('2024-08-07T13:49:51.703321833+0000: Warning Sensitive file opened (user=root)\n'), /Falco's text output/],
    ['Falco text output behind syslog', text('<5>Aug  7 13:49:51 node-1 falco[812]: 13:49:51.703321833: Critical Shell spawned\n'), /Falco's text output/],
    ['JSON that is not an alert', text('{"hello": "world"}\n'), /JSON, but no object/],
    ['CSV', text('time,rule,priority\n2024-01-01,Shell,Notice\n'), /CSV/],
    ['anything else', text('just some words\n'), /no record in it is a Falco alert/],
  ])('%s', (_name, [bytes, head], cause) => {
    const d = diagnoseNoAlerts(bytes, head);
    expect(d.cause).toMatch(cause);
    expect(d.fix.length).toBeGreaterThan(20);
  });

  it('names the real Falco setting for JSON output', () => {
    expect(diagnoseNoAlerts(...text('13:49:51.7: Notice x\n')).fix).toContain('json_output: true');
    expect(diagnoseNoAlerts(...text('13:49:51.7: Notice x\n')).fix).toContain('-o json_output=true');
  });
});
