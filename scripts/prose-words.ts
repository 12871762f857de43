/**
 * Prints how many prose words (issue 15: the Markdown without tables, code and headings) each
 * report built from the vendored alerts has, per section, and the median and max over reports.
 * A dev aid for keeping reports short: `npx tsx scripts/prose-words.ts [--sections] [--top N]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportToMarkdown } from '../src/export/markdown';
import { median, proseOf, wordCount } from '../src/testing/reportProse';
import { sessionOf, vendoredAlertFiles } from '../src/testing/vendoredAlerts';

const args = process.argv.slice(2);
const showSections = args.includes('--sections');
const top = Number(args[args.indexOf('--top') + 1]) || 10;
// --dump DIR writes each report's Markdown there (NN-words-rule.md), to read them side by side.
const dump = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : undefined;

const session = sessionOf(vendoredAlertFiles());
const rows = session.summaries().map((s) => {
  const report = session.report(s.id)!;
  const markdown = reportToMarkdown(report);
  // The headline comes before the first "## "; each section after its own heading.
  const parts = markdown.split(/^(?=## )/m);
  const sections = parts.map((p) => ({ name: /^## (.+)$/m.exec(p)?.[1] ?? 'Headline', words: wordCount(proseOf(p)) }));
  return { rule: report.incident.rule, words: wordCount(proseOf(markdown)), sections, markdown };
});
if (dump) {
  mkdirSync(dump, { recursive: true });
  rows.forEach((r, i) => writeFileSync(join(dump, `${String(i).padStart(2, '0')}-${r.words}-${r.rule.replace(/[^\w]+/g, '_')}.md`), r.markdown));
}

const words = rows.map((r) => r.words).sort((a, b) => a - b);
console.log(`reports ${words.length}, median ${median(words)}, max ${Math.max(...words)}, min ${Math.min(...words)}`);
console.log(`distribution: ${words.join(' ')}`);
const names = [...new Set(rows.flatMap((r) => r.sections.map((s) => s.name)))];
for (const name of names) {
  const per = rows.map((r) => r.sections.find((s) => s.name === name)?.words ?? 0);
  console.log(`${name.padEnd(16)} median ${median(per)}, max ${Math.max(...per)}`);
}
for (const r of [...rows].sort((a, b) => b.words - a.words).slice(0, top)) {
  console.log(`${String(r.words).padStart(4)} ${r.rule}${showSections ? `\n      ${r.sections.map((s) => `${s.name} ${s.words}`).join(', ')}` : ''}`);
}
