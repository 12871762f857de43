import type { Playbook } from '../../types';
import { CONTAINER_FS_PLAYBOOKS } from './container-fs';
import { OUTBOUND_PLAYBOOKS } from './outbound';
import { PERSISTENCE_PLAYBOOKS } from './persistence';
import { SENSITIVE_FILE_PLAYBOOKS } from './sensitive-files';
import { TOOL_PLAYBOOKS } from './tools';
import { TRAFFIC_PLAYBOOKS } from './traffic';
import { WRITE_PLAYBOOKS } from './writes';

/** Filesystem and network syscall rules: reads, writes, persistence, container boundaries, traffic, tools. */
export const PLAYBOOKS: Playbook[] = [
  ...SENSITIVE_FILE_PLAYBOOKS,
  ...WRITE_PLAYBOOKS,
  ...PERSISTENCE_PLAYBOOKS,
  ...CONTAINER_FS_PLAYBOOKS,
  ...OUTBOUND_PLAYBOOKS,
  ...TRAFFIC_PLAYBOOKS,
  ...TOOL_PLAYBOOKS,
];
