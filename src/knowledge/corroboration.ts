import type { Alert } from '../model';
import type { EvidenceItem, FieldMatch } from './eventGenerator';
import { imageRepository } from './eventGenerator';
import { fieldText } from './fieldValue';
import { inTempDir } from './lists';

/**
 * "This is our build tool / our CI runner": a claim that lowers risk must not rest on a name an
 * attacker picks. A process names itself and its parent (`exec -a buildkitd`, a binary copied
 * to /tmp/buildkitd); a workload's image, container and pod names are fixed when it is deployed,
 * which a process inside it cannot change. Same weighing as the event-generator verdict
 * (eventGenerator.ts), for any tool described by its images and names:
 *
 * - image: `container.image.repository` is one of the tool's published images. Worth two.
 * - workload: `container.name`, `k8s.pod.name`, `k8s.ns.name` carry the tool's name. One each.
 * - path: a process of the chain has the tool's name and an executable path outside temporary
 *   directories. One (the process chose it, so it never suffices alone).
 * - name: a process of the chain has the tool's name, its path unknown. Nothing.
 *
 * Against (cancels everything): a process with the tool's name runs from a temporary directory,
 * or the process the alert is about does.
 * Corroborated: two points or more, one of them fixed at deployment (image or workload), and
 * nothing against.
 */

export interface ToolClaim {
  /** The tool's published image repositories (registry host included when it has one). */
  images: RegExp;
  /** Names its processes, containers, pods or namespaces go by. */
  names: RegExp;
}

export interface Corroboration {
  corroborated: boolean;
  support: readonly EvidenceItem[];
  against: readonly (FieldMatch & { why: string })[];
}

const WEIGHT = { image: 2, workload: 1, path: 1, name: 0, cmdline: 0 } as const;
const WORKLOAD_FIELDS = ['container.name', 'k8s.pod.name', 'k8s.ns.name'] as const;
/** The processes of the chain above the one the alert is about: name field and path field. */
const ANCESTORS: readonly { name: string; path: string }[] = [
  { name: 'proc.pname', path: 'proc.pexepath' },
  ...[2, 3, 4, 5, 6, 7].map((n) => ({ name: `proc.aname[${n}]`, path: `proc.aexepath[${n}]` })),
];

export function corroborate(alert: Alert, claim: ToolClaim): Corroboration {
  const support: EvidenceItem[] = [];
  const against: (FieldMatch & { why: string })[] = [];
  const image = fieldText(alert, 'container.image.repository');
  if (image !== undefined && claim.images.test(imageRepository(image))) support.push({ kind: 'image', field: 'container.image.repository', value: image });
  for (const field of WORKLOAD_FIELDS) {
    const value = fieldText(alert, field);
    if (value !== undefined && claim.names.test(value)) support.push({ kind: 'workload', field, value });
  }
  for (const { name, path } of ANCESTORS) {
    const value = fieldText(alert, name);
    if (value === undefined || !claim.names.test(value)) continue;
    const exe = fieldText(alert, path);
    if (exe !== undefined && inTempDir(exe)) against.push({ field: path, value: exe, why: `a process named ${value} runs from a temporary directory` });
    else if (exe !== undefined && exe.startsWith('/')) support.push({ kind: 'path', field: path, value: exe });
    else support.push({ kind: 'name', field: name, value });
  }
  const own = fieldText(alert, 'proc.exepath');
  if (support.length > 0 && own !== undefined && inTempDir(own)) against.push({ field: 'proc.exepath', value: own, why: 'the process runs from a temporary directory' });
  const points = support.reduce((sum, s) => sum + WEIGHT[s.kind], 0);
  const deployed = support.some((s) => s.kind === 'image' || s.kind === 'workload');
  return { corroborated: against.length === 0 && points >= 2 && deployed, support, against };
}

/** The evidence to show for a corroborated claim (what the deployment fixed first), or null. */
export function corroboratingEvidence(alert: Alert, claim: ToolClaim): FieldMatch | null {
  const c = corroborate(alert, claim);
  if (!c.corroborated) return null;
  const shown = c.support.find((s) => s.kind === 'image') ?? c.support.find((s) => s.kind === 'workload') ?? c.support[0];
  return shown ? { field: shown.field, value: shown.value } : null;
}
