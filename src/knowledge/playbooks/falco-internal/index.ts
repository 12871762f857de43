import type { Playbook } from '../../types';

// Replaced by the playbooks of this family.
export const PLAYBOOKS: Playbook[] = [];
