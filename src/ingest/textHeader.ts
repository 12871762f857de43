/**
 * The header Falco puts before each alert of its plain-text output: `<time>: <Priority> `, the time
 * as `HH:MM:SS.nnnnnnnnn` or, with time_format_iso_8601, ISO 8601 with the date and zone; possibly
 * behind a syslog or log shipper's prefix. Kept apart from falcoText.ts so that format detection
 * does not load the rules' templates.
 */

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

