import type { DiffRow, DiffStatus, SessionDiff } from '../model';
import { codeSpan, escapeInline, tableRow } from './escape';

const WORD: Record<DiffStatus, string> = { new: 'New', gone: 'Gone', up: 'Up', down: 'Down', same: 'Same' };

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Rows that changed (same-volume rows are counted, not listed: they are the bulk). */
function table(title: string, rows: DiffRow[]): string {
  const changed = rows.filter((r) => r.status !== 'same');
  const same = rows.length - changed.length;
  const note = same ? `\n\n${same} unchanged.` : '';
  if (!changed.length) return `## ${title}\n\nNothing changed.${note}\n`;
  const body = changed.map((r) => tableRow([WORD[r.status], codeSpan(r.key, { table: true }), String(r.baseline), String(r.current), signed(r.current - r.baseline)]));
  return `## ${title}\n\n${[tableRow(['Change', title.replace(/^By /, ''), 'Baseline', 'Now', 'Δ']), tableRow(['---', '---', '---:', '---:', '---:']), ...body].join('\n')}${note}\n`;
}

/**
 * The comparison with a baseline as Markdown. Rule names, entity labels and the baseline's file
 * name come from alerts and files: each is a code span (escape.ts), so the export stays inert.
 */
export function diffToMarkdown(diff: SessionDiff, generatedAt: string): string {
  return [
    `# What changed since the baseline\n`,
    `**Baseline:** ${codeSpan(diff.baselineName)} · ${diff.baseline.alerts} alerts, ${diff.baseline.incidents} incidents  \n**Now:** ${diff.current.alerts} alerts, ${diff.current.incidents} incidents  \n**Generated:** ${escapeInline(generatedAt)}\n`,
    table('By rule', diff.rules),
    table('By entity', diff.entities),
  ].join('\n');
}
