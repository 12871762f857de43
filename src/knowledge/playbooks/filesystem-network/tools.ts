import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { baseNotes, fx } from './helpers';
import { cmdlineIpNotes, parentNotes, tempPathInCmdline } from './observe';
import type { Note } from '../../observation';

/** Network tools launched: downloaders, copy tools, scanners and sniffers, netcat/socat, reverse shells. */

const toolNotes = (alert: Alert): Note[] => [
  ...baseNotes(alert),
  ...cmdlineIpNotes(alert),
  ...tempPathInCmdline(alert),
  ...parentNotes(alert),
];

const NETWORK_TOOL_LIST = 'nc, ncat, netcat, nmap, dig, tcpdump, tshark, ngrep, telnet, mitmproxy, socat or zmap (network_tool_binaries)';

const ingressCopy: Playbook = {
  id: 'net-ingress-file-copy-in-container',
  title: 'Launch Ingress Remote File Copy Tools in Container',
  rules: ['Launch Ingress Remote File Copy Tools in Container'],
  family: 'network',
  detects:
    'Inside a container, execution of wget, or of curl with an output option (-o, --output, -O or --remote-name), that is, a download saved to disk.',
  whyItMatters:
    'Pulling a file into a running container is how intruders bring in their next stage: miners, scanners, reverse shells, privilege-escalation exploits. Production images should already contain everything they run.',
  benignCauses: [
    'Entrypoint or init scripts that fetch configuration, certificates or plugins at start.',
    'Health checks or cron-like jobs built on wget or curl.',
    'Developers debugging in a running container.',
  ],
  distinguish: [
    'proc.cmdline: the URL (a bare IP, a paste or file-sharing site, a raw GitHub URL) and the output path (/tmp, /dev/shm, hidden names) versus an internal service and an application path.',
    'proc.pname: the entrypoint script at start versus a shell reached through kubectl exec or spawned by the application.',
    'What follows: a chmod +x or an execution of the downloaded file (see drift alerts from the same container).',
  ],
  mitigations: {
    immediate: ['Find the downloaded file, copy it out and hash it, and check whether it was executed; stop the pod if it was not expected.'],
    shortTerm: ['Move downloads into the image build and restrict pod egress to the destinations the application needs.'],
    longTerm: ['Ship images without curl and wget and with readOnlyRootFilesystem enabled.'],
  },
  investigate: [fx.dockerDiff, cmd.containerProcesses, cmd.podDescribe, fx.containerSockets],
  tuningFields: ['container.image.repository', 'proc.pname'],
  observe: (alert) => {
    const notes = toolNotes(alert);
    const cmdline = fieldText(alert, 'proc.cmdline');
    if (cmdline !== undefined && /https?:\/\/\d{1,3}(\.\d{1,3}){3}/.test(cmdline)) {
      notes.push('proc.cmdline downloads from a bare IP address rather than a host name, a common trait of payload staging.');
    }
    return notes;
  },
};

const remoteCopy: Playbook = {
  id: 'net-remote-file-copy-in-container',
  title: 'Launch Remote File Copy Tools in Container',
  rules: ['Launch Remote File Copy Tools in Container'],
  family: 'network',
  detects: 'Inside a container, execution of rsync, scp, sftp or dcp (remote_file_copy_binaries).',
  whyItMatters:
    'These tools copy whole directories to or from remote hosts. In an application container they are a ready-made exfiltration channel, or a way to pull tools in.',
  benignCauses: ['Backup or sync sidecars built on rsync.', 'Deployment or data-loading jobs that copy files over SSH.'],
  distinguish: [
    'proc.cmdline: the remote host and the direction of the copy (local path first means sending data out).',
    'container.image.repository: a backup or sync image versus an application image that has no reason to ship these tools.',
    'proc.pname and proc.tty: a scheduled job versus an interactive session via kubectl exec.',
  ],
  mitigations: {
    immediate: ['If unexpected, identify what was copied and where, and block the remote host.'],
    shortTerm: ['Restrict egress from the namespace to known destinations.'],
    longTerm: ['Keep copy tools out of application images and run backups from dedicated, reviewed images.'],
  },
  investigate: [cmd.containerProcesses, fx.containerSockets, cmd.podDescribe],
  tuningFields: ['container.image.repository', 'proc.pname'],
  observe: toolNotes,
};

const NETWORK_TOOL_DISTINGUISH = [
  'proc.name and proc.cmdline: dig or telnet used to check a dependency is routine debugging; nmap or zmap sweeps, tcpdump writing captures, or nc and socat connected to a shell are not.',
  'proc.pname and proc.tty: an operator at a terminal with a ticket versus a tool started by an application, cron or a script.',
  'user.loginuid: a named person\'s session versus none.',
];

