import { describe, expect, it } from 'vitest';
import { diagnoseNoAlerts } from './noAlerts';

const text = (s: string) => [new TextEncoder().encode(s), s] as const;

describe('diagnoseNoAlerts', () => {
  it.each([
    ['an empty file', text(''), /empty/],
    ['a PNG', [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), '\u0089PNG'] as const, /PNG image/],
    ['a PDF', text('%PDF-1.7\n'), /PDF document/],
    ["Falco's own log", text('Wed Dec  2 11:30:25 2026: Falco version: 0.41.0 (x86_64)\nWed Dec  2 11:30:25 2026: Loading rules from:\n'), /Falco's own log/],
    ["Falco's own log behind syslog", text('<5>Dec  2 11:30:25 node-1 falco[812]: Wed Dec  2 11:30:25 2026: Falco initialized with configuration files:\n'), /Falco's own log/],
    ['JSON that is not an alert', text('{"hello": "world"}\n'), /JSON, but no object/],
    ['CSV', text('time,rule,priority\n2024-01-01,Shell,Notice\n'), /CSV/],
    ['anything else', text('just some words\n'), /no record in it is a Falco alert/],
  ])('%s', (_name, [bytes, head], cause) => {
    const d = diagnoseNoAlerts(bytes, head);
    expect(d.cause).toMatch(cause);
    expect(d.fix.length).toBeGreaterThan(20);
  });

  it('names the real Falco setting for JSON output', () => {
    const png = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), '\u0089PNG'] as const;
    expect(diagnoseNoAlerts(...png).fix).toContain('json_output: true');
    expect(diagnoseNoAlerts(...png).fix).toContain('-o json_output=true');
  });

  // Text output is read as alerts now: a file of it never needs this banner, and the advice is
  // no longer to switch Falco to JSON.
  it('no longer tells a reader of text output to switch to JSON', () => {
    expect(diagnoseNoAlerts(...text('just some words\n')).fix).toMatch(/text as json_output: false writes it/);
  });
});
