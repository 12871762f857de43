/**
 * The records of line-oriented input, however a line is laid out: one object (NDJSON), JSON after
 * a prefix (syslog, RFC 5424 structured data, both possibly holding '{'), an array of alerts on one
 * line, several objects on one line, or a pretty-printed object spread over lines in the middle of
 * NDJSON. Each record is reported with where its JSON lies, so it can be parsed again alone.
 */
import type { Alert, ParseIssue } from '../model';
import type { LineHandler, LineSpan } from './lines';
import type { Tally } from './tally';
import { makeIssue } from './normalize';
import { parseJsonRecord, parseLineRecord, parseWholeObject } from './record';
import { isBlank, scanValue, skipBlank } from './scan';
import { utf8Length } from './bytes';
import { isBulkActionLine } from './exports';
import { textHeader } from './textHeader';

type Result = Omit<Alert, 'id'> | ParseIssue;

/** A record and the characters [from, to) of the line that hold it (the whole line for a problem). */
export type Emit = (r: Result, from: number, to: number) => void;

/** Where a '{' after a prefix is tried as the JSON's start, at most: bounds the work on a hostile line. */
const MAX_PREFIX_CANDIDATES = 16;

/** Every record of one line (nothing for a blank line); a `_bulk` action line is told apart before (see LineRecords.line). */
export function parseLineRecords(text: string, file: string, line: number, writtenIntegers: boolean, emit: Emit): void {
  const start = skipBlank(text, 0);
  if (start === text.length) return;
  const first = text.charCodeAt(start);
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    const values = splitValues(text, start);
    if (values !== null && (values.length > 1 || first === 0x5b)) {
      for (const [from, to] of values) emitValue(text, from, to, file, line, writtenIntegers, emit);
      return;
    }
  } else if (text.indexOf('\u0000') === -1 && textHeader(text) === null) {
    // A prefix: the JSON starts at the first '{' that opens an object running to the line's end.
    // If none does, the usual path below says why the line is no alert.
    let tried = 0;
    for (let c = text.indexOf('{', start); c !== -1 && tried < MAX_PREFIX_CANDIDATES; c = text.indexOf('{', c + 1), tried++) {
      const s = scanValue(text, c);
      if (!s.complete || skipBlank(text, s.end) !== text.length) continue;
      const r = parseJsonRecord(text.slice(c, s.end), file, line, writtenIntegers);
      if ('message' in r) continue;
      emit(r, c, s.end);
      return;
    }
  }
  const r = parseLineRecord(text, file, line, writtenIntegers);
  if (r !== null) emit(r, start, text.length);
}

/** The top-level values of a line that holds only JSON values one after another; null otherwise. */
function splitValues(text: string, start: number): [number, number][] | null {
  const out: [number, number][] = [];
  for (let pos = start; pos < text.length; pos = skipBlank(text, pos)) {
    const c = text.charCodeAt(pos);
    if (c !== 0x7b && c !== 0x5b) return null;
    const s = scanValue(text, pos);
    if (!s.complete) return null;
    out.push([pos, s.end]);
    pos = s.end;
  }
  return out;
}

/** One value of a line: an object is a record, an array's elements are records each. */
function emitValue(text: string, from: number, to: number, file: string, line: number, writtenIntegers: boolean, emit: Emit): void {
  if (text.charCodeAt(from) === 0x7b) {
    emit(parseJsonRecord(text.slice(from, to), file, line, writtenIntegers), from, to);
    return;
  }
  let pos = from + 1;
  let any = false;
  for (;;) {
    pos = skipBlank(text, pos);
    while (text.charCodeAt(pos) === 0x2c /* , */) pos = skipBlank(text, pos + 1);
    if (pos >= to - 1) break;
    const s = scanValue(text, pos);
    const end = Math.min(Math.max(s.end, pos + 1), to - 1);
    emit(parseJsonRecord(text.slice(pos, end), file, line, writtenIntegers), pos, end);
    any = true;
    pos = end;
  }
  if (!any) emit(makeIssue(file, line, 'not a Falco alert: an empty JSON array', text.slice(from, to)), from, to);
}

/** A record, the bytes [byteStart, byteEnd) of its block that hold it, and their text. */
export type EmitSpan = (r: Result, line: number, byteStart: number, byteEnd: number, source: string) => void;

/** Lines of a pretty-printed object gathered at most: past this it is taken for broken lines. */
const MAX_PRETTY_LINES = 10_000;
const MAX_PRETTY_CHARS = 16 * 1024 * 1024;

/**
 * Turns the lines of a block (from splitLines) into records, in order. A line that opens an object
 * it does not close starts a pretty-printed record: the following lines join it until the object
 * closes; if it never does (or grows too large), each of its lines is a record of its own again.
 */
/** A line of a block, with its bytes in the block; `bulk`: an Elasticsearch `_bulk` action line. */
interface BlockLine {
  text: string;
  line: number;
  byteStart: number;
  byteEnd: number;
  bulk: boolean;
}

