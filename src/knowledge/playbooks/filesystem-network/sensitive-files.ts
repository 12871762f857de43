import { alertTime, cmd, field, kubectl } from '../../commands';
import { lookupTable } from '../../lookupTable';
import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { baseNotes, fx } from './helpers';
import { exeLocationNotes, parentNotes, sensitiveFileNotes } from './observe';
import { CAPTURE_FIRST } from '../captureFirst';

/** Reads of credentials and configuration: shadow/sudoers/PAM, SSH material, environments, history. */

const readSensitiveUntrusted: Playbook = {
  id: 'fs-read-sensitive-file-untrusted',
  title: 'Read sensitive file untrusted',
  rules: ['Read sensitive file untrusted'],
  family: 'filesystem',
  detects:
    'A program outside the expected readers (login and passwd tools, sudo, su, package managers, cron, shells, HIDS agents, sshd, systemd...) opens for reading /etc/shadow, /etc/sudoers, /etc/pam.conf, /etc/security/pwquality.conf (sensitive_file_names) or a file in /etc/sudoers.d or /etc/pam.d. Named exceptions cover Ansible, Chef, Qualys, the Google accounts daemon and some installers.',
  whyItMatters:
    'Cracked offline, /etc/shadow hashes give passwords reused for su, SSH and consoles elsewhere; sudoers and PAM files show who can become root and where to backdoor authentication.',
  benignCauses: [
    'An administrator reading the files with cat, less, grep or an editor, usually via sudo from a terminal.',
    'Compliance or vulnerability scanners and CIS benchmark scripts the exceptions do not name.',
    'Backup or file-integrity agents that copy or hash all of /etc.',
  ],
  distinguish: [
    'proc.name and proc.exepath: a known scanner or backup agent at its packaged path is expected; an unknown binary, or one in /tmp, /dev/shm or a home directory, is not.',
    'proc.tty and user.loginuid: a named administrator\'s session (loginuid set, sudo in proc.pname) fits manual inspection; no terminal and loginuid -1 in an application container fits code in the workload.',
    'proc.pname and proc.aname[2] to proc.aname[4]: a chain to sshd, sudo and a login shell, or to a web server, an interpreter or the container entrypoint.',
    'container.id with fd.name: an application container rarely needs /etc/shadow; several sensitive files in one burst point to collection.',
  ],
  mitigations: {
    immediate: [
      CAPTURE_FIRST.workload,
      'If the reader is unexplained, isolate the workload (deny-all NetworkPolicy, or the host off the network) and keep its filesystem for analysis.',
      'Treat every hash in that /etc/shadow as exposed: reset or lock those accounts, root first.',
    ],
    shortTerm: [
      'Run workloads as non-root (runAsNonRoot, runAsUser) so /etc/shadow (root-owned, mode 0640 or stricter) cannot be opened.',
      'Except a confirmed scanner or backup agent on proc.name plus container.image.repository; never a generic tool such as cat or python.',
    ],
    longTerm: [
      'Make local hashes worthless: lock local passwords (passwd -l) and keep PasswordAuthentication no in sshd_config.',
      'Ship application images without shells and coreutils (distroless).',
    ],
  },
  investigate: [fx.procByName, fx.loginUser, fx.exeOwner, fx.auditFile, cmd.containerInspect],
  tuningFields: ['proc.name', 'container.image.repository', 'proc.pname'],
  allowList: {
    list: 'read_sensitive_file_binaries',
    field: 'proc.name',
    note: 'Append the name of a dedicated agent that must read these files (an in-house audit or PAM tool), never a general-purpose program such as cat, grep or python.',
  },
  observe: (alert) => [...baseNotes(alert), ...sensitiveFileNotes(alert), ...exeLocationNotes(alert), ...parentNotes(alert)],
};

/** Default PAM service files of databases that support PAM authentication. */
const SERVER_PAM_FILES: Record<string, string> = lookupTable({
  postgres: '/etc/pam.d/postgresql',
  mysqld: '/etc/pam.d/mysql',
});

