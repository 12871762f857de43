import type { Alert, ProcessNode, ProcessTreeIncident } from '../../model';
import { fieldText } from '../../knowledge/fieldValue';

/** One process of an alert's ancestry, as the alert recorded it. */
export interface ProcessStep {
  name: string;
  pid?: string;
  exepath?: string;
  cmdline?: string;
  sid?: string;
  vpgid?: string;
}

/** Falco's ancestor fields go up to proc.aname[N]; alerts rarely print beyond 7, rules never past 10. */
const MAX_ANCESTORS = 16;
/** The name shown for ancestors no alert recorded. */
export const ELIDED_NAME = '… earlier ancestors not in the alerts';

function step(name: string | undefined, pid: string | undefined, exepath?: string, cmdline?: string): ProcessStep | null {
  const label = name ?? (exepath ? exepath.slice(exepath.lastIndexOf('/') + 1) : undefined);
  if (label === undefined && pid === undefined) return null;
  const s: ProcessStep = { name: label ?? '?' };
  if (pid !== undefined) s.pid = pid;
  if (exepath !== undefined) s.exepath = exepath;
  if (cmdline !== undefined) s.cmdline = cmdline;
  return s;
}

/**
 * The alerting process and its ancestors the alert recorded, root first: proc.aname[N]/apid[N]
 * (N >= 2, Falco's grandparent and up), proc.pname/ppid/pexepath/pcmdline (aname[1]/apid[1] when
 * those are absent), then proc.name/pid/exepath/cmdline with proc.sid and proc.vpgid. Stops at the
 * first gap: a level the alert did not print cannot be placed. Empty when the alert names no process.
 */
export function ancestryOf(alert: Alert): ProcessStep[] {
  const f = (field: string) => fieldText(alert, field);
  const self = step(f('proc.name'), f('proc.pid') ?? f('proc.vpid'), f('proc.exepath') ?? f('proc.exe'), f('proc.cmdline'));
  if (!self) return [];
  const sid = f('proc.sid');
  const vpgid = f('proc.vpgid');
  if (sid !== undefined) self.sid = sid;
  if (vpgid !== undefined) self.vpgid = vpgid;
  const up: ProcessStep[] = [];
  const parent = step(f('proc.pname') ?? f('proc.aname[1]'), f('proc.ppid') ?? f('proc.apid[1]'), f('proc.pexepath') ?? f('proc.aexepath[1]'), f('proc.pcmdline'));
  if (parent) {
    up.push(parent);
    for (let n = 2; n <= MAX_ANCESTORS; n++) {
      const ancestor = step(f(`proc.aname[${n}]`), f(`proc.apid[${n}]`), f(`proc.aexepath[${n}]`));
      if (!ancestor) break;
      up.push(ancestor);
    }
  }
  return [...up.reverse(), self];
}

/** True when the chain starts at init (pid 1): nothing above it is missing. */
function reachesInit(chain: ProcessStep[]): boolean {
  return chain[0]?.pid === '1';
}

const keyOf = (s: ProcessStep): string => (s.pid !== undefined ? `${s.pid}:${s.name}` : s.name);

function nodeOf(s: ProcessStep): ProcessNode {
  const node: ProcessNode = { key: keyOf(s), name: s.name, incidents: [], children: [] };
  if (s.pid !== undefined) node.pid = s.pid;
  if (s.exepath !== undefined) node.exepath = s.exepath;
  if (s.cmdline !== undefined) node.cmdline = s.cmdline;
  return node;
}

/** Fill what an earlier chain left out (a parent's cmdline is printed by some rules only). */
function complete(node: ProcessNode, s: ProcessStep): void {
  if (node.exepath === undefined && s.exepath !== undefined) node.exepath = s.exepath;
  if (node.cmdline === undefined && s.cmdline !== undefined) node.cmdline = s.cmdline;
  if (node.sid === undefined && s.sid !== undefined) node.sid = s.sid;
  if (node.vpgid === undefined && s.vpgid !== undefined) node.vpgid = s.vpgid;
}

function childFor(parent: { children: ProcessNode[] }, s: ProcessStep): ProcessNode {
  const key = keyOf(s);
  let child = parent.children.find((c) => c.key === key);
  if (!child) parent.children.push((child = nodeOf(s)));
  complete(child, s);
  return child;
}

/**
 * Merge the ancestries of incidents seen in one container (or on one host) into one tree. A
 * process is one node however many alerts name it (same pid and name): a chain whose top was not
 * recorded is grafted under the node of its highest known process when another chain placed it,
 * and otherwise hangs under a placeholder for the missing ancestors. Chains reaching init
 * (pid 1) are roots. Longer chains go first, so the best-known placement wins.
 */
export function mergeAncestries(entries: { incident: ProcessTreeIncident; chain: ProcessStep[] }[]): ProcessNode[] {
  const root = { children: [] as ProcessNode[] };
  const byPid = new Map<string, ProcessNode>();
  const index = (node: ProcessNode) => {
    if (node.pid !== undefined && !byPid.has(node.key)) byPid.set(node.key, node);
  };
  const sorted = entries.filter((e) => e.chain.length > 0).sort((a, b) => b.chain.length - a.chain.length);
  for (const { incident, chain } of sorted) {
    let at: { children: ProcessNode[] } = root;
    let start = 0;
    const known = chain.findIndex((s) => s.pid !== undefined && byPid.has(keyOf(s)));
    if (known >= 0) {
      at = byPid.get(keyOf(chain[known]!))!;
      complete(at as ProcessNode, chain[known]!);
      start = known + 1;
    } else if (!reachesInit(chain)) {
      at = childFor(root, { name: ELIDED_NAME });
      (at as ProcessNode).elided = true;
    }
    let node = at as ProcessNode;
    for (let i = start; i < chain.length; i++) {
      node = childFor(at, chain[i]!);
      index(node);
      at = node;
    }
    if (!node.incidents.some((i) => i.id === incident.id)) node.incidents.push(incident);
  }
  return root.children;
}

/** Nodes in the tree (for caps and tests). */
export function countNodes(nodes: ProcessNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}