export class LineRecords {
  private pending: BlockLine[] = [];
  private pendingChars = 0;
  private depth = new DepthTracker();

  constructor(
    private readonly file: string,
    private readonly writtenIntegers: boolean,
    private readonly emit: EmitSpan,
  ) {}

  line(text: string, lineNo: number, span: LineSpan): void {
    const start = skipBlank(text, 0);
    // An Elasticsearch `_bulk` action line frames the document after it: no record, like a blank
    // line. Told here, once, for every line (one gathered into a pretty object may be released).
    const bulk = text.charCodeAt(start) === 0x7b && isBulkActionLine(text, start);
    if (this.pending.length > 0) {
      this.pending.push({ text, line: lineNo, byteStart: span.byteStart, byteEnd: span.byteEnd, bulk });
      this.pendingChars += text.length + 1;
      const state = this.depth.feed(text);
      if (state === 'open' && this.pending.length < MAX_PRETTY_LINES && this.pendingChars < MAX_PRETTY_CHARS) return;
      if (state === 'closed') {
        const joined = this.pending.map((p) => p.text).join('\n');
        const r = parseJsonRecord(joined, this.file, this.pending[0]!.line, this.writtenIntegers);
        if (!('message' in r)) {
          this.emit(r, this.pending[0]!.line, this.pending[0]!.byteStart, span.byteEnd, joined);
          this.pending = [];
          return;
        }
      }
      this.release();
      return;
    }
    if (bulk) return;
    if (text.charCodeAt(start) === 0x7b && this.whole(text, start, lineNo, span)) return;
    if (text.charCodeAt(start) === 0x7b && !scanValue(text, start).complete && text.indexOf('\u0000') === -1) {
      this.depth = new DepthTracker();
      if (this.depth.feed(text.slice(start)) === 'open') {
        this.pending = [{ text, line: lineNo, byteStart: span.byteStart, byteEnd: span.byteEnd, bulk }];
        this.pendingChars = text.length;
        return;
      }
    }
    this.single({ text, line: lineNo, byteStart: span.byteStart, byteEnd: span.byteEnd, bulk });
  }

  /** A line that is one JSON object and nothing else, emitted at once; false for any other line. */
  private whole(text: string, start: number, lineNo: number, span: LineSpan): boolean {
    let end = text.length;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (text.charCodeAt(end - 1) !== 0x7d) return false;
    const json = start === 0 && end === text.length ? text : text.slice(start, end);
    const r = parseWholeObject(json, this.file, lineNo, this.writtenIntegers);
    if (r === null) return false;
    const byteAt = byteOffsets(text, span.byteStart, span.byteEnd);
    this.emit(r, lineNo, byteAt(start), byteAt(end), json);
    return true;
  }

  /** A line that could not be decoded: a problem, and the end of any pretty object gathered. */
  bad(lineNo: number, message: string, excerpt: string): void {
    this.release();
    this.emit(makeIssue(this.file, lineNo, message, excerpt), lineNo, 0, 0, '');
  }

  /** The end of the block: lines still gathered are records of their own. */
  end(): void {
    this.release();
  }

  private release(): void {
    const lines = this.pending;
    this.pending = [];
    for (const p of lines) this.single(p);
  }

  /** The records of a line read on its own (see parseLineRecords). */
  private single({ text, line, byteStart, byteEnd, bulk }: BlockLine): void {
    if (bulk) return;
    const byteAt = byteOffsets(text, byteStart, byteEnd);
    parseLineRecords(text, this.file, line, this.writtenIntegers, (r, from, to) => this.emit(r, line, byteAt(from), byteAt(to), text.slice(from, to)));
  }
}

/** Where a character offset of a line lies in its block, the line's bytes being [byteStart, byteEnd). */
function byteOffsets(text: string, byteStart: number, byteEnd: number): (i: number) => number {
  const ascii = text.length === byteEnd - byteStart;
  return (i) => byteStart + (ascii ? i : utf8Length(text.slice(0, i)));
}

/** Bracket depth over text fed a line at a time, aware of strings and escapes. */
class DepthTracker {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private closed = false;

  /** 'closed' when the first object closed with nothing but blanks after it, 'broken' when more follows. */
  feed(text: string): 'open' | 'closed' | 'broken' {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.closed) {
        if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return 'broken';
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        this.depth--;
        if (this.depth <= 0) this.closed = true;
      }
    }
    // A string never spans lines in JSON text written by Falco: a line ending inside one is broken.
    if (this.inString) return 'broken';
    return this.closed ? 'closed' : 'open';
  }
}

/**
 * A LineHandler that turns the lines of a file into records for the sink, whatever their layout
 * (see LineRecords); `end()` after the file's last line.
 */
export function lineRecords(file: string, sink: Tally): LineHandler & { end(): void } {
  const records = new LineRecords(file, true, (r) => sink.add(r));
  return {
    line: (text, lineNo, span) => records.line(text, lineNo, span),
    bad: (lineNo, message, excerpt) => records.bad(lineNo, message, excerpt),
    end: () => records.end(),
  };
}
