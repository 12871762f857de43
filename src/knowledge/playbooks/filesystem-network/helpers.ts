import { classifyIp, type IpClass, type IpScope } from '../../ip';
import type { Alert } from '../../../model';
import { fieldText } from '../../fieldValue';
import { eventGeneratorMatches } from '../../eventGenerator';
import type { CommandTemplate } from '../../types';
import { crictl } from '../../commands';
import type { Note } from '../../observation';
import { about } from '../../observation';

/**
 * Commands and observations shared by the filesystem and network playbooks.
 *
 * None of these rules print proc.pid, so process look-ups go by proc.name (ps -C matches the
 * same 15-character comm value Falco reports). container.id, k8s.ns.name and k8s.pod.name are
 * not in the rules' own output strings but Falco appends them to syscall alerts.
 */
export const fx = {
  procByName: {
    title: 'List running processes with this name: pid, parent, owner, start time, arguments',
    command: 'ps -o pid,ppid,user,lstart,args -C ⟦proc.name⟧',
  },
  exeOwner: {
    title: 'On the host, find which package owns the executable (no owner means it was dropped there)',
    command: 'rpm -qf ⟦proc.exepath⟧ || dpkg -S ⟦proc.exepath⟧', inContainer: 'crictl exec ⟦container.id⟧ rpm -qf ⟦proc.exepath⟧ || crictl exec ⟦container.id⟧ dpkg -S ⟦proc.exepath⟧',
  },
  loginUser: {
    title: 'Resolve the account that opened the login session (user.loginuid)',
    command: 'getent passwd ⟦user.loginuid⟧',
  },
  recentLogins: {
    title: 'Recent logins of that account with full timestamps and source addresses',
    command: 'last -F -a ⟦user.name⟧', where: 'host',
  },
  fileStat: {
    title: 'Owner, mode and modification/change times of the file (host path)',
    command: 'stat ⟦fd.name⟧', inContainer: 'crictl exec ⟦container.id⟧ stat ⟦fd.name⟧',
  },
  fileStatInContainer: {
    title: 'Same check inside the container (the path is in its mount namespace)',
    command: 'crictl exec ⟦container.id⟧ stat ⟦fd.name⟧',
  },
  auditFile: {
    title: 'If auditd watches the path, list every access its logs still hold, with process, user and time (find the alert time among them)',
    command: 'ausearch -i -f ⟦fd.name⟧', where: 'host',
  },
  dockerDiff: {
    title: 'On a Docker host, list files added (A) or changed (C) in the container since it started',
    command: 'docker diff ⟦container.id⟧',
  },
  containerSockets: {
    title: "List the container's TCP/UDP sockets and owning processes from its network namespace",
    command: crictl.inNetns('ss -tuanp'),
  },
  socketsToRemotePort: {
    title: 'On the host, list sockets to the same remote port with their owning process',
    command: 'ss -tuanp dport = :⟦fd.rport|port⟧', inContainer: crictl.inNetns('ss -tuanp dport = :⟦fd.rport|port⟧'),
  },
  socketsOnLocalPort: {
    title: 'On the host, list sockets on the same local port with their owning process',
    command: 'ss -tuanp sport = :⟦fd.lport|port⟧', inContainer: crictl.inNetns('ss -tuanp sport = :⟦fd.lport|port⟧'),
  },
  socketsOfProcess: {
    title: 'On the host, list TCP/UDP sockets owned by processes with this name',
    command: `ss -tuanp | grep -F -- '"'⟦proc.name⟧'"'`,
  },
  serviceAccountRights: {
    title: "List what the pod's service account may do in its namespace",
    command:
      'kubectl auth can-i --list --namespace=⟦k8s.ns.name⟧ --as=system:serviceaccount:⟦k8s.ns.name|dnsname⟧:"$(kubectl get --namespace=⟦k8s.ns.name⟧ --output=custom-columns=:.spec.serviceAccountName --no-headers -- pod ⟦k8s.pod.name⟧)"',
  },
  podEvents: {
    title: 'Kubernetes events for the pod (restarts, exec, image pulls)',
    command: 'kubectl get events --namespace=⟦k8s.ns.name⟧ --field-selector=involvedObject.name=⟦k8s.pod.name|dnsname⟧',
  },
} satisfies Record<string, CommandTemplate>;

