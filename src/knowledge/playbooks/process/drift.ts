/** Containers drifting from their image: new binaries, package installs, cluster tools, decoded payloads. */
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import { cmdlineIndicatorNote, compact, eventGeneratorNote, local, stagingPathNote, ttyNote } from './common';

// ---------------------------------------------------------------- timing of dropped binaries

export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'less than a second';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

function numberField(alert: Alert, field: string): number | undefined {
  const raw = fieldText(alert, field);
  if (raw === undefined || !/^-?\d+(\.\d+)?$/.test(raw)) return undefined;
  return Number(raw);
}

function dropTimingNotes(alert: Alert): Array<string | undefined> {
  const notes: Array<string | undefined> = [];
  const gap = numberField(alert, 'proc.exe_ino.ctime_duration_proc_start');
  if (gap !== undefined && gap >= 0) {
    const s = gap / 1e9;
    notes.push(
      s < 120
        ? `The binary was written ${formatDuration(s)} before it ran (proc.exe_ino.ctime_duration_proc_start): drop-and-run in one motion, as a downloader or an operator would do.`
        : `The binary was last changed ${formatDuration(s)} before it ran (proc.exe_ino.ctime_duration_proc_start).`,
    );
  }
  const ctime = numberField(alert, 'proc.exe_ino.ctime');
  const start = numberField(alert, 'container.start_ts');
  if (ctime !== undefined && start !== undefined && start > 0 && ctime > start) {
    notes.push(`The file appeared ${formatDuration((ctime - start) / 1e9)} after the container started, so it came from activity inside the running container, not from the image.`);
  }
  return notes;
}

// ---------------------------------------------------------------- package managers

const ATTACK_PACKAGES = /\b(nmap|masscan|netcat(-\w+)?|ncat|socat|tcpdump|gcc|make|proxychains\w*|hydra|sshpass|zmap)\b/;

function packageNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  const tool = ATTACK_PACKAGES.exec(cmdline)?.[1];
  if (tool && /\b(install|add|-i)\b/.test(cmdline)) {
    return `proc.cmdline installs ${tool}, a scanning, tunnelling, capture or build tool that attackers add to a container they control.`;
  }
  if (/\b(install|add)\b/.test(cmdline)) return `proc.cmdline=${cmdline}: a package installation into the running container, which will be lost on restart and never went through the image pipeline.`;
  return undefined;
}

// ---------------------------------------------------------------- kubectl, docker, crictl

function clusterClientNote(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  const cmdline = fieldText(alert, 'proc.cmdline') ?? '';
  if (name === 'docker' || name === 'crictl') {
    const escape = /--privileged|-v\s+\/:|--pid[= ]host|--net[= ]host/.test(cmdline);
    return escape
      ? `proc.cmdline=${cmdline}: it starts a container with host access from inside a container, a direct route to root on the node.`
      : `proc.name=${name} inside a container only works if a container runtime socket is mounted into it, which is equivalent to root on the node.`;
  }
  if (name === 'kubectl') {
    if (/\bauth\s+can-i\b/.test(cmdline)) return 'proc.cmdline asks kubectl auth can-i: the caller is mapping what the pod service account may do, classic post-compromise discovery.';
    if (/\bget\s+secrets?\b/.test(cmdline)) return 'proc.cmdline reads Kubernetes secrets through the pod credentials.';
    if (/\b(create|apply|run|exec)\b/.test(cmdline)) return `proc.cmdline=${cmdline}: it changes the cluster or runs commands in other pods from inside this one; check what the pod service account is allowed to do.`;
  }
  return undefined;
}

// ---------------------------------------------------------------- base64

/** First inline base64 argument of a command line that decodes to printable text. */
export function decodeInlineBase64(cmdline: string): string | undefined {
  const tokens = cmdline.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? [];
  for (const token of tokens) {
    if (token.length % 4 !== 0 || token.startsWith('/') || !/[A-Z]/.test(token) || !/[a-z]/.test(token)) continue;
    let text: string;
    try {
      text = atob(token);
    } catch {
      continue;
    }
    if (/^[\t\n\r\x20-\x7e]+$/.test(text)) return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  }
  return undefined;
}

function decodedPayloadNotes(alert: Alert): Array<string | undefined> {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return [];
  const decoded = decodeInlineBase64(cmdline);
  return [
    decoded !== undefined ? `The inline base64 in proc.cmdline decodes to: ${decoded}` : undefined,
    /base64\s+(-\w*d|--decode)[^|]*\|\s*(ba|da|z)?sh\b/.test(cmdline)
      ? 'The decoded data is piped straight into a shell, so the real command was hidden from the command line.'
      : undefined,
  ];
}