const readSensitiveTrusted: Playbook = {
  id: 'fs-read-sensitive-file-trusted-after-startup',
  title: 'Read sensitive file trusted after startup',
  rules: ['Read sensitive file trusted after startup'],
  family: 'filesystem',
  detects:
    'A web server (nginx, httpd, apache, apache2, lighttpd), database (mysqld, postgres, sqlplus) or docker_binaries helper reads a sensitive file more than 5 seconds after it started (proc.duration): sensitive_file_names (/etc/shadow, /etc/sudoers, /etc/pam.conf, /etc/security/pwquality.conf) or a file in /etc/sudoers.d or /etc/pam.d. sshd is excluded.',
  whyItMatters:
    'These daemons read authentication files while starting, not while serving. A late read is typically a web or database server exploited (remote code execution or arbitrary file read) to pull password hashes or sudo rules.',
  benignCauses: [
    'PostgreSQL or MySQL/MariaDB with PAM authentication: each login reads its /etc/pam.d stack.',
    'Apache httpd with PAM-backed HTTP authentication (mod_authnz_pam).',
    'Container runtime helpers (exe, containerd-shim, docker) copying or committing container filesystems.',
  ],
  distinguish: [
    'fd.name: the service\'s own PAM file (/etc/pam.d/postgresql for postgres) fits PAM authentication; /etc/shadow or /etc/sudoers read by nginx or mysqld does not.',
    'user.name and user.uid: workers normally run unprivileged; reading /etc/shadow means root or loose permissions.',
    'proc.cmdline and proc.pcmdline: compare with other instances of the same image.',
    'Other alerts from the container at that time (a shell under the server, new outbound connections) point to an exploited service.',
  ],
  mitigations: {
    immediate: [
      'If the service does not use PAM, take the instance out of the load balancer (or copy the pod\'s filesystem, then scale it to zero) and find the triggering request in the access logs.',
      'Reset the passwords of local accounts whose hashes it could read.',
    ],
    shortTerm: [
      'Run the server and its workers unprivileged (runAsNonRoot, allowPrivilegeEscalation: false) so /etc/shadow cannot be opened at all.',
      'Patch the server and the application modules it exposes.',
    ],
    longTerm: [
      'Use readOnlyRootFilesystem and a minimal image: no files or tools to stage them.',
      'Where a service really uses PAM, except that proc.name and that /etc/pam.d file instead of muting the rule.',
    ],
  },
  investigate: [fx.procByName, cmd.podLogs, cmd.containerInspect, fx.exeOwner],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = [...baseNotes(alert), ...sensitiveFileNotes(alert)];
    const name = fieldText(alert, 'proc.name');
    const file = fieldText(alert, 'fd.name');
    if (name !== undefined && file !== undefined && SERVER_PAM_FILES[name] === file) {
      notes.push(`${file} is the default PAM service file of ${name}: this fits PAM authentication being enabled for it (check pg_hba.conf or the MySQL PAM plugin settings).`);
    }
    return notes;
  },
};

