import type { Alert } from '../../../model';
import { lookupTable } from '../../lookupTable';
import { fieldText } from '../../fieldValue';
import { INTERPRETERS, WEB_SERVERS } from '../../lists';
import { ipClause } from './helpers';

/**
 * Value-specific observations used by several playbooks of this folder: what a sensitive file
 * holds, where an executable lives, who the parent is, which addresses a command line names.
 */

const SENSITIVE_FILES: Record<string, string> = lookupTable({
  '/etc/shadow': 'the password hashes of every local account, crackable offline once copied',
  '/etc/sudoers': 'who may run what as root',
  '/etc/pam.conf': 'the system-wide PAM authentication stack',
  '/etc/security/pwquality.conf': 'the password quality policy',
});

/** What the sensitive file in `field` holds. */
export function sensitiveFileNotes(alert: Alert, field = 'fd.name'): string[] {
  const file = fieldText(alert, field);
  if (file === undefined) return [];
  const known = SENSITIVE_FILES[file];
  if (known) return [`${field}=${file} holds ${known}.`];
  if (file.startsWith('/etc/sudoers.d/')) return [`${field}=${file} is a sudo rules drop-in: it grants root rights.`];
  if (file.startsWith('/etc/pam.d/')) {
    return [`${field}=${file} is the PAM stack of one service: reading it maps how that service authenticates.`];
  }
  return [];
}

const TEMP_PREFIXES = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/user/', '/home/', '/root/'];

/** An executable running from a writable, temporary or home location, or from memory. */
export function exeLocationNotes(alert: Alert): string[] {
  const exe = fieldText(alert, 'proc.exepath');
  if (exe === undefined) return [];
  if (exe.startsWith('memfd:')) {
    return [`proc.exepath=${exe}: the program runs from an anonymous memory file, with no file on disk (fileless execution).`];
  }
  const prefix = TEMP_PREFIXES.find((p) => exe.startsWith(p));
  return prefix
    ? [`proc.exepath=${exe}: the program runs from ${prefix}, a writable location where packaged software does not live.`]
    : [];
}


/** The parent is a web server or an application runtime: the command came from the app. */
export function parentNotes(alert: Alert): string[] {
  const parent = fieldText(alert, 'proc.pname');
  if (parent === undefined) return [];
  if (WEB_SERVERS.has(parent)) {
    return [`proc.pname=${parent} is a web server: the usual footprint of remote code execution through the site (web shell, injection).`];
  }
  if (INTERPRETERS.has(parent)) {
    return [`proc.pname=${parent} is an application runtime: unless the application is known to shell out, the command ran through it.`];
  }
  if (parent.startsWith('runc')) {
    return [`proc.pname=${parent}: the container runtime started the process, as kubectl exec, crictl exec or docker exec do (or as the container's entrypoint).`];
  }
  return [];
}

const IPV4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g;

/** Addresses that appear in the command line (download sources, netcat targets ...). */
export function cmdlineIpNotes(alert: Alert, field = 'proc.cmdline'): string[] {
  const cmdline = fieldText(alert, field);
  if (cmdline === undefined) return [];
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const match of cmdline.matchAll(IPV4)) {
    const ip = match[1];
    if (ip === undefined || seen.has(ip)) continue;
    seen.add(ip);
    const clause = ipClause(ip);
    if (clause) notes.push(`${field} contains ${ip}, which ${clause}`);
    if (seen.size >= 3) break;
  }
  return notes;
}

/** The command line writes its result into a temporary or shared-memory directory. */
export function tempPathInCmdline(alert: Alert): string[] {
  const cmdline = fieldText(alert, 'proc.cmdline');
  if (cmdline === undefined) return [];
  const hit = /(?:^|[\s=])(\/(?:tmp|var\/tmp|dev\/shm)\/\S*)/.exec(cmdline);
  return hit?.[1]
    ? [`proc.cmdline works with ${hit[1]}: temporary and shared-memory directories are where intruders stage tools.`]
    : [];
}
