/** Privilege changes: setuid, setuid bits, known local root exploits, accounts and namespaces. */
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import {
  baseName,
  compact,
  eventGeneratorNote,
  hostNote,
  local,
  loginUidNote,
  stagingPathNote,
  ttyNote,
} from './common';

// ---------------------------------------------------------------- Non sudo setuid

function setuidTargetNote(alert: Alert): string | undefined {
  const target = fieldText(alert, 'evt.arg.uid');
  if (target === undefined) return undefined;
  if (target === '0' || target === 'root' || /^root\b|\(0\)|^0\b/.test(target)) {
    return `evt.arg.uid=${target}: the process asked to become root.`;
  }
  return `evt.arg.uid=${target}: the process asked to switch to this user.`;
}

// ---------------------------------------------------------------- Set Setuid or Setgid bit

const SETUID_RISKY_BINARIES = /^(ba|da|z|k|tc|c)?sh$|^(python[\d.]*|perl[\d.]*|ruby[\d.]*|node|php[\d.]*|find|vim?|less|busybox|env|cp|tar)$/;

function setuidBitNotes(alert: Alert): Array<string | undefined> {
  const mode = fieldText(alert, 'evt.arg.mode') ?? '';
  const file = fieldText(alert, 'evt.arg.filename');
  const notes: Array<string | undefined> = [];
  if (mode.includes('S_ISUID')) {
    notes.push(`evt.arg.mode=${mode}: the setuid bit, so the file will run with its owner's privileges (root, if root owns it).`);
  } else if (mode.includes('S_ISGID')) {
    notes.push(`evt.arg.mode=${mode}: only the setgid bit. On a directory this is the common way to make new files inherit the group, which is usually administrative housekeeping.`);
  }
  if (file !== undefined) {
    const name = baseName(file);
    if (SETUID_RISKY_BINARIES.test(name)) {
      notes.push(`evt.arg.filename=${file}: a shell, interpreter or general-purpose tool with a setuid or setgid bit is a ready-made privilege escalation backdoor.`);
    }
    if (/^\/(tmp|var\/tmp|dev\/shm|home|root)\//.test(file) || /\/\.[^/]+/.test(file)) {
      notes.push(`evt.arg.filename=${file} is in a user-writable or hidden location, where no packaged setuid program lives.`);
    }
  }
  return notes;
}

// ---------------------------------------------------------------- GLIBC_TUNABLES

const SETUID_TARGETS = new Set(['su', 'sudo', 'passwd', 'pkexec', 'mount', 'umount', 'chsh', 'chfn', 'newgrp', 'gpasswd']);

function glibcTunablesNotes(alert: Alert): Array<string | undefined> {
  const env = fieldText(alert, 'proc.env');
  const name = fieldText(alert, 'proc.name');
  const notes: Array<string | undefined> = [];
  if (env !== undefined) {
    const m = /GLIBC_TUNABLES=(\S*)/i.exec(env);
    const value = m?.[1];
    if (value !== undefined) {
      const nested = /glibc\.[\w.]+=[^:\s]*=/.test(value);
      if (value.length > 256 || nested) {
        notes.push(
          `GLIBC_TUNABLES is ${value.length} characters long${nested ? ' and nests one tunable inside another' : ''}. Oversized or malformed values like this are what the CVE-2023-4911 (Looney Tunables) exploit sends to the dynamic loader.`,
        );
      } else {
        notes.push(`GLIBC_TUNABLES=${value}: a short, well-formed setting, consistent with deliberate glibc tuning.`);
      }
    }
  }
  if (name !== undefined && SETUID_TARGETS.has(name)) {
    notes.push(`proc.name=${name} is a setuid-root program; the loader bug only yields root when the variable reaches such a program.`);
  }
  return notes;
}

// ---------------------------------------------------------------- User mgmt binaries

