import type { Playbook } from '../../types';
import { CLOUDSQL_PLAYBOOKS } from './cloudsql';
import { COMPUTE_NETWORK_PLAYBOOKS } from './compute-network';
import { FUNCTIONS_KMS_PLAYBOOKS } from './functions-kms';
import { IAM_PLAYBOOKS } from './iam';
import { LOGGING_PUBSUB_PLAYBOOKS } from './logging-pubsub';
import { STORAGE_PLAYBOOKS } from './storage';

/** Playbooks for the rules of plugins/gcp_auditlog_rules.yaml (source gcp_auditlog). */
export const PLAYBOOKS: Playbook[] = [
  ...IAM_PLAYBOOKS,
  ...STORAGE_PLAYBOOKS,
  ...CLOUDSQL_PLAYBOOKS,
  ...COMPUTE_NETWORK_PLAYBOOKS,
  ...FUNCTIONS_KMS_PLAYBOOKS,
  ...LOGGING_PUBSUB_PLAYBOOKS,
];
