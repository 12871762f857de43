import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Alert } from '../../../model';
import type { CommandTemplate, Playbook } from '../../types';
import { baseNotes, fx } from './helpers';
import { exeLocationNotes, parentNotes } from './observe';

/** Writes into system locations: /, /root, binary and library directories, /etc, /dev, package databases. */

const packageOwner: CommandTemplate = {
  title: 'Check whether a package owns the file and whether it still matches the package (host)',
  // dpkg -S only names the owner; dpkg --verify of that package is what compares the file.
  command: 'rpm -Vf ⟦fd.name⟧ || { dpkg -S ⟦fd.name⟧ && dpkg --verify "$(dpkg -S ⟦fd.name⟧ | cut -d: -f1)"; }',
  inContainer:
    'crictl exec ⟦container.id⟧ rpm -Vf ⟦fd.name⟧ || { crictl exec ⟦container.id⟧ dpkg -S ⟦fd.name⟧ && crictl exec ⟦container.id⟧ dpkg --verify "$(crictl exec ⟦container.id⟧ dpkg -S ⟦fd.name⟧ | cut -d: -f1)"; }',
};

const fileHash: CommandTemplate = {
  title: 'Hash the file so it can be looked up and compared across nodes',
  command: 'sha256sum ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ sha256sum ⟦fd.name⟧',
};

/** The "who wrote it" test, naming only the process fields the rule prints. */
const packageChain = (fields: string): string =>
  `${fields}: a package manager, configuration management or installer in the chain is maintenance; curl, wget, a shell or an interpreter under a service is not.`;

const CORE_TOOLS = new Set([
  'ls', 'ps', 'ss', 'netstat', 'top', 'find', 'lsof', 'sshd', 'ssh', 'sudo', 'su', 'login', 'passwd', 'crontab', 'bash', 'sh', 'kubectl',
]);

const dotfileNote = (alert: Alert): string[] => {
  const file = fieldText(alert, 'fd.name');
  if (file === undefined) return [];
  if (/^\/root\/\.(bashrc|profile|bash_profile|bash_login|zshrc|zprofile)$/.test(file)) {
    return [`fd.name=${file} runs every time root starts a login or interactive shell: a persistence point.`];
  }
  return [];
};

const FALCO_IMAGES = /(^|\/)falcosecurity\/falco(-no-driver)?$/;

const writeBelowRoot: Playbook = {
  id: 'fs-write-below-root',
  title: 'Write below root',
  rules: ['Write below root'],
  family: 'filesystem',
  detects:
    'A file opened for writing directly in / or under /root/, except known_root_files, known_root_directories (including /root/.ssh), tool caches in known_root_conditions (/root/.cache, .npm, .m2, .gradle...) and some named applications, such as kubectl writing /root/.kube.',
  whyItMatters:
    '/ and root\'s home are favourite drop points in root containers, and root\'s shell startup files run attacker code at the next administrator shell. Applications rarely write here.',
  benignCauses: [
    'Root applications in a container keeping state, locks or config in / or /root (under /root/.config or /root/.local, not in the lists).',
    'Liveness or readiness probes touching a marker file at the root (/healthy, /ready).',
    'Build or CI containers writing tool caches into root\'s home.',
  ],
  distinguish: [
    'fd.name: a shell startup file (/root/.bashrc, /root/.profile) or an executable payload is serious; the application\'s state, lock or cache file is not.',
    'proc.name and proc.cmdline: the image\'s own process, or touch, curl, wget or a shell from kubectl exec (proc.pname runc) or the application.',
    'container.image.repository: the same write in every replica from startup is behaviour; one pod writing once is an event.',
  ],
  mitigations: {
    immediate: ['Copy the file out for analysis (hash it, check if it is executable), then remove it if it is not the application\'s.'],
    shortTerm: ['For a confirmed application file, add its exact path to known_root_files (or its directory to known_root_directories) instead of disabling the rule.'],
    longTerm: ['Run containers as non-root with readOnlyRootFilesystem: true, with an emptyDir only where the application must write.'],
  },
  investigate: [fx.fileStatInContainer, fx.dockerDiff, fx.procByName, cmd.containerInspect],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'known_root_files',
    field: 'fd.name',
    note: 'Append an exact path that a trusted application always writes at / or under /root; use known_root_directories for a whole directory.',
  },
  observe: (alert) => {
    const notes = [...baseNotes(alert), ...dotfileNote(alert), ...parentNotes(alert)];
    const image = fieldText(alert, 'container.image.repository');
    if (image !== undefined && FALCO_IMAGES.test(image)) {
      notes.push(`container.image.repository=${image}: the write happened inside Falco's own container, which Falco does not do itself; find who exec'd into the pod (operators often do this to test rules).`);
    }
    return notes;
  },
};

