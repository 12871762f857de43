/**
 * Falco's own messages ("Falco internal: ...") look like alerts but no rule raises them: Falco emits
 * them from its configuration (falcosecurity/falco falco.yaml @130747499b; rule names from
 * userspace/falco/event_drops.cpp, stats_writer.cpp, app/actions/process_events.cpp). A rules-file
 * `override` naming one makes Falco refuse to load ("no rule by that name"); the knob is falco.yaml.
 */

export interface InternalEventTuning {
  /** falco.yaml keys that control the message. */
  settings: string[];
  /** A falco.yaml fragment (constants only, never alert values). */
  yaml: string;
  explanation: string;
}

const INTERNAL_PREFIX = /^falco internal:/i;

/** True for Falco's own messages, which are not rules. */
export function isFalcoInternalRule(rule: string): boolean {
  return INTERNAL_PREFIX.test(rule.trim());
}

const BY_RULE: Readonly<Record<string, InternalEventTuning>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, InternalEventTuning>, {
    'falco internal: metrics snapshot': {
      settings: ['metrics.output_rule', 'metrics.interval'],
      yaml: 'metrics:\n  output_rule: false\n  interval: 1h\n',
      explanation:
        'The metrics snapshot is not a rule: Falco writes it every metrics.interval when metrics.output_rule is true. ' +
        'A rules-file override on it stops Falco from loading its rules. In falco.yaml, set metrics.output_rule: false to stop ' +
        'these messages (metrics stay available through metrics.output_file or webserver.prometheus_metrics_enabled), or ' +
        'lengthen metrics.interval to get fewer. On the command line: -o metrics.output_rule=false. Check with: falco --dry-run',
    },
    'falco internal: syscall event drop': {
      settings: ['syscall_event_drops.threshold', 'syscall_event_drops.actions', 'syscall_event_drops.rate', 'syscall_event_drops.max_burst'],
      yaml: 'syscall_event_drops:\n  threshold: 0.1\n  actions:\n    - log\n    - alert\n  rate: 0.01667\n  max_burst: 1\n',
      explanation:
        'Drop notices are not a rule: Falco emits them under syscall_event_drops in falco.yaml, and a rules-file override on ' +
        'them stops Falco from loading its rules. Keep alert in the actions: every drop is a blind spot, and silencing the ' +
        'notice hides it. Fix the cause first (see Mitigation); to get fewer notices, lower rate (messages per second; ' +
        '0.01667 is one a minute) or, if a small loss is accepted, raise threshold (the share of events lost in one second, ' +
        '0 to 1). Check with: falco --dry-run',
    },
    'falco internal: timeouts notification': {
      settings: ['syscall_event_timeouts.max_consecutives'],
      yaml: 'syscall_event_timeouts:\n  max_consecutives: 1000\n',
      explanation:
        'Timeout notices are not a rule: Falco emits one after syscall_event_timeouts.max_consecutives reads without an ' +
        'event. On a quiet host raise that number in falco.yaml; on a busy host a timeout means the driver stopped ' +
        'delivering events, which needs investigating, not tuning. Check with: falco --dry-run',
    },
  }),
);

/** The falco.yaml tuning for one of Falco's own messages. */
export function internalEventTuning(rule: string): InternalEventTuning {
  return (
    BY_RULE[rule.trim().toLowerCase()] ?? {
      settings: [],
      yaml: '',
      explanation:
        `"${rule}" is a message from Falco itself, not a rule: no rules-file snippet can change it (an override on it ` +
        'stops Falco from loading its rules). It reports a problem with Falco or its configuration: fix the cause in falco.yaml.',
    }
  );
}
