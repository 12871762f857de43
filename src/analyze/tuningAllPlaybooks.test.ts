import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { Alert, Tuning } from '../model';
import type { Playbook } from '../knowledge/types';
import { ALL_PLAYBOOKS, playbookForRule } from '../knowledge/playbooks';
import { listValues } from '../knowledge/listValue';
import { fieldText } from '../knowledge/fieldValue';
import { buildTuning, playbookText } from './tuning';
import { validateTuning } from './tuningValidator';
import { ruleSchemaCheck, vendoredAlertsSession, vendoredRulesCatalog } from '../testing/vendorFalco';
import { hostileAlerts, syntheticAlerts } from '../testing/syntheticAlerts';

const catalog = vendoredRulesCatalog();
const schema = ruleSchemaCheck();

/**
 * falco.yaml keys the internal-event tuning may set, as in falcosecurity/falco falco.yaml
 * @130747499bb831ff8212af4da13c3fa9ffd7328b.
 */
const FALCO_YAML_KEYS: Readonly<Record<string, readonly string[]>> = {
  metrics: ['enabled', 'interval', 'output_rule', 'output_file', 'rules_counters_enabled', 'resource_utilization_enabled', 'state_counters_enabled', 'kernel_event_counters_enabled'],
  syscall_event_drops: ['threshold', 'actions', 'rate', 'max_burst', 'simulate_drops'],
  syscall_event_timeouts: ['max_consecutives'],
};

type ExceptionItem = { fields: string[]; comps: string[]; values: unknown[][] };

/** Every check the validator has, with the full upstream catalog and Falco's schema. */
function expectSafe(tuning: Tuning, alert: Alert, playbook: Playbook | null): void {
  const context = `${alert.rule}\n${tuning.yaml}\n${tuning.explanation}`;
  if (tuning.target === 'falco.yaml') {
    const doc = parse(tuning.yaml) as Record<string, Record<string, unknown>>;
    for (const [section, settings] of Object.entries(doc)) {
      expect(FALCO_YAML_KEYS[section], context).toBeDefined();
      for (const key of Object.keys(settings)) expect(FALCO_YAML_KEYS[section], context).toContain(key);
    }
    return;
  }
  // Loaded in Falco: the upstream rules, plus the alert's own rule (Falco raised it, so it is loaded).
  const loaded = { ...catalog, ruleSource: (name: string) => catalog.ruleSource(name) ?? (name === alert.rule ? alert.source : undefined) };
  for (const yaml of [tuning.yaml, tuning.alternative?.yaml ?? ''].filter(Boolean)) {
    expect(validateTuning(yaml, { catalog: loaded, schema, reportText: playbookText(playbook) }), context).toEqual([]);
  }
  if (tuning.yaml === '') expect(tuning.explanation).toMatch(/^No safe exception/);
}

/** The exception's values are the alert's values, read back exactly (YAML kept them strings). */
function expectValuesReadBack(tuning: Tuning, alert: Alert): void {
  if (!tuning.yaml || tuning.target) return;
  const [item] = parse(tuning.yaml) as { exceptions?: ExceptionItem[]; items?: string[]; list?: string }[];
  for (const exception of item!.exceptions ?? []) {
    exception.fields.forEach((field, i) => {
      const alertValue = fieldText(alert, field)!;
      const value = exception.values[0]![i];
      if (exception.comps[i] === 'in') expect(value).toEqual(listValues(alertValue));
      else if (exception.comps[i] === 'startswith') expect(alertValue.startsWith(value as string) && (value as string).length > 0).toBe(true);
      else expect(value).toBe(alertValue);
    });
  }
}

describe('every snippet the product can print passes the tuning validator', () => {
  const session = vendoredAlertsSession();
  const vendored = session.summaries().map((s) => session.report(s.id)!);

  it.each(vendored.map((r) => [`${r.alert.rule} / ${r.incident.entity.label}`, r] as const))('vendored alert %s', (_name, report) => {
    const playbook = playbookForRule(report.alert.rule);
    expectSafe(report.tuning, report.alert, playbook);
    expectValuesReadBack(report.tuning, report.alert);
  });

  it.each(ALL_PLAYBOOKS.map((p) => [p.id, p] as const))('playbook %s: benign and hostile alerts from its rules', (_id, playbook) => {
    for (const alert of [...syntheticAlerts(playbook), ...hostileAlerts(playbook)]) {
      const tuning = buildTuning(alert, playbook);
      expectSafe(tuning, alert, playbook);
      expectValuesReadBack(tuning, alert);
    }
  });

  /** Playbooks whose rules print nothing a safe exception could pair, and why. */
  const NO_SAFE_SNIPPET: Readonly<Record<string, string>> = {
    'okta-too-many-failed-mfa': 'prints only the actor and a counter: excepting a person from MFA-failure detection is the hole',
    'okta-too-many-denied-pushes': 'prints only the actor and a counter: excepting a person from MFA-push-fatigue detection is the hole',
  };

  it.each(ALL_PLAYBOOKS.filter((p) => p.family !== 'falco-internal' && !(p.id in NO_SAFE_SNIPPET) && !p.noException).map((p) => [p.id, p] as const))(
    'playbook %s: a benign alert gets a snippet',
    (_id, playbook) => {
      for (const alert of syntheticAlerts(playbook)) expect(buildTuning(alert, playbook).yaml, alert.rule).not.toBe('');
    },
  );

  it.each([...Object.keys(NO_SAFE_SNIPPET), ...ALL_PLAYBOOKS.filter((p) => p.noException).map((p) => p.id)])('playbook %s prints no snippet and says why', (id) => {
    const playbook = ALL_PLAYBOOKS.find((p) => p.id === id)!;
    for (const alert of syntheticAlerts(playbook)) expect(buildTuning(alert, playbook).explanation).toMatch(/^No safe exception/);
  });
});

describe('playbook tuning declarations', () => {
  it.each(ALL_PLAYBOOKS.filter((p) => p.allowList).map((p) => [p.id, p.allowList!.list] as const))('%s: the allow-list %s exists upstream', (_id, list) => {
    expect(catalog.hasList!(list)).toBe(true);
  });
});

describe('tuning over generated alert values (property)', () => {
  const playbooks = ALL_PLAYBOOKS.filter((p) => p.family !== 'falco-internal');
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom('bash', '/bin/sh', 'httpd', 'cat', 'curl', 'sudo', 'python3', 'runc init container:8fbf0a6486b6', 'web-7d9f8b6c5-x2kq9', '/proc/1/environ', '["a","b"]', '(x,y)', '<NA>', 'null', 'yes', '0x1F'),
    fc.stringMatching(/^[a-z][a-z0-9./:_-]{0,30}$/),
  );

  it('validates and reads back exactly, whatever the values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...playbooks), fc.array(value, { minLength: 12, maxLength: 12 }), fc.nat(), (playbook, values, pick) => {
        const [base] = syntheticAlerts(playbook);
        const fields = Object.keys(base!.outputFields);
        const outputFields = { ...base!.outputFields };
        fields.forEach((field, i) => {
          if ((pick + i) % 2 === 0) outputFields[field] = values[i % values.length]!;
        });
        const alert = { ...base!, outputFields };
        const tuning = buildTuning(alert, playbook);
        expectSafe(tuning, alert, playbook);
        expectValuesReadBack(tuning, alert);
      }),
      { numRuns: 300 },
    );
  }, 30_000); // 300 reports with schema checks: seconds on a shared, loaded machine
});
