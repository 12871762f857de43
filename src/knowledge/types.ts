import type { Alert, Mitigations } from '../model';
import type { Note } from './observation';

/** Playbook families: one folder (or file) of playbooks each. */
export type Family =
  | 'process'
  | 'container'
  | 'filesystem'
  | 'network'
  | 'k8s_audit'
  | 'aws'
  | 'gcp'
  | 'okta'
  | 'github'
  | 'falco-internal';

/**
 * An investigation command. `⟦field.name⟧` placeholders are replaced with the alert's value,
 * shell-quoted as its own word (see analyze/fillTemplate.ts); `⟦@time-10m⟧`, `⟦@journal+10m⟧`
 * are the alert's own time, shifted. A step whose field the alert lacks is not shown, nor one
 * where a value starting with `-` would begin a word before an end-of-options `--`. Write
 * placeholders where a whole shell word (or a concatenated piece of one, e.g.
 * `'name="'⟦gcp.user⟧'"'`) goes, never inside quotes. Prefer the builders in commands/.
 */
export interface CommandTemplate {
  /** What running it establishes, e.g. "List the pod's containers and their images". */
  title: string;
  command: string;
  /**
   * Where the command must run to see what the alert saw: `host` only for events on the host
   * itself (`container.id=host`), `container` only for events in a container. Omitted: any.
   */
  where?: 'host' | 'container';
  /**
   * The same step for an event in a container: `command` then runs only for events on the host,
   * this one (e.g. `crictl exec ⟦container.id⟧ ...`) only for events in a container.
   */
  inContainer?: string;
}

/** A Falco list the rule consults that exists so users can allow-list known-good values. */
export interface AllowList {
  /** The list's exact name in the upstream rules, e.g. `known_ptrace_binaries`. */
  list: string;
  /** The alert field whose value belongs in the list, e.g. `proc.name`. */
  field: string;
  /** One sentence: when appending to the list is the right tuning instead of an exception. */
  note: string;
}

export interface Playbook {
  /** kebab-case, unique across the knowledge base. */
  id: string;
  /** Display title: the current rule name. */
  title: string;
  /** Exact rule names this playbook answers for: current name first, then older names. */
  rules: string[];
  family: Family;
  /** One or two sentences, true to the rule's condition. */
  detects: string;
  /** Why an attacker does this: what it gives them. */
  whyItMatters: string;
  /** Known legitimate causes of the alert. */
  benignCauses: string[];
  /** How to tell benign from malicious: which fields to look at and what to look for. */
  distinguish: string[];
  mitigations: Mitigations;
  /** Real commands (kubectl, crictl, docker, ps, aws, gcloud ...) with `⟦field⟧` placeholders. */
  investigate: CommandTemplate[];
  /**
   * Fields for the tuning exception, in order of preference. Only fields the rule prints in its
   * output (so they are in the alert's output_fields) and that identify the benign actor.
   */
  tuningFields: string[];
  allowList?: AllowList;
  /**
   * Set when no exception is ever safe for the rule (root without MFA, a secret pushed): why. The
   * tuning section then says so instead of building one; the fix is at the source.
   */
  noException?: string;
  /** Observations about this alert's concrete values. Pure; returns [] when nothing stands out. */
  observe?: (alert: Alert) => Note[];
}
