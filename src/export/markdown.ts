import type { Report, ReportSectionId, RuleDetail } from '../model';
import { REPORT_SECTIONS, REPORT_VALUE_CHARS, sectionTitle } from '../model';
import { sparkText } from './sparkText';

import type { ExportedTriageNote as TriageNote } from '../model';
export type { ExportedTriageNote } from '../model';
import { codeSpan, escapeInline as e, fencedBlock, tableRow } from './escape';

/** Running text in a table cell, and an alert value as data in a table cell. */
const cell = (text: string) => e(text, { table: true });
const cellCode = (value: string) => codeSpan(value, { table: true });

/** Analyst's triage of an incident, included in exports when present. */
const LEVEL_WORD: Record<string, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Informational',
};

function bullets(items: string[]): string {
  return items.map((item) => `- ${e(item)}`).join('\n');
}

function section(title: string, body: string, depth: number): string {
  return `${'#'.repeat(depth)} ${title}\n\n${body.trim()}\n`;
}

function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** A factor as the headline names it: label and points. */
function factorWords(f: { delta: number; label: string }): string {
  return `${f.label} (${signed(f.delta)})`;
}

/**
 * The top of the report, before any section: the verdict and its reason, who did what where and
 * when, the risk with its top factors, and the first action with its command. No heading: the
 * seven sections keep the only h2s.
 */
export function headlineMarkdown(report: Report): string {
  const { headline, risk } = report;
  const lines = [
    `**${headline.verdict.label}.** ${e(headline.verdict.reason)}`,
    `**What happened:** ${e(headline.line)}`,
    `**Risk ${risk.score}/100 (${LEVEL_WORD[risk.level]}):** ${e(headline.topFactors.map(factorWords).join('; '))}.`,
  ];
  const action = headline.firstAction;
  const first = action ? `**First action:** ${e(action.title)}

${fencedBlock(action.command, 'sh')}` : '**First action:** no command applies to this alert\'s fields; see Mitigation.';
  return `${lines.join('\n\n')}\n\n${first}\n`;
}

/** Where the parts of a record a report leaves out are (see model/report.ts REPORT_FIELDS). */
const WHOLE_RECORD = 'a saved session keeps the whole record';

/** How much of a text the report carries cut (model/report.ts REPORT_VALUE_CHARS) it shows. */
function cutWords(length: number): string {
  return `cut at ${REPORT_VALUE_CHARS.toLocaleString('en')} of ${length.toLocaleString('en')} characters`;
}

/** After a value: how much of it is shown, when it is cut. */
function cutNote(length: number | undefined): string {
  return length === undefined ? '' : ` (${cutWords(length)})`;
}

/** Under the fields table of a report that carries only the first of its record's fields. */
function fieldsNote(report: Report): string {
  if (report.fields.length >= report.fieldCount) return '';
  return `\n\nShowing ${report.fields.length.toLocaleString('en')} of ${report.fieldCount.toLocaleString('en')} fields; ${WHOLE_RECORD}.`;
}