function userMgmtNote(alert: Alert): string | undefined {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return undefined;
  const groups = /\s-(?:a?G|-groups)\s+(\S+)/.exec(cmdline)?.[1];
  if (groups !== undefined) {
    const privileged = groups.split(',').filter((g) => /^(sudo|wheel|admin|root|docker|adm|lxd|disk|shadow)$/.test(g));
    if (privileged.length > 0) {
      return `proc.cmdline adds an account to ${privileged.join(', ')}, a group that grants root or near-root access.`;
    }
  }
  if (/^user(add|mod)\b/.test(cmdline) && /\s(-u|--uid)\s+0(\s|$)/.test(cmdline)) {
    return 'proc.cmdline creates or changes an account with UID 0, a second root account.';
  }
  return undefined;
}

// ---------------------------------------------------------------- setns / unshare

function nsenterNote(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  const cmdline = fieldText(alert, 'proc.cmdline') ?? '';
  if (name !== 'nsenter') return undefined;
  if (/(\s-t\s*1(\s|$))|(--target[=\s]1(\s|$))/.test(cmdline)) {
    const inContainer = (fieldText(alert, 'container.id') ?? 'host') !== 'host';
    return inContainer
      ? 'nsenter targets PID 1 from inside a container: with hostPID this enters the node init namespaces, a direct container escape.'
      : 'nsenter targets PID 1: it enters the namespaces of the init process.';
  }
  return 'proc.name=nsenter: a person or script is entering another process namespaces; check the target in proc.cmdline.';
}

function unshareResultNote(alert: Alert): string | undefined {
  const res = fieldText(alert, 'evt.res');
  if (res === undefined) return undefined;
  if (res === 'SUCCESS' || res === '0') return `evt.res=${res}: the call succeeded, so this container can create new namespaces without CAP_SYS_ADMIN.`;
  return `evt.res=${res}: the kernel or seccomp refused it. The attempt is what matters: find out why this process tried.`;
}

