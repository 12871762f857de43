/** Shells and suspicious children spawned where no human or script should be. */
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import {
  baseName,
  cmdlineIndicatorNote,
  compact,
  eventGeneratorMatch,
  eventGeneratorNote,
  hostNote,
  isRuntimeParent,
  local,
  loginUidNote,
  stagingPathNote,
  ttyNote,
} from './common';
import { DATABASES, DOWNLOAD_TOOLS, INTERPRETERS, WEB_SERVERS } from '../../lists';
import { about } from '../../observation';
import type { Note } from '../../observation';
import { CAPTURE_FIRST } from '../captureFirst';

// ---------------------------------------------------------------- Terminal shell in container

function terminalShellParentNote(alert: Alert): string {
  const pname = fieldText(alert, 'proc.pname');
  if (pname === undefined) {
    return 'proc.pname is empty: Falco did not resolve the parent, a case the rule accepts as a container entrypoint. The alert alone does not show whether the shell came from an exec or from the container start command.';
  }
  if (isRuntimeParent(pname)) {
    return `proc.pname=${pname}: the container runtime started the shell, as kubectl exec, docker exec or crictl exec do (kubectl run -it and docker run -it look the same); the application did not.`;
  }
  return `proc.pname=${pname} is one of the parents the rule treats as a container entrypoint, so the shell was started from outside the application rather than by it.`;
}

function terminalShellCommandNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline')?.trim();
  if (cmdline === undefined) return undefined;
  if (/^\S+(\s+-[a-z]+)?$/i.test(cmdline) && !/\s-\w*c/.test(cmdline)) {
    return `proc.cmdline=${cmdline}: an open interactive prompt; what was typed next is not in this alert, so look for later alerts from this container.`;
  }
  if (/\s-\w*c\s/.test(cmdline)) {
    return `proc.cmdline=${cmdline}: a command passed with -c through an exec that requested a TTY, rather than a prompt left open.`;
  }
  return undefined;
}

function observeTerminalShell(alert: Alert): Note[] {
  const ns = fieldText(alert, 'k8s.ns.name');
  return compact(
    eventGeneratorNote(alert),
    terminalShellParentNote(alert),
    ttyNote(alert),
    terminalShellCommandNote(alert),
    fieldText(alert, 'user.loginuid') === '-1'
      ? about(
          'login-session',
          'user.loginuid=-1: the runtime started the shell, so who opened it is recorded only in the Kubernetes audit log (create on pods/exec for this pod) or Docker daemon events, not on the node.',
        )
      : undefined,
    ns === 'kube-system' ? 'k8s.ns.name=kube-system: an interactive shell inside a cluster system component is rare and high-impact.' : undefined,
  );
}

// ---------------------------------------------------------------- Run shell untrusted

const MAIL = new Set(['sendmail', 'sendmail-msp', 'postfix', 'procmail', 'exim4', 'pickup', 'showq', 'mailq', 'dovecot']);
const JAVA_SERVICES: ReadonlyArray<readonly [string, string]> = [
  ['org.apache.zookeeper.server', 'ZooKeeper'],
  ['kafka.Kafka', 'Kafka'],
  ['org.elasticsearch.bootstrap.Elasticsearch', 'Elasticsearch'],
  ['activemq.jar', 'ActiveMQ'],
  ['CassandraDaemon', 'Cassandra'],
  ['org.jboss', 'JBoss/WildFly'],
  ['com.sun.enterprise.glassfish', 'GlassFish'],
  ['org.apache.hadoop', 'Hadoop'],
  ['com.datastax', 'DataStax'],
];
const INTERPRETER = /^(java|python[\d.]*|node(js)?|ruby[\d.]*|perl[\d.]*|php[\w.-]*|bash|sh|dash|busybox)$/;