const writeBelowBinaryDir: Playbook = {
  id: 'fs-write-below-binary-dir',
  title: 'Write below binary dir',
  rules: ['Write below binary dir'],
  family: 'filesystem',
  detects:
    'A program other than a package manager (package_mgmt_binaries) writes directly in /bin, /sbin, /usr/bin or /usr/sbin; Docker save helpers, python get-pip.py and Azure agent scripts (/var/lib/waagent/) are excluded.',
  whyItMatters:
    'Everyone runs these files by name: replacing ps, ls, ss or sshd hides an intruder or captures credentials; a new file plants a tool in a trusted place (and, in a container, drifts from the image).',
  benignCauses: [
    'Manual or make install into /usr, and vendor installers copying binaries there.',
    'Configuration management (Ansible, Salt, scripts) deploying a binary.',
    'Container entrypoints downloading a tool (kubectl, jq) into /usr/bin.',
  ],
  distinguish: [
    'fd.name: overwriting a system tool is far worse than adding a new, clearly named file.',
    packageChain('proc.name, proc.pcmdline and proc.aname[2]'),
    'Package verification: rpm -Vf or dpkg --verify flags a replaced packaged binary; a file no package owns was added by hand or by an intruder.',
  ],
  mitigations: {
    immediate: [
      'Preserve and hash the file; if it replaced a packaged tool, reinstall the package from a trusted repository or rebuild the node.',
    ],
    shortTerm: ['Use readOnlyRootFilesystem for containers; install all tools at image build time.'],
    longTerm: ['On nodes, prefer an immutable OS (Bottlerocket, Flatcar, Talos) or a read-only /usr.'],
  },
  investigate: [packageOwner, fileHash, fx.procByName, fx.dockerDiff],
  tuningFields: ['proc.name', 'proc.pname', 'container.image.repository'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    const base = file?.slice(file.lastIndexOf('/') + 1);
    if (base !== undefined && CORE_TOOLS.has(base)) {
      notes.push(`fd.name=${file} is a standard system tool: replacing it is how rootkits hide processes, connections or files, or capture credentials.`);
    }
    return [...notes, ...exeLocationNotes(alert), ...parentNotes(alert)];
  },
};