const networkToolContainer: Playbook = {
  id: 'net-network-tool-in-container',
  title: 'Launch Suspicious Network Tool in Container',
  rules: ['Launch Suspicious Network Tool in Container'],
  family: 'network',
  detects: `Inside a container, execution of ${NETWORK_TOOL_LIST}.`,
  whyItMatters:
    'These tools scan the internal network, sniff traffic, tunnel connections or open shells; after a breach they are how an intruder maps and spreads through a cluster.',
  benignCauses: ['Debug or toolbox containers (netshoot and similar) used by operators.', 'Images whose scripts use dig or nc for readiness checks.'],
  distinguish: NETWORK_TOOL_DISTINGUISH,
  mitigations: {
    immediate: ['If not an operator\'s debugging session, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop it and review what the tool reached (scan targets, capture files, tunnels).'],
    shortTerm: ['Use ephemeral debug containers (kubectl debug) instead of shipping tools in images, and restrict pod egress.'],
    longTerm: ['Keep network tools out of production images and limit who may exec into pods.'],
  },
  investigate: [cmd.containerProcesses, fx.containerSockets, cmd.podDescribe],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: toolNotes,
};

const networkToolHost: Playbook = {
  id: 'net-network-tool-on-host',
  title: 'Launch Suspicious Network Tool on Host',
  rules: ['Launch Suspicious Network Tool on Host'],
  family: 'network',
  detects: `On the host, outside containers, execution of ${NETWORK_TOOL_LIST}.`,
  whyItMatters:
    'On a node these tools see every pod\'s traffic and the node\'s networks; they are used to scan, capture credentials in transit or open tunnels and shells.',
  benignCauses: ['Administrators troubleshooting DNS or connectivity (dig, nc, tcpdump).', 'Monitoring scripts that use dig or nc checks.'],
  distinguish: NETWORK_TOOL_DISTINGUISH,
  mitigations: {
    immediate: ['If no administrator claims it, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then kill the process and review its targets and output files.'],
    shortTerm: ['Grant node shell access only through an audited path (bastion or session manager).'],
    longTerm: ['Remove network tools from node images or use an immutable node OS.'],
  },
  investigate: [fx.procByName, fx.loginUser, fx.recentLogins, fx.exeOwner],
  tuningFields: ['proc.name', 'proc.pname', 'user.name'],
  observe: toolNotes,
};

const NETCAT_DISTINGUISH = [
  'proc.cmdline: the program given to -e, -c, --exec or --sh-exec (a shell is a remote shell) and the address and port; listening (-l) is a bind shell, an address is a reverse shell.',
  'proc.pname and the process chain: a web server, interpreter or cron job starting netcat points to exploitation or persistence.',
];

const NETCAT_MITIGATIONS = {
  immediate: ['Record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe; then block the peer address, isolate the workload or host and kill the netcat or socat process and its children.'],
  shortTerm: ['Find how the command was launched (exploited service, cron, stolen credentials) and close it.'],
  longTerm: ['Remove nc, ncat and socat from images and hosts that do not need them, and default-deny egress.'],
};

const netcatContainer: Playbook = {
  id: 'net-netcat-rce-in-container',
  title: 'Netcat Remote Code Execution in Container',
  rules: ['Netcat Remote Code Execution in Container'],
  family: 'network',
  detects:
    'Inside a container, execution of nc with -e or -c in its command line, or of ncat with --sh-exec, --exec, --lua-exec, -e or -c: netcat set up to hand a network connection to a program.',
  whyItMatters: 'Netcat with an execute option is a remote shell in one command: whoever is on the other end runs commands in the container.',
  benignCauses: ['Security testing in a lab or a deliberate test of Falco rules.'],
  distinguish: NETCAT_DISTINGUISH,
  mitigations: NETCAT_MITIGATIONS,
  investigate: [cmd.containerProcesses, fx.containerSockets, cmd.podLogs, cmd.containerInspect],
  tuningFields: ['container.image.repository', 'proc.pname'],
  observe: toolNotes,
};

const netcatHost: Playbook = {
  id: 'net-netcat-socat-rce-on-host',
  title: 'Netcat/Socat Remote Code Execution on Host',
  rules: ['Netcat/Socat Remote Code Execution on Host'],
  family: 'network',
  detects:
    'On the host, execution of nc whose command line contains -e or -c anywhere, of ncat with --sh-exec, --exec, --lua-exec, -e or -c, or of socat with EXEC or SYSTEM in its arguments. The nc check has no leading space, so host names or arguments that merely contain -e or -c also match.',
  whyItMatters: 'These commands bind a shell or program to a network connection: a ready remote shell on the node, outside any container boundary.',
  benignCauses: [
    'Administrators using socat EXEC for legitimate relays or port forwarding.',
    'nc commands whose arguments happen to contain -e or -c inside a word (for example a host name like build-east).',
  ],
  distinguish: NETCAT_DISTINGUISH,
  mitigations: NETCAT_MITIGATIONS,
  investigate: [fx.procByName, fx.socketsOfProcess, fx.loginUser, fx.exeOwner],
  tuningFields: ['proc.pname', 'user.name'],
  observe: (alert) => {
    const notes = toolNotes(alert);
    const cmdline = fieldText(alert, 'proc.cmdline');
    if (fieldText(alert, 'proc.name') === 'nc' && cmdline !== undefined && !/(^|\s)-[A-Za-z]*[ec]/.test(cmdline)) {
      notes.push('proc.cmdline contains -e or -c only inside a word, not as an option: likely a false positive of the loose nc match.');
    }
    return notes;
  },
};