// ---------------------------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------------------------

const EVENT_GENERATOR = 'event-generator';

function basename(path: string): string {
  const trimmed = path.trim().split(/\s+/)[0] ?? '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Where falcosecurity's event-generator shows up in the alert, if anywhere. */
export function eventGeneratorNotes(alert: Alert): Note[] {
  const where = eventGeneratorMatches(alert).map((m) => m.field);
  const name = fieldText(alert, 'proc.name');
  const exe = fieldText(alert, 'proc.exepath');
  if (where.length === 0) return [];
  const notes: Note[] = [
    about('event-generator', `event-generator, falcosecurity's tool that triggers Falco rules on purpose, appears in ${where.join(', ')}: most likely a planned test, not an attack. Confirm someone is running it.`),
  ];
  if (name !== undefined && name !== EVENT_GENERATOR && exe !== undefined && basename(exe) === EVENT_GENERATOR) {
    notes.push(
      `proc.name is ${name} but proc.exepath is ${exe}: event-generator re-runs itself under a borrowed name to match name-based conditions.`,
    );
  }
  return notes;
}

/** container.id=host: the event happened on the node itself. */
export function hostNotes(alert: Alert): string[] {
  return fieldText(alert, 'container.id') === 'host'
    ? ['container.id=host: this happened on the node itself, outside any container.']
    : [];
}

const UNSET_LOGINUID = new Set(['-1', '4294967295']);
const ELEVATORS = new Set(['sudo', 'su', 'doas', 'pkexec', 'runuser']);

/** Terminal and login-session facts: interactive use, and privileges raised after login. */
export function sessionNotes(alert: Alert): string[] {
  const notes: string[] = [];
  const tty = fieldText(alert, 'proc.tty');
  if (tty !== undefined && tty !== '0') {
    notes.push(`proc.tty=${tty}: a controlling terminal, so an interactive session rather than a service.`);
  }
  const loginuid = fieldText(alert, 'user.loginuid');
  if (loginuid !== undefined && !UNSET_LOGINUID.has(loginuid)) {
    const uid = fieldText(alert, 'user.uid');
    const user = fieldText(alert, 'user.name');
    let text = `user.loginuid=${loginuid}: the process descends from a login session of uid ${loginuid}`;
    if (uid !== undefined && uid !== loginuid) {
      text += ` and now runs as ${user ?? 'uid'} (uid ${uid})`;
      const via = ['proc.pname', 'proc.aname[2]', 'proc.aname[3]']
        .map((f) => [f, fieldText(alert, f)] as const)
        .find(([, v]) => v !== undefined && ELEVATORS.has(v));
      if (via) text += `, switched through ${via[1]} (${via[0]})`;
    }
    notes.push(`${text}. Ask that person whether they did this.`);
  }
  return notes;
}

/** The observations most file and process rules share. */
export function baseNotes(alert: Alert): Note[] {
  return [...eventGeneratorNotes(alert), ...hostNotes(alert), ...sessionNotes(alert)];
}

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------



export { classifyIp, type IpClass, type IpScope };

export interface Endpoint {
  ip: string;
  port?: string;
}

function endpoint(text: string): Endpoint | undefined {
  const s = text.trim();
  const idx = s.lastIndexOf(':');
  if (idx <= 0) return undefined;
  const port = s.slice(idx + 1);
  const ip = s.slice(0, idx).replace(/^\[|\]$/g, '');
  if (!/^\d+$/.test(port) || classifyIp(ip) === undefined) return undefined;
  return { ip, port };
}

/** Split Falco's `client:port->server:port` connection string. */
export function parseConnection(name: string | undefined): { client: Endpoint; server: Endpoint } | undefined {
  if (name === undefined) return undefined;
  const halves = name.split('->');
  if (halves.length !== 2) return undefined;
  const client = endpoint(halves[0] ?? '');
  const server = endpoint(halves[1] ?? '');
  return client && server ? { client, server } : undefined;
}

/** Which side the rule's event normally puts the remote peer on, when the ports cannot tell. */
export type Direction = 'outbound' | 'inbound' | 'either';

/** The remote peer of the alert's connection, and the field it was read from. */
export function remoteEndpoint(alert: Alert, direction: Direction): (Endpoint & { from: string }) | undefined {
  const rip = fieldText(alert, 'fd.rip');
  if (rip !== undefined && classifyIp(rip)) return { ip: rip, from: 'fd.rip' };
  const sip = fieldText(alert, 'fd.sip');
  if (direction === 'outbound' && sip !== undefined && classifyIp(sip)) return { ip: sip, from: 'fd.sip' };
  const conn = parseConnection(fieldText(alert, 'fd.name'));
  if (!conn) return undefined;
  const rport = fieldText(alert, 'fd.rport');
  if (rport !== undefined && conn.server.port !== conn.client.port) {
    if (conn.server.port === rport) return { ...conn.server, from: 'fd.name, server side' };
    if (conn.client.port === rport) return { ...conn.client, from: 'fd.name, client side' };
  }
  if (direction === 'outbound') return { ...conn.server, from: 'fd.name, server side' };
  if (direction === 'inbound') return { ...conn.client, from: 'fd.name, client side' };
  return undefined;
}

/** What kind of address this is, as a clause starting with "is", e.g. "is a private address (10.0.0.0/8): ...". */
export function ipClause(ip: string): string | undefined {
  const c = classifyIp(ip);
  if (!c) return undefined;
  switch (c.scope) {
    case 'metadata':
      return "is the link-local cloud instance metadata endpoint: it serves the node's identity and, on most clouds, temporary credentials of the node's IAM role.";
    case 'loopback':
      return `is loopback (${c.range}): the peer is in the same host or pod network namespace.`;
    case 'private':
      return `is a private address (${c.range}): the peer is inside your own network or cluster, so look it up in your inventory (kubectl get pods,svc -A -o wide) rather than in threat intelligence.`;
    case 'link-local':
      return `is link-local (${c.range}): reachable only on the local segment, usually a node-local service.`;
    case 'shared':
      return `is in the shared address space ${c.range} (RFC 6598): not Internet-routable; carrier NAT and some cloud or overlay networks use it.`;
    case 'documentation':
      return `is in a documentation range (${c.range}) that real traffic never uses: this alert most likely comes from a test or a sample.`;
    case 'unspecified':
      return `is the unspecified address (${c.range}).`;
    case 'multicast':
      return `is a multicast address (${c.range}).`;
    case 'public':
      return "is a public, Internet-routable address: the traffic leaves your network. Establish who owns it (whois, reverse DNS, your cloud provider's published ranges).";
  }
}

/** One sentence on what kind of address the peer is: "<label> <ip> is ...". */
export function describeIp(ip: string, label = 'Remote end'): string | undefined {
  const clause = ipClause(ip);
  return clause ? `${label} ${ip} ${clause}` : undefined;
}

/** Observation on the remote peer of a network alert: private, public, metadata ... */
export function remoteNotes(alert: Alert, direction: Direction): string[] {
  const remote = remoteEndpoint(alert, direction);
  if (!remote) return [];
  const port = remote.port ?? fieldText(alert, 'fd.rport');
  const text = describeIp(remote.ip, `Remote end (${remote.from}${port ? `, port ${port}` : ''})`);
  return text ? [text] : [];
}

/** kube-system and other control-plane namespaces host cluster add-ons. */
export function namespaceNotes(alert: Alert): string[] {
  const ns = fieldText(alert, 'k8s.ns.name');
  if (ns === 'kube-system') {
    return ['k8s.ns.name=kube-system: cluster add-ons run here; check that k8s.pod.name belongs to a known add-on before treating it as a compromise.'];
  }
  return [];
}
