import type { DiffRow, DiffStatus, IncidentSummary, SessionDiff } from '../../model';

/** A volume counts as changed past this factor either way (1.5: 100 -> 151 is up, 100 -> 66 down). */
export const CHANGE_FACTOR = 1.5;

export function diffStatus(baseline: number, current: number, factor = CHANGE_FACTOR): DiffStatus {
  if (baseline === 0) return current === 0 ? 'same' : 'new';
  if (current === 0) return 'gone';
  if (current > baseline * factor) return 'up';
  if (current * factor < baseline) return 'down';
  return 'same';
}

const ORDER: Record<DiffStatus, number> = { new: 0, gone: 1, up: 2, down: 3, same: 4 };

function diffRows(baseline: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>): DiffRow[] {
  const keys = new Set([...baseline.keys(), ...current.keys()]);
  const rows = [...keys].map((key) => {
    const b = baseline.get(key) ?? 0;
    const c = current.get(key) ?? 0;
    return { key, baseline: b, current: c, status: diffStatus(b, c) };
  });
  return rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || Math.abs(b.current - b.baseline) - Math.abs(a.current - a.baseline) || a.key.localeCompare(b.key));
}

/** What a comparison needs of one session: alerts per rule and per entity (kind:value), and totals. */
export interface SessionCounts {
  alerts: number;
  incidents: number;
  rules: ReadonlyMap<string, number>;
  entities: ReadonlyMap<string, number>;
  /** Per entity key, its label (the first incident's). */
  labels: ReadonlyMap<string, string>;
}

/** Count a session's incidents for comparing: once per baseline, once per change of the current session. */
export function countSession(incidents: readonly IncidentSummary[]): SessionCounts {
  const rules = new Map<string, number>();
  const entities = new Map<string, number>();
  const labels = new Map<string, string>();
  let alerts = 0;
  for (const i of incidents) {
    alerts += i.count;
    rules.set(i.rule, (rules.get(i.rule) ?? 0) + i.count);
    const key = `${i.entity.kind}:${i.entity.value}`;
    const known = entities.get(key);
    if (known === undefined) labels.set(key, i.entity.label);
    entities.set(key, (known ?? 0) + i.count);
  }
  return { alerts, incidents: incidents.length, rules, entities, labels };
}

/**
 * What changed from a baseline session (yesterday's) to this one: alerts per rule and per entity
 * (the container, process, host or principal incidents are keyed on), each new, gone, up, down or
 * the same. Entities are compared by kind and value; their label is what is shown (the baseline's
 * when both have it).
 */
export function diffCounts(baselineName: string, baseline: SessionCounts, current: SessionCounts): SessionDiff {
  const entities = diffRows(baseline.entities, current.entities).map((r) => ({ ...r, key: baseline.labels.get(r.key) ?? current.labels.get(r.key) ?? r.key }));
  return {
    baselineName,
    baseline: { alerts: baseline.alerts, incidents: baseline.incidents },
    current: { alerts: current.alerts, incidents: current.incidents },
    rules: diffRows(baseline.rules, current.rules),
    entities,
  };
}

/** diffCounts of two lists of incidents. */
export function diffSessions(baselineName: string, baseline: readonly IncidentSummary[], current: readonly IncidentSummary[]): SessionDiff {
  return diffCounts(baselineName, countSession(baseline), countSession(current));
}
