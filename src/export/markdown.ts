import type { Report } from '../model';

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

/**
 * The Markdown of one report. Every alert-derived string goes through `escapeInline` (sentences:
 * plain words stay plain, anything that could be markup becomes a code span), `codeSpan` (a value
 * as data: field names and values) or a fenced block; only our own headings and labels are raw.
 */
export function reportToMarkdown(report: Report, triage?: TriageNote, depth = 1): string {
  const { incident, risk } = report;
  const h = depth + 1;
  const parts: string[] = [];
  parts.push(`${'#'.repeat(depth)} ${e(incident.rule)}\n`);
  parts.push(
    [
      `**Priority:** ${e(incident.priority)} · **Risk:** ${risk.score}/100 (${LEVEL_WORD[risk.level]}) · **Alerts:** ${incident.count}`,
      `**Entity:** ${e(incident.entity.label)} · **Source:** ${e(incident.source)}`,
      `**First seen:** ${e(incident.firstSeen || 'unknown')} · **Last seen:** ${e(incident.lastSeen || 'unknown')}`,
      `**Playbook:** ${report.playbook ? e(report.playbook.title) : 'none'}`,
    ].join('  \n') + '\n',
  );
  if (triage && (triage.status !== 'new' || triage.notes.trim())) {
    const notes = triage.notes.trim() ? `\n\n${triage.notes.trim().split('\n').map((l) => `> ${e(l)}`).join('\n')}` : '';
    parts.push(section('Triage', `**Status:** ${e(triage.status)}${notes}`, h));
  }
  const observations = report.observations.length ? `\n\n**Observations**\n\n${bullets(report.observations)}` : '';
  parts.push(section('Summary', report.summary.map((p) => e(p)).join('\n\n') + observations, h));

  const fieldRows = report.fields.map((f) => tableRow([cellCode(f.field), cellCode(f.value), cell(f.meaning)]));
  parts.push(
    section(
      'Alert fields',
      [tableRow(['Field', 'Value', 'Meaning']), tableRow(['---', '---', '---']), ...fieldRows].join('\n') +
        `\n\n**Falco output**\n\n${fencedBlock(report.alert.output)}`,
      h,
    ),
  );

  const factorRows = risk.factors.map((f) => tableRow([signed(f.delta), cell(f.label), `${cellCode(f.field)} = ${cellCode(f.value)}`, cell(f.reason)]));
  parts.push(
    section(
      'Risk assessment',
      `**Score ${risk.score}/100 — ${LEVEL_WORD[risk.level]}.** Factors (the score is their sum, kept within 0-100):\n\n` +
        [tableRow(['Points', 'Factor', 'Evidence', 'Why']), tableRow(['---:', '---', '---', '---']), ...factorRows].join('\n'),
      h,
    ),
  );

  const inferred = report.alert.tagsInferred
    ? "Inferred: the alert carries no tags, so these come from today's upstream rule of the same name.\n\n"
    : '';
  const mitre = report.mitre.length
    ? inferred +
      [
        tableRow(['Tactic ID', 'Tactic', 'Technique ID', 'Technique']),
        tableRow(['---', '---', '---', '---']),
        ...report.mitre.map((m) => tableRow([cell(m.tacticId || '—'), cell(m.tactic || '—'), cell(m.id || '—'), cell(m.name || 'no technique tagged')])),
      ].join('\n')
    : 'The rule carries no MITRE ATT&CK tags.';
  parts.push(section('MITRE ATT&CK', mitre, h));

  const m = report.mitigations;
  parts.push(
    section(
      'Mitigation',
      [
        `**What the rule detects.** ${e(report.detects)}`,
        `**Why it matters.** ${e(report.whyItMatters)}`,
        report.benignCauses.length ? `**Known benign causes**\n\n${bullets(report.benignCauses)}` : '',
        report.distinguish.length ? `**Telling them apart**\n\n${bullets(report.distinguish)}` : '',
        m.immediate.length ? `**Immediate**\n\n${bullets(m.immediate)}` : '',
        m.shortTerm.length ? `**Short term**\n\n${bullets(m.shortTerm)}` : '',
        m.longTerm.length ? `**Long term**\n\n${bullets(m.longTerm)}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      h,
    ),
  );

  const alt = report.tuning.alternative
    ? `\n\n${e(report.tuning.alternative.explanation)}\n\n${fencedBlock(report.tuning.alternative.yaml, 'yaml')}`
    : '';
  const snippet = report.tuning.yaml ? `\n\n${fencedBlock(report.tuning.yaml, 'yaml')}` : '';
  parts.push(section('Tuning', `${e(report.tuning.explanation)}${snippet}${alt}`, h));

  const steps = report.nextSteps.length
    ? report.nextSteps.map((s, i) => `${i + 1}. ${e(s.title)}\n\n${indent(fencedBlock(s.command, 'sh'), '   ')}`).join('\n\n')
    : 'No investigation commands apply to this alert\'s fields.';
  parts.push(section('Next steps', steps, h));
  return parts.join('\n');
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

/** One document for the whole session: an overview table, then every report. */
export function sessionToMarkdown(reports: Report[], meta: SessionMeta, triage: Record<string, TriageNote> = {}): string {
  const overview = [
    tableRow(['#', 'Risk', 'Priority', 'Rule', 'Entity', 'Alerts', 'Status']),
    tableRow(['---:', '---:', '---', '---', '---', '---:', '---']),
    ...reports.map((r, i) =>
      tableRow([
        String(i + 1),
        String(r.risk.score),
        cell(r.incident.priority),
        cell(r.incident.rule),
        cell(r.incident.entity.label),
        String(r.incident.count),
        cell(triage[r.incident.id]?.status ?? 'new'),
      ]),
    ),
  ].join('\n');
  const head =
    `# Falco incident report\n\n` +
    `Generated by falcoscope on ${e(meta.generatedAt)} from ${meta.files.length} file(s): ${meta.files.map((f) => e(f)).join(', ') || 'none'}.  \n` +
    `${meta.alerts} alerts, ${reports.length} incidents, ${meta.problems} input problems.\n\n` +
    `## Incidents\n\n${overview}\n`;
  return [head, ...reports.map((r) => reportToMarkdown(r, triage[r.incident.id], 2))].join('\n');
}
