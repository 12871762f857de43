import type { Alert } from '../../model';
import type { IngestedAlert } from '../../ingest';
import { parseLineRecord } from '../../ingest';
import { IntColumn } from './column';
import type { ParsedBatch } from './parseBatch';

/** The bytes of one parsed batch and the ids of its alerts (consecutive). */
interface Chunk {
  bytes: Uint8Array;
  file: string;
  firstId: number;
  count: number;
  /** Added to the batch's line numbers to give the file's. */
  lineOffset: number;
}

const HELD_AS_OBJECT = -1;
/** A line this long (a record of thousands of fields or a huge value) is kept parsed once asked for (see get). */
const LONG_LINE_BYTES = 256 * 1024;

/**
 * Every alert of a session, by id. Alerts read from NDJSON are kept as the bytes of their line
 * plus a few integer columns, and parsed again when asked for: a parsed alert costs the heap about
 * ten times its line, and a day of alerts is hundreds of MB of lines. Alerts from other inputs
 * (JSON documents, pasted text, saved sessions) are few and kept as objects.
 */
export class AlertStore {
  private readonly chunkOf = new IntColumn();
  private readonly byteStart = new IntColumn();
  private readonly byteEnd = new IntColumn();
  private readonly line = new IntColumn();
  private readonly plain = new IntColumn();
  private readonly chunks: Chunk[] = [];
  private readonly objects = new Map<number, Alert>();
  private readonly decoder = new TextDecoder();

  get size(): number {
    return this.chunkOf.length;
  }

  /** Keep an alert object; sets and returns its id. */
  addObject(alert: Alert): number {
    const id = this.size;
    alert.id = id;
    this.objects.set(id, alert);
    this.chunkOf.push(HELD_AS_OBJECT);
    this.byteStart.push(0);
    this.byteEnd.push(0);
    this.line.push(0);
    this.plain.push(0);
    return id;
  }

  /**
   * Keep a parsed batch's bytes and the positions of its alerts that `keep` says to keep (all
   * when absent: a duplicate is not stored); returns the id of its first kept alert.
   */
  addBatch(batch: ParsedBatch, lineOffset: number, keep?: Uint8Array): number {
    const firstId = this.size;
    if (batch.alerts === 0) return firstId;
    const chunk = this.chunks.length;
    if (keep === undefined) {
      for (let i = 0; i < batch.alerts; i++) this.chunkOf.push(chunk);
      this.byteStart.append(batch.byteStart);
      this.byteEnd.append(batch.byteEnd);
      this.line.append(batch.line);
      this.plain.append(batch.plain);
    } else {
      for (let i = 0; i < batch.alerts; i++) {
        if (keep[i] === 0) continue;
        this.chunkOf.push(chunk);
        this.byteStart.push(batch.byteStart[i]!);
        this.byteEnd.push(batch.byteEnd[i]!);
        this.line.push(batch.line[i]!);
        this.plain.push(batch.plain[i]!);
      }
    }
    const count = this.size - firstId;
    // A batch of nothing but duplicates keeps no bytes.
    if (count > 0) this.chunks.push({ bytes: batch.bytes, file: batch.file, firstId, count, lineOffset });
    return firstId;
  }

  /**
   * The last long line parsed again, kept: opening the report of one huge record asks for its alert
   * several times at once (report, prevalence, process tree, related incidents, pages of fields),
   * and parsing a megabyte line costs more than all they do with it.
   */
  private lastLong: { id: number; record: IngestedAlert } | null = null;

  /**
   * The stored object, or a record parsed again from the alert's line (id not yet set): fresh,
   * except for a line longer than LONG_LINE_BYTES asked for again.
   */
  get(id: number): Alert | IngestedAlert {
    const c = this.chunkOf.get(id);
    if (c === HELD_AS_OBJECT) return this.objects.get(id)!;
    if (this.lastLong?.id === id) return this.lastLong.record;
    const chunk = this.chunks[c]!;
    const bytes = this.byteEnd.get(id) - this.byteStart.get(id);
    const text = this.decoder.decode(chunk.bytes.subarray(this.byteStart.get(id), this.byteEnd.get(id)));
    const line = this.line.get(id) + chunk.lineOffset;
    const record = parseLineRecord(text, chunk.file, line);
    // The line parsed as an alert when it was read; the same bytes parse the same way.
    if (record === null || 'message' in record) throw new Error(`alert ${id} no longer parses (${chunk.file}:${line})`);
    if (bytes > LONG_LINE_BYTES) this.lastLong = { id, record };
    return record;
  }

  isObject(id: number): boolean {
    return this.chunkOf.get(id) === HELD_AS_OBJECT;
  }

  /**
   * Calls `candidate(id)` for each alert from `fromId` on that `wanted(id)` and that may contain
   * `needle` (lower case) in its output or field values: a plain line (see ParsedBatch.plain)
   * whose lower-cased text lacks the needle cannot, so it is skipped without parsing. `wanted` is
   * asked again before each call, so an answer can change while scanning.
   */
  textCandidates(needle: string, fromId: number, wanted: (id: number) => boolean, candidate: (id: number) => void): void {
    const asciiNeedle = /^[\x20-\x7e]+$/.test(needle);
    for (const [id] of this.objects) if (id >= fromId && wanted(id)) candidate(id);
    for (const chunk of this.chunks) {
      const end = chunk.firstId + chunk.count;
      if (end <= fromId) continue;
      const from = Math.max(fromId, chunk.firstId);
      const lower = asciiNeedle ? this.asciiLowerText(chunk) : null;
      if (lower === null) {
        for (let id = from; id < end; id++) if (wanted(id)) candidate(id);
        continue;
      }
      // Jump from one occurrence of the needle to the next; only lines holding one are candidates.
      // The chunk is all ASCII, so character offsets are byte offsets.
      let id = from;
      let at = lower.indexOf(needle, this.byteStart.get(id));
      while (at !== -1 && id < end) {
        while (id < end && this.byteEnd.get(id) <= at) id++;
        if (id === end) break;
        if (at >= this.byteStart.get(id)) {
          if (this.plain.get(id) === 1 && wanted(id)) candidate(id);
          if (++id === end) break;
        }
        at = lower.indexOf(needle, this.byteStart.get(id));
      }
      // Lines that are not plain may hold the text escaped: always candidates.
      for (let i = from; i < end; i++) if (this.plain.get(i) === 0 && wanted(i)) candidate(i);
    }
  }

  /** The chunk decoded and lower-cased when it is all ASCII (one character per byte), else null. */
  private asciiLowerText(chunk: Chunk): string | null {
    const text = this.decoder.decode(chunk.bytes);
    return text.length === chunk.bytes.length ? text.toLowerCase() : null;
  }
}
