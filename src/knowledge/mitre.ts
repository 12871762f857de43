import type { MitreTechnique } from '../model';
import { lookupTable } from './lookupTable';

/**
 * MITRE ATT&CK (Enterprise) facts for the tags Falco rules carry. Falco tags a rule with tactic
 * tags (`mitre_privilege_escalation`), technique ids (`T1055.008`) and sometimes tactic ids
 * (`TA0004`); a few upstream tags have a suffix (`T1083-file-and-directory-discovery`).
 */

export interface Tactic {
  /** ATT&CK tactic id, e.g. TA0004. */
  id: string;
  name: string;
  /** snake_case slug, as in Falco's `mitre_<slug>` tags. */
  slug: string;
}

/** The Enterprise tactics, in matrix order (the order reports list them in). */
export const TACTICS: readonly Tactic[] = [
  { id: 'TA0043', name: 'Reconnaissance', slug: 'reconnaissance' },
  { id: 'TA0042', name: 'Resource Development', slug: 'resource_development' },
  { id: 'TA0001', name: 'Initial Access', slug: 'initial_access' },
  { id: 'TA0002', name: 'Execution', slug: 'execution' },
  { id: 'TA0003', name: 'Persistence', slug: 'persistence' },
  { id: 'TA0004', name: 'Privilege Escalation', slug: 'privilege_escalation' },
  { id: 'TA0005', name: 'Defense Evasion', slug: 'defense_evasion' },
  { id: 'TA0006', name: 'Credential Access', slug: 'credential_access' },
  { id: 'TA0007', name: 'Discovery', slug: 'discovery' },
  { id: 'TA0008', name: 'Lateral Movement', slug: 'lateral_movement' },
  { id: 'TA0009', name: 'Collection', slug: 'collection' },
  { id: 'TA0011', name: 'Command and Control', slug: 'command_and_control' },
  { id: 'TA0010', name: 'Exfiltration', slug: 'exfiltration' },
  { id: 'TA0040', name: 'Impact', slug: 'impact' },
];

/**
 * Falco `mitre_*` tags that are not the slug of a tactic, mapped to the tactic they mean.
 * `mitre_data_destruction` names a technique (T1485 Data Destruction), whose tactic is Impact.
 */
const TACTIC_TAG_ALIASES: Readonly<Record<string, string>> = lookupTable({
  mitre_data_destruction: 'impact',
});

export interface Technique {
  id: string;
  name: string;
  /** Tactic slugs the technique belongs to; the first is its primary tactic. */
  tactics: string[];
}

const t = (id: string, name: string, ...tactics: string[]): Technique => ({ id, name, tactics });

/** Every technique id used in the upstream rules' tags (after normalising suffixed tags). */
export const TECHNIQUES: readonly Technique[] = [
  t('T1005', 'Data from Local System', 'collection'),
  t('T1020', 'Automated Exfiltration', 'exfiltration'),
  t('T1021.004', 'Remote Services: SSH', 'lateral_movement'),
  t('T1046', 'Network Service Discovery', 'discovery'),
  t('T1053.003', 'Scheduled Task/Job: Cron', 'execution', 'persistence', 'privilege_escalation'),
  t('T1055.008', 'Process Injection: Ptrace System Calls', 'defense_evasion', 'privilege_escalation'),
  t('T1059', 'Command and Scripting Interpreter', 'execution'),
  t('T1059.004', 'Command and Scripting Interpreter: Unix Shell', 'execution'),
  t('T1070', 'Indicator Removal', 'defense_evasion'),
  t('T1072', 'Software Deployment Tools', 'execution', 'lateral_movement'),
  t('T1083', 'File and Directory Discovery', 'discovery'),
  t('T1098', 'Account Manipulation', 'persistence', 'privilege_escalation'),
  t('T1098.004', 'Account Manipulation: SSH Authorized Keys', 'persistence', 'privilege_escalation'),
  t('T1132', 'Data Encoding', 'command_and_control'),
  t('T1190', 'Exploit Public-Facing Application', 'initial_access'),
  t('T1195.002', 'Supply Chain Compromise: Compromise Software Supply Chain', 'initial_access'),
  t('T1204', 'User Execution', 'execution'),
  t('T1205.001', 'Traffic Signaling: Port Knocking', 'defense_evasion', 'persistence', 'command_and_control'),
  t(
    'T1222.002',
    'File and Directory Permissions Modification: Linux and Mac File and Directory Permissions Modification',
    'defense_evasion',
  ),
  t('T1485', 'Data Destruction', 'impact'),
  t('T1490', 'Inhibit System Recovery', 'impact'),
  t('T1496', 'Resource Hijacking', 'impact'),
  t('T1498', 'Network Denial of Service', 'impact'),
  t('T1505', 'Server Software Component', 'persistence'),
  t('T1505.003', 'Server Software Component: Web Shell', 'persistence'),
  t('T1543', 'Create or Modify System Process', 'persistence', 'privilege_escalation'),
  t('T1546.004', 'Event Triggered Execution: Unix Shell Configuration Modification', 'privilege_escalation', 'persistence'),
  t('T1548.001', 'Abuse Elevation Control Mechanism: Setuid and Setgid', 'privilege_escalation', 'defense_evasion'),
  t('T1548.003', 'Abuse Elevation Control Mechanism: Sudo and Sudo Caching', 'privilege_escalation', 'defense_evasion'),
  t('T1552', 'Unsecured Credentials', 'credential_access'),
  t('T1552.001', 'Unsecured Credentials: Credentials In Files', 'credential_access'),
  t('T1552.005', 'Unsecured Credentials: Cloud Instance Metadata API', 'credential_access'),
  t('T1555', 'Credentials from Password Stores', 'credential_access'),
  t('T1556', 'Modify Authentication Process', 'credential_access', 'defense_evasion', 'persistence'),
  t('T1557.002', 'Adversary-in-the-Middle: ARP Cache Poisoning', 'credential_access', 'collection'),
  t('T1562', 'Impair Defenses', 'defense_evasion'),
  t('T1564.001', 'Hide Artifacts: Hidden Files and Directories', 'defense_evasion'),
  t('T1565', 'Data Manipulation', 'impact'),
  t('T1567', 'Exfiltration Over Web Service', 'exfiltration'),
  t('T1567.002', 'Exfiltration Over Web Service: Exfiltration to Cloud Storage', 'exfiltration'),
  t('T1610', 'Deploy Container', 'defense_evasion', 'execution'),
  t('T1611', 'Escape to Host', 'privilege_escalation'),
  t('T1620', 'Reflective Code Loading', 'defense_evasion'),
  t('T1622', 'Debugger Evasion', 'defense_evasion', 'discovery'),
];

