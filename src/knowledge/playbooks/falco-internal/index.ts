import type { Alert } from '../../../model';
import type { Playbook } from '../../types';

/**
 * Falco's own messages: they describe the sensor, not the workload. Configuration keys below
 * exist in falco.yaml of Falco 0.41 to 0.44 and can be set with `-o key=value`.
 */

function num(alert: Alert, ...fields: string[]): number | undefined {
  for (const f of fields) {
    const v = alert.outputFields[f];
    if (v === null || v === undefined || v === '' || typeof v === 'boolean') continue;
    const n = typeof v === 'number' ? v : Number(v);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(part / whole < 0.01 ? 2 : 1)}%`;
}

const DROP_CAUSES: readonly [string, string][] = [
  ['clone_fork', 'process creation'],
  ['execve', 'program execution'],
  ['connect', 'outbound connections'],
  ['open', 'file opens'],
  ['dir_file', 'file and directory changes'],
  ['close', 'file closes'],
  ['proc', 'process exits'],
  ['other_interest', 'other monitored calls'],
];

export function observeSyscallDrop(alert: Alert): string[] {
  const out: string[] = [];
  const drops = num(alert, 'n_drops', 'scap.n_drops');
  const evts = num(alert, 'n_evts', 'scap.n_evts');
  // n_evts counts the dropped events too, as in Falco's own drop ratio
  if (drops !== undefined && evts !== undefined && evts > 0 && drops > 0) {
    out.push(`${drops} of ${evts} kernel events (${pct(drops, evts)}) were lost in the last second: rules could not see them.`);
  }
  const lost: [string, number][] = [];
  for (const [key, label] of DROP_CAUSES) {
    const n = (num(alert, `n_drops_buffer_${key}_enter`) ?? 0) + (num(alert, `n_drops_buffer_${key}_exit`) ?? 0);
    if (n > 0) lost.push([label, n]);
  }
  if (lost.length > 0) {
    lost.sort((a, b) => b[1] - a[1]);
    out.push(`Lost events by kind: ${lost.map(([l, n]) => `${l} ${n}`).join(', ')}.`);
    if (lost.some(([l]) => l === 'program execution' || l === 'process creation')) {
      out.push('Process creation or execution events were lost: process-based rules may have missed commands, and process context in later alerts may be incomplete.');
    }
  }
  const buffer = num(alert, 'n_drops_buffer_total');
  if (buffer !== undefined && drops !== undefined && drops > 0 && buffer >= drops * 0.9) {
    out.push('Almost all drops come from full ring buffers: Falco could not read events as fast as the kernel produced them.');
  }
  if ((num(alert, 'n_drops_bug') ?? 0) > 0) {
    out.push('n_drops_bug is above 0: the driver rejected events as malformed, which points at a driver or kernel incompatibility rather than load.');
  }
  if ((num(alert, 'n_drops_scratch_map') ?? 0) > 0) {
    out.push('n_drops_scratch_map is above 0: the eBPF probe ran out of scratch space for large events (long arguments or paths).');
  }
  if ((num(alert, 'n_drops_page_faults') ?? 0) > 0) {
    out.push('n_drops_page_faults is above 0: some syscall arguments were in memory the driver could not read.');
  }
  return out;
}

export function observeMetrics(alert: Alert): string[] {
  const out: string[] = [];
  const version = alert.outputFields['falco.version'];
  const engine = alert.outputFields['scap.engine_name'];
  if (typeof version === 'string' && version) {
    out.push(`Falco ${version}${typeof engine === 'string' && engine ? ` with the ${engine} engine` : ''}.`);
  }
  const dropPerc = num(alert, 'scap.n_drops_perc');
  if (dropPerc !== undefined && dropPerc > 0) {
    out.push(`${dropPerc}% of kernel events were dropped since the previous snapshot: detection had gaps in that window.`);
  }
  const drops = num(alert, 'scap.n_drops');
  const evts = num(alert, 'scap.n_evts');
  if (drops !== undefined && evts !== undefined && drops > 0 && evts > 0) {
    out.push(`${drops} kernel events lost out of ${evts} since start (${pct(drops, evts)}).`);
  }
  const queueDrops = num(alert, 'falco.outputs_queue_num_drops');
  if (queueDrops !== undefined && queueDrops > 0) {
    out.push(`${queueDrops} alerts were dropped because the outputs queue was full: some alerts never reached their destination.`);
  }
  const fullTable = num(alert, 'falco.n_drops_full_threadtable');
  if (fullTable !== undefined && fullTable > 0) {
    out.push(`${fullTable} threads were not tracked because the thread table was full: process fields may be missing in alerts.`);
  }
  const failed = num(alert, 'falco.n_failed_thread_lookups');
  const cached = num(alert, 'falco.n_cached_thread_lookups') ?? 0;
  const noncached = num(alert, 'falco.n_noncached_thread_lookups') ?? 0;
  if (failed !== undefined && failed > 0 && cached + noncached > 0 && failed / (cached + noncached) > 0.01) {
    out.push(`${pct(failed, cached + noncached)} of thread lookups failed: some alerts may show <NA> for process fields.`);
  }
  const rss = num(alert, 'falco.memory_rss_mb', 'falco.memory_rss');
  if (rss !== undefined && rss > 1024) out.push(`Falco uses ${Math.round(rss)} MB of resident memory.`);
  const cpu = num(alert, 'falco.cpu_usage_perc');
  if (cpu !== undefined && cpu >= 50) out.push(`Falco uses ${cpu}% of a CPU.`);
  const rules = Object.entries(alert.outputFields)
    .filter(([k, v]) => k.startsWith('falco.rules.') && k !== 'falco.rules.matches_total' && Number(v) > 0)
    .map(([k, v]) => [k.slice('falco.rules.'.length).replace(/_/g, ' '), Number(v)] as const)
    .sort((a, b) => b[1] - a[1]);
  if (rules.length > 0) {
    out.push(`Rules that matched most since start: ${rules.slice(0, 3).map(([r, n]) => `${r} (${n})`).join(', ')}.`);
  }
  return out;
}

const syscallEventDrop: Playbook = {
  id: 'falco-internal-syscall-event-drop',
  title: 'Falco internal: syscall event drop',
  rules: ['Falco internal: syscall event drop'],
  family: 'falco-internal',
  detects:
    'Falco reports that kernel events were lost before it could evaluate them: the share dropped in the last second passed syscall_event_drops.threshold.',
  whyItMatters:
    'Every dropped event is activity no rule saw: flooding the host with system calls can hide commands, and lost process events leave later alerts without parent or command-line context.',
  benignCauses: [
    'Bursts of system calls from builds, backups, package installs or busy databases.',
    'Falco CPU-throttled (a low Kubernetes CPU limit) or an overloaded node, so events are read too slowly.',
    'Ring buffers too small for a large, busy host.',
    'A driver and kernel mismatch (n_drops_bug above 0), not load.',
  ],
  distinguish: [
    'When: regular peaks matching cron jobs, deploys or backups are load; a single burst right before or after another alert on the host deserves a closer look.',
    'Compare n_drops with n_evts: a fraction of a percent during a known peak is tuning work; tens of percent means the host is largely unmonitored.',
    'Which events were lost (n_drops_buffer_*): lost execve and clone/fork events hurt process detection most.',
    'CPU usage and throttling of the Falco pod or service at that time.',
  ],
  mitigations: {
    immediate: [
      'Treat the host as partly unmonitored for the drop window: review its other alerts and logs for that time rather than trusting the absence of alerts.',
      'If drops coincide with suspicious alerts on the host, investigate those as if the missing events were malicious.',
    ],
    shortTerm: [
      'Give Falco more ring buffer space: raise engine.modern_ebpf.buf_size_preset (or engine.kmod.buf_size_preset) from the default 4 (8 MB) to 5 or 6, e.g. `-o engine.modern_ebpf.buf_size_preset=5`; check the page size first with `falco --page-size`.',
      'With modern eBPF, give each CPU its own buffer: `-o engine.modern_ebpf.cpus_for_each_buffer=1` (the default 2 shares one buffer between two CPUs).',
      'Raise or lift the Falco DaemonSet CPU limit so peaks do not throttle it.',
      'Validate the changed configuration with `falco --dry-run` before rolling it out.',
    ],
    longTerm: [
      'Trace fewer system calls: disable unused rules, and consider base_syscalls.repair=true so Falco adds only the syscalls its state needs.',
      'Enable metrics (`-o metrics.enabled=true -o metrics.interval=15m`) with kernel_event_counters_enabled, and track scap.n_drops_perc per node.',
      'Set syscall_event_drops.threshold and syscall_event_drops.actions (log, alert, exit) to the drop rate you accept, so drops page someone instead of passing as Debug messages.',
    ],
  },
  investigate: [
    {
      title: 'Count drop reports of the last hour in the Falco pods (Kubernetes)',
      command:
        "kubectl logs --namespace=falco --selector=app.kubernetes.io/name=falco --since-time=⟦@time-1h⟧ --timestamps --tail=-1 | grep -c 'syscall event drop'",
    },
    {
      title: 'Check the CPU and memory the Falco pods use now',
      command: 'kubectl top pod --namespace=falco',
    },
    {
      title: 'Check the CPU limits of the Falco pods (throttling causes drops)',
      command:
        "kubectl get pods --namespace=falco -o jsonpath='{range .items[*]}{.spec.nodeName}{\"\\t\"}{.spec.containers[*].resources}{\"\\n\"}{end}'",
    },
    {
      title: 'See which processes load the node right now',
      command: 'top -b -n 1 -o %CPU | head -n 20',
    },
    {
      title: 'Find the drop messages on a host where Falco runs as a systemd service',
      command: 'journalctl -u falco-modern-bpf.service -u falco-kmod.service --since=⟦@journal-1h⟧ --until=⟦@journal+10m⟧ | grep \'syscall event drop\'',
    },
  ],
  tuningFields: [],
  observe: observeSyscallDrop,
};

const metricsSnapshot: Playbook = {
  id: 'falco-internal-metrics-snapshot',
  title: 'Falco internal: metrics snapshot',
  rules: ['Falco internal: metrics snapshot'],
  family: 'falco-internal',
  detects:
    'Not a detection: Falco emits its own health and performance counters as an alert every metrics.interval when metrics.enabled and metrics.output_rule are on.',
  whyItMatters:
    'It shows whether the sensor sees everything: dropped kernel events, alerts lost in the outputs queue, a full thread table or failed lookups mean blind spots or alerts missing context. Rule counters name the noisiest rules to tune.',
  benignCauses: [
    'Metrics are enabled with output_rule, so every interval produces one snapshot per Falco instance.',
  ],
  distinguish: [
    'scap.n_drops_perc above 0 means kernel events were lost since the previous snapshot.',
    'falco.outputs_queue_num_drops above 0 means alerts were generated but never delivered.',
    'falco.n_drops_full_threadtable above 0 or many falco.n_failed_thread_lookups mean process fields in alerts can be <NA>.',
    'falco.rules.<rule> counters that grow fast point at rules to tune; falco.sha256_* values that change between snapshots mean the configuration or rules changed.',
  ],
  mitigations: {
    immediate: [
      'Nothing to contain: read the counters above and act only on the ones that show loss.',
    ],
    shortTerm: [
      'If kernel events are dropped, follow the syscall event drop playbook (buffer size via engine.*.buf_size_preset, CPU limits).',
      'If alerts are dropped from the outputs queue, make outputs faster (a slow http_output or program_output blocks it) or check outputs_queue.capacity (default 0, unbounded).',
      'If the thread table is full, raise falco_libs.thread_table_size (default 262144).',
    ],
    longTerm: [
      'Keep metrics.interval at 15m or more in production so snapshots do not crowd the alerts.',
    ],
  },
  investigate: [
    {
      title: 'See the Falco pods, their nodes and restarts',
      command: 'kubectl get --namespace=falco --output=wide -- pods',
    },
    {
      title: 'Check the CPU and memory the Falco pods use now',
      command: 'kubectl top pod --namespace=falco',
    },
    {
      title: 'Count snapshots and drop reports in the last day (Kubernetes)',
      command:
        "kubectl logs --namespace=falco --selector=app.kubernetes.io/name=falco --since-time=⟦@time-1d⟧ --timestamps --tail=-1 | grep -cE 'metrics snapshot|syscall event drop'",
    },
  ],
  tuningFields: [],
  observe: observeMetrics,
};

export const PLAYBOOKS: Playbook[] = [syscallEventDrop, metricsSnapshot];
