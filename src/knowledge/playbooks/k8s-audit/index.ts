import type { Playbook } from '../../types';
import { ACCESS_PLAYBOOKS } from './access';
import { NETWORK_NAMESPACE_PLAYBOOKS } from './network-namespaces';
import { RBAC_BINDING_PLAYBOOKS } from './rbac-bindings';
import { RBAC_ROLE_PLAYBOOKS } from './rbac-roles';
import { SECRET_CONFIGMAP_PLAYBOOKS } from './secrets-configmaps';
import { SERVICEACCOUNT_PLAYBOOKS } from './serviceaccounts';
import { WORKLOAD_PLAYBOOKS } from './workloads';

/** Playbooks for the k8s_audit plugin rules (plugins/k8s_audit_rules.yaml and its GKE overlay). */
export const PLAYBOOKS: Playbook[] = [
  ...ACCESS_PLAYBOOKS,
  ...RBAC_ROLE_PLAYBOOKS,
  ...RBAC_BINDING_PLAYBOOKS,
  ...SERVICEACCOUNT_PLAYBOOKS,
  ...WORKLOAD_PLAYBOOKS,
  ...NETWORK_NAMESPACE_PLAYBOOKS,
  ...SECRET_CONFIGMAP_PLAYBOOKS,
];
