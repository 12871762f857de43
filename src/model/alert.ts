/**
 * One normalised Falco alert. Every ingest path (NDJSON, arrays, syslog, gzip, sidekick
 * wrappers) restores its input into this shape, so nothing downstream deals with variants.
 */

/** Falco's eight priorities, most severe first (the order of Falco's own enum). */
export const PRIORITIES = [
  'Emergency',
  'Alert',
  'Critical',
  'Error',
  'Warning',
  'Notice',
  'Informational',
  'Debug',
] as const;

export type Priority = (typeof PRIORITIES)[number];

/**
 * Values Falco puts in output_fields. `<NA>` stays a string: it is what Falco printed. So does an
 * integer beyond 2^53 (evt.time, in nanoseconds): the digits written, which a number cannot hold.
 */
export type FieldValue = string | number | boolean | null;

export type OutputFields = Record<string, FieldValue>;

export interface Alert {
  /** Position in the session, assigned by the engine (0-based, dense). */
  id: number;
  /** Where it came from, for provenance and problem messages. */
  file: string;
  /** 1-based line of the record's first character in the (decompressed) file. */
  line: number;
  uuid?: string;
  rule: string;
  priority: Priority;
  /** ISO-8601 UTC with Falco's precision kept (up to 9 fractional digits); '' when unknown. */
  time: string;
  /** Epoch milliseconds for sorting and the timeline; NaN when the alert has no usable time. */
  timeMs: number;
  output: string;
  outputFields: OutputFields;
  /** Event source: syscall, k8s_audit, aws_cloudtrail ... Inferred from field prefixes when absent. */
  source: string;
  /** True when `source` was not in the record and was inferred. */
  sourceInferred: boolean;
  tags: string[];
  /**
   * True when the record carried no tags and `tags` were taken from today's rule catalog for a rule
   * of the same name: facts about the rule, not about this alert (see analyze/incidentBatch effectiveTags).
   */
  tagsInferred?: boolean;
  hostname?: string;
}

/** A record that could not become an Alert, with the reason in words an analyst understands. */
export interface ParseIssue {
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file (empty, binary, unreadable). */
  line: number;
  message: string;
  /** The first characters of the offending record, for recognising it (never rendered as HTML). */
  excerpt?: string;
}