const tacticBySlug = new Map(TACTICS.map((x) => [x.slug, x]));
const tacticById = new Map(TACTICS.map((x) => [x.id, x]));
const techniqueById = new Map(TECHNIQUES.map((x) => [x.id, x]));
const tacticOrder = new Map(TACTICS.map((x, i) => [x.slug, i]));

export function techniqueInfo(id: string): Technique | null {
  return techniqueById.get(id) ?? null;
}

/** `T1083-file-and-directory-discovery` -> `T1083`; `t1055.008` -> `T1055.008`; other tags -> null. */
export function normaliseTechniqueTag(tag: string): string | null {
  const m = /^(T\d{4}(?:\.\d{3})?)(?:$|[^.\d])/i.exec(tag.trim());
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** The tactic a tag names (`mitre_discovery`, `TA0007`, `TA0007-discovery`), or null. */
export function tacticFromTag(tag: string): Tactic | null {
  const s = tag.trim().toLowerCase();
  if (s.startsWith('mitre_')) {
    const slug = TACTIC_TAG_ALIASES[s] ?? s.slice('mitre_'.length);
    return tacticBySlug.get(slug) ?? null;
  }
  const m = /^ta(\d{4})(?:$|[^\d])/.exec(s);
  return m ? (tacticById.get(`TA${m[1]}`) ?? null) : null;
}

function uniqueTactics(tags: readonly string[]): Tactic[] {
  const out: Tactic[] = [];
  for (const tag of tags) {
    const tactic = tacticFromTag(tag);
    if (tactic && !out.includes(tactic)) out.push(tactic);
  }
  return out;
}

/**
 * The ATT&CK entries a rule's tags point at. One entry per technique tag (deduplicated), placed
 * under the first of the rule's tactic tags the technique belongs to, else under its primary
 * tactic. Tactic tags that none of the rule's techniques belongs to become tactic-only entries
 * (`{id: '', name: '', tactic: 'Discovery', tacticId: 'TA0007'}`): a tactic id never stands in the
 * technique column. Unknown technique ids keep their id with the name 'Unknown technique' and the
 * rule's first tactic ('' when it has none).
 */
export function mitreFromTags(tags: readonly string[]): MitreTechnique[] {
  const tactics = uniqueTactics(tags);
  const covered = new Set<Tactic>();
  const seen = new Set<string>();
  const out: MitreTechnique[] = [];
  const entry = (id: string, name: string, tactic: Tactic | undefined): MitreTechnique => ({
    id,
    name,
    tactic: tactic?.name ?? '',
    tacticId: tactic?.id ?? '',
  });
  for (const tag of tags) {
    const id = normaliseTechniqueTag(tag);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const info = techniqueById.get(id);
    if (!info) {
      const first = tactics[0];
      if (first) covered.add(first);
      out.push(entry(id, 'Unknown technique', first));
      continue;
    }
    for (const tactic of tactics) if (info.tactics.includes(tactic.slug)) covered.add(tactic);
    const chosen = tactics.find((x) => info.tactics.includes(x.slug)) ?? tacticBySlug.get(info.tactics[0] ?? '');
    out.push(entry(id, info.name, chosen));
  }
  for (const tactic of tactics) {
    if (!covered.has(tactic)) out.push(entry('', '', tactic));
  }
  return out;
}

/**
 * Tactic slugs (`privilege_escalation`) of a rule: its tactic tags plus the tactic each of its
 * techniques was placed under by mitreFromTags, in ATT&CK matrix order.
 */
export function tacticsFromTags(tags: readonly string[]): string[] {
  const slugs = new Set<string>(uniqueTactics(tags).map((x) => x.slug));
  for (const entry of mitreFromTags(tags)) {
    const tactic = TACTICS.find((x) => x.name === entry.tactic);
    if (tactic) slugs.add(tactic.slug);
  }
  return [...slugs].sort((a, b) => (tacticOrder.get(a) ?? 99) - (tacticOrder.get(b) ?? 99));
}
