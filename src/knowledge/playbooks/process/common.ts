/**
 * Shared pieces of the process and container playbooks: observation helpers that read an
 * alert's concrete values, and investigation commands that several playbooks reuse.
 */
import type { Alert } from '../../../model';
import type { CommandTemplate } from '../../types';
import { docker } from '../../commands';
import { fieldText } from '../../fieldValue';
import { eventGeneratorMatch } from '../../eventGenerator';
import { SHELLS } from '../../lists';
import type { Note, Observation } from '../../observation';
import { about } from '../../observation';

/** Drops the observations that did not apply. */
export function compact(...notes: Array<Note | undefined | false>): Note[] {
  return notes.filter((n): n is Note => (typeof n === 'string' ? n.length > 0 : n !== undefined && n !== false));
}

/** Shells: the shared list (knowledge/lists.ts), which holds upstream shell_binaries. */
export const SHELL_NAMES: ReadonlySet<string> = SHELLS;

/** Common debuggers and tracers that use ptrace on purpose. */
export const DEBUGGER_NAMES: ReadonlySet<string> = new Set([
  'gdb',
  'gdbserver',
  'strace',
  'ltrace',
  'lldb',
  'lldb-server',
  'dlv',
  'py-spy',
  'rbspy',
  'valgrind',
]);

// ---------------------------------------------------------------- event-generator

export { eventGeneratorMatch };

/** Generic drill observation, for rules without a more specific event-generator explanation. */
export function eventGeneratorNote(alert: Alert): Observation | undefined {
  const hit = eventGeneratorMatch(alert);
  if (!hit) return undefined;
  return about(
    'event-generator',
    `${hit.field}=${hit.value} points to falcosecurity's event-generator, a test tool that performs ` +
      'suspicious actions on purpose to trigger Falco rules. Treat this as a detection drill if the run was planned; ' +
      'if nobody scheduled it, find out who started it.',
  );
}

// ---------------------------------------------------------------- terminals and sessions

/**
 * Falco's proc.tty is the kernel's encoded device number of the controlling terminal
 * (major in bits 8-19, minor split around it). Returns the device path for the common cases.
 */
export function ttyDevice(raw: string): string | undefined {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  const major = Math.floor(n / 256) & 0xfff;
  const minor = (n & 0xff) | (Math.floor(n / 4096) & 0xfff00);
  if (major >= 136 && major <= 143) return `/dev/pts/${(major - 136) * 256 + minor}`;
  if (major === 4 && minor < 64) return `/dev/tty${minor}`;
  if (major === 4) return `/dev/ttyS${minor - 64}`;
  return undefined;
}

/** Says whether the process had a controlling terminal, and which one. */
export function ttyNote(alert: Alert, whenZero?: string): string | undefined {
  const tty = fieldText(alert, 'proc.tty');
  if (tty === undefined || !/^\d+$/.test(tty)) return undefined;
  if (tty === '0') return whenZero;
  const device = ttyDevice(tty);
  return device
    ? `proc.tty=${tty} is the terminal ${device}: an interactive session (exec -it or an SSH login), not a background job.`
    : `proc.tty=${tty} is non-zero: a controlling terminal, so an interactive session, not a background job.`;
}

/** Explains user.loginuid: who logged in, or that no login is behind the process. */
export function loginUidNote(alert: Alert): Observation | undefined {
  const raw = fieldText(alert, 'user.loginuid');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) return undefined;
  if (n === -1 || n === 4294967295) {
    return about(
      'login-session',
      'user.loginuid=-1: no login session is behind this process; a daemon or container runtime started it, so find the person in the orchestrator or runtime logs.',
    );
  }
  return about(
    'login-session',
    `user.loginuid=${raw}: the process descends from a login session of UID ${raw}; the login UID survives su and sudo, so it names the account that logged in.`,
  );
}

/** Flags processes running on the node rather than in a container. */
export function hostNote(alert: Alert): string | undefined {
  return fieldText(alert, 'container.id') === 'host'
    ? 'container.id=host: this ran directly on the node, outside any container.'
    : undefined;
}

/** Runtime processes that show up as the parent of an exec'd process. */
export function isRuntimeParent(pname: string): boolean {
  return /^(runc|docker-runc|containerd-shim|conmon|crio|crun)/.test(pname);
}

// ---------------------------------------------------------------- paths and command lines

