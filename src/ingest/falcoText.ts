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
import type { IngestedAlert } from './types';

/** The rule of an alert whose line matched no output template. */
export const UNKNOWN_RULE = 'unknown';

export interface TextHeader {
  /** Where Falco's own text starts (past a syslog or log shipper's prefix): the alert's output. */
  start: number;
  /** As written: `13:49:51.703321833` or `2024-08-07T13:49:51.703321833+0000`. */
  time: string;
  /** True for the ISO 8601 form (time_format_iso_8601: true), which carries the date. */
  iso: boolean;
  priority: string;
  /** Where the message (after the priority) starts. */
  messageStart: number;
  /** The host a syslog header names, when there is one. */
  hostname?: string;
}

/** A prefix longer than this is not a log header: the line is not Falco's text output. */
const MAX_PREFIX = 512;
const HEADER =
  /(?:^|[\s\]>])(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}:\d{2}:\d{2}\.\d{1,9}): (Emergency|Alert|Critical|Error|Warning|Notice|Informational|Info|Debug) /;
/** RFC 3164 (`Aug  7 13:49:51 host tag:`) and journalctl (`Aug 07 ...`) headers name the host third. */
const SYSLOG_3164_HOST = /^(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} (\S+) /;
/** RFC 5424: `<14>1 2024-08-07T13:49:51.703Z host app ...`. */
const SYSLOG_5424_HOST = /^<\d{1,3}>\d{1,2} \S+ (\S+) /;

/** The header of a Falco text-output line, or null when the line is not one. */
export function textHeader(line: string): TextHeader | null {
  const m = HEADER.exec(line.length > MAX_PREFIX + 64 ? line.slice(0, MAX_PREFIX + 64) : line);
  if (!m) return null;
  const start = m.index + m[0].length - m[1]!.length - m[2]!.length - 3;
  if (start > MAX_PREFIX) return null;
  const header: TextHeader = { start, time: m[1]!, iso: m[1]!.length > 18 && m[1]![4] === '-', priority: m[2]!, messageStart: m.index + m[0].length };
  if (start > 0) {
    const prefix = line.slice(0, start);
    const host = SYSLOG_5424_HOST.exec(prefix)?.[1] ?? SYSLOG_3164_HOST.exec(prefix)?.[1];
    if (host !== undefined && host !== '-') header.hostname = host;
  }
  return header;
}

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
