import { describe, expect, it } from 'vitest';
import { isRoundedInteger, keepWrittenIntegers, writtenInteger } from './exactInteger';
import { parseLineRecord } from './record';
import type { Alert } from '../model';

const NS = '1749513600000429095';
const parsed = (digits: string) => JSON.parse(digits) as number;

describe('writtenInteger', () => {
  it('finds the digits a rounded integer was written with', () => {
    const raw = `{"output_fields":{"evt.time":${NS},"proc.pid":42}}`;
    expect(String(parsed(NS))).not.toBe(NS); // the reason for all this
    expect(writtenInteger(raw, 'evt.time', parsed(NS))).toBe(NS);
  });

  it('allows JSON whitespace around the colon, and negative values', () => {
    expect(writtenInteger(`{"evt.time" :\n  ${NS}}`, 'evt.time', parsed(NS))).toBe(NS);
    expect(writtenInteger(`{"x": -${NS}}`, 'x', parsed(`-${NS}`))).toBe(`-${NS}`);
  });

  it('gives up when the same key holds other digits elsewhere, but not when they agree', () => {
    const other = '1749513600000429096'; // parses to the same double
    expect(parsed(other)).toBe(parsed(NS));
    expect(writtenInteger(`{"a":{"evt.time":${other}},"evt.time":${NS}}`, 'evt.time', parsed(NS))).toBeNull();
    expect(writtenInteger(`{"a":{"evt.time":${NS}},"evt.time":${NS}}`, 'evt.time', parsed(NS))).toBe(NS);
  });

  it('skips occurrences that are not this value: another number, a fraction, text inside a string', () => {
    const raw = `{"output":"see \\"evt.time\\":1749513600000429999","b":{"evt.time":1.5e3},"evt.time":${NS}}`;
    expect(writtenInteger(raw, 'evt.time', parsed(NS))).toBe(NS);
    expect(writtenInteger(`{"evt.time":${NS}.5}`, 'evt.time', parsed(NS))).toBeNull();
  });

  it('returns null for a key written with escapes', () => {
    expect(writtenInteger(`{"evt\\u002etime":${NS}}`, 'evt.time', parsed(NS))).toBeNull();
  });

  it('keeps the digits of every field, in one pass however many a hostile record holds', () => {
    const count = 100_000;
    const raw = `{${Array.from({ length: count }, (_, i) => `"k${i}":${NS}`).join(',')}}`;
    const fields = JSON.parse(raw) as Record<string, number | string>;
    // One scan of the text per field (3 MB) would take hours, far past the test timeout; one scan
    // for all takes milliseconds. No clock here: CI machines are busy (bench/wideReport.ts times it).
    keepWrittenIntegers(fields, raw);
    expect(Object.values(fields).filter((v) => v === NS)).toHaveLength(count);
  });

  it('tells rounded integers from safe ones and from other values', () => {
    expect(isRoundedInteger(parsed(NS))).toBe(true);
    expect([42, 2 ** 53 - 1, 1.5, '1749513600000429095', null].map(isRoundedInteger)).toEqual([false, false, false, false, false]);
  });
});

describe('alerts keep the digits Falco wrote', () => {
  const line = (fields: string, top = ',"time":"2025-06-10T00:00:00.000429095Z"') =>
    `{"output":"x","priority":"Notice","rule":"R","source":"syscall"${top},"output_fields":{${fields}}}`;

  it('as a string in output_fields, where a number would have lost them', () => {
    const a = parseLineRecord(line(`"evt.time":${NS},"proc.pid":4242`), 'f', 1) as Alert;
    expect(a.outputFields['evt.time']).toBe(NS);
    expect(a.outputFields['proc.pid']).toBe(4242);
  });

  it('only the field changes: the time read from evt.time is the same with and without them', () => {
    // A parser's batch skips the digits (grouping does not need them); both must agree on time.
    const withDigits = parseLineRecord(line(`"evt.time":${NS}`, ''), 'f', 1) as Alert;
    const without = parseLineRecord(line(`"evt.time":${NS}`, ''), 'f', 1, false) as Alert;
    expect(withDigits.outputFields['evt.time']).toBe(NS);
    expect(without.outputFields['evt.time']).toBe(parsed(NS));
    expect(withDigits.time).toBe('2025-06-10T00:00:00.000Z');
    expect(withDigits.timeMs).toBe(without.timeMs);
  });

  it('keeps a field named __proto__ an own value, and the prototype clean', () => {
    const a = parseLineRecord(line(`"__proto__":${NS}`), 'f', 1) as Alert;
    expect(Object.getOwnPropertyDescriptor(a.outputFields, '__proto__')?.value).toBe(NS);
    expect(Object.getPrototypeOf(a.outputFields)).toBe(Object.prototype);
  });

  it('leaves the number when the digits cannot be told (a key written with escapes)', () => {
    const a = parseLineRecord(line(`"evt\\u002etime":${NS}`), 'f', 1) as Alert;
    expect(a.outputFields['evt.time']).toBe(parsed(NS));
  });
});