const directoryTraversal: Playbook = {
  id: 'fs-directory-traversal-read',
  title: 'Directory traversal monitored file read',
  rules: ['Directory traversal monitored file read'],
  family: 'filesystem',
  detects:
    'An open for reading, successful or failed, of a file under /etc/, under /root/.ssh or a /home/*/.ssh/ directory, or of any path containing id_rsa, when the path as the program passed it (fd.nameraw) contains ../ at least twice. Opens by programs whose parent is a shell are left out.',
  whyItMatters:
    'People and packaged software reach /etc through absolute paths. A path climbing out of a directory with ../../ is the mark of a path-traversal flaw, where request input is appended to a base directory; it lets an attacker read configuration, credentials and SSH keys without running any code.',
  benignCauses: [
    'Programs that build paths relative to a deep install or working directory (for example ../../etc/ssl/openssl.cnf from a bundled runtime).',
    'Your own DAST or penetration tests probing the service for traversal flaws.',
  ],
  distinguish: [
    'fd.nameraw against fd.name: more ../ than needed to reach / (climbing past the root), or leftovers of URL decoding, show user input being concatenated; a tidy relative path from a fixed location shows code.',
    'proc.name and proc.pname: the web application process (java, node, php-fpm, python) opening /etc/passwd or a key file is an exploit attempt; a build tool in CI is not.',
    'fd.name: /etc/passwd, /etc/shadow, id_rsa and authorized_keys are the classic probe targets.',
  ],
  mitigations: {
    immediate: [
      'Block requests carrying ../ or its encoded forms (%2e%2e%2f, ..%2f) to the affected service at the ingress or WAF.',
      'Rotate SSH keys and credentials stored under the paths the process could reach.',
    ],
    shortTerm: [
      'Fix the handler: canonicalise the path (realpath) and reject anything outside the intended base directory; upgrade the framework if the flaw is there.',
    ],
    longTerm: [
      'Run the service as a non-root user with a read-only root filesystem and no home or host mounts, so a traversal bug reaches little.',
      'Add traversal payloads to the service\'s security tests in CI.',
    ],
  },
  investigate: [
    {
      title: 'Find the requests that carried ../ in the pod logs',
      command: `${kubectl.logs({ ns: field('k8s.ns.name'), pod: field('k8s.pod.name'), sinceTime: alertTime('-1h') })} | grep -F ../`,
    },
    fx.procByName,
    cmd.containerInspect,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const raw = fieldText(alert, 'fd.nameraw');
    if (raw !== undefined) {
      const ups = raw.split('../').length - 1;
      const target = fieldText(alert, 'fd.name');
      notes.push(`fd.nameraw climbs ${ups} directory levels${target ? ` to reach ${target}` : ''}.`);
    }
    return [...notes, ...sensitiveFileNotes(alert), ...parentNotes(alert)];
  },
};

const LINK_TARGET_HINT =
  'evt.arg.linkpath in a web root, an upload directory, /tmp or a shared volume is suspicious; inside a chroot or image root being assembled it is not.';