const SECTION_BODIES: Record<ReportSectionId, (report: Report) => string> = {
  summary: (report) => {
    // The count and the first and last times are in the headline: the chart does not repeat them.
    const activity = report.activity ? `\n\n**Alerts over time, first to last:** ${sparkText(report.activity.counts)}` : '';
    const observations = report.observations.length ? `\n\n**Observations**\n\n${bullets(report.observations)}` : '';
    return report.summary.map((p) => e(p)).join('\n\n') + activity + observations;
  },
  fields: (report) => {
    const fieldRows = report.fields.map((f) => tableRow([cellCode(f.field), cellCode(f.value) + cutNote(f.length), cell(f.meaning)]));
    const outputLength = report.cut?.outputLength;
    return (
      [tableRow(['Field', 'Value', 'Meaning']), tableRow(['---', '---', '---']), ...fieldRows].join('\n') +
      fieldsNote(report) +
      `\n\n**Falco output**\n\n${fencedBlock(report.alert.output)}` +
      (outputLength === undefined ? '' : `\n\nThe output is ${cutWords(outputLength)}; ${WHOLE_RECORD}.`)
    );
  },
  risk: ({ risk }) => {
    const factorRows = risk.factors.map((f) => tableRow([signed(f.delta), cell(f.label), `${cellCode(f.field)} = ${cellCode(f.value)}`, cell(f.reason)]));
    return (
      `**${risk.score}/100, ${LEVEL_WORD[risk.level]}:** the sum of these factors, kept within 0-100.\n\n` +
      [tableRow(['Points', 'Factor', 'Evidence', 'Why']), tableRow(['---:', '---', '---', '---']), ...factorRows].join('\n')
    );
  },
  mitre: (report) => {
    const inferred = report.alert.tagsInferred ? "Inferred from today's upstream rule of this name (the alert carries no tags); the rule that fired may differ.\n\n" : '';
    return report.mitre.length
      ? inferred +
          [
            tableRow(['Tactic ID', 'Tactic', 'Technique ID', 'Technique']),
            tableRow(['---', '---', '---', '---']),
            ...report.mitre.map((m) => tableRow([cell(m.tacticId || '—'), cell(m.tactic || '—'), cell(m.id || '—'), cell(m.name || 'no technique tagged')])),
          ].join('\n')
      : 'The rule carries no MITRE ATT&CK tags.';
  },
  mitigation: (report) => {
    const m = report.mitigations;
    return [
      report.benignCauses.length ? `**Known benign causes**\n\n${bullets(report.benignCauses)}` : '',
      report.distinguish.length ? `**Telling them apart**\n\n${bullets(report.distinguish)}` : '',
      m.immediate.length ? `**Immediate**\n\n${bullets(m.immediate)}` : '',
      m.shortTerm.length ? `**Short term**\n\n${bullets(m.shortTerm)}` : '',
      m.longTerm.length ? `**Long term**\n\n${bullets(m.longTerm)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  },
  tuning: ({ tuning }) => {
    const alt = tuning.alternative ? `\n\n${e(tuning.alternative.explanation)}\n\n${fencedBlock(tuning.alternative.yaml, 'yaml')}` : '';
    const snippet = tuning.yaml ? `\n\n${fencedBlock(tuning.yaml, 'yaml')}` : '';
    return `${e(tuning.explanation)}${snippet}${alt}`;
  },
  'next-steps': (report) => {
    if (!report.nextSteps.length) return 'None (see First action).';
    // Step 1 is the first action at the top of the report: said there once, not repeated here.
    const rest = report.nextSteps.slice(1).map((s, i) => `${i + 2}. ${e(s.title)}\n\n${indent(fencedBlock(s.command, 'sh'), '   ')}`);
    return ['1. The first action, above.', ...rest].join('\n\n');
  },
};

/** One section of a report as Markdown, heading included (the UI's "Copy as Markdown"). */
export function sectionMarkdown(report: Report, id: ReportSectionId, depth = 2): string {
  return section(sectionTitle(id), SECTION_BODIES[id](report), depth);
}

/**
 * The Markdown of one report. Every alert-derived string goes through `escapeInline` (sentences:
 * plain words stay plain, anything that could be markup becomes a code span), `codeSpan` (a value
 * as data: field names and values) or a fenced block; only our own headings and labels are raw.
 * Sections come in the order of model/reportSections.ts, after the headline.
 */
export function reportToMarkdown(report: Report, triage?: TriageNote, depth = 1): string {
  const h = depth + 1;
  const parts: string[] = [`${'#'.repeat(depth)} ${e(report.incident.rule)}\n`, headlineMarkdown(report)];
  if (triage && (triage.status !== 'new' || triage.notes.trim())) {
    const notes = triage.notes.trim() ? `\n\n${triage.notes.trim().split('\n').map((l) => `> ${e(l)}`).join('\n')}` : '';
    parts.push(section('Triage', `**Status:** ${e(triage.status)}${notes}`, h));
  }
  for (const { id } of REPORT_SECTIONS) parts.push(sectionMarkdown(report, id, h));
  // Only where the user's rules files define or change the rule: after the seven sections.
  if (report.rule) parts.push(section('The rule as loaded', ruleMarkdown(report.rule), h));
  return parts.join('\n');
}

/** The rule from the user's rules files: every value from them is data (code spans, fenced blocks). */
function ruleMarkdown(d: RuleDetail): string {
  const r = d.rule;
  const where = r.stockOnly ? `Falco's stock rules (${r.origin.file}, not loaded)` : `${r.origin.file}:${r.origin.line}`;
  const out = [`**Defined in:** ${codeSpan(where)} · **Priority:** ${codeSpan(r.priority || '-')} · **Enabled:** ${r.enabled ? 'yes' : 'no'}`];
  if (r.changes.length) out.push(`**What your files changed**\n\n${r.changes.map((c) => `- ${codeSpan(`${c.origin.file}:${c.origin.line}`)} ${e(c.text)}`).join('\n')}`);
  if (r.desc) out.push(`**Description.** ${e(r.desc)}`);
  out.push(`**Condition**\n\n${fencedBlock(r.stockOnly ? (r.appendedCondition ?? '') : r.condition)}`);
  if (d.macros.length) out.push(`**Condition with macros expanded**\n\n${fencedBlock(d.expandedCondition)}`);
  if (d.lists.length) out.push(`**Lists it consults**\n\n${d.lists.map((l) => `- ${codeSpan(l.name)}: ${codeSpan(l.items.join(', '))}`).join('\n')}`);
  if (r.exceptions.length) out.push(`**Exceptions**\n\n${r.exceptions.map((x) => `- ${codeSpan(x.name)} on ${codeSpan([x.fields ?? []].flat().join(', '))}: ${(x.values ?? []).length} value rows`).join('\n')}`);
  if (r.output) out.push(`**Output template**\n\n${fencedBlock(r.output)}`);
  return out.join('\n\n');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

export interface SessionMeta {
  generatedAt: string;
  files: string[];
  alerts: number;
  problems: number;
}

/** What the overview table shows of an incident: known before its report is built. */
export interface OverviewRow {
  id: string;
  /** The score the report shows (analyze/report.ts reportRiskScore). */
  risk: number;
  priority: string;
  rule: string;
  entity: string;
  count: number;
}

export function overviewRow(r: Report): OverviewRow {
  return { id: r.incident.id, risk: r.risk.score, priority: r.incident.priority, rule: r.incident.rule, entity: r.incident.entity.label, count: r.incident.count };
}

/** One document for the whole session: an overview table, then every report. */
export function sessionToMarkdown(reports: Report[], meta: SessionMeta, triage: Record<string, TriageNote> = {}): string {
  return [...sessionMarkdownParts(reports, meta, triage)].join('');
}

/**
 * The same document as sessionToMarkdown, as parts (the head, then one per report), so "Export
 * all" never holds the whole document in one string (export/chunks.ts).
 */
export function sessionMarkdownParts(reports: Report[], meta: SessionMeta, triage: Record<string, TriageNote> = {}): Generator<string> {
  return sessionDocumentParts(reports.map(overviewRow), reports, meta, triage);
}

/**
 * The session document from the overview's rows and the reports in the same order, taken one at
 * a time: a caller that builds each report as it is asked for (the CLI, "Export all") holds one
 * report at a time, never all of them nor the document.
 */
export function* sessionDocumentParts(rows: readonly OverviewRow[], reports: Iterable<Report>, meta: SessionMeta, triage: Record<string, TriageNote> = {}): Generator<string> {
  yield (
    `# Falco incident report\n\n` +
    `Generated by falcoscope on ${e(meta.generatedAt)} from ${meta.files.length} file(s): ${meta.files.map((f) => e(f)).join(', ') || 'none'}.  \n` +
    `${meta.alerts} alerts, ${rows.length} incidents, ${meta.problems} input problems.\n\n` +
    `## Incidents\n\n` +
    tableRow(['#', 'Risk', 'Priority', 'Rule', 'Entity', 'Alerts', 'Status']) +
    '\n' +
    tableRow(['---:', '---:', '---', '---', '---', '---:', '---'])
  );
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    yield '\n' + tableRow([String(i + 1), String(r.risk), cell(r.priority), cell(r.rule), cell(r.entity), String(r.count), cell(triage[r.id]?.status ?? 'new')]);
  }
  yield '\n';
  for (const r of reports) yield `\n${reportToMarkdown(r, triage[r.incident.id], 2)}`;
}