export const PRIVESC_PLAYBOOKS: Playbook[] = [
  {
    id: 'process-non-sudo-setuid',
    title: 'Non sudo setuid',
    rules: ['Non sudo setuid'],
    family: 'process',
    detects:
      'A setuid system call from a process whose user is not root, on the host or in a container with a known user. Users becoming themselves (nobody, www-data, postfix ...), sudo and su, mail daemons, container runtime binaries, known_setuid_binaries and a few agents are excluded.',
    whyItMatters:
      'A non-root process can only change its user ID if it runs a setuid binary or holds CAP_SETUID. Outside sudo and su this points to an unusual setuid program, a planted setuid backdoor or an exploit turning a foothold into root (T1548.001).',
    benignCauses: [
      'Distribution setuid helpers not on the built-in list (fusermount, Xorg.wrap, polkit-agent-helper-1, chrome-sandbox) dropping or changing privileges.',
      'Services that start as a regular user and switch to another service account.',
      'Monitoring agents such as NRPE that switch to their own account under a different name.',
    ],
    distinguish: [
      'proc.exepath: a package-owned setuid binary in /usr/bin or /usr/lib is normal; an unpackaged file, or one in /tmp, /dev/shm or a home directory, is a backdoor.',
      'evt.arg.uid: switching to root is escalation; switching to a service account is usually privilege dropping.',
      'proc.pname and user.name: a web or application user reaching a setuid call through a shell is suspicious.',
    ],
    mitigations: {
      immediate: ['If the binary is not package-owned, preserve a copy with its mode and times (cp -p), then remove its setuid bit (chmod u-s) and check whether a root process followed.'],
      shortTerm: ['Append confirmed distribution helpers to known_setuid_binaries, and review all setuid files on the host against the package database.'],
      longTerm: ['Mount writable filesystems (/tmp, /home, /var/tmp, /dev/shm) nosuid, and run containers with allowPrivilegeEscalation: false so setuid binaries cannot raise privileges.'],
    },
    investigate: [
      local.exeDetails,
      local.exePackage,
      { title: 'List setuid files whose inode changed (chmod sets ctime) since an hour before the alert', command: 'find / -xdev -type f -perm -4000 -newerct ⟦@time-1h⟧', inContainer: 'crictl exec ⟦container.id⟧ find / -xdev -type f -perm -4000 -newerct ⟦@time-1h⟧' },
      local.psByName,
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'user.name'],
    allowList: {
      list: 'known_setuid_binaries',
      field: 'proc.name',
      note: 'Append a setuid helper once you have confirmed a distribution package owns proc.exepath.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), setuidTargetNote(alert), stagingPathNote(alert, 'proc.exepath'), hostNote(alert)),
  },
  {
    id: 'process-set-setuid-setgid-bit',
    title: 'Set Setuid or Setgid bit',
    rules: ['Set Setuid or Setgid bit'],
    family: 'process',
    detects:
      'chmod, fchmod or fchmodat with a mode that includes S_ISUID or S_ISGID, except from programs in user_known_chmod_applications (hyperkube, kubelet, k3s-agent) and Docker image saves.',
    whyItMatters:
      'A root-owned copy of a shell or interpreter with the setuid bit is the simplest persistent root backdoor: any user who runs it becomes root (T1548.001). In a container with host mounts, the same trick plants a root binary on the node.',
    benignCauses: [
      'Package installation or image builds setting modes on sudo, passwd, ping and similar programs.',
      'Administrators setting the setgid bit on shared directories so new files inherit the group.',
      'Configuration management enforcing file modes.',
    ],
    distinguish: [
      'evt.arg.filename: setgid on a shared directory is housekeeping; setuid on a shell, interpreter, find, vim or a file in /tmp, /dev/shm or a home directory is a backdoor.',
      'evt.arg.mode: S_ISUID is the dangerous bit; S_ISGID alone is usually about group sharing.',
      'proc.name and proc.pname: dpkg, rpm or a build step is expected; chmod typed in an interactive shell (proc.tty non-zero) or run by a service account deserves a closer look.',
    ],
    mitigations: {
      immediate: ['If the file is not a packaged program, keep a copy for analysis (cp -p), then remove the bit (chmod u-s,g-s) and check who has run it.'],
      shortTerm: ['Append legitimate tools that set these bits to user_known_chmod_applications, and audit all setuid and setgid files on the host against the package database.'],
      longTerm: ['Mount user-writable filesystems nosuid and run containers as non-root with allowPrivilegeEscalation: false.'],
    },
    investigate: [
      { title: 'Show the file owner, mode and timestamps', command: 'stat ⟦evt.arg.filename⟧', inContainer: 'crictl exec ⟦container.id⟧ stat ⟦evt.arg.filename⟧' },
      { title: 'Hash the file and compare with the packaged original', command: 'sha256sum ⟦evt.arg.filename⟧', inContainer: 'crictl exec ⟦container.id⟧ sha256sum ⟦evt.arg.filename⟧' },
      { title: 'Check whether a distribution package owns the file', command: 'dpkg -S ⟦evt.arg.filename⟧ || rpm -qf ⟦evt.arg.filename⟧', inContainer: 'crictl exec ⟦container.id⟧ dpkg -S ⟦evt.arg.filename⟧ || crictl exec ⟦container.id⟧ rpm -qf ⟦evt.arg.filename⟧' },
      { title: 'List setuid and setgid files whose inode changed (chmod sets ctime) since an hour before the alert', command: 'find / -xdev -type f -perm /6000 -newerct ⟦@time-1h⟧', inContainer: 'crictl exec ⟦container.id⟧ find / -xdev -type f -perm /6000 -newerct ⟦@time-1h⟧' },
    ],
    tuningFields: ['proc.name', 'evt.arg.filename', 'proc.pname'],
    allowList: {
      list: 'user_known_chmod_applications',
      field: 'proc.name',
      note: 'Append a tool that sets setuid or setgid bits as part of provisioning, when the files it touches are the expected ones.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), ...setuidBitNotes(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'process-pwnkit-cve-2021-4034',
    title: 'Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)',
    rules: ['Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)'],
    family: 'process',
    detects:
      'pkexec starts with no arguments (proc.args empty) for a user whose login UID is not 0. Public PwnKit exploits call pkexec with an empty argument list.',
    whyItMatters:
      'On unpatched polkit, pkexec mishandles an empty argument list and can be made to load an attacker library as root, giving any local user root on almost every Linux distribution.',
    benignCauses: [
      'A user typing pkexec alone to open a root shell after polkit authentication; it also leaves the argument list empty.',
      'Vulnerability checks or red-team exercises running a public proof of concept on purpose.',
    ],
    distinguish: [
      'proc.pname and proc.exepath of the parent chain: a person at a shell typing pkexec versus a freshly compiled binary in /tmp or a home directory calling it directly.',
      'proc.cmdline: exploits often leave a strange or empty command line; check the user session for a compiled exploit and a GCONV_PATH directory.',
      'System log: the exploit typically produces a pkexec message that the SHELL value was not found in /etc/shells.',
    ],
    mitigations: {
      immediate: ['Check whether the user obtained a root shell (root processes whose login UID is this user), and if so treat the host as compromised.'],
      shortTerm: ['Update polkit to a fixed version; until then clear the setuid bit of pkexec (chmod 0755 /usr/bin/pkexec).'],
      longTerm: ['Track local privilege escalation CVEs in patch SLAs; they matter as much as remote ones once any foothold exists.'],
    },
    investigate: [
      { title: 'Show the installed pkexec version', command: 'pkexec --version' },
      { title: 'Check the polkit package version', command: 'dpkg -l policykit-1 pkexec || rpm -q polkit', inContainer: 'crictl exec ⟦container.id⟧ dpkg -l policykit-1 pkexec || crictl exec ⟦container.id⟧ rpm -q polkit' },
      { title: 'Read pkexec messages from the system journal', command: 'journalctl _COMM=pkexec --since=⟦@journal-1d⟧ --until=⟦@journal+1h⟧', where: 'host' },
      local.lastLogins,
    ],
    tuningFields: ['user.name', 'proc.pname'],
    observe: (alert) => compact(eventGeneratorNote(alert), loginUidNote(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'process-glibc-tunables-env',
    title: 'Potential Local Privilege Escalation via Environment Variables Misuse',
    rules: ['Potential Local Privilege Escalation via Environment Variables Misuse'],
    family: 'process',
    detects: 'Any process starts with GLIBC_TUNABLES in its environment (matched case-insensitively).',
    whyItMatters:
      'CVE-2023-4911 (Looney Tunables) is a buffer overflow in the glibc dynamic loader when it parses GLIBC_TUNABLES. Passing a crafted value to a setuid-root program such as su gives a local user root on glibc 2.34 and later until patched.',
    benignCauses: [
      'Deliberate glibc tuning in images or service units (glibc.malloc.arena_max, glibc.pthread.rseq=0, hardware capability masks).',
      'Performance testing of allocator settings.',
    ],
    distinguish: [
      'proc.env: short, well-formed name=value pairs are tuning; an extremely long value, repeated or nested tunable names and padding are the exploit.',
      'proc.name and proc.exepath: the exploit needs a setuid program (su, sudo, passwd, pkexec, mount); tuning is set on application processes.',
      'Volume: the exploit often runs the target many times in a loop; a burst of alerts from the same user is telling.',
    ],
    mitigations: {
      immediate: ['If the value is oversized or malformed, check for new root processes from that user and treat the host as compromised if any exist.'],
      shortTerm: ['Update glibc to a fixed distribution build on hosts and images.'],
      longTerm: ['Where tuning is used, set it in specific service units or images only, so any other appearance of the variable stands out.'],
    },
    investigate: [
      { title: 'Show the glibc version', command: 'ldd --version' },
      local.psByName,
      local.exeDetails,
      { title: "Show the user's groups", command: 'id ⟦user.name⟧', inContainer: 'crictl exec ⟦container.id⟧ id ⟦user.name⟧' },
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'user.name'],
    observe: (alert) => compact(eventGeneratorNote(alert), ...glibcTunablesNotes(alert), hostNote(alert)),
  },
  {
    id: 'process-user-mgmt-binaries',
    title: 'User mgmt binaries',
    rules: ['User mgmt binaries'],
    family: 'process',
    detects:
      'On the host (not in a container), an account or password management program runs (useradd, usermod, userdel, passwd, chpasswd, groupadd, gpasswd, chage, vipw and others from the shadow-utils and login lists). su, sudo, lastlog, nologin and unix_chkpwd are ignored, as are runs from cron, systemd, run-parts, yum and several management agents.',
    whyItMatters:
      'Creating an account, resetting a password or adding someone to sudo, wheel or docker is how intruders keep access after the first foothold is gone (T1098).',
    benignCauses: [
      'Administrators provisioning or offboarding users.',
      'Configuration management (Ansible, Chef, Puppet) and cloud-init creating accounts at boot.',
      'Package install scripts creating service accounts.',
    ],
    distinguish: [
      'proc.cmdline: which account and which groups. Additions to sudo, wheel, admin or docker, or a UID 0 account, are high impact.',
      'proc.pname and proc.aname[2] to proc.aname[4]: a python or ansible chain, cloud-init or a package script versus an interactive shell under sshd.',
      'user.loginuid: the login UID of a human session names the person; changes from a web or service account have no legitimate reason.',
    ],
    mitigations: {
      immediate: ['If the change is not tied to a ticket or automation run, copy /etc/passwd, /etc/group and the account\'s authorized_keys aside, then lock the account (usermod -L) and take it out of privileged groups.'],
      shortTerm: ['Copy /etc/passwd, /etc/group and sudoers aside, compare them with configuration management, then revert drift.'],
      longTerm: ['Manage local accounts only through configuration management or central identity, so manual changes stand out.'],
    },
    investigate: [
      { title: 'Show the most recently added accounts', command: 'tail -n 5 /etc/passwd', inContainer: 'crictl exec ⟦container.id⟧ tail -n 5 /etc/passwd' },
      { title: 'Show members of privileged groups', command: 'getent group sudo wheel admin docker', inContainer: 'crictl exec ⟦container.id⟧ getent group sudo wheel admin docker' },
      { title: 'Read account management messages from the journal', command: 'journalctl _COMM=useradd _COMM=usermod _COMM=passwd _COMM=chpasswd --since=⟦@journal-1d⟧ --until=⟦@journal+1h⟧', where: 'host' },
      local.lastLogins,
    ],
    tuningFields: ['proc.pname', 'proc.cmdline', 'user.name'],
    observe: (alert) => compact(eventGeneratorNote(alert), userMgmtNote(alert), loginUidNote(alert), ttyNote(alert)),
  },
  {
    id: 'process-change-thread-namespace',
    title: 'Change thread namespace',
    rules: ['Change thread namespace'],
    family: 'process',
    detects:
      'A setns call, which moves a thread into another namespace, by a program that is not a known runtime, network plugin or agent (Docker, Kubernetes and LXD binaries on the host, runc, containerd, Calico, Cilium, Weave, Rancher, Sysdig and user_known_change_thread_namespace_binaries).',
    whyItMatters:
      'Joining the namespaces of another process, above all those of PID 1 on the node, is how a privileged or hostPID container breaks out onto the host (nsenter -t 1), and how an intruder moves sideways into other containers (T1611).',
    benignCauses: [
      'CNI plugins and network agents missing from the built-in list.',
      'Administrators and debug tools using nsenter or ip netns exec.',
      'Monitoring agents collecting per-container network statistics.',
    ],
    distinguish: [
      'proc.name and proc.cmdline: nsenter targeting PID 1, or a shell entering the host namespaces, is an escape; an agent binary doing this on a schedule is plumbing.',
      'container.id: a setns from inside a workload container is far more suspicious than one from the node.',
      'proc.pname and proc.exepath: a runtime or plugin path versus an interactive shell or a file in /tmp.',
    ],
    mitigations: {
      immediate: ['If a workload container entered the host namespaces, treat the node as compromised: preserve evidence, then cordon and rebuild it.'],
      shortTerm: ['Remove hostPID, privileged and CAP_SYS_ADMIN from workloads that do not need them; append verified agents to user_known_change_thread_namespace_binaries.'],
      longTerm: ['Enforce Pod Security Admission baseline or restricted in application namespaces so host namespaces are not reachable.'],
    },
    investigate: [local.psByName, local.psByParentName, cmd.containerInspect, cmd.podSpec],
    tuningFields: ['proc.name', 'proc.exepath', 'proc.pname'],
    allowList: {
      list: 'user_known_change_thread_namespace_binaries',
      field: 'proc.name',
      note: 'Append a network plugin or agent that joins container namespaces as part of its job, once its binary path is confirmed.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), nsenterNote(alert), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'container-unshare-namespace-privileges',
    title: 'Change namespace privileges via unshare',
    rules: ['Change namespace privileges via unshare'],
    family: 'container',
    detects:
      'An unshare call, which creates new namespaces, from inside a container by a thread that does not have CAP_SYS_ADMIN in its permitted capabilities.',
    whyItMatters:
      'Creating a user namespace hands a process a full set of capabilities inside it, which unlocks kernel attack surface (mounting filesystems, netfilter, cgroups) that many container escape and kernel privilege escalation exploits depend on (T1611).',
    benignCauses: [
      'Browser sandboxes in containers: headless Chrome, Chromium or Electron for tests and rendering.',
      'Rootless image builds in CI (buildah, podman, BuildKit rootless) and bubblewrap-based tools.',
    ],
    distinguish: [
      'proc.name and proc.cmdline: chrome with a zygote or sandbox flag, buildah or bwrap is expected where those run; unshare -r, an unknown binary or a shell one-liner is not.',
      'evt.res: success means the container can create namespaces; failure means it was blocked but something tried.',
      'proc.pname: a test runner or build tool parent versus an interactive shell from an exec.',
    ],
    mitigations: {
      immediate: ['If the caller is not a sandbox or build tool, save the pod\'s spec and logs (kubectl get pod -o yaml, kubectl logs --previous) and its container state (crictl inspect) and isolate it with a deny-all NetworkPolicy, then stop the container and check for follow-up alerts (mounts, module loads, writes to host paths).'],
      shortTerm: ['Run pods with the RuntimeDefault seccomp profile, which blocks namespace creation without CAP_SYS_ADMIN.'],
      longTerm: ['On nodes that need no user namespaces, set user.max_user_namespaces=0 (or kernel.unprivileged_userns_clone=0 on kernels that have it).'],
    },
    investigate: [
      { title: 'List user namespaces on the node and the processes that own them', command: 'lsns -t user' },
      { title: 'Check the limit on user namespaces', command: 'sysctl user.max_user_namespaces' },
      cmd.containerInspect,
      cmd.podSpec,
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'proc.pname'],
    observe: (alert) => compact(eventGeneratorNote(alert), unshareResultNote(alert), stagingPathNote(alert, 'proc.exepath')),
  },
];

/** Exposed for the tests of this folder. */
export const notes = { glibcTunablesNotes, setuidBitNotes, userMgmtNote, nsenterNote };