const symlinkSensitive: Playbook = {
  id: 'fs-symlink-over-sensitive-files',
  title: 'Create Symlink Over Sensitive Files',
  rules: ['Create Symlink Over Sensitive Files'],
  family: 'filesystem',
  detects:
    'A symlink or symlinkat call whose target (evt.arg.target) is one of sensitive_file_names (/etc/shadow, /etc/sudoers, /etc/pam.conf, /etc/security/pwquality.conf) or one of sensitive_directory_names (/, /etc, /root). The result of the call is not checked.',
  whyItMatters:
    'A link to /etc/shadow or to / placed where another service reads or serves files (a web root, an upload directory, a shared volume) makes that service expose the target. Privileged programs that follow links in writable directories can also be tricked into reading or changing the real file.',
  benignCauses: [
    'Image builds, chroot or rootfs assembly (debootstrap, installer scripts) linking paths to /etc.',
    'Archive or sync tools restoring a filesystem tree that contains such links (tar, rsync).',
  ],
  distinguish: [
    LINK_TARGET_HINT,
    'proc.name and proc.pname: tar, rsync or an image builder versus a shell or a web application process.',
    'user.name, proc.tty and user.loginuid: a deliberate admin action shows a login session; an unattended link from a service account does not.',
  ],
  mitigations: {
    immediate: ['Record the link (ls -l on evt.arg.linkpath), remove it, and check the access logs of any service that serves that directory.'],
    shortTerm: [
      'Stop web servers from following links in content directories (nginx disable_symlinks on; Apache without FollowSymLinks).',
    ],
    longTerm: ['Mount upload and shared directories with nosymfollow where the kernel supports it, and run services non-root.'],
  },
  investigate: [
    { title: 'Inspect the link on the host', command: 'ls -l ⟦evt.arg.linkpath⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -l ⟦evt.arg.linkpath⟧' },
    { title: 'Inspect the link inside the container', command: 'crictl exec ⟦container.id⟧ ls -l ⟦evt.arg.linkpath⟧' },
    fx.procByName,
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => [...baseNotes(alert), ...sensitiveFileNotes(alert, 'evt.arg.target'), ...parentNotes(alert)],
};

const hardlinkSensitive: Playbook = {
  id: 'fs-hardlink-over-sensitive-files',
  title: 'Create Hardlink Over Sensitive Files',
  rules: ['Create Hardlink Over Sensitive Files'],
  family: 'filesystem',
  detects:
    'A link or linkat call whose existing path (evt.arg.oldpath) is one of sensitive_file_names: /etc/shadow, /etc/sudoers, /etc/pam.conf or /etc/security/pwquality.conf. The result of the call is not checked, so refused attempts alert too.',
  whyItMatters:
    'A hard link is the same inode under a second name: it survives renames of the original, escapes monitoring that watches the original path, and in a writable directory lets a privileged program that changes ownership or mode of "its" file be steered into changing /etc/shadow itself.',
  benignCauses: [
    'Backup, snapshot or deduplication tools that hard-link unchanged files (rsnapshot, cp -al, rsync --link-dest) including /etc.',
    'Package or image tooling that hard-links identical files while building a filesystem tree.',
  ],
  distinguish: [
    'evt.arg.newpath: inside a backup or snapshot tree fits tooling; in /tmp, a home directory or a web root does not.',
    'proc.name and proc.cmdline: rsnapshot, cp -al or rsync versus ln run by hand or from an unexpected parent.',
    'user.uid: with fs.protected_hardlinks=1 (the default on current distributions) an unprivileged user cannot link a file it neither owns nor can write, so a non-root actor points to a refused attempt.',
  ],
  mitigations: {
    immediate: ['Record every name of the inode (find / -xdev -samefile /etc/shadow) and remove the unexpected links.'],
    shortTerm: ['Verify fs.protected_hardlinks=1 on every node (sysctl fs.protected_hardlinks).'],
    longTerm: [
      'Keep world-writable trees (/tmp, /var/tmp, /home) on filesystems separate from /etc: hard links cannot cross filesystems.',
    ],
  },
  investigate: [
    { title: 'Find every hard link to the same file on its filesystem', command: 'find / -xdev -samefile ⟦evt.arg.oldpath⟧', inContainer: 'crictl exec ⟦container.id⟧ find / -xdev -samefile ⟦evt.arg.oldpath⟧' },
    { title: 'Check that unprivileged hard links are blocked', command: 'sysctl fs.protected_hardlinks' },
    fx.procByName,
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'user.name'],
  observe: (alert) => [...baseNotes(alert), ...sensitiveFileNotes(alert, 'evt.arg.oldpath')],
};

const PRIVATE_KEY = /\/id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;

function sshFileNotes(file: string | undefined): string[] {
  if (file === undefined) return [];
  if (PRIVATE_KEY.test(file)) return [`fd.name=${file} is a private key: whoever read it can log in wherever the matching public key is trusted.`];
  if (file.endsWith('.pub')) return [`fd.name=${file} is a public key, which is not secret.`];
  if (file.endsWith('/known_hosts')) return [`fd.name=${file} lists hosts this account connects to: a target list for lateral movement.`];
  if (file.endsWith('/authorized_keys')) return [`fd.name=${file} shows which keys may log in to this account.`];
  return [];
}

const readSshInformation: Playbook = {
  id: 'fs-read-ssh-information',
  title: 'Read ssh information',
  rules: ['Read ssh information'],
  family: 'filesystem',
  detects:
    'A file or directory under /root/.ssh or a /home/*/.ssh/ directory opened for reading by a program that is not one of the OpenSSH tools in ssh_binaries (ssh, sshd, scp, sftp, ssh-agent, ssh-add, ssh-keygen and similar).',
  whyItMatters:
    'Private keys (id_rsa, id_ed25519) give passwordless access to every host and Git remote that trusts them; known_hosts and config list those hosts. Harvesting .ssh is a standard step before lateral movement.',
  benignCauses: [
    'git, Ansible or other automation reading keys or config through libraries instead of the ssh binary (libssh2, paramiko).',
    'Backup agents and file-integrity tools walking home directories.',
    'Users running ls, cat or an editor on their own .ssh files, for example to copy a public key.',
  ],
  distinguish: [
    'fd.name: a .pub file or a directory listing is low value; id_rsa or id_ed25519 opened by an unexpected program is credential theft until shown otherwise.',
    'proc.name and proc.pcmdline: a known automation or backup tool versus cat, tar, curl or an interpreter started from a web or application process.',
    'user.loginuid and proc.tty: the account owner at a terminal versus a service account or root without a session.',
  ],
  mitigations: {
    immediate: ['If a private key was read without explanation, record where its public half is trusted, then take it out of every authorized_keys and Git host that trusts it and issue a new key.'],
    shortTerm: ['Protect keys with passphrases and an agent, or move them to hardware tokens (sk-ed25519) so a copied file is useless.'],
    longTerm: ['Replace long-lived keys with short-lived SSH certificates or a brokered access service, and never mount home or .ssh directories into containers.'],
  },
  investigate: [
    { title: 'List the directory with timestamps', command: 'ls -la --time-style=full-iso ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso ⟦fd.name⟧' },
    fx.procByName,
    fx.loginUser,
    fx.auditFile,
  ],
  tuningFields: ['proc.name', 'user.name', 'proc.pname'],
  observe: (alert) => [...baseNotes(alert), ...sshFileNotes(fieldText(alert, 'fd.name')), ...exeLocationNotes(alert), ...parentNotes(alert)],
};

const searchPrivateKeys: Playbook = {
  id: 'fs-search-private-keys-or-passwords',
  title: 'Search Private Keys or Passwords',
  rules: ['Search Private Keys or Passwords'],
  family: 'filesystem',
  detects:
    'Execution of grep, egrep or fgrep with a private-key header among its arguments (BEGIN PRIVATE, BEGIN OPENSSH PRIVATE, BEGIN RSA, DSA or EC PRIVATE, any case), or of find with id_rsa, id_dsa, id_ed25519 or id_ecdsa in its arguments. Broader words (pass, ssh, user) only count if the grep_more macro is switched on.',
  whyItMatters:
    'Sweeping a filesystem for key material is credential hunting: keys left in source trees, images, mounted volumes or home directories lead straight to other hosts, Git remotes and cloud accounts.',
  benignCauses: [
    'Secret-scanning scripts in CI or pre-commit hooks built on grep.',
    'An administrator auditing where keys are stored, or certificate tooling checking PEM files.',
  ],
  distinguish: [
    'proc.cmdline: a search scoped to one repository or config directory versus a recursive sweep of /, /home, /var or mounted volumes.',
    'proc.pname and the process chain: a CI runner or admin shell (proc.tty set, user.loginuid of a person) versus a web server, interpreter or reverse shell.',
    'container.id: a search inside a production application container is rarely legitimate.',
  ],
  mitigations: {
    immediate: ['Find and rotate every private key reachable from where the search ran; assume any found key was taken.'],
    shortTerm: ['Keep plaintext keys out of images, repositories and volumes; inject them from a secret store at runtime with narrow file permissions.'],
    longTerm: ['Prefer short-lived credentials (SSH certificates, workload identity) so a found file expires quickly.'],
  },
  investigate: [
    {
      title: 'List private-key files a search in the container could have found',
      command: "crictl exec ⟦container.id⟧ find / -xdev -type f -name 'id_*' -not -name '*.pub'",
    },
    fx.procByName,
    fx.loginUser,
    cmd.containerInspect,
  ],
  tuningFields: ['proc.pname', 'container.image.repository', 'user.name'],
  observe: (alert) => [...baseNotes(alert), ...parentNotes(alert)],
};

const readProcEnviron: Playbook = {
  id: 'fs-read-proc-environ',
  title: 'Read environment variable from /proc files',
  rules: ['Read environment variable from /proc files'],
  family: 'filesystem',
  detects:
    'Inside a container, a process opens a /proc/<pid>/environ file for reading, unless its name is in known_binaries_to_read_environment_variables_from_proc_files (scsi_id and argoexec by default).',
  whyItMatters:
    'Containers commonly receive secrets as environment variables (database passwords, API tokens, cloud keys from env or envFrom). Reading other processes\' environ files harvests all of them at once, without touching the secret store.',
  benignCauses: [
    'ps with the e option, debuggers and profilers that show a process environment.',
    'Monitoring or APM agents that read environments to tag processes.',
    'Entrypoint or cron wrappers that copy PID 1\'s environment (/proc/1/environ) into child jobs.',
  ],
  distinguish: [
    'fd.name: /proc/self/environ is the process reading its own environment; /proc/1/environ or other PIDs is reading someone else\'s.',
    'proc.name and proc.pname: a known agent or the image\'s own wrapper script versus cat, strings or an interpreter in an interactive session (proc.tty set).',
    'proc.aname[2] to proc.aname[4]: a chain leading back to kubectl exec (runc) or to the application process.',
  ],
  mitigations: {
    immediate: ['Rotate the secrets present in that container\'s environment (see the env and envFrom sections of the pod spec).'],
    shortTerm: ['Deliver secrets as mounted files with tight permissions instead of environment variables.'],
    longTerm: ['Run sidecars and the application under different users and keep shareProcessNamespace off, so one process cannot read another\'s environ.'],
  },
  investigate: [cmd.containerProcesses, cmd.podSpec, fx.procByName],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'known_binaries_to_read_environment_variables_from_proc_files',
    field: 'proc.name',
    note: 'Append the name of an agent or wrapper that must read process environments by design, not a shell or generic tool.',
  },
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    if (file === '/proc/self/environ' || file === '/proc/thread-self/environ') {
      notes.push(`fd.name=${file}: the process read its own environment, which exposes nothing it did not already have.`);
    } else if (file === '/proc/1/environ') {
      notes.push('fd.name=/proc/1/environ: the environment of the container\'s main process, where injected secrets live.');
    }
    return [...notes, ...parentNotes(alert)];
  },
};