function spawnerNote(alert: Alert): string | undefined {
  const pname = fieldText(alert, 'proc.pname');
  if (pname === undefined) return undefined;
  if (WEB_SERVERS.has(pname)) return `proc.pname=${pname} is a web server. A shell under it is the classic trace of a web shell or command injection through a request.`;
  if (DATABASES.has(pname)) return `proc.pname=${pname} is a database or data store. A shell under it usually means SQL or protocol injection reached an OS command feature.`;
  if (MAIL.has(pname)) return `proc.pname=${pname} is a mail daemon; check whether a delivery rule (pipe to program) explains the command.`;
  const pcmdline = fieldText(alert, 'proc.pcmdline') ?? '';
  const java = JAVA_SERVICES.find(([marker]) => pcmdline.includes(marker));
  if (java) return `The parent is a Java process running ${java[1]} (from proc.pcmdline). A shell from a JVM service points to deserialization or expression-injection exploitation unless the service is known to run scripts.`;
  return undefined;
}

function parentIdentityNote(alert: Alert): string | undefined {
  const pname = fieldText(alert, 'proc.pname');
  const pexepath = fieldText(alert, 'proc.pexepath');
  if (pname === undefined || pexepath === undefined) return undefined;
  const bin = baseName(pexepath);
  if (bin === '' || INTERPRETER.test(bin) || bin.startsWith(pname) || pname.startsWith(bin)) return undefined;
  return `proc.pname=${pname} but proc.pexepath=${pexepath}: a renamed or re-executed program, not the real ${pname}.`;
}

function observeRunShellUntrusted(alert: Alert): Note[] {
  const eg = eventGeneratorMatch(alert);
  return compact(
    eg
      ? about('event-generator', `${eg.field}=${eg.value} is falcosecurity's event-generator: it re-runs its own binary under a server name (here proc.pname=${fieldText(alert, 'proc.pname') ?? 'unknown'}) and starts a shell from it, a detection drill, not an attack.`)
      : undefined,
    eg ? undefined : spawnerNote(alert),
    parentIdentityNote(alert),
    stagingPathNote(alert, 'proc.pexepath'),
    ttyNote(
      alert,
      'proc.tty=0: no terminal; a program (an exploit or a feature) started the shell, not a person typing.',
    ),
    cmdlineIndicatorNote(alert),
    hostNote(alert),
  );
}

// ---------------------------------------------------------------- Web server children

const RECON = new Set(['id', 'whoami', 'uname']);
const isNetTool = (name: string) => DOWNLOAD_TOOLS.has(name) || name === 'nmap';

function webChildNote(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  if (name === undefined) return undefined;
  if (RECON.has(name)) return `proc.name=${name} is a discovery command. A web application has no reason to ask who it runs as or what kernel it is on; this is typically the first command an attacker sends through a web shell or RCE.`;
  if (isNetTool(name)) return `proc.name=${name} is a network tool: from a web server process it usually fetches a second stage or opens a connection back to the attacker.`;
  if (INTERPRETERS.has(name)) return `proc.name=${name} is a script interpreter; check proc.cmdline for an inline -c or -e one-liner, which is how reverse shells are usually launched.`;
  if (name === 'base64') return 'proc.name=base64: the web server is decoding data through a separate process, a common way to smuggle a payload past request filters.';
  return undefined;
}

// ---------------------------------------------------------------- System user interactive

function systemUserNote(alert: Alert): string | undefined {
  const login = fieldText(alert, 'user.loginuid');
  const uid = fieldText(alert, 'user.uid');
  const user = fieldText(alert, 'user.name') ?? 'the system account';
  if (login === undefined || login === '-1' || login === '4294967295') return undefined;
  if (uid !== undefined && login !== uid) {
    return `user.loginuid=${login} differs from user.uid=${uid}: a person logged in as UID ${login} and then switched to ${user} (su, sudo -u or a configuration tool's become). Ask that user.`;
  }
  if (uid !== undefined) {
    return `user.loginuid equals user.uid (${uid}): the session was opened directly as ${user}, which means the account has a usable shell and a password or SSH key. Check /etc/passwd and its authorized_keys.`;
  }
  return undefined;
}

