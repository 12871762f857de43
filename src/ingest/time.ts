/** Falco timestamps: ISO-8601 strings with 0-9 fractional digits, `{seconds, nanos}`, epoch numbers. */

export interface ParsedTime {
  /** ISO-8601 UTC ending in Z, with the input's fractional digits kept; '' when unknown. */
  time: string;
  /** Epoch milliseconds; NaN when unknown. */
  timeMs: number;
}

export const NO_TIME: ParsedTime = { time: '', timeMs: NaN };

/**
 * Times an alert may carry: years 0001 to 9999, the range ISO-8601's four-digit years can write.
 * A record can claim any number (`{"seconds": "8640000000000"}` is year 275760, where
 * Date#toISOString throws); outside this range the time is unreadable, never passed on.
 */
export const MIN_TIME_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
export const MAX_TIME_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

export function isUsableTimeMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS;
}

// date, time, optional fraction, optional zone; anything after that (e.g. "Z+2") is ignored.
const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d*))?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?/;

/** Parse an ISO-8601-like string; null when nothing usable is there. */
export function parseIsoTime(s: string): ParsedTime | null {
  const fast = parseFalcoUtc(s);
  if (fast !== null) return fast;
  const m = ISO.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, fracRaw = '', zone = 'Z'] = m as unknown as string[];
  const frac = (fracRaw ?? '').slice(0, 9);
  const year = +y!;
  const month = +mo!;
  const day = +d!;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || +h! > 23 || +mi! > 59 || +sec! > 59) return null;
  const wall = utcMs(year, month, day) + +h! * 3_600_000 + +mi! * 60_000 + +sec! * 1000;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const utcSeconds = wall - offsetMin * 60_000;
  const fracMs = frac.length >= 3 ? +frac.slice(0, 3) : frac ? +frac.padEnd(3, '0') : 0;
  // A zone can push year 0001 or 9999 over the edge.
  if (!isUsableTimeMs(utcSeconds)) return null;
  const wallText = offsetMin === 0 ? `${y}-${mo}-${d}T${h}:${mi}:${sec}` : isoSeconds(utcSeconds);
  return { time: wallText + (frac ? `.${frac}` : '') + 'Z', timeMs: utcSeconds + fracMs };
}

/** Epoch ms of the last calendar day seen: a file's alerts share a handful of days. */
let lastDayKey = -1;
let lastDayMs = 0;

/**
 * The shape Falco writes, `YYYY-MM-DDTHH:MM:SS[.1-9 digits]Z`, without the regex: this runs once per
 * alert. The text is already in the normalised form, so it is returned as is. Null for any other
 * shape (the regex path decides those) and for out-of-range parts, exactly as the regex path would.
 */
function parseFalcoUtc(s: string): ParsedTime | null {
  const n = s.length;
  if (n < 20 || n > 30 || s.charCodeAt(n - 1) !== 0x5a /* Z */) return null;
  if (s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  const sec = digits(s, 17, 19);
  if ((year | month | day | h | mi | sec) < 0) return null;
  let fracMs = 0;
  if (n > 20) {
    // A '.' and 1-9 digits before the Z.
    if (s.charCodeAt(19) !== 0x2e || n === 21) return null;
    const frac = digits(s, 20, n - 1);
    if (frac < 0) return null;
    fracMs = Math.floor(frac / 10 ** Math.max(0, n - 21 - 3)) * 10 ** Math.max(0, 3 - (n - 21));
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || h > 23 || mi > 59 || sec > 59) return null;
  const dayKey = year * 10000 + month * 100 + day;
  if (dayKey !== lastDayKey) {
    lastDayMs = utcMs(year, month, day);
    lastDayKey = dayKey;
  }
  return { time: s, timeMs: lastDayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + fracMs };
}

/** The decimal value of s[from, to), or -1 if any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Epoch ms of a calendar day; Date.UTC alone would read years 0-99 as 1900-1999. */
function utcMs(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `{seconds, nanos}` as printed by Falco's gRPC clients (protobuf Timestamp). */
export function parseSecondsNanos(v: Record<string, unknown>): ParsedTime | null {
  const seconds = toNumber(v.seconds);
  const nanos = v.nanos === undefined ? 0 : toNumber(v.nanos);
  if (seconds === null || nanos === null || !Number.isInteger(seconds) || !Number.isInteger(nanos)) return null;
  if (nanos < 0 || nanos > 999_999_999) return null;
  const ms = seconds * 1000;
  if (!isUsableTimeMs(ms + Math.floor(nanos / 1e6))) return null;
  return { time: `${isoSeconds(ms)}.${String(nanos).padStart(9, '0')}Z`, timeMs: ms + Math.floor(nanos / 1e6) };
}

// Plausible epoch nanoseconds: 1980-01-01 .. 2200-01-01.
const MIN_NS = 315_532_800e9;
const MAX_NS = 7_258_118_400e9;

/** Falco's evt.time: epoch nanoseconds as a number or a string of digits; null when not plausible. */
export function parseEpochNanos(v: unknown): ParsedTime | null {
  if (typeof v === 'string' && /^\d{18,19}$/.test(v)) {
    const n = Number(v);
    if (n < MIN_NS || n > MAX_NS) return null;
    const secs = v.slice(0, -9);
    const ms = Number(secs) * 1000;
    return { time: `${isoSeconds(ms)}.${v.slice(-9)}Z`, timeMs: ms + Number(v.slice(-9, -6)) };
  }
  if (typeof v === 'number' && Number.isFinite(v) && v >= MIN_NS && v <= MAX_NS) {
    // JSON numbers this large have lost their last digits: keep millisecond precision only.
    const ms = Math.floor(v / 1e6);
    return { time: new Date(ms).toISOString(), timeMs: ms };
  }
  return null;
}

/** The alert's `time` field in any of its known shapes; null when it cannot be read. */
export function parseTimeField(v: unknown): ParsedTime | null {
  if (typeof v === 'string') return parseIsoTime(v);
  if (typeof v === 'number') return parseEpochNumber(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return parseSecondsNanos(v as Record<string, unknown>);
  return null;
}

/** A bare number as time: nanoseconds, microseconds, milliseconds or seconds since the epoch. */
function parseEpochNumber(v: number): ParsedTime | null {
  if (!Number.isFinite(v) || v <= 0) return null;
  const ms = v >= 1e17 ? v / 1e6 : v >= 1e14 ? v / 1e3 : v >= 1e11 ? v : v * 1000;
  const d = new Date(Math.floor(ms));
  if (!Number.isFinite(d.getTime()) || d.getUTCFullYear() < 1980 || d.getUTCFullYear() > 2200) return null;
  return { time: d.toISOString(), timeMs: d.getTime() };
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  // 20 digits are far past any usable time; longer strings are not worth converting.
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return Number(v);
  return null;
}

/** YYYY-MM-DDTHH:MM:SS of an epoch-ms value (no fraction, no zone). */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}
