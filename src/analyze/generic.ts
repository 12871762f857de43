import type { Alert, Mitigations } from '../model';
import { lookupTable } from '../knowledge/lookupTable';
import type { CommandTemplate } from '../knowledge/types';
import { aws, cmd, field, gcloud, kubectl } from '../knowledge/commands';
import { tacticsFromTags } from '../knowledge/mitre';

/**
 * The report content for a rule the knowledge base does not know (custom rules are common).
 * Built only from what the alert itself says: its source, tags and fields. Marked generic.
 */
export interface GenericContent {
  detects: string;
  whyItMatters: string;
  benignCauses: string[];
  distinguish: string[];
  mitigations: Mitigations;
  investigate: CommandTemplate[];
}

const SOURCE_COMMANDS: Record<string, CommandTemplate[]> = lookupTable({
  syscall: [cmd.processTree, cmd.containerInspect, cmd.containerProcesses, cmd.podSpec, cmd.podLogs],
  k8s_audit: [
    { title: 'List what the user may do in the cluster', command: kubectl.canI({ as: field('ka.user.name') }) },
    {
      title: 'Look at the target object as it is now',
      command: kubectl.get({ ns: field('ka.target.namespace'), kind: field('ka.target.resource'), name: field('ka.target.name'), output: 'yaml' }),
    },
  ],
  aws_cloudtrail: [
    { title: "List the principal's API calls in the day before the alert", command: aws.lookupEvents('Username', field('ct.user')) },
    { title: 'Find other calls of the same API around the alert', command: aws.lookupEvents('EventName', field('ct.name')) },
  ],
  gcp_auditlog: [
    {
      title: "List the principal's audited calls in the day before the alert",
      command: gcloud.loggingRead(`'protoPayload.authenticationInfo.principalEmail='⟦gcp.user|dq⟧`),
    },
  ],
});

const TACTIC_WHY: Record<string, string> = lookupTable({
  privilege_escalation: 'it is tagged as privilege escalation: success would give the actor more rights than it should have',
  credential_access: 'it is tagged as credential access: secrets read here can be replayed elsewhere',
  defense_evasion: 'it is tagged as defense evasion: it may hide other activity from detection',
  persistence: 'it is tagged as persistence: it may let an intruder come back after a restart or cleanup',
  execution: 'it is tagged as execution: code ran that the rule author did not expect',
  discovery: 'it is tagged as discovery: someone is mapping the environment, often an early step of an intrusion',
  lateral_movement: 'it is tagged as lateral movement: the activity reaches from one system to another',
  exfiltration: 'it is tagged as exfiltration: data may be leaving the environment',
  command_and_control: 'it is tagged as command and control: a workload may be talking to an operator',
  impact: 'it is tagged as impact: it can destroy data or disrupt service',
  initial_access: 'it is tagged as initial access: it may be the way in',
  collection: 'it is tagged as collection: data of interest is being gathered',
});

export function genericContent(alert: Alert): GenericContent {
  const tactics = tacticsFromTags(alert.tags);
  const why = tactics.map((t) => TACTIC_WHY[t]).filter(Boolean);
  const fieldNames = Object.keys(alert.outputFields).slice(0, 6).join(', ');
  return {
    detects:
      `"${alert.rule}" is not a rule falcoscope has a playbook for (a custom or renamed rule). ` +
      `Falco's message for this event: ${stripOutputPrefix(alert.output) || '(none)'}`,
    whyItMatters: why.length
      ? `This matters because ${why.join('; and ')}.`
      : `Its tags (${alert.tags.join(', ') || 'none'}) name no ATT&CK tactic, so judge it by its fields and by what the rule author meant it to catch.`,
    benignCauses: [
      'Activity the rule author did not anticipate from a known workload (check the rule condition in your custom rules file).',
    ],
    distinguish: [
      fieldNames
        ? `Compare the alert's fields (${fieldNames}) with what this workload normally does.`
        : 'The alert carries no fields: read the output text and the rule condition.',
      'Look for the same rule on other hosts or entities: a one-off is more suspicious than a constant background.',
    ],
    mitigations: {
      immediate: ['Confirm with the workload owner whether this activity was expected, before changing anything.'],
      shortTerm: ['If it is benign, add an exception (see Tuning) so the rule keeps catching everything else.'],
      longTerm: ['Write a playbook entry for this custom rule: what it detects, its benign causes and the response.'],
    },
    investigate: SOURCE_COMMANDS[alert.source] ?? [],
  };
}

/** Falco's output starts with `HH:MM:SS.ns: Priority ` (or an ISO time): drop that for prose. */
export function stripOutputPrefix(output: string): string {
  return output
    .replace(/^\s*(\d{4}-\d{2}-\d{2}T)?\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{4}|Z)?:\s*/, '')
    .replace(/^(Emergency|Alert|Critical|Error|Warning|Notice|Informational|Info|Debug)\s+/i, '')
    .trim();
}
