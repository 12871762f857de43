import { describe, expect, it } from 'vitest';
import { ALL_PLAYBOOKS } from '../knowledge/playbooks';
import { ruleOutputFields } from '../knowledge/ruleCatalog';
import { reportToMarkdown } from '../export/markdown';
import { toJsonExport } from '../export/json';
import { AnalysisSession } from '../engine/store/session';
import { makeAlert } from '../testing/alerts';

/**
 * Alert strings are attacker-chosen. Names that exist on Object.prototype must never be read
 * from a lookup table as if they were entries (they would come back as functions).
 */
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

function everyString(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'function') out.push(`FUNCTION:${String(value).slice(0, 40)}`);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) everyString(v, out);
  return out;
}

describe('prototype names in alert values, keys, rules, sources and tags', () => {
  const rules = [...new Set(ALL_PLAYBOOKS.flatMap((p) => p.rules)), 'constructor', 'Custom rule'];
  it.each(PROTOTYPE_NAMES)('%s: every playbook builds a plain-data report and export', (name) => {
    const session = new AnalysisSession();
    for (const rule of rules) {
      const fields: Record<string, string> = {};
      for (const field of ruleOutputFields(rule)) Object.defineProperty(fields, field.replace(/\[.*$/, ''), { value: name, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(fields, name, { value: name, enumerable: true, writable: true, configurable: true });
      const { id: _id, ...record } = makeAlert({ rule, outputFields: fields, tags: [name, 'mitre_execution'], source: 'syscall' });
      session.addAlert(record);
      const { id: _id2, ...other } = makeAlert({ rule, outputFields: { ...fields }, tags: [name], source: name, hostname: name });
      session.addAlert(other);
    }
    for (const summary of session.summaries()) {
      const report = session.report(summary.id)!;
      expect(() => structuredClone(report), summary.rule).not.toThrow();
      const strings = everyString(report);
      expect(strings.filter((s) => s.startsWith('FUNCTION:') || s.includes('[native code]')), summary.rule).toEqual([]);
      expect(() => reportToMarkdown(report), summary.rule).not.toThrow();
    }
    const reports = session.summaries().map((s) => session.report(s.id)!);
    expect(() => JSON.stringify(toJsonExport(1, [], reports))).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
