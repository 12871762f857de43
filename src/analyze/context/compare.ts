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

function diffRows(baseline: Map<string, number>, current: Map<string, number>): DiffRow[] {
  const keys = new Set([...baseline.keys(), ...current.keys()]);
  const rows = [...keys].map((key) => {
    const b = baseline.get(key) ?? 0;
    const c = current.get(key) ?? 0;
    return { key, baseline: b, current: c, status: diffStatus(b, c) };
  });
  return rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || Math.abs(b.current - b.baseline) - Math.abs(a.current - a.baseline) || a.key.localeCompare(b.key));
}

function countBy(incidents: readonly IncidentSummary[], keyOf: (i: IncidentSummary) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of incidents) out.set(keyOf(i), (out.get(keyOf(i)) ?? 0) + i.count);
  return out;
}

/**
 * What changed from a baseline session (yesterday's) to this one: alerts per rule and per entity
 * (the container, process, host or principal incidents are keyed on), each new, gone, up, down or
 * the same. Entities are compared by kind and value; their label is what is shown.
 */
export function diffSessions(baselineName: string, baseline: readonly IncidentSummary[], current: readonly IncidentSummary[]): SessionDiff {
  const labels = new Map<string, string>();
  const entityKey = (i: IncidentSummary) => {
    const key = `${i.entity.kind}:${i.entity.value}`;
    if (!labels.has(key)) labels.set(key, i.entity.label);
    return key;
  };
  const entities = diffRows(countBy(baseline, entityKey), countBy(current, entityKey)).map((r) => ({ ...r, key: labels.get(r.key) ?? r.key }));
  const total = (xs: readonly IncidentSummary[]) => ({ alerts: xs.reduce((n, i) => n + i.count, 0), incidents: xs.length });
  return {
    baselineName,
    baseline: total(baseline),
    current: total(current),
    rules: diffRows(countBy(baseline, (i) => i.rule), countBy(current, (i) => i.rule)),
    entities,
  };
}
