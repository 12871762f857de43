import type { IncidentSummary, SavedTriageNote } from '../model';

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that some
 * importers strip before looking for one). Alert values are attacker-controlled: a rule output
 * like `=HYPERLINK("http://evil", "click")` must stay text when the analyst opens the CSV.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised against formula injection, then quoted per RFC 4180 when needed. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to CSV text: CRLF line ends (RFC 4180), every field through csvCell. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const INCIDENT_CSV_COLUMNS = [
  'id',
  'rule',
  'priority',
  'source',
  'entity',
  'risk_score',
  'risk_level',
  'alerts',
  'first_seen',
  'last_seen',
  'hostnames',
  'container_image',
  'k8s_namespace',
  'tags',
  'mitre_tactics',
  'status',
  'notes',
] as const;

/** The incident list as a spreadsheet: one row per incident, with its triage status and notes. */
export function incidentsToCsv(incidents: readonly IncidentSummary[], triage: Readonly<Record<string, SavedTriageNote>>): string {
  const rows = incidents.map((i) => {
    const note = Object.hasOwn(triage, i.id) ? triage[i.id] : undefined;
    return [
      i.id,
      i.rule,
      i.priority,
      i.source,
      i.entity.label,
      String(i.riskScore),
      i.riskLevel,
      String(i.count),
      i.firstSeen,
      i.lastSeen,
      i.hostnames.join(' '),
      i.containerImage ?? '',
      i.k8sNamespace ?? '',
      i.tags.join(' '),
      i.tactics.join(' '),
      note?.status ?? 'new',
      note?.notes ?? '',
    ];
  });
  return toCsv([INCIDENT_CSV_COLUMNS, ...rows]);
}
