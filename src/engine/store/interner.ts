/**
 * Keeps one copy of each repeated string. JSON.parse makes a new string for every occurrence:
 * a day of alerts repeats the same rule names, hosts, images and command lines millions of times.
 */
export class StringInterner {
  private readonly table = new Map<string, string>();
  /** Long strings are rarely repeated verbatim (outputs embed timestamps): not worth the lookup. */
  constructor(private readonly maxLength = 256) {}

  intern(value: string): string {
    if (value.length > this.maxLength) return value;
    const known = this.table.get(value);
    if (known !== undefined) return known;
    this.table.set(value, value);
    return value;
  }

  get size(): number {
    return this.table.size;
  }
}

/** Lookups of a field before judging whether its values repeat. */
const SAMPLE = 512;
/** Below this share of repeats a field's values are kept as parsed (ids, paths, URIs, requests). */
const MIN_REPEAT_SHARE = 0.25;
/** Fields always interned, however rarely they repeat: images, command lines, host names. */
const ALWAYS = /image|cmdline|host/;

interface FieldStats {
  lookups: number;
  hits: number;
  on: boolean;
}

/**
 * Interns output field values per field name, and stops for a field whose values hardly repeat
 * (fd.name, ka.uri, gcp.request ...): those lookups cost a hash of the whole string and grow the
 * table with strings that are stored once anyway. Field names come from JSON.parse already
 * internalised, so the per-field lookup is cheap.
 */
export class FieldInterner {
  private readonly fields = new Map<string, FieldStats>();

  constructor(private readonly strings: StringInterner) {}

  intern(field: string, value: string): string {
    let stats = this.fields.get(field);
    if (stats === undefined) {
      stats = { lookups: 0, hits: 0, on: true };
      this.fields.set(field, stats);
    }
    if (!stats.on) return value;
    const shared = this.strings.intern(value);
    if (stats.lookups < SAMPLE) {
      stats.lookups++;
      if (shared !== value) stats.hits++;
      if (stats.lookups === SAMPLE && stats.hits < SAMPLE * MIN_REPEAT_SHARE && !ALWAYS.test(field)) stats.on = false;
    }
    return shared;
  }
}
