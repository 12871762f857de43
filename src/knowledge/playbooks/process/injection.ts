/** Process injection, in-memory execution and kernel-level code loading. */
import type { Alert } from '../../../model';
import type { Playbook } from '../../types';
import { cmd } from '../../commands';
import { fieldText } from '../../fieldValue';
import type { Note } from '../../observation';
import { about } from '../../observation';
import {
  cmdlineIndicatorNote,
  compact,
  DEBUGGER_NAMES,
  eventGeneratorMatch,
  eventGeneratorNote,
  hostNote,
  local,
  loginUidNote,
  SHELL_NAMES,
  stagingPathNote,
  ttyNote,
} from './common';

// ---------------------------------------------------------------- PTRACE attached to process

/** Requests matched by the upstream macro ptrace_attach_or_injection. */
export const PTRACE_ATTACH_REQUESTS = [
  'PTRACE_ATTACH',
  'PTRACE_SEIZE',
  'PTRACE_POKETEXT',
  'PTRACE_POKEDATA',
  'PTRACE_SETREGS',
] as const;

function ptraceRequestNote(alert: Alert): string {
  const req = fieldText(alert, 'evt.arg.request');
  if (req === undefined) {
    return 'The output text says PTRACE_ATTACH, but the rule also fires on PTRACE_SEIZE, PTRACE_POKETEXT, PTRACE_POKEDATA and PTRACE_SETREGS, and the exact request is not in this alert (evt.arg.request is not part of the default output).';
  }
  if (/POKETEXT|POKEDATA/.test(req)) {
    return `evt.arg.request=${req}: the tracer wrote into the target's memory. That is code or data injection, not mere inspection.`;
  }
  if (/SETREGS/.test(req)) {
    return `evt.arg.request=${req}: the tracer overwrote the target's registers, which is how injected code is made to run.`;
  }
  if (/SEIZE/.test(req)) {
    return `evt.arg.request=${req}: the tracer attached without stopping the target, so the target shows no pause; from here it can read and write the target's memory.`;
  }
  if (/ATTACH/.test(req)) {
    return `evt.arg.request=${req}: the tracer attached to the target and stopped it. On its own this is what a debugger does, and it is the first step of any injection.`;
  }
  return `evt.arg.request=${req}.`;
}

function observePtraceAttach(alert: Alert): Note[] {
  const eg = eventGeneratorMatch(alert);
  const name = fieldText(alert, 'proc.name');
  return compact(
    eg
      ? about('event-generator', `${eg.field}=${eg.value}: falcosecurity's event-generator test tool, whose ptrace action attaches with PTRACE_ATTACH to a child process (a sleep) it started itself: a detection drill, not an attack.`)
      : undefined,
    ptraceRequestNote(alert),
    !eg && name !== undefined && DEBUGGER_NAMES.has(name)
      ? `proc.name=${name} is a debugger or tracer. Confirm who ran it and which process it was pointed at; attaching to sshd, ssh-agent or another user's process is hostile even with a legitimate tool.`
      : undefined,
    'The process in the alert is the tracer; the traced process ID is not in the default output.',
    stagingPathNote(alert, 'proc.exepath'),
    eg
      ? undefined
      : ttyNote(
          alert,
          'proc.tty=0: no terminal. Someone debugging by hand usually has one; an implant injecting into another process usually does not.',
        ),
    eg ? undefined : loginUidNote(alert),
    hostNote(alert),
  );
}

// ---------------------------------------------------------------- PTRACE anti-debug attempt

function observeTraceme(alert: Alert): Note[] {
  const pname = fieldText(alert, 'proc.pname');
  return compact(
    eventGeneratorNote(alert),
    pname !== undefined && DEBUGGER_NAMES.has(pname)
      ? `proc.pname=${pname} is a debugger. When a debugger launches a program, the new child calls PTRACE_TRACEME before it executes the target so the debugger can control it; that is what happened here, not anti-debugging.`
      : undefined,
    stagingPathNote(alert, 'proc.exepath'),
    hostNote(alert),
  );
}

// ---------------------------------------------------------------- memfd

