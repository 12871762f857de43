import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Root } from 'hast';
import type { Report } from '../model';
import { REPORT_VALUE_CHARS } from '../model';
import { AnalysisSession } from '../engine/store/session';
import { ingestText } from '../ingest';
import { reportToMarkdown, sessionToMarkdown } from './markdown';
import type { ExportedTriageNote as TriageNote } from './markdown';
import { shownAs } from './escape';
import { readRulesFile } from '../ingest/rulesFile';
import { buildRuleSet } from '../analyze/ruleSet';
import { byTag, foreignMarkup, renderEverywhere, tables, textOf } from '../testing/markdownRenderers';

const VENDOR_ALERTS = fileURLToPath(new URL('../../vendor/falco/alerts/', import.meta.url));
const HOSTILE_FIXTURE = fileURLToPath(new URL('../../e2e/fixtures/hostile.ndjson', import.meta.url));

/** Every heading the product writes; the report's own title (the rule) is the only other one. */
const PRODUCT_HEADINGS = ['Falco incident report', 'Incidents', 'Triage', 'Summary', 'Alert fields', 'Risk assessment', 'MITRE ATT&CK', 'Mitigation', 'Tuning', 'Next steps', 'The rule as loaded'];

function vendorFiles(): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(VENDOR_ALERTS).filter((path) => !path.endsWith('.sources.ndjson')).sort();
}

function sessionOf(files: { name: string; text: string }[]): AnalysisSession {
  const session = new AnalysisSession();
  const sink = { alert: (a: Parameters<AnalysisSession['addAlert']>[0]) => void session.addAlert(a), problem: (p: Parameters<AnalysisSession['addProblem']>[0]) => session.addProblem(p) };
  for (const { name, text } of files) ingestText(text, name, sink);
  return session;
}