const HISTORY = /(history|_history)$/;

const readShellConfig: Playbook = {
  id: 'fs-read-shell-config',
  title: 'Read Shell Configuration File',
  rules: ['Read Shell Configuration File'],
  family: 'filesystem',
  detects:
    'A program that is not a shell (shell_binaries) opens a shell startup or history file for reading: bash, csh and zsh dotfiles such as .bashrc, .profile, .bash_history, .zshrc or .history, the files /etc/profile, /etc/bashrc, /etc/csh.cshrc and /etc/csh.login, or anything in /etc/zsh.',
  whyItMatters:
    'History files keep typed commands, including passwords and tokens passed on command lines and the hosts an account reaches; startup files reveal exported variables and aliases, and are the files an intruder studies before planting persistence in them.',
  benignCauses: [
    'Editors, dotfile managers and backup tools opening these files.',
    'Terminal multiplexers, IDE remote agents or login tooling that source or parse profiles.',
  ],
  distinguish: [
    'fd.name: a history file read by a non-shell is more interesting than a profile read.',
    'proc.name and proc.pname: an editor or backup agent versus cat, grep, tar or an interpreter run from a service.',
    'user.name against the owner of the file\'s home directory: reading another user\'s or root\'s files is the red flag.',
  ],
  mitigations: {
    immediate: ['If a history file was read by an unexplained process, review it for secrets and rotate any it contains.'],
    shortTerm: ['Keep secrets off command lines (use files or prompts) and set HISTCONTROL=ignorespace for administrative accounts.'],
    longTerm: ['Keep production containers free of interactive shells and persistent home directories.'],
  },
  investigate: [
    { title: 'Owner, mode and timestamps of the file', command: 'ls -la --time-style=full-iso ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso ⟦fd.name⟧' },
    fx.procByName,
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'user.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    if (file !== undefined && HISTORY.test(file)) notes.push(`fd.name=${file} is a command history file.`);
    return [...notes, ...parentNotes(alert)];
  },
};

export const SENSITIVE_FILE_PLAYBOOKS: Playbook[] = [
  readSensitiveUntrusted,
  readSensitiveTrusted,
  directoryTraversal,
  symlinkSensitive,
  hardlinkSensitive,
  readSshInformation,
  searchPrivateKeys,
  readProcEnviron,
  readShellConfig,
];
