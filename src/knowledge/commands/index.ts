import type { CommandTemplate } from '../types';
import { crictl, CRICTL_OPTIONS } from './crictl';
import { docker, DOCKER_OPTIONS } from './docker';
import { kubectl, KUBECTL_OPTIONS } from './kubectl';
import { AWS_OPTIONS } from './aws';
import { GCLOUD_OPTIONS } from './gcloud';
import { HOST_OPTIONS } from './host';
import { GH_OPTIONS } from './gh';
import { CURL_OPTIONS } from './okta';
import type { ToolOptions } from './options';
import { alertTime, field } from './shell';

export { kubectl } from './kubectl';
export { crictl } from './crictl';
export { docker } from './docker';
export { aws } from './aws';
export { gcloud, loggingWindow } from './gcloud';
export { gh } from './gh';
export { okta } from './okta';
export { cliCommand, repeated } from './cli';
export { alertTime, journalTime, field, quotedField, substitution, variable, opt, word, words } from './shell';
export type { Arg, Field, Variable } from './shell';
export type { ToolOptions } from './options';

/** Every tool whose options the command tests check, by the name it is called with. */
export const TOOL_OPTIONS: Record<string, ToolOptions> = {
  kubectl: KUBECTL_OPTIONS,
  crictl: CRICTL_OPTIONS,
  docker: DOCKER_OPTIONS,
  aws: AWS_OPTIONS,
  gcloud: GCLOUD_OPTIONS,
  gh: GH_OPTIONS,
  curl: CURL_OPTIONS,
  ...HOST_OPTIONS,
};

const POD = { ns: field('k8s.ns.name'), pod: field('k8s.pod.name') };
const POD_OBJECT = { ns: POD.ns, kind: 'pod', name: POD.pod };

/**
 * Investigation commands that many playbooks share. Playbooks compose these instead of
 * re-typing them, so a fix to a command lands everywhere at once.
 */
export const cmd = {
  processTree: {
    title: 'Show the process, its parent and start time on the node',
    command: 'ps -o pid,ppid,user,lstart,args -p ⟦proc.pid|pid⟧,⟦proc.ppid|pid⟧',
  },
  processExe: {
    title: 'See which binary the process really runs and from where',
    command: 'ls -l /proc/⟦proc.pid|pid⟧/exe /proc/⟦proc.pid|pid⟧/cwd',
  },
  containerInspect: {
    title: 'Inspect the container: image, mounts, privileges, start time',
    command: crictl.inspect(),
  },
  containerInspectDocker: {
    title: 'Same on a Docker host',
    command: docker.inspect(),
  },
  containerProcesses: {
    title: 'List what else is running in the container',
    command: crictl.exec('ps -ef'),
  },
  containerCheckpoint: {
    title: 'Preserve the running container (memory and file changes) before anyone restarts it; needs checkpoint support in the runtime',
    command: crictl.checkpoint(),
  },
  podDescribe: {
    title: 'Describe the pod: owner, service account, node, recent events',
    command: kubectl.describe(POD_OBJECT),
  },
  podLogs: {
    title: "Read the pod's logs from ten minutes before the alert on",
    command: kubectl.logs({ ...POD, sinceTime: alertTime('-10m') }),
  },
  podLogsPrevious: {
    title: "Keep the logs of the pod's previous containers (those that restarted) before they are gone",
    command: kubectl.logs({ ...POD, previous: true }),
  },
  podSpec: {
    title: 'Dump the pod spec: securityContext, hostPID/hostNetwork, volumes',
    command: kubectl.get({ ...POD_OBJECT, output: 'yaml' }),
  },
  podNode: {
    title: 'Find the node the pod runs on (where crictl and host commands apply)',
    command: kubectl.get({ ...POD_OBJECT, output: 'jsonpath={.spec.nodeName}' }),
  },
} satisfies Record<string, CommandTemplate>;
