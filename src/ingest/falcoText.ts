/**
 * Falco's plain-text output (json_output: false), as stdout, file_output and syslog write it:
 *
 *   13:49:51.703321833: Warning Sensitive file opened for reading ... | file=/etc/shadow ...
 *   2024-08-07T13:49:51.703321833+0000: Warning Sensitive file opened ...   (time_format_iso_8601)
 *   Aug  7 13:49:51 node-1 falco: 13:49:51.703321833: Warning ...          (syslog, journald)
 *
 * The time and priority come from the line's header; the rule and fields from matching the
 * message against the rules' output templates (outputTemplate.ts). A line no template words is
 * still an alert, of rule "unknown", with its text as output: never dropped. The alert is built as
 * the Falco record it stands for and restored like any other (normalize.ts).
 */
import type { OutputTemplate, ParseIssue } from '../model';
import { RULE_OUTPUTS } from '../knowledge/ruleOutputs';
import { normalizeRecord } from './normalize';
import { TemplateMatcher } from './outputTemplate';
import { parsePriority } from './priority';
import { textHeader, type TextHeader } from './textHeader';
import type { IngestedAlert } from './types';

export { textHeader, type TextHeader };

/** The rule of an alert whose line matched no output template. */
export const UNKNOWN_RULE = 'unknown';

let stock: TemplateMatcher | null = null;

/** The matcher over the stock rules' templates, compiled on first use. */
export function stockMatcher(): TemplateMatcher {
  stock ??= new TemplateMatcher(RULE_OUTPUTS.map(([rule, source, priority, output]) => ({ rule, source, priority, output })));
  return stock;
}

/** A matcher over the stock templates and those of the user's rules (which win for the same rule name). */
export function matcherWith(extra: readonly OutputTemplate[]): TemplateMatcher {
  if (extra.length === 0) return stockMatcher();
  return new TemplateMatcher(
    RULE_OUTPUTS.map(([rule, source, priority, output]) => ({ rule, source, priority, output })),
    extra,
  );
}

/** What a wrapper around a text line already says about the alert (Loki's stream labels). */
export interface TextContext {
  rule?: string;
  source?: string;
  tags?: string[];
  hostname?: string;
  /** The time the wrapper stamped on the line: used when the line's own time has no date. */
  time?: string;
}

/**
 * A Falco text-output line as an alert, or null when the line has no Falco header (the caller
 * reports it). `context` fills in what a wrapper knows (Loki labels); the line's text wins.
 */
export function parseTextLine(
  line: string,
  file: string,
  lineNo: number,
  matcher: TemplateMatcher = stockMatcher(),
  context: TextContext = {},
): IngestedAlert | ParseIssue | null {
  const header = textHeader(line);
  if (header === null) return null;
  return textAlert(line, header, file, lineNo, matcher, context);
}

export function textAlert(
  line: string,
  header: TextHeader,
  file: string,
  lineNo: number,
  matcher: TemplateMatcher,
  context: TextContext,
): IngestedAlert | ParseIssue {
  const output = line.slice(header.start).trimEnd();
  const message = line.slice(header.messageStart).trimEnd();
  const priority = parsePriority(header.priority);
  const found = matcher.match(message, typeof priority === 'string' ? priority : undefined);
  // A wrapper's rule label names the rule outright; the template still gives the fields.
  const rule = context.rule ?? found?.template.rule ?? UNKNOWN_RULE;
  const fields = found && (context.rule === undefined || found.template.rule === context.rule) ? found.fields : matcher.fieldsOfPairs(message);
  const record: Record<string, unknown> = {
    rule,
    priority: header.priority,
    output,
    output_fields: fields,
    source: context.source ?? found?.template.source,
    tags: context.tags,
    hostname: context.hostname ?? header.hostname,
    // The short form has no date: the time a wrapper stamped, else none (never a guessed day).
    time: header.iso ? header.time : context.time,
  };
  return normalizeRecord(record, file, lineNo, line);
}
