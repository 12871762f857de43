import type { Alert } from '../../../model';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Playbook } from '../../types';
import { baseNotes, fx } from './helpers';
import { exeLocationNotes, parentNotes } from './observe';
import { SHELLS } from '../../lists';

/** Persistence, anti-forensics and impact through files: keys, cron, shell startup, logs, history, wiping. */

/** proc.name, or the first word of proc.cmdline when older outputs lack proc.name. */
function processName(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  if (name !== undefined) return name;
  const first = fieldText(alert, 'proc.cmdline')?.trim().split(/\s+/)[0];
  return first?.slice(first.lastIndexOf('/') + 1);
}

const authorizedKeys: Playbook = {
  id: 'fs-ssh-authorized-keys-write',
  title: 'Adding ssh keys to authorized_keys',
  rules: ['Adding ssh keys to authorized_keys'],
  family: 'filesystem',
  detects:
    'A file whose name ends in authorized_keys, under /root/.ssh or a /home/*/.ssh/ directory, opened for writing by a program that is not one of the OpenSSH tools in ssh_binaries.',
  whyItMatters:
    'One line in authorized_keys gives the key holder a login as that account whenever they like, surviving password resets and reboots. For /root/.ssh it is a root backdoor.',
  benignCauses: [
    'Cloud provisioning agents injecting keys (cloud-init, the Google guest agent, EC2 Instance Connect, the Azure agent).',
    'Configuration management distributing keys (Ansible\'s authorized_key module runs as python).',
    'ssh-copy-id (a shell script) or an administrator editing the file by hand.',
  ],
  distinguish: [
    'proc.name and proc.cmdline: a provisioning agent or configuration run versus echo or cat redirections from a shell, curl, or an interpreter started by a service.',
    'The key itself: a comment and fingerprint that match your key inventory versus an unknown key, often with a generic or empty comment.',
    'user.loginuid and proc.tty: the account owner adding their own key interactively versus an unattended process writing to root\'s file.',
  ],
  mitigations: {
    immediate: [
      'Copy the file aside, compare every key in it with your approved list and remove unknown ones; search the SSH logs (Accepted publickey) for logins made with them.',
    ],
    shortTerm: [
      'Move authorized keys to a root-owned location users cannot write (AuthorizedKeysFile /etc/ssh/authorized_keys/%u) and manage it centrally.',
    ],
    longTerm: ['Replace static keys with SSH certificates, OS Login or a session manager, and disable root SSH login (PermitRootLogin no).'],
  },
  investigate: [
    { title: 'Fingerprint and comment of every key in the file', command: 'ssh-keygen -lf ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ssh-keygen -lf ⟦fd.name⟧' },
    fx.fileStat,
    fx.loginUser,
    fx.recentLogins,
  ],
  tuningFields: ['proc.name', 'proc.pname'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    if (file?.startsWith('/root/.ssh/')) notes.push(`fd.name=${file}: a key added here allows direct SSH login as root wherever PermitRootLogin allows it.`);
    return [...notes, ...exeLocationNotes(alert), ...parentNotes(alert)];
  },
};

