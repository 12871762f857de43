import type { DiffRow, DiffStatus, SessionDiff } from '../model';
import { codeSpan, escapeInline, tableRow } from './escape';

const WORD: Record<DiffStatus, string> = { new: 'New', gone: 'Gone', up: 'Up', down: 'Down', same: 'Same' };

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Changed rows listed per section at most: a comparison of two big sessions has tens of thousands of entities. */
export const MARKDOWN_DIFF_ROWS = 100;

/**
 * Rows that changed, the first `limit` of them in the comparison's order (new, gone, up, down,
 * biggest change first); the rest and the same-volume rows (the bulk) are counted, not listed.
 */
function table(title: string, rows: DiffRow[], limit: number): string {
  const changed: DiffRow[] = [];
  let changes = 0;
  for (const r of rows) {
    if (r.status === 'same') continue;
    if (changed.length < limit) changed.push(r);
    changes++;
  }
  const same = rows.length - changes;
  const more = changes - changed.length;
  const note = (more ? `\n\n${more.toLocaleString('en-US')} more changed, not listed (the first ${limit.toLocaleString('en-US')} are).` : '') + (same ? `\n\n${same} unchanged.` : '');
  if (!changed.length) return `## ${title}\n\nNothing changed.${note}\n`;
  const body = changed.map((r) => tableRow([WORD[r.status], codeSpan(r.key, { table: true }), String(r.baseline), String(r.current), signed(r.current - r.baseline)]));
  return `## ${title}\n\n${[tableRow(['Change', title.replace(/^By /, ''), 'Baseline', 'Now', 'Δ']), tableRow(['---', '---', '---:', '---:', '---:']), ...body].join('\n')}${note}\n`;
}

/**
 * The comparison with a baseline as Markdown, bounded: at most `limit` changed rows a section.
 * Rule names, entity labels and the baseline's file
 * name come from alerts and files: each is a code span (escape.ts), so the export stays inert.
 */
export function diffToMarkdown(diff: SessionDiff, generatedAt: string, limit = MARKDOWN_DIFF_ROWS): string {
  return [
    `# What changed since the baseline\n`,
    `**Baseline:** ${codeSpan(diff.baselineName)} · ${diff.baseline.alerts} alerts, ${diff.baseline.incidents} incidents  \n**Now:** ${diff.current.alerts} alerts, ${diff.current.incidents} incidents  \n**Generated:** ${escapeInline(generatedAt)}\n`,
    table('By rule', diff.rules, limit),
    table('By entity', diff.entities, limit),
  ].join('\n');
}
