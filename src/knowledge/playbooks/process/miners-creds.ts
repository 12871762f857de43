/** Cryptomining, credential hunting, remote class loading and proxied downloads. */
import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import type { Playbook } from '../../types';
import { alertTime, cmd, crictl, field, kubectl } from '../../commands';
import { fieldText } from '../../fieldValue';
import { isPrivateIp } from '../../ip';
import { compact, eventGeneratorNote, hostNote, local, loginUidNote, stagingPathNote, ttyNote } from './common';
import { CAPTURE_FIRST } from '../captureFirst';

// ---------------------------------------------------------------- addresses

/** Private or local, so not a host on the internet ("localhost" counts as local). */
export function isPrivateAddress(host: string): boolean {
  return host === 'localhost' || isPrivateIp(host);
}

// ---------------------------------------------------------------- miners

/** Mining pool URLs named on a command line. */
export function stratumPools(cmdline: string): string[] {
  return [...cmdline.matchAll(/stratum2?\+(?:tcp|ssl):\/\/[^\s"',;]+/gi)].map((m) => m[0]);
}

function poolNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  const pools = stratumPools(cmdline);
  if (pools.length === 0) return undefined;
  return `Mining pool named in proc.cmdline: ${pools.join(', ')}. Block it at egress and search network logs for other hosts reaching it.`;
}

function minerNameNote(alert: Alert): string | undefined {
  const exepath = fieldText(alert, 'proc.exepath');
  const name = fieldText(alert, 'proc.name');
  if (exepath === undefined || name === undefined) return undefined;
  const bin = exepath.slice(exepath.lastIndexOf('/') + 1);
  if (bin !== '' && bin !== name && !bin.startsWith(name)) {
    return `proc.name=${name} but the file is ${exepath}: the process name and the binary differ, a renamed or self-renaming miner.`;
  }
  return undefined;
}

// ---------------------------------------------------------------- AWS credentials search

function credentialSearchNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  if (/\s-(\w*[rR]\w*)\b|--recursive|--dereference-recursive/.test(cmdline) || /^find\s+\/(\s|$)/.test(cmdline)) {
    return 'proc.cmdline searches recursively through directories rather than one known file: a sweep for any stored key, which is how credential harvesting looks.';
  }
  return undefined;
}

// ---------------------------------------------------------------- Java class download

const JNDI_PORTS: Readonly<Record<string, string>> = lookupTable({
  '389': 'LDAP',
  '636': 'LDAPS',
  '1389': 'LDAP on the port public JNDI exploit kits use by default',
  '1099': 'the RMI registry',
});

function classServerNotes(alert: Alert): Array<string | undefined> {
  const ip = fieldText(alert, 'fd.sip');
  const port = fieldText(alert, 'fd.sport');
  return [
    ip === undefined
      ? undefined
      : isPrivateAddress(ip)
        ? `fd.sip=${ip} is a private address: an internal artifact or application server, or an attacker already inside the network.`
        : `fd.sip=${ip} is a public address: a Java service loading class bytes from the internet is the signature of remote class loading exploits.`,
    port !== undefined && JNDI_PORTS[port] !== undefined
      ? `fd.sport=${port} is ${JNDI_PORTS[port]}, the transport of JNDI injection (Log4Shell-style) class loading.`
      : undefined,
  ];
}

// ---------------------------------------------------------------- HTTP proxy

export function proxyNote(alert: Alert): string | undefined {
  const env = fieldText(alert, 'proc.env');
  if (env === undefined) return undefined;
  const value = /HTTPS?_PROXY=(\S+)/i.exec(env)?.[1];
  if (value === undefined) return undefined;
  const host = /^(?:[a-z0-9+.-]+:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(value)?.[1] ?? '';
  if (/^(127\.|localhost$|\[::1\]$)/.test(host)) {
    return `The proxy is ${value}, on the machine itself: typical of an SSH or SOCKS tunnel opened on this host, worth confirming with whoever owns the session.`;
  }
  if (isPrivateAddress(host)) return `The proxy is ${value}, a private address, which fits an internal egress proxy.`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) {
    return `The proxy is ${value}, a public IP address rather than a named corporate proxy, so traffic may be leaving through a third party.`;
  }
  return `The proxy is ${value}; compare it with your organisation's egress proxy.`;
}

const minerMitigations = {
  immediate: [
    'Record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe; then block the pool address at egress, isolate the host or pod and kill the miner.',
    'Find the entry point before cleaning: exposed Docker or Kubernetes APIs, vulnerable web apps, weak SSH or notebook passwords and leaked cloud keys are the usual ones.',
  ],
  shortTerm: [
    'Copy out, then remove, the persistence miners install (cron entries, systemd units, modified authorized_keys, DaemonSets) and rotate credentials available on the host.',
  ],
  longTerm: [
    'Default-deny egress for workloads and alert on connections to mining pool ports, and set CPU limits so abuse is bounded and visible.',
  ],
};

export const MINERS_CREDS_PLAYBOOKS: Playbook[] = [
  {
    id: 'process-stratum-miner',
    title: 'Detect crypto miners using the Stratum protocol',
    rules: ['Detect crypto miners using the Stratum protocol'],
    family: 'process',
    detects: 'A process starts with a mining pool URL on its command line: stratum+tcp, stratum2+tcp, stratum+ssl or stratum2+ssl.',
    whyItMatters:
      'Stratum is the protocol miners use to take work from a pool. A process started with a pool URL is almost certainly a cryptominer burning your compute and cloud budget (T1496); it also proves someone could run arbitrary code there.',
    benignCauses: [
      'Sanctioned mining or benchmarking on dedicated machines.',
      'Security tests that start a miner command line on purpose.',
    ],
    distinguish: [
      'proc.cmdline: the pool host and wallet; no production system has a reason to hold them.',
      'proc.exepath and proc.pname: a binary in /tmp, /dev/shm or a hidden directory, launched by a shell, cron or a web server, is the typical intrusion path.',
      'Placement: a miner inside an application container or on a Kubernetes node is an intrusion unless someone can show a ticket.',
    ],
    mitigations: minerMitigations,
    investigate: [
      local.psByName,
      local.exeHash,
      { title: 'Check current outbound connections and their owning processes on the node', command: 'ss -tnp state established', inContainer: crictl.inNetns('ss -tnp state established') },
      { title: 'Look for miner persistence in cron', command: 'ls -la /etc/cron.d /var/spool/cron', inContainer: 'crictl exec ⟦container.id⟧ ls -la /etc/cron.d /var/spool/cron' },
      cmd.containerProcesses,
    ],
    tuningFields: ['proc.exepath', 'proc.name', 'user.name'],
    observe: (alert) => compact(eventGeneratorNote(alert), poolNote(alert), stagingPathNote(alert, 'proc.exepath'), hostNote(alert)),
  },
  {
    id: 'process-known-cryptominer',
    title: 'Known Cryptominer Process Executed',
    rules: ['Known Cryptominer Process Executed'],
    family: 'process',
    detects:
      'A process starts whose name is a known mining program from miner_binaries (xmrig, xmr-stak, minerd, cpuminer, ethminer, lolminer, t-rex, nbminer and others).',
    whyItMatters:
      'Cryptojacking turns stolen compute into money (T1496). The miner is rarely the only thing installed: the same access usually brought persistence and sometimes credential theft.',
    benignCauses: [
      'Sanctioned mining or GPU benchmarking on dedicated hardware.',
      'A legitimate program that happens to share a name on the list.',
    ],
    distinguish: [
      'proc.exepath: a binary in /tmp, /dev/shm, a hidden directory or a container upper layer is an intrusion.',
      'proc.cmdline: pool URLs, wallet addresses and thread or CPU limit flags confirm mining.',
      'proc.pname and user.name: started by a shell from an exec, a cron entry or a web server account is the usual compromise chain.',
    ],
    mitigations: minerMitigations,
    investigate: [
      local.psByName,
      local.exeHash,
      local.psByParentName,
      { title: 'Check current outbound connections and their owning processes on the node', command: 'ss -tnp state established', inContainer: crictl.inNetns('ss -tnp state established') },
      cmd.containerProcesses,
    ],
    tuningFields: ['proc.exepath', 'proc.name', 'user.name'],
    observe: (alert) =>
      compact(eventGeneratorNote(alert), poolNote(alert), minerNameNote(alert), stagingPathNote(alert, 'proc.exepath'), hostNote(alert)),
  },
  {
    id: 'process-find-aws-credentials',
    title: 'Find AWS Credentials',
    rules: ['Find AWS Credentials'],
    family: 'process',
    detects:
      'grep, egrep or fgrep is run with arguments naming AWS key material (aws_access_key_id, aws_secret_access_key, aws_session_token, accesskeyid, secretaccesskey), or find is run with arguments ending in .aws/credentials.',
    whyItMatters:
      'Hunting for AWS keys on disk is a standard post-exploitation step (T1552): one long-lived key found in a config file, a script or a home directory can give the attacker the cloud account behind the host.',
    benignCauses: [
      'Developers or administrators checking which profile their own credentials file holds.',
      'Scripts that parse a credentials file to export variables.',
      'Secret-scanning jobs looking for leaked keys on purpose.',
    ],
    distinguish: [
      'proc.cmdline: one named file in the user home is a person checking config; a recursive search over /, /home, /var/www or /opt is a sweep.',
      'user.name, user.loginuid and proc.tty: a known engineer at a terminal versus a service account or a web server user with no terminal.',
      'proc.pcmdline and proc.cwd: a maintenance script versus a shell spawned by an application.',
    ],
    mitigations: {
      immediate: [
        'List every credentials file and key the search could reach, deactivate those keys and check CloudTrail for their recent use from unknown addresses.',
      ],
      shortTerm: ['Replace static keys on hosts and in containers with instance profiles, IRSA or EKS Pod Identity, and require IMDSv2.'],
      longTerm: ['Run secret scanning on images and repositories and use short-lived credentials through SSO for people.'],
    },
    investigate: [
      local.psByParentName,
      { title: 'Look for credentials files in home directories on the node', command: 'ls -la /root/.aws /home/*/.aws', inContainer: 'crictl exec ⟦container.id⟧ sh -c \'ls -la /root/.aws /home/*/.aws\'' },
      {
        title: 'Check recent use of a key found on the host (set ACCESS_KEY_ID first)',
        command: 'aws cloudtrail lookup-events --region="${AWS_REGION:?the region the key was used in}" --start-time=⟦@time-1d⟧ --end-time=⟦@time+1h⟧ --lookup-attributes AttributeKey=AccessKeyId,AttributeValue="${ACCESS_KEY_ID:?an access key id found on the host}" --max-results 50',
      },
      {
        title: 'List the access keys of the IAM user that owns it (set IAM_USER first)',
        command: 'aws iam list-access-keys --user-name "${IAM_USER:?the IAM user that owns the key}"',
      },
      local.lastLogins,
    ],
    tuningFields: ['user.name', 'proc.pname', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), credentialSearchNote(alert), loginUidNote(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'process-java-class-download',
    title: 'Java Process Class File Download',
    rules: ['Java Process Class File Download'],
    family: 'process',
    detects:
      'A java process receives data over an IPv4 or IPv6 socket (recvfrom) whose buffer contains the Java class file magic bytes CAFEBABE. The rule is disabled by default.',
    whyItMatters:
      'Receiving raw class bytes over the network is how JNDI injection (Log4Shell, CVE-2021-44228) and similar remote class loading exploits run attacker code inside a JVM: the service looks up an attacker LDAP or RMI server and loads the class it serves (T1190).',
    benignCauses: [
      'Application servers, RMI codebases or plugin systems that load classes over the network by design.',
      'Build tools and agents downloading class files.',
      'A chance match: any binary stream can contain the four bytes CAFEBABE.',
    ],
    distinguish: [
      'fd.sip and fd.sport: an internal artifact or application server is plausible; an unknown public address, or LDAP and RMI ports such as 389, 1389 or 1099, is the exploit pattern.',
      'Application logs: strings such as jndi:ldap or jndi:rmi in requests or log lines around the alert time.',
      'Follow-up: a shell or a new outbound connection from the same JVM shortly after confirms code execution.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.workload, 'Block the remote address, isolate the service and look for shells or files created by the JVM after the alert.'],
      shortTerm: ['Upgrade Log4j and other affected libraries, and keep com.sun.jndi.ldap.object.trustURLCodebase and its RMI counterpart false.'],
      longTerm: ['Restrict egress from Java services to the destinations they need, so they cannot reach attacker LDAP or RMI servers.'],
    },
    investigate: [
      { title: 'Reverse-resolve the server the class came from', command: 'dig -x ⟦fd.sip⟧ +short' },
      {
        title: 'Search the pod logs for JNDI lookup strings',
        command: `${kubectl.logs({ ns: field('k8s.ns.name'), pod: field('k8s.pod.name'), sinceTime: alertTime('-1d') })} | grep -i -F 'jndi:'`,
      },
      local.psByName,
      cmd.containerProcesses,
    ],
    tuningFields: ['fd.sip', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), ...classServerNotes(alert), hostNote(alert)),
  },
  {
    id: 'process-disallowed-http-proxy-env',
    title: 'Program run with disallowed http proxy env',
    rules: ['Program run with disallowed http proxy env'],
    family: 'process',
    detects:
      'curl or wget starts with HTTP_PROXY (any case, so http_proxy too) in its environment. The allowed_ssh_proxy_env macro, empty upstream, is the place to allow your own proxy.',
    whyItMatters:
      'Pointing download tools at a proxy of the attacker choosing hides where traffic really goes, slips past egress controls, or tunnels through a compromised host; it is also a way to intercept or tamper with what the tool downloads (T1204).',
    benignCauses: [
      'Corporate egress proxies configured system-wide or in CI runners.',
      'Engineers using an SSH or SOCKS tunnel on purpose.',
    ],
    distinguish: [
      'proc.env: the proxy address. Your corporate proxy is expected; a loopback tunnel, a public IP or an unknown host is not.',
      'proc.cmdline: what was downloaded or uploaded through it.',
      'proc.pname and user.name: a CI job or an admin shell versus a web server, database or unknown script.',
    ],
    mitigations: {
      immediate: [CAPTURE_FIRST.workload, 'If the proxy is unknown, block it at egress and check what the tool fetched or sent through it.'],
      shortTerm: ['Override allowed_ssh_proxy_env to match your sanctioned proxy so only unexpected proxies alert.'],
      longTerm: ['Enforce egress through a single controlled proxy at the network layer, so environment variables cannot redirect traffic.'],
    },
    investigate: [
      local.psByParentName,
      { title: 'Find where proxy variables are set system-wide', command: 'grep -ri proxy /etc/environment /etc/profile.d', inContainer: 'crictl exec ⟦container.id⟧ grep -ri proxy /etc/environment /etc/profile.d' },
      cmd.containerProcesses,
    ],
    tuningFields: ['proc.pname', 'user.name', 'proc.name'],
    observe: (alert) => compact(eventGeneratorNote(alert), proxyNote(alert), hostNote(alert)),
  },
];