const STAGING_DIRS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/dev\/shm\//, '/dev/shm (memory-backed and world-writable)'],
  [/^\/tmp\//, '/tmp (world-writable)'],
  [/^\/var\/tmp\//, '/var/tmp (world-writable)'],
  [/^\/run\/user\//, '/run/user (a per-user tmpfs)'],
  [/\/\.[^/]+\//, 'a hidden directory'],
];

/** Notes when an executable path sits where droppers usually stage files. */
export function stagingPathNote(alert: Alert, field: string): string | undefined {
  const path = fieldText(alert, field);
  if (path === undefined) return undefined;
  for (const [re, label] of STAGING_DIRS) {
    if (re.test(path)) {
      return `${field}=${path} runs from ${label}; legitimate software is rarely installed there, downloaded tooling often is.`;
    }
  }
  return undefined;
}

const CMDLINE_INDICATORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/dev\/(tcp|udp)\//, '/dev/tcp or /dev/udp redirection (the usual bash reverse shell)'],
  [/\b(nc|ncat|netcat)\b[^|;]*\s-(e|c)\b/, 'netcat with -e or -c (a shell bound to a network connection)'],
  [/\b(curl|wget)\b[^|;]*\|\s*(ba|da|z)?sh\b/, 'a download piped straight into a shell'],
  [/base64\s+(-d|--decode)|base64\s+-\w*d/, 'base64 decoding (a hidden payload)'],
  [/\bchmod\s+(\+x|[0-7]*7[0-7]{2})\b/, 'chmod making a file executable'],
  [/python[23]?\s+-c\s.*\bsocket\b/, 'a Python one-liner opening sockets'],
  [/\bmkfifo\b/, 'a named pipe (often used to wire a shell to netcat)'],
  [/\/etc\/(shadow|passwd|sudoers)\b/, 'reads of account files'],
];

/** Attack patterns visible in a command line field, as one observation. */
export function cmdlineIndicatorNote(alert: Alert, field = 'proc.cmdline'): string | undefined {
  const cmdline = fieldText(alert, field);
  if (cmdline === undefined) return undefined;
  const found = CMDLINE_INDICATORS.filter(([re]) => re.test(cmdline)).map(([, label]) => label);
  if (found.length === 0) return undefined;
  return `${field} contains ${found.join('; ')}. These are hands-on-keyboard attacker patterns rather than application behaviour.`;
}

/** Name of the last path component. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

// ---------------------------------------------------------------- commands

/** Investigation commands shared by several playbooks of this folder. */
export const local = {
  psByName: {
    title: 'Find processes with this name: parent PID, owner, start time (container processes too, from the node)',
    command: 'ps -o pid,ppid,user,lstart,args -C ⟦proc.name⟧',
  },
  psByParentName: {
    title: 'Find the parent program that spawned it and when it started',
    command: 'ps -o pid,ppid,user,lstart,args -C ⟦proc.pname⟧',
  },
  exeDetails: {
    title: "Check the binary's owner, size and timestamps (for a container process, run it through crictl exec)",
    command: 'ls -l --time-style=full-iso ⟦proc.exepath⟧', inContainer: 'crictl exec ⟦container.id⟧ ls -l --time-style=full-iso ⟦proc.exepath⟧',
  },
  exeHash: {
    title: 'Hash the binary to compare with the packaged file or look it up in threat intelligence',
    command: 'sha256sum ⟦proc.exepath⟧', inContainer: 'crictl exec ⟦container.id⟧ sha256sum ⟦proc.exepath⟧',
  },
  exePackage: {
    title: 'Check whether a distribution package owns the binary (Debian/Ubuntu, then RHEL family)',
    command: 'dpkg -S ⟦proc.exepath⟧ || rpm -qf ⟦proc.exepath⟧', inContainer: 'crictl exec ⟦container.id⟧ dpkg -S ⟦proc.exepath⟧ || crictl exec ⟦container.id⟧ rpm -qf ⟦proc.exepath⟧',
  },
  containerExeHash: {
    title: 'Hash the binary inside the container',
    command: 'crictl exec ⟦container.id⟧ sha256sum ⟦proc.exepath⟧',
  },
  dockerExecHistory: {
    title: 'On a Docker host, list exec sessions into this container within an hour of the alert',
    command: docker.execEvents(),
  },
  dockerDiff: {
    title: 'On a Docker host, list files added or changed in the container since it started',
    command: 'docker diff ⟦container.id⟧',
  },
  lastLogins: {
    title: 'List recent logins on the node with full timestamps',
    command: 'last -F -n 30', where: 'host',
  },
} satisfies Record<string, CommandTemplate>;