function memfdNote(alert: Alert): string | undefined {
  const exepath = fieldText(alert, 'proc.exepath');
  if (exepath === undefined) return undefined;
  const m = /memfd:([^\s]*)/.exec(exepath);
  if (!m) return undefined;
  const name = m[1] ?? '';
  return name === ''
    ? `proc.exepath=${exepath}: the program runs from an anonymous in-memory file with no name, which leaves nothing on disk to scan.`
    : `proc.exepath=${exepath}: the program runs from an anonymous in-memory file its creator named "${name}". Names that imitate kernel threads or system daemons are deliberate camouflage.`;
}

function parentIsShellOrFetcherNote(alert: Alert): string | undefined {
  const pname = fieldText(alert, 'proc.pname');
  if (pname === undefined) return undefined;
  if (SHELL_NAMES.has(pname) || /^(python[\d.]*|perl|curl|wget)$/.test(pname)) {
    return `proc.pname=${pname}: a shell or script interpreter launched the in-memory program, the usual shape of a download-and-run-from-memory loader.`;
  }
  return undefined;
}

// ---------------------------------------------------------------- /dev/shm

function execResultNote(alert: Alert): string | undefined {
  const res = fieldText(alert, 'evt.res');
  if (res === undefined || res === 'SUCCESS' || res === '0') return undefined;
  return `evt.res=${res}: the exec failed (for example because /dev/shm is mounted noexec), but a file was still staged there and someone tried to run it.`;
}

// ---------------------------------------------------------------- xz / liblzma

function liblzmaNote(alert: Alert): string | undefined {
  const file = fieldText(alert, 'fd.name');
  if (file === undefined) return undefined;
  const m = /liblzma\.so\.(5\.6\.[01])/.exec(file);
  return m ? `fd.name=${file} is liblzma ${m[1]}, one of the two xz-utils releases that carry the backdoor.` : undefined;
}

// ---------------------------------------------------------------- BPF

const BPF_RUNTIMES = new Set(['runc', 'crun']);
const BPF_TOOLS = new Set(['cilium-agent', 'tetragon', 'tracee', 'bpftrace']);

function bpfLoaderNote(alert: Alert): string | undefined {
  const name = fieldText(alert, 'proc.name');
  if (name === undefined) return undefined;
  if (BPF_RUNTIMES.has(name)) {
    return `proc.name=${name}: on cgroup v2 hosts the container runtime loads a small eBPF device-filter program for every container it starts, so this is expected container start-up activity.`;
  }
  if (BPF_TOOLS.has(name)) {
    return `proc.name=${name} is a known eBPF-based networking, security or tracing tool; confirm it is deployed on purpose and runs from its packaged path.`;
  }
  return undefined;
}

// ---------------------------------------------------------------- kernel module

function moduleResultNote(alert: Alert): string | undefined {
  const res = fieldText(alert, 'evt.res');
  if (res === undefined) return undefined;
  if (res === 'SUCCESS' || res === '0') return `evt.res=${res}: the module was loaded into the node's kernel.`;
  return `evt.res=${res}: the kernel refused the module, but the container had the privilege to try.`;
}