const read = (path: string) => {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

function reportsOf(session: AnalysisSession): Report[] {
  return session.summaries().map((s) => session.report(s.id)!);
}

const signed = (delta: number) => (delta > 0 ? `+${delta}` : String(delta));
const rowsOf = (tree: Root, header: string[]) => tables(tree).find((t) => t[0]!.join('|') === header.join('|'))?.slice(1);

/**
 * One report's Markdown under every renderer: nothing but the product's own markup (no raw HTML,
 * link or image), the product's headings and no other, and every value reading back as itself
 * (line breaks as ⏎) in its table cell, paragraph or list item.
 */
function expectInertAndExact(report: Report, triage?: TriageNote): void {
  const markdown = reportToMarkdown(report, triage);
  const where = report.incident.rule.slice(0, 80);
  for (const { renderer, tree } of renderEverywhere(markdown)) {
    const at = `${renderer}: ${where}`;
    expect(foreignMarkup(tree), at).toEqual([]);
    expect(byTag(tree, 'h1').map(textOf), at).toEqual([shownAs(report.incident.rule)]);
    expect(byTag(tree, 'h2', 'h3', 'h4', 'h5', 'h6').map(textOf).filter((h) => !PRODUCT_HEADINGS.includes(h)), at).toEqual([]);

    // A value the report carries cut says so after it (see model/report.ts REPORT_VALUE_CHARS).
    const cut = (f: Report['fields'][number]) => (f.length === undefined ? '' : ` (cut at ${REPORT_VALUE_CHARS.toLocaleString('en')} of ${f.length.toLocaleString('en')} characters)`);
    expect(rowsOf(tree, ['Field', 'Value', 'Meaning']), at).toEqual(report.fields.map((f) => [shownAs(f.field), shownAs(f.value) + cut(f), shownAs(f.meaning)]));
    expect(rowsOf(tree, ['Points', 'Factor', 'Evidence', 'Why']), at).toEqual(
      report.risk.factors.map((f) => [signed(f.delta), shownAs(f.label), `${shownAs(f.field)} = ${shownAs(f.value)}`, shownAs(f.reason)]),
    );
    const paragraphs = byTag(tree, 'p').map(textOf);
    for (const p of report.summary) expect(paragraphs, at).toContain(shownAs(p));
    const items = byTag(tree, 'li').map((li) => textOf(li).trim());
    for (const note of [...report.observations, ...report.mitigations.immediate]) expect(items, at).toContain(shownAs(note).trim());
    const blocks = byTag(tree, 'pre').map((pre) => textOf(pre).replace(/\n$/, ''));
    expect(blocks, at).toContain(report.alert.output.replaceAll('\u0000', '\uFFFD').replace(/\r\n?/g, '\n').replace(/\n$/, ''));
    if (triage?.notes.trim()) {
      // A blank line in the notes starts a new paragraph of the quote: the text reads line by line.
      const lines = triage.notes.trim().split('\n').filter((line) => line !== '').map(shownAs);
      expect(byTag(tree, 'blockquote').map((q) => textOf(q).trim()), at).toEqual([lines.join('\n')]);
    }
  }
}

describe('reportToMarkdown', () => {
  it("renders a hostile rules file's rule as inert, exact Markdown", () => {
    // A rules file is the user's, but it may come from anywhere: its text is data like alert text.
    const hostile = [
      '- list: "evil_<b>list</b>"',
      '  items: ["<img src=x onerror=alert(1)>", "a|b", "`tick`"]',
      '- macro: m',
      '  condition: proc.name in ("evil_<b>list</b>") and fd.name = "[x](javascript:alert(1))"',
      '- rule: "Hostile <script>alert(1)</script> rule"',
      '  desc: "**bold** <iframe src=x> [link](http://evil.example) ``` fence"',
      '  condition: m and proc.cmdline contains "```" and proc.args = "<a href=x>"',
      '  output: "pwn %proc.name <img src=x> | pipe"',
      '  priority: WARNING',
      '  exceptions:',
      '    - name: "ex|<b>"',
      '      fields: [proc.name]',
      '      values: [["<svg onload=alert(1)>"]]',
    ].join('\n');
    const read = readRulesFile(hostile, 'hostile <rules>.yaml');
    expect(read.problems).toEqual([]);
    const session = sessionOf([{ name: 'a.ndjson', text: JSON.stringify({ rule: 'Hostile <script>alert(1)</script> rule', priority: 'Warning', time: '2026-01-01T00:00:00Z', output: 'x', output_fields: { 'proc.name': 'x' } }) }]);
    session.setRules(buildRuleSet(read.items).set);
    const [report] = reportsOf(session);
    expect(report!.rule).toBeDefined();
    expectInertAndExact(report!);
    const markdown = reportToMarkdown(report!);
    for (const { renderer, tree } of renderEverywhere(markdown)) {
      const blocks = byTag(tree, 'pre').map((pre) => textOf(pre).replace(/\n$/, ''));
      expect(blocks, renderer).toContain(report!.rule!.rule.condition);
      expect(blocks, renderer).toContain(report!.rule!.expandedCondition);
      expect(blocks, renderer).toContain(report!.rule!.rule.output);
    }
  });

  it('renders every vendored Falco alert as inert, exact Markdown in markdown-it, remark and micromark-gfm', () => {
    const files = vendorFiles();
    expect(files.length).toBeGreaterThan(5);
    const reports = reportsOf(sessionOf(files.map((path) => ({ name: path.slice(VENDOR_ALERTS.length), text: read(path) }))));
    expect(reports.length).toBeGreaterThan(30);
    for (const report of reports) expectInertAndExact(report);
  }, 120_000);

  it('renders every hostile alert of the e2e fixture as inert, exact Markdown, hostile triage notes included', () => {
    const reports = reportsOf(sessionOf([{ name: 'hostile.ndjson', text: read(HOSTILE_FIXTURE) }]));
    expect(reports).toHaveLength(9);
    const notes = 'see http://e.x/&<img src=x onerror=alert(1) x=>\n# not a heading\n[x](javascript:alert(1)) | a | b\n- www.evil.example';
    for (const report of reports) expectInertAndExact(report, { status: 'malicious <b>', notes });
  }, 120_000);

  it('has no entities and no backslash escapes outside code', () => {
    const reports = reportsOf(sessionOf([{ name: 'real-alerts.ndjson', text: read(join(VENDOR_ALERTS, 'real-alerts.ndjson')) }]));
    const markdown = reports.map((r) => reportToMarkdown(r)).join('\n');
    // Fenced blocks and code spans hold text verbatim; everything else is plain words.
    const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/&#?\w+;/);
    expect(outsideCode).not.toMatch(/\\[^|]/);
    expect(markdown).toContain('| `evt.time` | `1685022245478445995` |');
    expect(markdown).toContain('| `proc.tty` | `34816` |');
    expect(markdown).toContain('| `user.loginuid` | `-1` |');
  });

  it('stays inert and exact for generated alerts mixing URLs, HTML, backslashes, backticks, pipes and newlines (property)', () => {
    const piece = fc.constantFrom(
      // eslint-disable-next-line no-script-url -- attack strings as data: the tests prove they never become links
      'http://e.x/', 'www.', 'evil.com', 'a@b.co', 'mailto:', 'javascript:', '//h', '<img src=x onerror=alert(1) x=>', '<h2>', '&', '&#49;', '\\',
      '`', '```', '|', '\n', ' ', '*', '_', '[x](y)', '![i](j)', '# ', '- ', '1. ', '> ', 'x', '42', '-1',
    );
    const value = fc.oneof(fc.array(piece, { minLength: 1, maxLength: 10 }).map((p) => p.join('')), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(value, value, value, value, value, (rule, cmdline, user, host, file) => {
        fc.pre(rule.trim() !== '');
        const record = {
          rule,
          priority: 'Critical',
          time: '2024-10-05T13:00:00.000000000Z',
          output: `13:00:00.000: Critical ${rule} cmdline=${cmdline}`,
          source: 'syscall',
          hostname: host,
          tags: ['container', user],
          output_fields: { 'proc.cmdline': cmdline, 'user.name': user, 'fd.name': file, 'container.id': 'c0ffee001234', [`x.${user}`]: file },
        };
        const reports = reportsOf(sessionOf([{ name: 'generated.ndjson', text: JSON.stringify(record) }]));
        fc.pre(reports.length === 1);
        expectInertAndExact(reports[0]!, { status: user, notes: cmdline });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

describe('sessionToMarkdown', () => {
  it('keeps the overview table to its seven columns whatever the rules, entities and file names hold', () => {
    const reports = reportsOf(sessionOf([{ name: 'hostile.ndjson', text: read(HOSTILE_FIXTURE) }]));
    const files = ['a|b.ndjson', 'http://e.x/&<img src=x onerror=alert(1)>.json', '`x`'];
    const markdown = sessionToMarkdown(reports, { generatedAt: '2026-12-02T10:00:00Z', files, alerts: 9, problems: 0 });
    const head = markdown.slice(0, markdown.indexOf('\n## ', markdown.indexOf('## Incidents') + 1));
    for (const { renderer, tree } of renderEverywhere(head)) {
      expect(foreignMarkup(tree), renderer).toEqual([]);
      expect(byTag(tree, 'p').map(textOf)[0], renderer).toBe(`Generated by falcoscope on 2026-12-02T10:00:00Z from 3 file(s): ${files.join(', ')}.\n9 alerts, 9 incidents, 0 input problems.`);
      expect(tables(tree)[0]!.slice(1), renderer).toEqual(
        reports.map((r, i) => [String(i + 1), String(r.risk.score), r.incident.priority, shownAs(r.incident.rule), shownAs(r.incident.entity.label), String(r.incident.count), 'new']),
      );
    }
  });
});