const scheduleCron: Playbook = {
  id: 'fs-schedule-cron-jobs',
  title: 'Schedule Cron Jobs',
  rules: ['Schedule Cron Jobs'],
  family: 'filesystem',
  detects:
    'Either a file whose path starts with /etc/cron (crontab, cron.d, cron.daily and the rest) opened for writing, or any execution of the crontab program, including crontab -l which only lists jobs.',
  whyItMatters:
    'Cron runs commands again and again with the owner\'s privileges, so a planted job (a downloader, a reverse shell, a miner restart) brings the intruder back after process kills and reboots.',
  benignCauses: [
    'Package installs and upgrades adding their maintenance jobs (logrotate, certbot, sysstat); the rule has no package-manager exception.',
    'Administrators running crontab -e or crontab -l, and configuration management managing cron files.',
  ],
  distinguish: [
    'proc.cmdline: crontab -l is read-only; crontab -e, crontab <file> or a write to /etc/cron.d changes what runs.',
    'fd.name and the job content: a job fetching scripts from the Internet (curl or wget piped to sh), running from /tmp or /dev/shm, or with an encoded payload is malicious.',
    'proc.pname and user.loginuid: a package manager or a named administrator versus a service process or a shell reached through an application.',
  ],
  mitigations: {
    immediate: ['Copy the changed cron file or the user\'s crontab aside and record the processes its entries started, then remove unknown entries and kill those processes.'],
    shortTerm: ['Restrict crontab use with /etc/cron.allow and manage system cron files through configuration management.'],
    longTerm: ['Do not run cron inside application containers; use Kubernetes CronJobs defined in version control.'],
  },
  investigate: [
    {
      title: 'List system cron files with timestamps',
      command: 'ls -la --time-style=full-iso /etc/crontab /etc/cron.d /etc/cron.hourly /etc/cron.daily', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso /etc/crontab /etc/cron.d /etc/cron.hourly /etc/cron.daily',
    },
    { title: 'Show the acting user\'s crontab', command: 'crontab -l -u ⟦user.name⟧', inContainer: 'crictl exec ⟦container.id⟧ crontab -l -u ⟦user.name⟧' },
    { title: 'Read the written cron file', command: 'cat ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ cat ⟦fd.name⟧' },
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'proc.pname', 'user.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const cmdline = fieldText(alert, 'proc.cmdline');
    if (cmdline !== undefined && /^\S*crontab\s+(-u\s+\S+\s+)?-l\s*$/.test(cmdline)) {
      notes.push('proc.cmdline only lists a crontab (crontab -l); nothing was scheduled by this command.');
    }
    return [...notes, ...parentNotes(alert)];
  },
};

const modifyShellConfig: Playbook = {
  id: 'fs-modify-shell-config',
  title: 'Modify Shell Configuration File',
  rules: ['Modify Shell Configuration File'],
  family: 'filesystem',
  detects:
    'A program that is not a shell opens a shell startup or history file for writing: bash, csh and zsh dotfiles (.bashrc, .profile, .bash_history, .zshrc, .cshrc ...), /etc/profile, /etc/bashrc, /etc/csh.cshrc, /etc/csh.login or anything in /etc/zsh. Docker save helpers are excluded.',
  whyItMatters:
    'Startup files run at every login or new shell, so a line added there re-launches malware, exports a hostile LD_PRELOAD or PATH, or wraps sudo with an alias to capture passwords.',
  benignCauses: [
    'Installers that append PATH or init lines (nvm, rustup, conda init, sdkman).',
    'useradd or adduser copying /etc/skel files into a new home directory.',
    'Users editing their own dotfiles, and dotfile managers.',
  ],
  distinguish: [
    'The added content: PATH or tool-init lines versus downloads, encoded commands, LD_PRELOAD, or aliases for sudo, ssh or su.',
    'proc.name and proc.pcmdline: an editor, installer or account tool versus echo or cat redirection from a shell reached through a service, or an interpreter.',
    'fd.name against user.name: changing another user\'s or root\'s files, or the system-wide /etc/profile, is the serious case.',
  ],
  mitigations: {
    immediate: ['Copy the file aside, review its end for newly added lines and remove unknown ones before anyone opens a new shell.'],
    shortTerm: ['Make system-wide startup files root-owned and managed by configuration management; check home dotfiles during incident sweeps.'],
    longTerm: ['Keep interactive shells out of production containers and use short-lived, audited access to nodes.'],
  },
  investigate: [
    { title: 'Show the end of the file, where appended lines land', command: 'tail -n 30 ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ tail -n 30 ⟦fd.name⟧' },
    fx.fileStat,
    fx.procByName,
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'proc.pname', 'user.name'],
  observe: (alert) => [...baseNotes(alert), ...exeLocationNotes(alert), ...parentNotes(alert)],
};