export const INJECTION_PLAYBOOKS: Playbook[] = [
  {
    id: 'process-ptrace-attach',
    title: 'PTRACE attached to process',
    rules: ['PTRACE attached to process'],
    family: 'process',
    detects:
      'A ptrace call with request PTRACE_ATTACH, PTRACE_SEIZE, PTRACE_POKETEXT, PTRACE_POKEDATA or PTRACE_SETREGS (ptrace_attach_or_injection) by a named process not in known_ptrace_binaries (empty by default). The alert describes the tracer; the default output does not name the traced process.',
    whyItMatters:
      'ptrace reads and writes another process\'s memory and registers. Attackers use it to inject shellcode or a library (T1055.008), lift keys and session secrets from memory (sshd, ssh-agent, database clients, browsers) and hide code in a trusted process. In containers it needs CAP_SYS_PTRACE or a same-user target; with hostPID it reaches node processes.',
    benignCauses: [
      'Engineers running gdb, strace, ltrace, dlv or lldb on a misbehaving process.',
      'Profilers that attach to running programs (py-spy, rbspy) and ptrace sandboxes (proot, gVisor in ptrace mode).',
      'Detection drills: falcosecurity\'s event-generator attaches to a sleep child it starts itself.',
    ],
    distinguish: [
      'proc.name and proc.exepath: a packaged debugger or profiler at its usual path is routine; an unknown binary, or one in /tmp, /dev/shm or a writable container layer, is not.',
      'proc.tty and user.loginuid: an engineer debugging by hand has a terminal and a real login UID; an implant usually has neither.',
      'Target: not in the alert. While attached, the traced process shows the tracer in TracerPid; attaching to sshd, ssh-agent, a browser or another user\'s process is hostile.',
      'Request: POKETEXT, POKEDATA and SETREGS write to the target; ATTACH and SEIZE alone fit debugging. It is in the alert only if evt.arg.request was added to the rule output.',
      'proc.pname and proc.pcmdline: a debugger from an engineer\'s shell is expected; a tracer spawned by a web server, cron or a dropped binary is not.',
    ],
    mitigations: {
      immediate: [
        'If no engineer explains the tracer, record its binary and command line (copy /proc/PID/exe), stop it, and restart the traced service from a known-good image: its memory may have been modified.',
        'Rotate secrets the traced process held in memory (agent SSH keys, client tokens).',
      ],
      shortTerm: [
        'Drop CAP_SYS_PTRACE (pod securityContext, docker run flags) and remove hostPID: true where not needed.',
        'Add the debuggers and profilers your team runs on purpose to known_ptrace_binaries instead of disabling the rule.',
      ],
      longTerm: [
        'Set kernel.yama.ptrace_scope on production nodes to 1 (only parents trace), 2 (admin only) or 3 (no attach).',
        'Debug with kubectl debug ephemeral containers, not debuggers shipped in production images.',
      ],
    },
    investigate: [
      local.psByName,
      {
        title: 'List processes currently being traced (their status file names the tracer PID)',
        command: "grep -l -E 'TracerPid:[[:space:]]+[1-9]' /proc/[0-9]*/status",
      },
      local.exeDetails,
      { title: "Check the node's ptrace restriction level", command: 'sysctl kernel.yama.ptrace_scope' },
      cmd.containerInspect,
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'proc.pname'],
    allowList: {
      list: 'known_ptrace_binaries',
      field: 'proc.name',
      note: 'Append the tracer when it is a debugger, profiler or supervisor your team runs on purpose and its proc.exepath is the packaged one.',
    },
    observe: observePtraceAttach,
  },
  {
    id: 'process-ptrace-anti-debug',
    title: 'PTRACE anti-debug attempt',
    rules: ['PTRACE anti-debug attempt'],
    family: 'process',
    detects:
      'A named process calls ptrace with PTRACE_TRACEME, which makes its parent its tracer. A program that does this to itself cannot be attached by any other debugger afterwards.',
    whyItMatters:
      'Malware calls PTRACE_TRACEME on itself so analysts and security tools cannot attach a debugger to it (T1622), and checks the result to detect that it is already being debugged. It is a strong sign the binary wants to resist inspection.',
    benignCauses: [
      'Debuggers and tracers starting a program (gdb, strace, ltrace): the child calls PTRACE_TRACEME just before it executes the target.',
      'Sandboxes and build tools built on ptrace that launch their children under trace.',
      'Commercial software with licence or anti-tamper protection.',
    ],
    distinguish: [
      'proc.pname and proc.pcmdline: a debugger as parent with a debugging command line explains the call; a shell, a service or a downloader as parent does not.',
      'proc.exepath and proc.name: a binary in /tmp, /dev/shm or a home directory, or one with a random name, is suspicious.',
      'Follow-up: anti-debugging binaries often also open network connections or change file permissions; look for further alerts from the same process.',
    ],
    mitigations: {
      immediate: ['If no debugger is the parent, hash and preserve the binary, then stop it and look for how it arrived (downloads, cron, new services).'],
      shortTerm: ['Submit the hash to threat intelligence and search the fleet for the same file.'],
      longTerm: ['Block execution from writable locations (noexec on /tmp and /dev/shm, read-only container root filesystems).'],
    },
    investigate: [local.psByName, local.exeDetails, local.exeHash, local.psByParentName],
    tuningFields: ['proc.pname', 'proc.name', 'proc.exepath'],
    observe: observeTraceme,
  },
  {
    id: 'process-fileless-memfd-exec',
    title: 'Fileless execution via memfd_create',
    rules: ['Fileless execution via memfd_create'],
    family: 'process',
    detects:
      'A program is executed from a memfd, an anonymous in-memory file created with memfd_create (proc.is_exe_from_memfd), unless proc.name or proc.pname is in known_memfd_execution_binaries (runc) or the executable is runc cloning itself.',
    whyItMatters:
      'Running a binary straight from memory leaves nothing on disk: file scanners, image drift checks and forensic disk images see nothing (T1620). Linux malware loaders and in-memory post-exploitation frameworks use it to run payloads fetched over the network.',
    benignCauses: [
      'Container runtimes and self-updating agents that copy their own binary into a sealed memfd before re-executing it, the same protection runc uses against binary overwrite attacks.',
      'Some packed or self-extracting tools that unpack an embedded executable into memory.',
    ],
    distinguish: [
      'proc.exepath: it shows memfd: followed by the name the creator chose; a runtime-style name is benign, an empty name or one imitating a kernel thread or system daemon is camouflage.',
      'proc.pname and proc.aname[2]: who launched it. A shell, python, curl chain or a web service parent is a loader; a runtime or agent parent is not.',
      'proc.cwd and container_start_ts: execution in /tmp or minutes after a shell session in the container points to an operator.',
    ],
    mitigations: {
      immediate: [
        'Capture the running program before killing it: copy /proc/PID/exe and /proc/PID/maps of the process to preserve the in-memory binary.',
        'Isolate the host or pod and look for the downloader that created the memfd.',
      ],
      shortTerm: ['If a trusted runtime or agent does this by design, add its process name to known_memfd_execution_binaries.'],
      longTerm: ['Restrict egress so loaders cannot fetch payloads, and remove interpreters and download tools from production images.'],
    },
    investigate: [
      local.psByName,
      { title: 'List running processes whose executable is a memfd', command: 'ls -l /proc/[0-9]*/exe 2>/dev/null | grep memfd:' },
      local.psByParentName,
      cmd.containerProcesses,
    ],
    tuningFields: ['proc.pname', 'proc.name', 'proc.exepath'],
    allowList: {
      list: 'known_memfd_execution_binaries',
      field: 'proc.name',
      note: 'Append a runtime or agent that re-executes itself from a memfd by design; the list is checked against both proc.name and proc.pname.',
    },
    observe: (alert) =>
      compact(eventGeneratorNote(alert), memfdNote(alert), parentIsShellOrFetcherNote(alert), cmdlineIndicatorNote(alert, 'proc.pcmdline'), hostNote(alert)),
  },
  {
    id: 'process-exec-from-dev-shm',
    title: 'Execution from /dev/shm',
    rules: ['Execution from /dev/shm'],
    family: 'process',
    detects:
      'A program runs from /dev/shm: the executable lives there, a relative ./ path is run with the working directory in /dev/shm, or a shell is given a /dev/shm script. Images in falco_privileged_images and trusted_images are excluded.',
    whyItMatters:
      '/dev/shm is a world-writable memory filesystem present on every host and container, often without noexec, and it is wiped on reboot. Droppers stage payloads there to avoid disk forensics and cleanup (T1059.004).',
    benignCauses: [
      'Build or test jobs that use /dev/shm as fast scratch space and run what they compile.',
      'Rare vendor installers that unpack helpers into shared memory.',
    ],
    distinguish: [
      'proc.exepath and proc.cmdline: name the staged file; random or hidden names are typical of droppers.',
      'proc.pname and proc.pcmdline: who ran it. A shell fed by curl or wget, a web server or a database parent points to exploitation; a build tool points to CI.',
      'user.name and proc.cwd: a service account running files from shared memory is suspicious; a CI user in a build directory less so.',
    ],
    mitigations: {
      immediate: ['Copy and hash the file in /dev/shm before it disappears, then kill the process and look for how it was delivered.'],
      shortTerm: ['Mount /dev/shm with noexec,nosuid,nodev on hosts, and check container runtimes keep their default noexec shm mount.'],
      longTerm: ['Use read-only root filesystems and remove download tools from production images so staging in memory has no delivery path.'],
    },
    investigate: [
      { title: 'List what is staged in /dev/shm on the node', command: 'ls -la /dev/shm', inContainer: 'crictl exec ⟦container.id⟧ ls -la /dev/shm' },
      { title: 'List what is staged in /dev/shm in the container', command: 'crictl exec ⟦container.id⟧ ls -la /dev/shm' },
      { title: 'Check how /dev/shm is mounted (noexec or not)', command: 'findmnt /dev/shm', inContainer: 'crictl exec ⟦container.id⟧ findmnt /dev/shm' },
      local.psByName,
    ],
    tuningFields: ['proc.exepath', 'proc.pname', 'user.name'],
    observe: (alert) =>
      compact(eventGeneratorNote(alert), execResultNote(alert), cmdlineIndicatorNote(alert, 'proc.pcmdline'), hostNote(alert)),
  },
  {
    id: 'process-sshd-backdoored-liblzma',
    title: 'Backdoored library loaded into SSHD (CVE-2024-3094)',
    rules: ['Backdoored library loaded into SSHD (CVE-2024-3094)'],
    family: 'process',
    detects:
      'sshd opens a file whose name contains liblzma.so.5.6.0 or liblzma.so.5.6.1, the xz-utils releases that shipped with a backdoor.',
    whyItMatters:
      'The backdoored liblzma hooks into sshd through libsystemd and lets the holder of the attacker key run commands before authentication. A host running it with SSH reachable from untrusted networks must be treated as exposed to full remote compromise.',
    benignCauses: [
      'Rolling or pre-release distributions that briefly shipped xz 5.6.0 or 5.6.1 in early 2024 and were never updated.',
      'Lab or honeypot hosts reproducing CVE-2024-3094 on purpose.',
    ],
    distinguish: [
      'fd.name: the exact library path and version sshd mapped.',
      'Exposure: whether this sshd was reachable from the internet or untrusted networks while the library was loaded decides whether to assume compromise.',
      'proc.pname and proc.cmdline: the system sshd started by systemd versus a test instance.',
    ],
    mitigations: {
      immediate: [
        'Copy the installed liblzma aside for analysis, then replace xz-utils and liblzma with a fixed distribution build (downgrade to 5.4.x or the vendor patched package) and restart sshd.',
        'Restrict SSH to a bastion or VPN until the host is verified.',
      ],
      shortTerm: ['If sshd was reachable from untrusted networks, review authentication logs and process history for the exposure period and rotate host keys and credentials stored on the host.'],
      longTerm: ['Scan hosts and images for vulnerable package versions continuously and pin package sources so compromised releases do not roll out automatically.'],
    },
    investigate: [
      { title: 'Show the installed xz version', command: 'xz --version' },
      { title: 'Show the package that provides the library (Debian/Ubuntu, then RHEL family)', command: 'dpkg -S ⟦fd.name⟧ || rpm -qf ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ dpkg -S ⟦fd.name⟧ || crictl exec ⟦container.id⟧ rpm -qf ⟦fd.name⟧' },
      { title: 'Confirm sshd links liblzma through libsystemd', command: 'ldd /usr/sbin/sshd' },
      { title: 'Review SSH daemon logs for the week before the alert', command: 'journalctl -u ssh -u sshd --since=⟦@journal-7d⟧ --until=⟦@journal+1h⟧', where: 'host' },
    ],
    tuningFields: ['fd.name', 'proc.exepath'],
    observe: (alert) => compact(liblzmaNote(alert), hostNote(alert)),
  },
  {
    id: 'process-bpf-program-not-profiled',
    title: 'BPF Program Not Profiled',
    rules: ['BPF Program Not Profiled'],
    family: 'process',
    detects:
      'A bpf system call with command BPF_PROG_LOAD, which loads an eBPF program into the kernel, from a process not in bpf_profiled_binaries (falco, bpftool, systemd by default).',
    whyItMatters:
      'eBPF programs run inside the kernel. Malicious ones hide processes, files and connections, read or alter system call arguments, capture TLS plaintext through uprobes and filter network traffic, which makes eBPF a favoured rootkit and persistence mechanism (pinned programs survive the loader).',
    benignCauses: [
      'Container runtimes (runc, crun) loading a device-filter program for each new container on cgroup v2 hosts.',
      'Networking, security and observability agents built on eBPF (Cilium, Tetragon, Tracee, vendor monitoring agents, bpftrace and BCC tools).',
      'systemd units using IP filtering or device policies, when run under another process name.',
    ],
    distinguish: [
      'proc.name and proc.exepath: a known agent or runtime at its packaged path is routine; an unknown binary, one in /tmp or a home directory, or an interpreter one-liner is not.',
      'proc.pname and user.name: loads from an interactive shell or a freshly started container deserve a look; loads at container start by the runtime are expected.',
      'Loaded programs: list them and check each has an owner you recognise; unexplained kprobes on syscalls or getdents and unexplained pinned objects are rootkit signs.',
    ],
    mitigations: {
      immediate: ['If the loader is unknown, list and preserve the loaded programs and pinned objects, then cordon the node and plan to rebuild it, since kernel-level code cannot be trusted to report on itself.'],
      shortTerm: ['Append legitimate loaders to bpf_profiled_binaries so the rule stays quiet for them and loud for anything new.'],
      longTerm: [
        'Keep kernel.unprivileged_bpf_disabled set and grant CAP_BPF or CAP_SYS_ADMIN only to the agents that need them.',
      ],
    },
    investigate: [
      { title: 'List eBPF programs loaded in the kernel, with load time and owner', command: 'bpftool prog show' },
      { title: 'List eBPF links (attachments) on the node', command: 'bpftool link show' },
      { title: 'Look for pinned eBPF objects that survive the loader', command: 'ls -laR /sys/fs/bpf' },
      local.psByName,
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'proc.pname'],
    allowList: {
      list: 'bpf_profiled_binaries',
      field: 'proc.name',
      note: 'Append a loader once you have confirmed it is a runtime or agent you deploy and it runs from its packaged path.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), bpfLoaderNote(alert), stagingPathNote(alert, 'proc.exepath'), hostNote(alert)),
  },
  {
    id: 'process-unprivileged-userfaultfd',
    title: 'Unprivileged Delegation of Page Faults Handling to a Userspace Process',
    rules: ['Unprivileged Delegation of Page Faults Handling to a Userspace Process'],
    family: 'process',
    detects:
      'A non-root process (user.uid not 0) successfully calls userfaultfd, and its name is not in user_known_userfaultfd_processes.',
    whyItMatters:
      'userfaultfd lets a process pause the kernel whenever it touches a page the process controls. Kernel exploits use that pause to win race conditions reliably, so an unprivileged, successful call is a common step in local privilege escalation.',
    benignCauses: [
      'Live migration and snapshot restore (QEMU post-copy migration, Firecracker snapshots, CRIU lazy restore).',
      'Test suites and memory-management libraries that exercise userfaultfd.',
    ],
    distinguish: [
      'proc.name and proc.exepath: a hypervisor or checkpoint tool at its packaged path is expected; an unknown binary, especially from /tmp or a home directory, is an exploit candidate.',
      'user.name and proc.pname: a low-privilege user running a freshly compiled binary from a shell is the classic exploit pattern.',
      'Follow-up: a root shell or setuid activity from the same user shortly after means the exploit worked.',
    ],
    mitigations: {
      immediate: ['Preserve the binary and the process\'s command line, open files and connections (/proc/PID/cmdline, /proc/PID/fd, ss -p) and copy /proc/PID/exe, then stop the process and check whether the user gained root (new root processes, changed files).'],
      shortTerm: ['Set vm.unprivileged_userfaultfd=0 so only privileged processes can handle kernel faults, and patch the kernel.'],
      longTerm: ['Run containers with the RuntimeDefault seccomp profile and confirm it denies userfaultfd to workloads that do not need it.'],
    },
    investigate: [
      { title: 'Check whether unprivileged userfaultfd is allowed on the node', command: 'sysctl vm.unprivileged_userfaultfd' },
      { title: 'Check the kernel version against known userfaultfd-assisted exploits', command: 'uname -r' },
      local.psByName,
      local.exeHash,
      { title: "Show the user's groups", command: 'id ⟦user.name⟧', inContainer: 'crictl exec ⟦container.id⟧ id ⟦user.name⟧' },
    ],
    tuningFields: ['proc.name', 'proc.exepath', 'user.name'],
    allowList: {
      list: 'user_known_userfaultfd_processes',
      field: 'proc.name',
      note: 'Append a hypervisor, checkpoint or migration tool that uses userfaultfd by design and runs as a non-root user.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), stagingPathNote(alert, 'proc.exepath'), ttyNote(alert), hostNote(alert)),
  },
  {
    id: 'container-kernel-module-injection',
    title: 'Linux Kernel Module Injection Detected',
    rules: ['Linux Kernel Module Injection Detected'],
    family: 'container',
    detects:
      'init_module or finit_module is called from inside a container by a thread with CAP_SYS_MODULE in its effective capabilities, unless the image is in allowed_container_images_loading_kernel_module (empty by default).',
    whyItMatters:
      'A kernel module runs with full kernel privilege on the node: one load from a container is a complete escape, and a malicious module is a rootkit that can hide itself and everything else.',
    benignCauses: [
      'Driver containers and node agents that load modules: GPU drivers, storage and CSI plugins, VPN or WireGuard components, and the Falco driver loader installing its kernel module.',
      'kube-proxy or CNI pods loading networking modules (IPVS, conntrack) at start.',
    ],
    distinguish: [
      'proc.args (module) and proc.exepath: modprobe or insmod of a known driver shipped in the image is routine; a .ko in /tmp or a module name you do not recognise is not.',
      'proc.pexepath, proc.aname[2] and proc.aexepath[2]: a driver-loader entrypoint versus a shell started by an exec.',
      'evt.res: success means the code is in the kernel now; a failure still shows the container has the privilege.',
    ],
    mitigations: {
      immediate: [
        'Check lsmod on the node for the module; if it is unexplained, capture its memory and disk (a snapshot of the node\'s volume) and the module file, then cordon, drain and rebuild the node, since a loaded module cannot be trusted to unload cleanly.',
      ],
      shortTerm: [
        'Drop privileged: true and CAP_SYS_MODULE from the workload spec; Pod Security Admission baseline forbids both.',
        'Add driver images that must load modules to allowed_container_images_loading_kernel_module.',
      ],
      longTerm: ['Enforce module signature verification (module.sig_enforce=1 or kernel lockdown) on nodes, or set kernel.modules_disabled=1 after boot where no dynamic loading is needed.'],
    },
    investigate: [
      { title: 'List loaded kernel modules on the node', command: 'lsmod' },
      { title: 'Read kernel messages around the load', command: 'journalctl -k --since=⟦@journal-1h⟧ --until=⟦@journal+10m⟧' },
      cmd.containerInspect,
      cmd.podSpec,
    ],
    tuningFields: ['proc.exepath', 'proc.pexepath', 'proc.name'],
    allowList: {
      list: 'allowed_container_images_loading_kernel_module',
      field: 'container.image.repository',
      note: 'Append the image of a driver or agent container that must load kernel modules by design.',
    },
    observe: (alert) => compact(eventGeneratorNote(alert), moduleResultNote(alert), stagingPathNote(alert, 'proc.exepath')),
  },
];