export const SHELL_PLAYBOOKS: Playbook[] = [
  {
    id: 'container-terminal-shell',
    title: 'Terminal shell in container',
    rules: ['Terminal shell in container'],
    family: 'container',
    detects:
      'A shell (shell_binaries: sh, bash, ash, dash, zsh...) starts in a container with a terminal (proc.tty not 0) and a parent that is the container runtime or unknown (container_entrypoint: runc, containerd-shim, conmon, crio, systemd): kubectl exec -it, docker exec -it, crictl exec -it, or an interactive run.',
    whyItMatters:
      'An interactive shell gets everything the container has: mounted secrets, the service account token, its network reach and write access to the application. With stolen kubeconfig or node credentials, exec is the quietest way in: no exploit needed.',
    benignCauses: [
      'An engineer debugging a live pod (kubectl exec -it, docker exec -it).',
      'Cluster UIs (k9s, Lens, the Kubernetes Dashboard) opening a shell through the exec API.',
      'Break-glass runbooks, or docker run -it on a developer or CI host.',
    ],
    distinguish: [
      'Who: user.loginuid is -1 for runtime-started shells; find the identity in the Kubernetes audit log (create on pods/exec for k8s.pod.name) or docker events. A named engineer in a change window is routine; a service account, an unknown identity or an odd hour is not.',
      'Where: k8s.ns.name and container.image.repository. Production namespaces, kube-system, or images that never need a shell deserve a closer look.',
      'What followed: later alerts from the same container.id (package installs, sensitive reads, new binaries, outbound connections) turn an admin session into an intrusion.',
      'proc.cmdline and proc.pname: a bare shell from runc or containerd-shim is a person at a prompt; a long sh -c one-liner with downloads or decoding is automation driving a TTY.',
    ],
    mitigations: {
      immediate: [
        CAPTURE_FIRST.workload,
        'If no known operator made the exec, revoke the credential behind it (kubeconfig, token or pods/exec permission) and isolate the pod with a deny-all NetworkPolicy; keep it running so evidence survives.',
        "Capture the container's process list and changed files before any restart.",
      ],
      shortTerm: [
        'Limit create on pods/exec and pods/attach to a small break-glass group; review which Roles and ClusterRoles grant it.',
        'For approved debug images or namespaces, override the user_expected_terminal_shell_in_container_conditions macro instead of disabling the rule.',
      ],
      longTerm: [
        'Ship production images shell-less or distroless; debug with kubectl debug ephemeral containers.',
        'Keep Kubernetes audit logging on for pods/exec so every session is attributable.',
      ],
    },
    investigate: [
      cmd.podDescribe,
      cmd.containerProcesses,
      local.dockerExecHistory,
      {
        title: 'List the RoleBindings in the namespace that could grant pods/exec',
        command: 'kubectl get --namespace=⟦k8s.ns.name⟧ --output=wide -- rolebindings',
      },
      cmd.containerInspect,
    ],
    tuningFields: ['proc.cmdline', 'proc.pname', 'user.name'],
    observe: observeTerminalShell,
  },
  {
    id: 'process-run-shell-untrusted',
    title: 'Run shell untrusted',
    rules: ['Run shell untrusted'],
    family: 'process',
    detects:
      'A shell starts under a server (a web server, database, NoSQL store, mail daemon or other protected_shell_spawning_binaries) or a Java service (Kafka, ZooKeeper, Elasticsearch, Cassandra, JBoss...); known helpers (user_known_shell_spawn_binaries, known_shell_spawn_cmdlines, package managers, cron) are excluded.',
    whyItMatters:
      'Remote code execution seen from the kernel: web shells, command injection, JVM deserialization and template injection all end with the service forking a shell, which inherits its identity, secrets and network reach to pull tools or call back.',
    benignCauses: [
      'Features that shell out by design: image or PDF conversion, CGI scripts, delivery to a program.',
      'Database or broker hooks the exclusions miss: archive or backup commands, startup wrappers.',
      'Health checks or maintenance scripts inside the service process tree.',
      "Detection drills: falcosecurity's event-generator re-runs itself under a web server name to trigger this rule.",
    ],
    distinguish: [
      'proc.cmdline: the same fixed script each time is a feature; discovery commands (id, whoami, uname -a), downloads, /dev/tcp redirections or base64 blobs are exploitation.',
      'proc.pname, proc.pexepath and proc.pcmdline: check the spawning service runs its real binary; a server name on another binary, or one run from /tmp, is an impostor.',
      'proc.tty: 0 is normal for both; a terminal under a server process means someone attached interactively.',
      'proc.aname[2] to proc.aname[7]: the chain shows a worker process or a wrapper script.',
      'Rhythm: a hook fires on a schedule with one command line; exploitation is bursty and varied.',
    ],
    mitigations: {
      immediate: [
        'If the command line is not a known feature, preserve the request logs around the alert time, then isolate the workload from the network.',
        'Record the command lines and connections of the shell and its children, then kill them.',
      ],
      shortTerm: [
        'Find the triggering request in the access logs; patch or disable that endpoint.',
        'For a legitimate spawner, add the parent to user_known_shell_spawn_binaries or the exact command to known_shell_spawn_cmdlines rather than disabling the rule.',
      ],
      longTerm: [
        'Remove shells and interpreters from server images.',
        'Restrict server egress so a shell cannot fetch tools or call back.',
      ],
    },
    investigate: [
      local.psByParentName,
      local.psByName,
      {
        title: "Check the parent binary's path, size and timestamps",
        command: 'ls -l --time-style=full-iso ⟦proc.pexepath⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -l --time-style=full-iso ⟦proc.pexepath⟧',
      },
      cmd.containerProcesses,
    ],
    tuningFields: ['proc.pname', 'proc.cmdline', 'proc.pexepath'],
    allowList: {
      list: 'user_known_shell_spawn_binaries',
      field: 'proc.pname',
      note: 'Append the parent when that program runs shell commands as part of its normal job (a CI agent, a backup tool) and every command it runs is expected.',
    },
    observe: observeRunShellUntrusted,
  },
  {
    id: 'process-web-server-spawned-shell',
    title: 'Web Server Spawned Shell',
    rules: ['Web Server Spawned Shell'],
    family: 'process',
    detects:
      'A shell starts whose parent, grandparent or great-grandparent is a web or application server from web_server_binaries (nginx, httpd, apache2, lighttpd, php-fpm, php, gunicorn, uwsgi). Command lines starting with sh -c /usr/bin or mentioning healthcheck are ignored.',
    whyItMatters:
      'A web-facing process spawning a shell is the textbook sign of a web shell, command injection or an RCE in the application or its framework (T1505.003). The attacker runs commands as the web service account, reads its configuration and credentials, and uses the host as a foothold.',
    benignCauses: [
      'PHP or CGI applications that call system() or exec() for features such as ImageMagick conversion or sendmail.',
      'Python apps under gunicorn or uwsgi using subprocess with shell=True for reports or exports.',
      'Admin panels that intentionally run maintenance scripts.',
    ],
    distinguish: [
      'proc.cmdline: a stable, application-specific command (a converter with a fixed path) is a feature; id, whoami, uname, cat of config files, curl or wget, or encoded blobs are an attacker.',
      'proc.pname (web_server) and proc.aname[2], proc.aname[3]: which server and which worker spawned it; match the alert time against that server access log for a suspicious request (long query strings, uploads to writable directories).',
      'user.name: the web service account is expected; root under a web server suggests a misconfiguration that makes the compromise worse.',
    ],
    mitigations: {
      immediate: [
        'Take the affected instance out of the load balancer and preserve its web root and access logs before cleaning.',
        'Search the web root for files changed around the alert time (a dropped web shell is the usual persistence).',
      ],
      shortTerm: [
        'Patch the application or plugin the access log implicates and rotate credentials the web user could read.',
        'If a feature really needs the shell, override user_known_web_server_shell_activities for that exact command line.',
      ],
      longTerm: [
        'Disable shell-execution functions where unused (for PHP, disable_functions) and mount the web root read-only.',
        'Run web servers from images without shells and with egress restricted to what the app needs.',
      ],
    },
    investigate: [
      local.psByParentName,
      cmd.podLogs,
      cmd.containerProcesses,
      local.dockerDiff,
    ],
    tuningFields: ['proc.pname', 'proc.cmdline', 'proc.name'],
    observe: (alert) =>
      compact(eventGeneratorNote(alert), cmdlineIndicatorNote(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'process-web-server-suspicious-child',
    title: 'Web Server Spawned Suspicious Child Process',
    rules: ['Web Server Spawned Suspicious Child Process'],
    family: 'process',
    detects:
      'A process from suspicious_web_children (curl, wget, nc, ncat, socat, nmap, python, perl, ruby, id, whoami, uname, base64) starts with a web server from web_server_binaries as parent, grandparent or great-grandparent. Shells are left to the shell rule, and command lines containing healthcheck or status are ignored.',
    whyItMatters:
      'After a web shell or RCE, attackers first confirm who they are (id, whoami, uname), then fetch tools (curl, wget) or open a connection back (nc, socat, a Python one-liner). Catching these children shows the exploitation even when no shell binary is involved.',
    benignCauses: [
      'Applications that call curl or wget to reach webhooks or fetch remote content instead of using a library.',
      'Framework or hosting panel scripts that run uname or id to report environment details.',
      'Application code that invokes python or perl helpers for conversions.',
    ],
    distinguish: [
      'proc.name and proc.cmdline: a fixed helper with fixed arguments is a feature; discovery commands, URLs to IP addresses or paste sites, and -c or -e one-liners are not.',
      'proc.pname and proc.aname[2]: which server process spawned it; check the access log at the alert time for the request that caused it.',
      'Sequence: several of these children within seconds (whoami, then uname, then curl) is an operator working through a web shell.',
    ],
    mitigations: {
      immediate: [
        'Preserve access logs and the web root, then isolate the instance and look for uploaded script files.',
        'If the child downloaded anything, block the destination and hash the downloaded file.',
      ],
      shortTerm: [
        'Patch the vulnerable route and rotate credentials readable by the web user.',
        'For a legitimate helper, override user_known_web_server_child_activities for that exact command.',
      ],
      longTerm: [
        'Remove network tools and interpreters the application does not need from its image.',
        'Restrict web workload egress to known destinations.',
      ],
    },
    investigate: [local.psByParentName, cmd.podLogs, cmd.containerProcesses],
    tuningFields: ['proc.pname', 'proc.name', 'proc.cmdline'],
    observe: (alert) => compact(eventGeneratorNote(alert), webChildNote(alert), cmdlineIndicatorNote(alert), hostNote(alert)),
  },
  {
    id: 'process-db-spawned-process',
    title: 'DB program spawned process',
    rules: ['DB program spawned process'],
    family: 'process',
    detects:
      'A process starts whose parent is a database server from db_server_binaries (mysqld, postgres, sqlplus) and which is not itself a database binary. WAL-E and WAL-G archive commands run by postgres are excluded.',
    whyItMatters:
      'Database servers rarely run other programs. When they do unexpectedly, SQL injection or a compromised database account has reached an OS execution feature (COPY ... FROM PROGRAM in PostgreSQL, user-defined functions in MySQL) and now runs commands as the database user, next to all the data.',
    benignCauses: [
      'PostgreSQL archive_command or restore_command calling backup tools other than WAL-E and WAL-G (pgBackRest, Barman, custom scripts).',
      'DBAs using sqlplus host commands during maintenance.',
      'Extensions or procedures that deliberately call external programs.',
    ],
    distinguish: [
      'proc.cmdline: compare with the configured archive_command and restore_command; shells with curl, wget, base64 or reverse-shell syntax are exploitation.',
      'proc.name and proc.pname: a known backup binary under postgres is routine; sh, bash, perl or python under mysqld is not.',
      'user.name and timing: a backup tool fires on a schedule; exploitation lines up with unusual queries in the database log.',
    ],
    mitigations: {
      immediate: [
        CAPTURE_FIRST.workload,
        'Check the database log at the alert time for the statement that ran the program and block the source client.',
        'Revoke superuser from application roles while investigating.',
      ],
      shortTerm: [
        'In PostgreSQL, make sure application roles are neither superuser nor members of pg_execute_server_program; in MySQL, revoke FILE privileges and restrict secure_file_priv.',
        'For a legitimate hook, override user_known_db_spawned_processes for its exact command line.',
      ],
      longTerm: ['Run databases from images without shells or download tools, with egress limited to backup destinations.'],
    },
    investigate: [
      local.psByParentName,
      local.psByName,
      {
        title: 'Compare with the configured archive command (PostgreSQL)',
        command: "psql -U postgres -c 'SHOW archive_command'",
      },
      cmd.podLogs,
    ],
    tuningFields: ['proc.cmdline', 'proc.name', 'proc.pname'],
    observe: (alert) => compact(eventGeneratorNote(alert), cmdlineIndicatorNote(alert), hostNote(alert)),
  },
  {
    id: 'process-system-user-interactive',
    title: 'System user interactive',
    rules: ['System user interactive'],
    family: 'process',
    detects:
      'A process starts as a system account (bin, daemon, games, lp, mail, nobody, sshd, sync, uucp, www-data) in an interactive context: it has sshd as an ancestor, or it is login or systemd-logind itself.',
    whyItMatters:
      'System accounts run services, not login sessions. An interactive session as one means a person switched into it, or the account was given a shell, password or SSH key: quiet persistence, as such accounts are rarely reviewed.',
    benignCauses: [
      'An administrator switching to the service account over SSH (sudo -u www-data, su -s /bin/sh) to debug file permissions.',
      'Configuration management becoming a service user over SSH (Ansible become_user, deployment scripts).',
      "Detection drills: falcosecurity's event-generator runs login as the daemon user to trigger this rule.",
    ],
    distinguish: [
      'user.loginuid against user.uid: a different login UID names the person who switched; equal to the system account UID, the account itself logged in.',
      'proc.pname and proc.cmdline: sudo or su from an admin shell is a switch; a session directly under sshd as www-data means the account accepts logins.',
      'user.name: www-data or nobody in an interactive session after web alerts suggests a web compromise upgraded to SSH access.',
    ],
    mitigations: {
      immediate: [
        'If the session was opened directly as the system account, copy its authorized_keys and shell history aside, lock the password (passwd -l), then kill the session and remove the keys.',
      ],
      shortTerm: ['Set every system account\'s login shell to /usr/sbin/nologin and check none has a password hash in /etc/shadow.'],
      longTerm: ['Use AllowUsers or AllowGroups in sshd_config so only human accounts can log in over SSH.'],
    },
    investigate: [
      { title: "Show the account's shell and home directory", command: 'getent passwd ⟦user.name⟧', inContainer: 'crictl exec ⟦container.id⟧ getent passwd ⟦user.name⟧' },
      { title: 'List recent logins of that account', command: 'last -F ⟦user.name⟧', where: 'host' },
      { title: 'Search the auth log for its logins and account switches (Debian/Ubuntu path)', command: 'grep -F -- ⟦user.name⟧ /var/log/auth.log', where: 'host' },
      local.lastLogins,
    ],
    tuningFields: ['user.name', 'proc.name', 'proc.pname'],
    observe: (alert) => compact(eventGeneratorNote(alert), systemUserNote(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'process-basic-interactive-recon',
    title: 'Basic Interactive Reconnaissance',
    rules: ['Basic Interactive Reconnaissance'],
    family: 'process',
    detects:
      'One of the basic discovery commands in recon_binaries (w, whoami, id, who, uname) runs with a controlling terminal and as the leader of its own process group (proc.is_vpgid_leader), which is what a command typed at an interactive prompt looks like, as opposed to one run from a script.',
    whyItMatters:
      'These are the first commands people type after landing on a system: who am I, what is this box, who else is logged in. On a container or a server where nobody should be typing, they mark a live operator getting their bearings.',
    benignCauses: [
      'Administrators typing whoami, id or uname at a prompt during routine work.',
      'Engineers inside a debug exec session checking the user and kernel.',
    ],
    distinguish: [
      'Place: on a workstation or bastion this is daily noise; inside a production container or on a node nobody logs in to, it is a person exploring.',
      'user.loginuid and user.name: tie the prompt to a known login; a missing login UID with a terminal points to an exec or a spawned PTY.',
      'Context: other alerts shortly before from the same container or host (Terminal shell in container, web server children) show how the person got in.',
    ],
    mitigations: {
      immediate: ['Identify the session (exec or SSH) and confirm with its owner; if nobody claims it, record what it runs (ps, /proc/PID/cmdline, the pod\'s logs), then terminate it and revoke the credential used.'],
      shortTerm: ['Scope the rule to containers or server fleets where interactive use is unexpected, rather than workstations.'],
      longTerm: ['Route interactive access through an audited bastion or access broker so sessions are attributable.'],
    },
    investigate: [local.lastLogins, local.psByName, cmd.containerProcesses],
    tuningFields: ['user.name', 'proc.pname'],
    observe: (alert) => compact(eventGeneratorNote(alert), ttyNote(alert), loginUidNote(alert), hostNote(alert)),
  },
];
