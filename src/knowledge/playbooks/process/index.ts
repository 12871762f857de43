import type { Playbook } from '../../types';
import { SHELL_PLAYBOOKS } from './shells';
import { INJECTION_PLAYBOOKS } from './injection';
import { PRIVESC_PLAYBOOKS } from './privesc';
import { ESCAPE_PLAYBOOKS } from './escape';
import { DRIFT_PLAYBOOKS } from './drift';
import { MINERS_CREDS_PLAYBOOKS } from './miners-creds';

/** Process and container playbooks (syscall source). */
export const PLAYBOOKS: Playbook[] = [
  ...SHELL_PLAYBOOKS,
  ...INJECTION_PLAYBOOKS,
  ...PRIVESC_PLAYBOOKS,
  ...ESCAPE_PLAYBOOKS,
  ...DRIFT_PLAYBOOKS,
  ...MINERS_CREDS_PLAYBOOKS,
];
