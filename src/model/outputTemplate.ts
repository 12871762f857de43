import type { Priority } from './alert';

/**
 * A rule's output template as Falco loads it: the text it fills with field values to word an alert
 * (`Shell spawned | user=%user.name command=%proc.cmdline`). Reading Falco's plain-text output
 * back into alerts matches lines against these: the stock rules' templates, plus those of rules
 * loaded from the user's own files.
 */
export interface OutputTemplate {
  rule: string;
  /** Event source of the rule (syscall, k8s_audit, ...): the alert's source when a line matches. */
  source: string;
  priority: Priority;
  output: string;
}
