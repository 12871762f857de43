import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { ALL_PLAYBOOKS } from '../knowledge/playbooks';
import { readRulesFile } from '../ingest/rulesFile';
import { makeAlert } from '../testing/alerts';
import { hostileAlerts, syntheticAlerts } from '../testing/syntheticAlerts';
import { vendoredAlertsSession } from '../testing/vendorFalco';
import { buildRuleSet } from './ruleSet';
import { ruleDetail } from './ruleDetail';
import { buildTuning } from './tuning';
import { Flow, handYaml, libraryYaml, Quoted, tuningJs, type YamlMap } from './tuningYaml';

/** Every snippet tree buildTuning writes, as it writes it. */
const written = vi.hoisted(() => [] as YamlMap[][]);
vi.mock('./tuningYaml', async (importOriginal) => {
  const original = await importOriginal<typeof import('./tuningYaml')>();
  return {
    ...original,
    tuningYaml: (items: YamlMap[]) => {
      written.push(items);
      return original.tuningYaml(items);
    },
  };
});

/** The hand writer gives the library's bytes, or leaves the snippet to it; both parse to the tree. */
function expectSameAsLibrary(items: readonly YamlMap[]): boolean {
  const library = libraryYaml(items);
  const hand = handYaml(items);
  if (hand !== null) expect(hand).toBe(library);
  expect(parse(library)).toEqual(tuningJs(items));
  return hand !== null;
}

function checkWritten(): { hand: number; library: number } {
  const counts = { hand: 0, library: 0 };
  for (const items of written.splice(0)) counts[expectSameAsLibrary(items) ? 'hand' : 'library']++;
  return counts;
}

describe('tuning YAML written by hand', () => {
  it('is the yaml library\'s text for every snippet of every playbook (benign and hostile alerts) and of the vendored alerts', () => {
    for (const playbook of ALL_PLAYBOOKS) for (const alert of [...syntheticAlerts(playbook), ...hostileAlerts(playbook)]) buildTuning(alert, playbook);
    const session = vendoredAlertsSession();
    for (const s of session.summaries()) session.report(s.id);
    const { hand, library } = checkWritten();
    // Most snippets are the fixed shapes the hand writer knows; the rest still come out right.
    expect(hand).toBeGreaterThan(library);
  });

  it('is the library\'s text for a custom rule\'s own named exception', () => {
    const set = buildRuleSet(readRulesFile(readFileSync('e2e/fixtures/rules/10-acme-rules.yaml', 'utf8'), '10-acme-rules.yaml').items).set;
    const rule = 'ACME Outbound Connection to Mining Pool';
    const detail = ruleDetail(set, rule)!;
    for (const image of ['registry.acme/miner-check', 'a "quoted" \\ image', 'tab\there', 'true'])
      buildTuning(makeAlert({ rule, priority: 'Critical', outputFields: { 'fd.sip.name': 'pool.minexmr.com', 'container.image.repository': image, 'proc.exepath': '/usr/bin/x' } }), null, detail);
    expect(written.length).toBeGreaterThan(0);
    checkWritten();
  });

  it('is the library\'s text, or left to it, whatever the names and values (property)', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('true', 'No', '=', 'a: b', 'x #y', '-x', '@x', 'a,b', 'x[1]', 'a  b', 'a ', "it's", 'R (x)', '', '---', '...', 'é\u2028'));
    const value = fc.oneof(text.map((t) => new Quoted(t)), text, fc.array(text.map((t) => new Quoted(t)), { maxLength: 3 }).map((a) => new Flow(a)));
    fc.assert(
      fc.property(text, text, fc.array(value, { minLength: 1, maxLength: 4 }), fc.boolean(), (name, exception, values, enabled) => {
        expectSameAsLibrary([{ rule: name, enabled, exceptions: [{ name: exception, fields: new Flow(values.map(() => 'proc.name')), values: [new Flow(values)] }], override: { exceptions: 'append' } }]);
        expectSameAsLibrary([{ list: name, items: new Flow(values.filter((v) => v instanceof Quoted)), override: { items: 'append' } }]);
      }),
      { numRuns: 300 },
    );
  });
});
