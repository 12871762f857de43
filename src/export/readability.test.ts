import { describe, expect, it } from 'vitest';
import { REPORT_SECTIONS } from '../model';
import { reportToMarkdown } from './markdown';
import { sessionOf, vendoredAlertFiles } from '../testing/vendoredAlerts';
import { median, proseOf, repeatedSentences, wordCount } from '../testing/reportProse';

/** Every report built from the vendored Falco alerts, with its Markdown. */
function vendoredReports() {
  const session = sessionOf(vendoredAlertFiles());
  return session.summaries().map((s) => {
    const report = session.report(s.id)!;
    return { report, markdown: reportToMarkdown(report) };
  });
}

describe('a report reads in one screen (issue 15)', () => {
  const all = vendoredReports();

  it('covers every vendored report', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it('says each sentence of 60 characters or more once', () => {
    for (const { report, markdown } of all) expect(repeatedSentences(markdown), report.incident.rule).toEqual([]);
  });

  it('finds a repeated sentence when there is one (the check can fail)', () => {
    const sentence = 'The shell was started directly by the container runtime, not by the application.';
    expect(repeatedSentences(`## A\n\n${sentence}\n\n- ${sentence}`)).toEqual([sentence]);
    expect(repeatedSentences(`| a | ${sentence} |\n\n**${sentence}**`)).toEqual([sentence]);
    expect(repeatedSentences(`\`\`\`\n${sentence}\n\`\`\`\n\n${sentence}`)).toEqual([]);
  });

  it('opens with the verdict, what happened, the risk and the first command, before "Alert fields"', () => {
    for (const { report, markdown } of all) {
      const at = report.incident.rule;
      const fields = markdown.indexOf('\n## Alert fields');
      expect(markdown.indexOf(`**${report.headline.verdict.label}.**`), at).toBeGreaterThan(0);
      expect(markdown.indexOf(`**${report.headline.verdict.label}.**`), at).toBeLessThan(markdown.indexOf('\n## Summary'));
      expect(markdown.indexOf('**What happened:**'), at).toBeLessThan(fields);
      expect(markdown.indexOf(`**Risk ${report.risk.score}/100`), at).toBeLessThan(fields);
      if (report.nextSteps.length) {
        const command = markdown.indexOf(`\`\`\`sh\n${report.nextSteps[0]!.command}\n`);
        expect(command, at).toBeGreaterThan(0);
        expect(command, at).toBeLessThan(fields);
      }
    }
  });

  it('keeps the seven sections, in order, under their names', () => {
    for (const { markdown } of all) {
      const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(headings).toEqual(REPORT_SECTIONS.map((s) => s.title));
    }
  });

  it('keeps prose (without tables, code and headings) to a median of 400 words and a maximum of 700 (issue 15)', () => {
    const words = all.map(({ markdown }) => wordCount(proseOf(markdown)));
    // Measured over the vendored alerts: median 476 and max 736 before the prose was cut, 374 and 602
    // after (scripts/prose-words.ts prints them per report and section).
    expect(median(words)).toBeLessThanOrEqual(400);
    expect(Math.max(...words)).toBeLessThanOrEqual(700);
  });

  it('shows no HTML entity and no backslash escape outside code', () => {
    for (const { markdown } of all) {
      // Fenced blocks (indented ones too: the numbered Next steps) and code spans hold text verbatim.
      const outside = markdown.replace(/^ *(`{3,})[^\n]*\n[\s\S]*?\n *\1$/gm, '').replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, '');
      expect(outside).not.toMatch(/&#?\w+;/);
      expect(outside).not.toMatch(/\\[^|]/);
    }
  });
});
