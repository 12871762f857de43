import type { CommandTemplate } from './types';

/**
 * Investigation commands that many playbooks share. Playbooks compose these instead of
 * re-typing them, so a fix to a command lands everywhere at once.
 */
export const cmd = {
  processTree: {
    title: 'Show the process, its parent and start time on the node',
    command: 'ps -o pid,ppid,user,lstart,args -p {{proc.pid}},{{proc.ppid}}',
  },
  processExe: {
    title: 'See which binary the process really runs and from where',
    command: 'ls -l /proc/{{proc.pid}}/exe /proc/{{proc.pid}}/cwd',
  },
  containerInspect: {
    title: 'Inspect the container: image, mounts, privileges, start time',
    command: 'crictl inspect {{container.id}}',
  },
  containerInspectDocker: {
    title: 'Same on a Docker host',
    command: 'docker inspect {{container.id}}',
  },
  containerProcesses: {
    title: 'List what else is running in the container',
    command: 'crictl exec {{container.id}} ps -ef',
  },
  podDescribe: {
    title: "Describe the pod: owner, service account, node, recent events",
    command: 'kubectl -n {{k8s.ns.name}} describe pod {{k8s.pod.name}}',
  },
  podLogs: {
    title: "Read the pod's recent logs around the alert",
    command: 'kubectl -n {{k8s.ns.name}} logs {{k8s.pod.name}} --all-containers --timestamps --since=1h',
  },
  podSpec: {
    title: "Dump the pod spec: securityContext, hostPID/hostNetwork, volumes",
    command: 'kubectl -n {{k8s.ns.name}} get pod {{k8s.pod.name}} -o yaml',
  },
} satisfies Record<string, CommandTemplate>;