export const DRIFT_PLAYBOOKS: Playbook[] = [
  {
    id: 'container-drop-and-execute',
    title: 'Drop and execute new binary in container',
    rules: ['Drop and execute new binary in container'],
    family: 'container',
    detects:
      "A program runs in a container from a file in the container's writable overlay upper layer (proc.is_exe_upper_layer), meaning the file was added or modified after the container started rather than shipped in the image. Images in known_drop_and_execute_containers are excluded.",
    whyItMatters:
      'Containers are meant to run only what their image contains. A new executable appearing at runtime is how attackers bring in miners, scanners, implants and exploit binaries after gaining a foothold (TA0003 persistence and tooling).',
    benignCauses: [
      'Applications that download or compile plugins, native extensions or updates at runtime.',
      'Entrypoint scripts that copy or generate binaries at start.',
      'Development and CI containers where building and running new code is the point.',
    ],
    distinguish: [
      'proc.exepath: a file in /tmp, /dev/shm, a hidden directory or with a random name is a dropper; a path inside the application directory written at start-up is more likely a plugin.',
      'proc.exe_ino.ctime, proc.exe_ino.ctime_duration_proc_start and container.start_ts: a file written seconds before running, long after the container started, follows a download; one written at start-up comes from the entrypoint.',
      'proc.pname, proc.aname[2] and proc.sname: a shell from an exec session or a web server parent points to an intruder; the application entrypoint points to design.',
    ],
    mitigations: {
      immediate: [
        'Copy the binary out and hash it, then stop the container and look for the download or exec session that brought it in.',
      ],
      shortTerm: ['Make the root filesystem read-only (readOnlyRootFilesystem: true) with explicit writable volumes mounted noexec where possible.'],
      longTerm: ['Build plugins and updates into the image, and add images that must generate executables to known_drop_and_execute_containers only with a recorded reason.'],
    },
    investigate: [
      local.containerExeHash,
      {
        title: 'Copy the dropped binary out of the pod for analysis (needs tar in the container)',
        command: 'kubectl cp --namespace=⟦k8s.ns.name⟧ ⟦k8s.pod.name⟧:⟦proc.exepath⟧ ./dropped-binary',
      },
      local.dockerDiff,
      cmd.containerProcesses,
      cmd.podLogs,
    ],
    tuningFields: ['proc.exepath', 'proc.pname', 'proc.name'],
    allowList: {
      list: 'known_drop_and_execute_containers',
      field: 'container.image.repository',
      note: 'Append an image whose design is to create and run new executables at runtime (build, CI or plugin-loading images).',
    },
    observe: (alert) =>
      compact(eventGeneratorNote(alert), stagingPathNote(alert, 'proc.exepath'), ...dropTimingNotes(alert), ttyNote(alert), cmdlineIndicatorNote(alert)),
  },
  {
    id: 'container-package-management',
    title: 'Launch Package Management Process in Container',
    rules: ['Launch Package Management Process in Container'],
    family: 'container',
    detects:
      'A package manager (apt, apt-get, dpkg, yum, dnf, rpm, apk, pip, npm, gem and the rest of package_mgmt_binaries) starts inside a container, unless another package manager is already among its four nearest ancestors, the user is _apt, or it is kube-proxy running update-alternatives.',
    whyItMatters:
      'Installing software into a running container changes it away from the reviewed image. Attackers use it to add scanners, tunnels and compilers; a pip or npm install can also pull malicious packages straight into production (T1505).',
    benignCauses: [
      'Engineers installing a debugging tool (curl, procps) during an exec session.',
      'Entrypoints that install dependencies at start, a poor but common practice.',
      'CI and development containers that install packages as part of their job.',
    ],
    distinguish: [
      'proc.cmdline: what was installed. Scanners, netcat, socat, tcpdump or compilers in a production container are attacker tooling; a debugging tool during a known session is not.',
      'proc.pname and proc.tty: an interactive shell from an exec versus the entrypoint at container start.',
      'user.name: root installs in an application container that normally runs unprivileged show the image or its security context is weak.',
    ],
    mitigations: {
      immediate: ['If the install is not tied to a known debug session, record what changed in the container (docker diff, or a copy of the new files), then stop it and redeploy from the image.'],
      shortTerm: ['Move runtime installs into the image build, and run containers as non-root with a read-only root filesystem so package managers cannot write.'],
      longTerm: ['Use minimal or distroless base images without package managers for production workloads.'],
    },
    investigate: [cmd.containerProcesses, local.dockerDiff, cmd.podDescribe, cmd.podLogs],
    tuningFields: ['proc.pname', 'proc.cmdline', 'proc.name'],
    observe: (alert) => compact(eventGeneratorNote(alert), packageNote(alert), ttyNote(alert)),
  },
  {
    id: 'container-k8s-client-tool',
    title: 'Kubernetes Client Tool Launched in Container',
    rules: ['Kubernetes Client Tool Launched in Container'],
    family: 'container',
    detects:
      'docker, kubectl or crictl starts inside a container, unless the image is in user_known_k8s_images or is a listed kube-system image.',
    whyItMatters:
      'From inside a pod, kubectl uses the mounted service account token to talk to the API server, and docker or crictl drive the node container runtime through a mounted socket. Either turns one compromised pod into control over the cluster or the node (T1610).',
    benignCauses: [
      'CI/CD runners, GitOps agents and operators that shell out to kubectl.',
      'Docker-in-Docker or socket-mounted build jobs running docker.',
      'Admin toolbox pods used by platform engineers.',
    ],
    distinguish: [
      'proc.cmdline: apply or rollout commands in a CI job are routine; auth can-i --list, get secrets, exec into other pods or docker run --privileged -v /:/host are discovery and escalation.',
      'proc.exepath: a kubectl shipped in the image versus one just downloaded into /tmp.',
      'proc.pname and proc.tty: a pipeline script versus an interactive session.',
    ],
    mitigations: {
      immediate: ['If the use is unexpected, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then revoke the pod\'s service account token (delete the pod, rotate bound secrets) and take out any runtime socket mount.'],
      shortTerm: [
        'Reduce the service account RBAC to what the workload needs and set automountServiceAccountToken: false where the API is not used.',
        'Append images of legitimate cluster tooling to user_known_k8s_images.',
      ],
      longTerm: ['Never mount container runtime sockets into application pods; use rootless builders for CI.'],
    },
    investigate: [
      cmd.podSpec,
      {
        title: 'Check whether a runtime socket or service account token is reachable inside the container',
        command: 'crictl exec ⟦container.id⟧ ls -l /var/run/docker.sock /run/containerd/containerd.sock /var/run/secrets/kubernetes.io/serviceaccount',
      },
      local.containerExeHash,
      cmd.podLogs,
    ],
    tuningFields: ['proc.name', 'proc.cmdline', 'proc.pname'],
    allowList: {
      list: 'user_known_k8s_images',
      field: 'container.image.repository',
      note: 'Append the image of a CI runner, operator or admin toolbox that is meant to run kubectl, docker or crictl.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), clusterClientNote(alert), stagingPathNote(alert, 'proc.exepath'), ttyNote(alert)),
  },
  {
    id: 'container-decoding-payload',
    title: 'Decoding Payload in Container',
    rules: ['Decoding Payload in Container'],
    family: 'container',
    detects:
      'A process in a container has a command line containing base64 together with -d or --decode, unless the image is in known_decode_payload_containers. The check is a substring match, so any -d on the same command line counts.',
    whyItMatters:
      'Encoding hides the real command from logs and filters: attackers ship a script or binary as base64, decode it in place and run it (T1132). The decoded content is the actual payload.',
    benignCauses: [
      'Entrypoints decoding certificates, keys or configuration passed in environment variables.',
      'Scripts handling Kubernetes secret values, which are base64 in manifests.',
      'Unrelated command lines that mention base64 and happen to contain -d elsewhere.',
    ],
    distinguish: [
      'proc.cmdline: decoding into a file under a config path at start-up is configuration; decoding piped into sh, python or an executable file is a payload.',
      'proc.pname and proc.tty: the entrypoint at start versus a shell in an exec session or under a web server.',
      'Decode the blob if it is on the command line: the content settles it.',
    ],
    mitigations: {
      immediate: ['If the decoded content is a script or binary, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop the container and trace how the command reached it (exec session, web request, cron).'],
      shortTerm: ['Mount certificates and keys as secret volumes instead of decoding them from environment variables at start.'],
      longTerm: ['Append images that decode configuration by design to known_decode_payload_containers, and remove shells from production images.'],
    },
    investigate: [cmd.containerProcesses, cmd.podLogs, local.psByParentName],
    tuningFields: ['proc.pname', 'proc.cmdline'],
    allowList: {
      list: 'known_decode_payload_containers',
      field: 'container.image.repository',
      note: 'Append an image whose entrypoint decodes configuration or certificates by design.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), ...decodedPayloadNotes(alert), ttyNote(alert)),
  },
];