const npmNetworkTool: Playbook = {
  id: 'net-network-tool-during-npm-install',
  title: 'Network Tool Executed During NPM Package Install',
  rules: ['Network Tool Executed During NPM Package Install'],
  family: 'network',
  detects: `Inside a container, execution of ${NETWORK_TOOL_LIST} with npm, yarn, pnpm or bun as its parent or as one of its four further ancestors.`,
  whyItMatters:
    'Package install scripts (preinstall, postinstall) run with the installer\'s rights. Malicious or hijacked packages use them to open reverse shells, exfiltrate tokens over DNS with dig, or fetch second stages: a software supply-chain attack.',
  benignCauses: ['Packages whose install scripts check connectivity or resolve a mirror with dig or nc (rare).'],
  distinguish: [
    'proc.cmdline: an external address or encoded data in dig queries or nc arguments is exfiltration or a shell.',
    'proc.aname[2] to proc.aname[4]: the chain shows which installer ran it; the package is found from the install logs or lockfile changes.',
    'Whether the same package version is known to be malicious in npm advisories.',
  ],
  mitigations: {
    immediate: [
      'Save the build log and the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs), then stop the build or pod, identify the package that ran the script, and rotate every token available to the install (npm, Git, cloud credentials in the environment).',
    ],
    shortTerm: ['Pin dependency versions with a lockfile and install with scripts disabled (npm ci --ignore-scripts) where possible.'],
    longTerm: ['Proxy packages through a vetted registry and build in sandboxed runners without production credentials.'],
  },
  investigate: [
    {
      title: 'List packages that declare a postinstall script (npm 8.16 or later, in the project directory)',
      command: "crictl exec ⟦container.id⟧ npm query ':attr(scripts, [postinstall])'",
    },
    cmd.podLogs,
    cmd.containerProcesses,
  ],
  tuningFields: ['container.image.repository', 'proc.name'],
  observe: toolNotes,
};

const reverseShellWeb: Playbook = {
  id: 'net-reverse-shell-from-web-server',
  title: 'Reverse Shell from Web Server',
  rules: ['Reverse Shell from Web Server'],
  family: 'network',
  detects:
    'A process whose parent, grandparent or great-grandparent is a web server (nginx, httpd, apache, lighttpd, php-fpm and other PHP binaries, gunicorn, uwsgi) starts with a reverse-shell pattern in its command line: /dev/tcp/, nc -e, ncat -e, bash -i, python or python3 -c \'import socket, perl -e \'use Socket, ruby -rsocket, or mkfifo with /tmp.',
  whyItMatters:
    'A web server spawning an interactive shell wired to the network means remote code execution on the site has been turned into a hands-on session: the attacker is in the server with its privileges and data.',
  benignCauses: ['Authorised penetration tests against the service.'],
  distinguish: [
    'proc.cmdline: the peer address and port in the command; any match is serious, and an external address confirms a live session.',
    'proc.pname (web_server): which site or application ran it; its access logs at the alert time hold the exploiting request.',
    'Other alerts from the same container: downloads, drift and outbound connections show what the attacker did next.',
  ],
  mitigations: {
    immediate: ['Preserve web and access logs plus the web root for the exploited file or request, then block the peer address, isolate the server and kill the shell.'],
    shortTerm: ['Patch or disable the vulnerable application path, remove web shells, and rotate secrets the server could read.'],
    longTerm: ['Run web servers non-root with read-only content, no shells in the image, and default-deny egress.'],
  },
  investigate: [cmd.podLogs, cmd.containerProcesses, fx.containerSockets, fx.procByName],
  tuningFields: ['container.image.repository', 'proc.pname'],
  observe: (alert) => {
    const notes = toolNotes(alert);
    const dev = fieldText(alert, 'proc.cmdline')?.match(/\/dev\/(tcp|udp)\/([^/\s]+)\/(\d+)/);
    if (dev?.[2] !== undefined && !/^\d{1,3}(\.\d{1,3}){3}$/.test(dev[2])) {
      notes.push(`proc.cmdline connects to the host name ${dev[2]} on port ${dev[3]}.`);
    }
    return notes;
  },
};

export const TOOL_PLAYBOOKS: Playbook[] = [
  ingressCopy,
  remoteCopy,
  networkToolContainer,
  networkToolHost,
  netcatContainer,
  netcatHost,
  npmNetworkTool,
  reverseShellWeb,
];
