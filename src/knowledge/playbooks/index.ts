import type { Playbook } from '../types';
import { PLAYBOOKS as process } from './process';
import { PLAYBOOKS as filesystemNetwork } from './filesystem-network';
import { PLAYBOOKS as k8sAudit } from './k8s-audit';
import { PLAYBOOKS as awsOktaGithub } from './aws-okta-github';
import { PLAYBOOKS as gcp } from './gcp';
import { PLAYBOOKS as falcoInternal } from './falco-internal';

/** Every playbook, in family order. */
export const ALL_PLAYBOOKS: readonly Playbook[] = [
  ...process,
  ...filesystemNetwork,
  ...k8sAudit,
  ...awsOktaGithub,
  ...gcp,
  ...falcoInternal,
];

const byRule = new Map<string, Playbook>();
for (const playbook of ALL_PLAYBOOKS) {
  for (const rule of playbook.rules) byRule.set(rule.toLowerCase(), playbook);
}

/** The playbook for a rule name (case-insensitive, historical names included), or null. */
export function playbookForRule(rule: string): Playbook | null {
  return byRule.get(rule.trim().toLowerCase()) ?? null;
}

/** Shared with the risk model: the identities the k8s_audit observations call the control plane. */
export { isControlPlaneIdentity } from './k8s-audit/observe';
