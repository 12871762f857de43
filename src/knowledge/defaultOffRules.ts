/**
 * Upstream rules that ship switched off through a macro instead of `enabled: false`: their
 * condition ANDs a macro that is never true until a user overrides it. Seeing their alert means
 * that macro was changed; restoring it is the tuning (vendor/falco/rules/plugins/k8s_audit_rules.yaml).
 */
export interface DefaultOffMacro {
  macro: string;
  /** The upstream condition that keeps the rule off. */
  condition: string;
}

const BY_RULE: ReadonlyMap<string, DefaultOffMacro> = new Map([
  ['all k8s audit events', { macro: 'consider_all_events', condition: '(k8s_audit_never_true)' }],
]);

/** The macro that keeps this rule off upstream, if it is one of those rules. */
export function defaultOffMacro(rule: string): DefaultOffMacro | undefined {
  return BY_RULE.get(rule.trim().toLowerCase());
}