const clearLogs: Playbook = {
  id: 'fs-clear-log-activities',
  title: 'Clear Log Activities',
  rules: ['Clear Log Activities'],
  family: 'filesystem',
  detects:
    'A log file opened for writing with O_TRUNC, where the file sits directly in /var/log or /dev/log, or is named syslog, auth.log, secure, kern.log, cron, user.log, dpkg.log, last.log, yum.log, access_log, mysql.log or mysqld.log. containerd snapshot work and a few logging images (fluentd variants, azure-npm) are excluded.',
  whyItMatters:
    'Truncating auth.log, secure or syslog erases the record of logins, sudo use and errors that an investigation depends on; it is a standard clean-up step after an intrusion.',
  benignCauses: [
    'logrotate with the copytruncate option, which empties a log in place after copying it.',
    'An administrator emptying a large log to free disk space.',
    'Applications that truncate their own log when they start.',
  ],
  distinguish: [
    'proc.name: logrotate, at the usual daily rotation time, versus a shell, truncate, cat or an interpreter.',
    'fd.name: security logs (auth.log, secure, syslog) truncated outside rotation are the serious case; an application\'s own log is less so.',
    'user.loginuid and proc.tty: a named administrator at a terminal versus a session that also shows other suspicious alerts.',
  ],
  mitigations: {
    immediate: ['Retrieve the same period from your central log store or journald (journalctl) to recover what the file held.'],
    shortTerm: ['Forward logs off the host in real time (rsyslog or journald to a central collector) so local truncation loses nothing.'],
    longTerm: ['Keep security logs in append-only or immutable central storage, and set chattr +a on critical local logs where rotation allows.'],
  },
  investigate: [
    { title: 'Size and timestamps of the truncated log', command: 'ls -la --time-style=full-iso ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso ⟦fd.name⟧' },
    { title: 'Recover recent events from the journal', command: 'journalctl --since=⟦@journal-2h⟧ --until=⟦@journal+10m⟧ -o short-iso', where: 'host' },
    { title: 'Find logrotate configurations that truncate in place', command: 'grep -rl copytruncate /etc/logrotate.conf /etc/logrotate.d', inContainer: 'crictl exec ⟦container.id⟧ grep -rl copytruncate /etc/logrotate.conf /etc/logrotate.d' },
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    if (fieldText(alert, 'proc.name') === 'logrotate') {
      notes.push('proc.name=logrotate: log rotation with copytruncate empties logs in place; check the matching /etc/logrotate.d entry.');
    }
    return [...notes, ...parentNotes(alert)];
  },
};

const deleteShellHistory: Playbook = {
  id: 'fs-delete-shell-history',
  title: 'Delete or rename shell history',
  // "Delete Bash History" was the older rule for the same behaviour, with the same output text.
  rules: ['Delete or rename shell history', 'Delete Bash History'],
  family: 'filesystem',
  detects:
    'A rename, rmdir, unlink, unlinkat or O_TRUNC open of a file ending in ash_history, zsh_history or fish_history (or containing fish_read_history), outside /var/lib/docker and Docker binaries.',
  whyItMatters:
    'Deleting, truncating or redirecting shell history (e.g. a link to /dev/null) erases what an intruder typed.',
  benignCauses: [
    'Shells rewriting their own history: bash truncates past HISTFILESIZE; zsh and fish save through a temporary file and a rename.',
    'Users clearing their history, and account removal (userdel -r).',
  ],
  distinguish: [
    'proc.name and evt.type: the shell renaming or truncating its history is routine; rm, shred, unlink or ln run separately is deliberate removal.',
    'proc.cmdline: history -c, rm or shred of the file, ln -sf /dev/null or unset HISTFILE are clean-up.',
    'Other alerts in the same session (user.loginuid, proc.tty): clean-up after suspicious activity is an intruder covering tracks.',
  ],
  mitigations: {
    immediate: ['Recover what you can from backups, process accounting or session recordings.'],
    shortTerm: ['Record admin sessions centrally (auditd execve rules, tlog, a session manager).'],
    longTerm: ['Use a bastion that logs commands off the host.'],
  },
  investigate: [fx.loginUser, fx.recentLogins, fx.procByName],
  tuningFields: ['proc.name', 'user.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const name = processName(alert);
    const path = ['evt.arg.path', 'evt.arg.name', 'evt.arg.oldpath', 'fd.name']
      .map((f) => fieldText(alert, f))
      .find((v) => v !== undefined);
    if (path?.endsWith('_history.LOCK')) {
      notes.push(`${path} is zsh's history lock file, removed each time zsh saves history; the current rule matches only names ending in the history file name, so an older rule version raised this routine alert.`);
    } else if (name !== undefined && SHELLS.has(name)) {
      notes.push(`The shell itself (${name}) changed its history file; shells trim and rewrite their own history routinely.`);
    }
    return notes;
  },
};