const CRITICAL_ETC: Array<[RegExp, string]> = [
  [/^\/etc\/ld\.so\.preload$/, 'makes every dynamically linked program load the listed library: a classic userland rootkit hook'],
  [/^\/etc\/(passwd|shadow|group|gshadow)$/, 'defines accounts and password hashes: a new uid 0 entry is an instant root backdoor'],
  [/^\/etc\/sudoers(\.d\/.*)?$/, 'grants sudo rights'],
  [/^\/etc\/(crontab|cron\.[a-z]+\/.*)$/, 'schedules commands run by cron'],
  [/^\/etc\/ssh\/sshd_config(\.d\/.*)?$/, 'configures the SSH server (allowed users, keys, root login)'],
  [/^\/etc\/pam\.d\//, 'is part of the PAM authentication stack'],
  [/^\/etc\/(profile|bash\.bashrc|bashrc)$|^\/etc\/profile\.d\//, 'runs in every login shell'],
  [/^\/etc\/(hosts|resolv\.conf)$/, 'controls name resolution and can redirect traffic'],
  [/^\/etc\/systemd\/system\//, 'defines system services started at boot'],
];

const writeBelowEtc: Playbook = {
  id: 'fs-write-below-etc',
  title: 'Write below etc',
  rules: ['Write below etc'],
  family: 'filesystem',
  detects:
    'A file under /etc/ opened for writing by a program outside the long exemption list of write_etc_common (account tools, package managers, certificate, DHCP and mail tooling, systemd, puppet, falcoctl and many more) and outside its dozens of named conditions (Ansible, Chef, Calico, Istio, NetworkManager and others), and not in the safe_etc_dirs paths.',
  whyItMatters:
    '/etc decides who can log in and as what (passwd, shadow, sudoers, pam.d), what runs on a schedule or at boot (cron, systemd), what every program loads (ld.so.preload) and where names resolve. A write here is how an intruder keeps access or raises privileges.',
  benignCauses: [
    'Entrypoint scripts templating configuration into /etc at container start (envsubst into an nginx or app config).',
    'Configuration management or agents that the exceptions do not name.',
    'Administrators editing configuration by hand.',
  ],
  distinguish: [
    'fd.name: account, sudo, PAM, ld.so.preload, cron and sshd files are high-risk; an application\'s own config directory is routine.',
    packageChain('proc.name, proc.pcmdline and proc.aname[2]'),
    'Timing: templating happens right after the container starts; a write to a long-running container hours later needs an explanation.',
  ],
  mitigations: {
    immediate: ['Copy the file aside, diff it against the package or image version, then revert unknown changes (new accounts, sudo rules, preload libraries, cron entries).'],
    shortTerm: ['Render configuration at build time or mount it from ConfigMaps read-only, and add precise exceptions for the confirmed writer and path.'],
    longTerm: ['Run containers with readOnlyRootFilesystem and manage node /etc only through configuration management, with drift reports.'],
  },
  investigate: [packageOwner, fx.fileStatInContainer, fx.procByName, fx.dockerDiff],
  tuningFields: ['proc.name', 'container.image.repository', 'proc.pname'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    const hit = file === undefined ? undefined : CRITICAL_ETC.find(([re]) => re.test(file));
    if (hit) notes.push(`fd.name=${file} ${hit[1]}.`);
    return [...notes, ...parentNotes(alert)];
  },
};

const writeBelowMonitoredDir: Playbook = {
  id: 'fs-write-below-monitored-dir',
  title: 'Write below monitored dir',
  rules: ['Write below monitored dir'],
  family: 'filesystem',
  detects:
    'A file opened for writing directly in one of monitored_directories (/boot, /lib, /lib64, /usr/lib, /usr/local/lib, /usr/local/bin, /usr/local/sbin, /root/.ssh) or anywhere under a /home/*/.ssh/ directory, by a program that is not a package manager. Exceptions cover initramfs tools writing /boot, cloud-init, the Google accounts daemon and CoreOS update-ssh-keys writing SSH directories.',
  whyItMatters:
    'Libraries in /lib and /usr/lib are loaded by every program, /boot decides what kernel and initramfs run next boot, /usr/local/bin usually comes first in PATH so a file there shadows the system tool, and .ssh directories hold the keys that grant logins.',
  benignCauses: [
    'make install, pip or vendor installers placing files in /usr/local.',
    'ssh-keygen or a user editing files in their own .ssh directory.',
    'Kernel or bootloader updates run by tools other than mkinitramfs (dracut, grub scripts).',
  ],
  distinguish: [
    'fd.name: authorized_keys, a shared library (.so) or a kernel/initramfs file are high-risk; a documented application file is not.',
    packageChain('proc.name, proc.pcmdline and proc.aname[2]'),
    'user.loginuid and proc.tty: a person installing software interactively versus an unattended service process.',
  ],
  mitigations: {
    immediate: ['Inspect the new or changed file (owner, hash, package ownership) and copy it out; remove it if unexplained; for .ssh writes, review the account\'s authorized_keys.'],
    shortTerm: ['Restrict write access to /usr/local to deployment tooling and add exceptions keyed on that tooling\'s proc.name.'],
    longTerm: ['Enable Secure Boot and a read-only /usr on nodes; in containers, use readOnlyRootFilesystem.'],
  },
  investigate: [packageOwner, fileHash, fx.procByName, fx.loginUser],
  tuningFields: ['proc.name', 'proc.pname', 'user.name'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const file = fieldText(alert, 'fd.name');
    if (file?.endsWith('/authorized_keys')) notes.push(`fd.name=${file}: a key added here grants SSH login to the account.`);
    if (file !== undefined && /\.so(\.\d+)*$/.test(file)) notes.push(`fd.name=${file} is a shared library loaded by other programs.`);
    return [...notes, ...parentNotes(alert)];
  },
};

const writeRpmDatabase: Playbook = {
  id: 'fs-write-rpm-database',
  title: 'Write below rpm database',
  rules: ['Write below rpm database'],
  family: 'filesystem',
  detects:
    'A file under /var/lib/rpm opened for writing by a program that is not an rpm tool (rpm_binaries, the OpenSCAP rpm probes, salt-call, salt-minion), excluding Ansible and Chef Python helpers, Docker save and the Amazon Linux extras motd job.',
  whyItMatters:
    'The rpm database records which packages and file digests are installed. Changing it outside rpm can hide installed tools or make rpm -V blind to replaced files; it can also mean packages are being installed through an unusual route.',
  benignCauses: [
    'Other rpm front ends not in the list, such as zypper on SUSE or PackageKit (packagekitd).',
    'Subscription, inventory or security agents that query and lock the database.',
  ],
  distinguish: [
    'proc.name and proc.exepath: a packaged front end or agent (check with rpm -qf) versus an unknown binary or interpreter.',
    'proc.pcmdline: an update job or agent service versus a shell session.',
  ],
  mitigations: {
    immediate: ['List the most recent installs (rpm -qa --last) and verify package files (rpm -Va) to see what changed.'],
    shortTerm: ['Add an exception for the confirmed front end by proc.name.'],
    longTerm: ['Install software only through managed repositories and configuration management, and rebuild rather than patch long-lived nodes.'],
  },
  investigate: [
    { title: 'Most recently installed or updated packages', command: 'rpm -qa --last | head -n 20', inContainer: 'crictl exec ⟦container.id⟧ rpm -qa --last | head -n 20' },
    fx.exeOwner,
    fx.procByName,
  ],
  tuningFields: ['proc.name', 'proc.pname'],
  observe: (alert) => [...baseNotes(alert), ...exeLocationNotes(alert)],
};

const mkdirBinaryDirs: Playbook = {
  id: 'fs-mkdir-binary-dirs',
  title: 'Mkdir binary dirs',
  rules: ['Mkdir binary dirs'],
  family: 'filesystem',
  detects:
    'A mkdir or mkdirat whose path (evt.arg.path) starts with /bin/, /sbin/, /usr/bin/ or /usr/sbin/, by a program that is not a package manager and is not a Docker save helper.',
  whyItMatters:
    'Subdirectories inside binary directories are almost never needed; they are used to hide tooling, often with a leading dot, inside paths nobody questions.',
  benignCauses: ['Vendor installers or make install creating a helper directory.', 'Image builds or configuration management laying out a directory tree.'],
  distinguish: [
    'evt.arg.path: a hidden (dot) or random-looking name is a strong signal; a vendor-named directory is weaker.',
    packageChain('proc.name and proc.pname'),
  ],
  mitigations: {
    immediate: ['Record the directory\'s contents and copy out and hash anything executable before removing it.'],
    shortTerm: ['Add an exception for the confirmed installer by proc.name.'],
    longTerm: ['Keep /usr read-only on nodes and root filesystems read-only in containers.'],
  },
  investigate: [
    { title: 'List what was put in the new directory', command: 'ls -la --time-style=full-iso ⟦evt.arg.path⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso ⟦evt.arg.path⟧' },
    fx.procByName,
    fx.exeOwner,
  ],
  tuningFields: ['proc.name', 'proc.pname'],
  observe: (alert) => {
    const notes = baseNotes(alert);
    const path = fieldText(alert, 'evt.arg.path');
    const leaf = path?.replace(/\/+$/, '').split('/').pop();
    if (leaf?.startsWith('.')) notes.push(`evt.arg.path=${path} is a hidden directory inside a binary directory.`);
    return notes;
  },
};

const modifyBinaryDirs: Playbook = {
  id: 'fs-modify-binary-dirs',
  title: 'Modify binary dirs',
  rules: ['Modify binary dirs'],
  family: 'filesystem',
  detects:
    'A rename, renameat, renameat2, rmdir, unlink or unlinkat touching /bin/, /sbin/, /usr/bin/ or /usr/sbin/ (in evt.arg.path, name, oldpath or newpath), by a program that is not a package manager and is not a Docker save helper.',
  whyItMatters:
    'Renaming a system binary aside and putting something else in its place is how tools get trojaned; deleting binaries removes security tooling or the intruder\'s own dropped files.',
  benignCauses: [
    'An administrator replacing a binary or link by hand (ln -sf unlinks the old entry first).',
    'Vendor installers or configuration management swapping binaries outside the package manager.',
  ],
  distinguish: [
    'evt.args: which file was removed or renamed, and to what; a standard tool moved aside (ps to ps.old) is the trojan pattern.',
    packageChain('proc.name, proc.pname and proc.pcmdline'),
    'user.loginuid and proc.tty: a logged-in administrator versus an unattended process.',
  ],
  mitigations: {
    immediate: ['Verify all packaged binaries (rpm -Va or dpkg --verify), copy changed files aside, then reinstall any package whose files were changed.'],
    shortTerm: ['Add an exception for the confirmed deployment tool by proc.name.'],
    longTerm: ['Use an immutable or read-only /usr on nodes and immutable images for containers.'],
  },
  investigate: [
    { title: 'Verify installed packages against their recorded files', command: 'rpm -Va || dpkg --verify', inContainer: 'crictl exec ⟦container.id⟧ rpm -Va || crictl exec ⟦container.id⟧ dpkg --verify' },
    fx.procByName,
    fx.loginUser,
  ],
  tuningFields: ['proc.name', 'proc.pname'],
  observe: (alert) => [...baseNotes(alert), ...parentNotes(alert)],
};

const createFilesBelowDev: Playbook = {
  id: 'fs-create-files-below-dev',
  title: 'Create files below dev',
  rules: ['Create files below dev'],
  family: 'filesystem',
  detects:
    'A creat, or an open with O_CREAT, of a file directly in /dev by a program not in dev_creation_binaries (blkid, rename_device, update_engine, sgdisk), excluding the standard names in allowed_dev_files (/dev/null, /dev/stdout, /dev/urandom ...) and /dev/tty*.',
  whyItMatters:
    'Nobody looks for regular files among device nodes, and many scanners skip /dev, so intruders use it to hide payloads and configuration (several rootkits keep their files there).',
  benignCauses: [
    'Device or storage management tools not in the list (custom udev helpers, vendor drivers, lvm or multipath utilities).',
    'Software that creates a lock or state file in /dev.',
  ],
  distinguish: [
    'fd.name: a name that imitates a device (sdx, tty-like, random letters) or a hidden name is suspicious; check whether it is a regular file (ls -la shows - rather than b or c).',
    'proc.name and proc.exepath: a packaged device tool versus an unknown binary or script.',
  ],
  mitigations: {
    immediate: ['Inspect the file type and contents (file, ls -la) and preserve it before removal.'],
    shortTerm: ['Append the confirmed device tool to dev_creation_binaries.'],
    longTerm: ['Include /dev in file-integrity scanning for regular files.'],
  },
  investigate: [
    { title: 'Show the type and owner of the new entry', command: 'ls -la ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la ⟦fd.name⟧' },
    { title: 'Identify what the file contains', command: 'file ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ file ⟦fd.name⟧' },
    fx.procByName,
    fx.exeOwner,
  ],
  tuningFields: ['proc.name', 'proc.pname'],
  allowList: {
    list: 'dev_creation_binaries',
    field: 'proc.name',
    note: 'Append a device-management program that creates files in /dev by design; the list is also consulted by Write below etc.',
  },
  observe: (alert) => [...baseNotes(alert), ...exeLocationNotes(alert)],
};

const updatePackageRepository: Playbook = {
  id: 'fs-update-package-repository',
  title: 'Update Package Repository',
  rules: ['Update Package Repository'],
  family: 'filesystem',
  detects:
    'A write to a file in /etc/apt, /etc/apt/sources.list.d or /etc/yum.repos.d (or to a sources.list under them), or a rename or delete whose new path lies under those directories, by a program that is not a package manager and has no package manager among its parent and three further ancestors.',
  whyItMatters:
    'A repository definition decides where the next install or update comes from. Pointing it at an attacker-controlled repository delivers root-level code through routine patching.',
  benignCauses: [
    'Vendor install scripts adding their repository (Docker, NodeSource, cloud agents), often via curl piped to a shell.',
    'Image builds that write repository lines with echo or tee.',
    'Configuration management (for example Ansible\'s apt_repository module, which runs as python).',
  ],
  distinguish: [
    'fd.name and evt.arg.newpath: open the file and check the repository URL and signing key it names.',
    'proc.pcmdline and proc.name: a known installer or configuration run versus a shell from an application or an unexpected user.',
  ],
  mitigations: {
    immediate: ['Copy the repository entries and any keys added alongside them aside, then remove unknown ones and check what was installed since (package manager history).'],
    shortTerm: ['Pin repositories and signing keys through configuration management and alert on drift.'],
    longTerm: ['Install packages only at image build time from a vetted mirror; nodes and containers should not add repositories at runtime.'],
  },
  investigate: [
    { title: 'Read the repository definition', command: 'cat ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ cat ⟦fd.name⟧' },
    { title: 'List repository files with timestamps', command: 'ls -la --time-style=full-iso /etc/apt/sources.list.d /etc/yum.repos.d', inContainer: 'crictl exec ⟦container.id⟧ ls -la --time-style=full-iso /etc/apt/sources.list.d /etc/yum.repos.d' },
    fx.procByName,
  ],
  tuningFields: ['proc.name', 'proc.pname', 'container.image.repository'],
  observe: (alert) => [...baseNotes(alert), ...parentNotes(alert)],
};

const createHiddenFiles: Playbook = {
  id: 'fs-create-hidden-files',
  title: 'Create Hidden Files or Directories',
  rules: ['Create Hidden Files or Directories'],
  family: 'filesystem',
  detects:
    'A path with a component starting with a dot (the string /.) appearing as the new path of a rename, the path of a mkdir, or the file of an open with O_CREAT; paths under exclude_hidden_directories and Docker save helpers are left out.',
  whyItMatters:
    'Dot-names are hidden from plain ls and casual review. Intruders stash tools and data in names like /tmp/.x, /dev/shm/.cache or a dot-directory in a home or web root.',
  benignCauses: [
    'Almost every program that keeps per-user state creates dotfiles (.cache, .config, .bash_history, .npm).',
    'Editors and installers writing temporary dot-files next to the real file before renaming.',
  ],
  distinguish: [
    'fd.name and evt.arg.newpath: a hidden item in /tmp, /var/tmp, /dev/shm, a web root or a system directory is suspicious; a dotfile in the owning user\'s home is normal.',
    'proc.name: an interactive shell, curl or wget creating the item versus the application writing its own cache.',
  ],
  mitigations: {
    immediate: ['Record the hidden item with ls -la and copy out and hash anything executable before removing it.'],
    shortTerm: ['Add the confirmed application\'s hidden directory prefix to exclude_hidden_directories.'],
    longTerm: ['Mount /tmp and /dev/shm noexec on nodes and keep container root filesystems read-only.'],
  },
  investigate: [
    { title: 'List the hidden item', command: 'ls -la ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -la ⟦fd.name⟧' },
    fx.procByName,
    fx.dockerDiff,
  ],
  tuningFields: ['proc.name', 'container.image.repository'],
  allowList: {
    list: 'exclude_hidden_directories',
    field: 'fd.name',
    note: 'Append the path prefix of a hidden directory a trusted application writes to (the list is matched as a prefix), not a broad location like /tmp.',
  },
  observe: (alert) => {
    const notes = baseNotes(alert);
    const path = fieldText(alert, 'fd.name') ?? fieldText(alert, 'evt.arg.newpath');
    if (path !== undefined && /^\/(tmp|var\/tmp|dev\/shm)\//.test(path)) {
      notes.push(`${path} is a hidden item in a temporary or shared-memory directory, a common staging place.`);
    }
    return notes;
  },
};

export const WRITE_PLAYBOOKS: Playbook[] = [
  writeBelowRoot,
  writeBelowBinaryDir,
  writeBelowEtc,
  writeBelowMonitoredDir,
  writeRpmDatabase,
  mkdirBinaryDirs,
  modifyBinaryDirs,
  createFilesBelowDev,
  updatePackageRepository,
  createHiddenFiles,
];
