/**
 * What the report says about a rule from the user's own rules files: the rule author's description
 * and intent (condition, lists, exceptions) instead of a guess from tags, and, for a stock rule the
 * files change, what they changed. Pure: alert and rule detail in, report text out.
 */
import type { Alert, RuleDetail } from '../model';
import { genericContent, stripOutputPrefix, type GenericContent } from './generic';

const at = (d: RuleDetail) => (d.rule.stockOnly ? `the stock rules (${d.rule.origin.file})` : `${d.rule.origin.file}:${d.rule.origin.line}`);

/** The report content for a custom rule, from its definition. */
export function customRuleContent(alert: Alert, detail: RuleDetail): GenericContent {
  const base = genericContent(alert);
  const rule = detail.rule;
  const lists = detail.lists.map((l) => `${l.name} (${l.items.length} items)`);
  const exceptions = rule.exceptions.map((e) => `${e.name} (${[e.fields ?? []].flat().join(', ')}: ${(e.values ?? []).length} value rows)`);
  return {
    ...base,
    detects:
      `"${rule.name}" is a rule of your own, defined in ${at(detail)}. Its author describes it: ${rule.desc || '(no description)'} ` +
      `Falco's message for this event: ${stripOutputPrefix(alert.output) || '(none)'}`,
    benignCauses: [
      exceptions.length
        ? `The rule already excepts known activity: ${exceptions.join('; ')}. A benign hit is usually a workload missing from these.`
        : 'The rule has no exceptions yet: a known workload doing this on purpose is the usual benign cause.',
      ...(lists.length ? [`Its condition consults the lists ${lists.join(', ')}: a value missing from them can make a benign event match.`] : []),
    ],
    distinguish: [`Read the event against the rule's condition (below, with its macros expanded): which part matched decides whether the author meant to catch it.`, ...base.distinguish],
  };
}

/** What the user's files did to the rule, in one sentence each (for the summary). */
export function changeSentences(detail: RuleDetail): string[] {
  const out = detail.rule.changes.map((c) => `${c.origin.file}:${c.origin.line} ${c.text}.`);
  // Lists and macros the condition goes through change what it matches as much as the rule itself.
  const by = (origins: { file: string; line: number }[]) => origins.map((o) => `${o.file}:${o.line}`).join(', ');
  for (const l of detail.lists) if (l.changedBy.length) out.push(`${by(l.changedBy)} changed the list ${l.name} it consults (now ${l.items.length} items).`);
  for (const m of detail.macros) if (m.changedBy.length) out.push(`${by(m.changedBy)} changed the macro ${m.name} it uses.`);
  if (!detail.rule.enabled) out.push('With these files the rule is disabled: Falco would not raise this alert any more.');
  return out;
}