const removeBulkData: Playbook = {
  id: 'fs-remove-bulk-data',
  title: 'Remove Bulk Data from Disk',
  rules: ['Remove Bulk Data from Disk'],
  family: 'filesystem',
  detects:
    'Execution of shred, mkfs or mke2fs (data_remove_commands). Only those exact process names count: mkfs.ext4 or mkfs.xfs started directly do not match.',
  whyItMatters:
    'shred overwrites files so they cannot be recovered, and formatting a device wipes a whole filesystem: destruction of data or evidence, as seen in wiper and extortion attacks.',
  benignCauses: [
    'Provisioning new disks (administrators, cloud-init disk setup, storage drivers formatting volumes).',
    'Secure deletion of sensitive files or media before decommissioning.',
  ],
  distinguish: [
    'proc.cmdline: a new, empty device or a scratch file versus a mounted data volume, a database directory or logs.',
    'proc.pname and user.loginuid: a provisioning agent or a named administrator with a change ticket versus a process chain from a service or an unexpected session.',
  ],
  mitigations: {
    immediate: ['If unplanned, snapshot the affected volumes, record its command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then stop the process before more is lost.'],
    shortTerm: ['Check backups of the affected data and restore; confirm snapshots are immutable or held outside the account.'],
    longTerm: ['Keep block devices out of containers (no privileged pods, no device mounts) and use immutable, off-host backups.'],
  },
  investigate: [
    { title: 'Show devices and filesystem signatures, to see what was formatted', command: 'lsblk -f' },
    fx.procByName,
    fx.loginUser,
    cmd.containerInspect,
  ],
  tuningFields: ['proc.pname', 'user.name', 'container.image.repository'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const cmdline = fieldText(alert, 'proc.cmdline');
    const dev = cmdline?.match(/\/dev\/\S+/)?.[0];
    if (dev !== undefined) notes.push(`proc.cmdline targets the device ${dev}: its whole content is at stake, not single files.`);
    return [...notes, ...parentNotes(alert)];
  },
};

const sudoBaronSamedit: Playbook = {
  id: 'fs-sudo-cve-2021-3156',
  title: 'Sudo Potential Privilege Escalation',
  rules: ['Sudo Potential Privilege Escalation'],
  family: 'filesystem',
  detects:
    'Execution of sudo or sudoedit with -s, -i or --login whose arguments contain a backslash followed by a space or end with a backslash, by a user whose login uid is not 0. That combination is the trigger of CVE-2021-3156 (Baron Samedit), a heap overflow in sudo\'s argument parsing.',
  whyItMatters:
    'On a vulnerable sudo (before 1.9.5p2) any local user, even one with no sudo rights, can get root through this overflow.',
  benignCauses: ['Vulnerability checks or proof-of-concept runs by your own security team.'],
  distinguish: [
    'proc.cmdline: long runs of repeated characters after the backslash are exploit payloads; a single stray escape is more likely a typo.',
    'user.name and user.loginuid: a member of the security team during an agreed test versus a service account or web user.',
    'What follows: a root shell or new root processes from the same session soon after means it worked.',
  ],
  mitigations: {
    immediate: ['Check the sudo version on the host and, if vulnerable, treat the host as root-compromised.'],
    shortTerm: ['Upgrade sudo to 1.9.5p2 or later (or the distribution\'s patched build) on every host and image.'],
    longTerm: ['Keep sudo out of container images and track setuid binaries in vulnerability scanning.'],
  },
  investigate: [
    { title: 'Show the installed sudo version', command: 'sudo -V' },
    { title: 'Show the package build, to compare with the vendor advisory', command: 'rpm -q sudo || dpkg -s sudo', inContainer: 'crictl exec ⟦container.id⟧ rpm -q sudo || crictl exec ⟦container.id⟧ dpkg -s sudo' },
    fx.loginUser,
    { title: 'Read recent sudo activity from the journal', command: 'journalctl _COMM=sudo --since=⟦@journal-2h⟧ --until=⟦@journal+1h⟧', where: 'host' },
  ],
  tuningFields: ['user.name', 'proc.pname'],
  observe: (alert) => baseNotes(alert),
};

export const PERSISTENCE_PLAYBOOKS: Playbook[] = [
  authorizedKeys,
  scheduleCron,
  modifyShellConfig,
  clearLogs,
  deleteShellHistory,
  removeBulkData,
  sudoBaronSamedit,
];
