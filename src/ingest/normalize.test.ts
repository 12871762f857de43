import { describe, expect, it } from 'vitest';
import type { Alert, ParseIssue } from '../model';
import { isParseIssue, normalizeRecord } from './normalize';

const base = { rule: 'R', output: 'o' };
function ok(v: unknown): Omit<Alert, 'id'> {
  const r = normalizeRecord(v, 'f.json', 3);
  if (isParseIssue(r)) throw new Error(`expected an alert, got: ${r.message}`);
  return r;
}
function bad(v: unknown): ParseIssue {
  const r = normalizeRecord(v, 'f.json', 3);
  if (!isParseIssue(r)) throw new Error('expected a ParseIssue');
  return r;
}

describe('normalizeRecord', () => {
  it('restores a complete Falco alert', () => {
    const a = ok({
      uuid: 'u-1',
      hostname: 'h',
      output: '12:00:00.000000001: Warning x',
      priority: 'Warning',
      rule: 'Terminal shell in container',
      source: 'syscall',
      tags: ['container', 'T1059'],
      time: '2023-05-25T13:44:05.478445995Z',
      output_fields: { 'proc.name': 'sh', 'proc.tty': 34816, 'proc.pname': null, 'x.ok': true, 'fd.name': '<NA>' },
    });
    expect(a).toEqual({
      file: 'f.json',
      line: 3,
      uuid: 'u-1',
      hostname: 'h',
      rule: 'Terminal shell in container',
      priority: 'Warning',
      time: '2023-05-25T13:44:05.478445995Z',
      timeMs: Date.UTC(2023, 4, 25, 13, 44, 5, 478),
      output: '12:00:00.000000001: Warning x',
      outputFields: { 'proc.name': 'sh', 'proc.tty': 34816, 'proc.pname': null, 'x.ok': true, 'fd.name': '<NA>' },
      source: 'syscall',
      sourceInferred: false,
      tags: ['container', 'T1059'],
    });
  });

  it('leaves out uuid and hostname when missing, defaults tags, output, fields and priority', () => {
    const a = ok({ rule: 'R', time: '2001-01-01T01:10:00Z' });
    expect(a).not.toHaveProperty('uuid');
    expect(a).not.toHaveProperty('hostname');
    expect(a).toMatchObject({ tags: [], output: '', outputFields: {}, priority: 'Informational', source: 'syscall', sourceInferred: true });
  });

  it.each([
    ['Warning', 'Warning'],
    ['WARNING', 'Warning'],
    ['warning', 'Warning'],
    ['INFO', 'Informational'],
    ['informational', 'Informational'],
    ['Info', 'Informational'],
    ['emergency', 'Emergency'],
    ['  Critical ', 'Critical'],
    [0, 'Emergency'],
    [1, 'Alert'],
    [4, 'Warning'],
    [6, 'Informational'],
    [7, 'Debug'],
    [null, 'Informational'],
    [undefined, 'Informational'],
  ])('priority %j -> %s', (priority, want) => {
    expect(ok({ ...base, priority }).priority).toBe(want);
  });

  it.each([
    ['Severe', 'unknown priority "Severe"'],
    ['WARN', 'unknown priority "WARN"'],
    [8, "unknown priority 8 (Falco's numbers are 0 to 7)"],
    [-1, "unknown priority -1 (Falco's numbers are 0 to 7)"],
    [2.5, "unknown priority 2.5 (Falco's numbers are 0 to 7)"],
    [true, '"priority" must be a string or number, got boolean'],
    [['Warning'], '"priority" must be a string or number, got array'],
  ])('priority %j is a problem: %s', (priority, message) => {
    expect(bad({ ...base, priority }).message).toBe(message);
  });

  it.each([
    ['2023-05-25T13:44:05.478445995Z', '2023-05-25T13:44:05.478445995Z', Date.UTC(2023, 4, 25, 13, 44, 5, 478)],
    ['2001-01-01T01:10:00Z', '2001-01-01T01:10:00Z', Date.UTC(2001, 0, 1, 1, 10, 0)],
    ['2001-01-01T01:10:00.5Z', '2001-01-01T01:10:00.5Z', Date.UTC(2001, 0, 1, 1, 10, 0, 500)],
    ['2022-07-12T12:33:48.105952Z', '2022-07-12T12:33:48.105952Z', Date.UTC(2022, 6, 12, 12, 33, 48, 105)],
    ['2020-03-03T17:50:03.391768+00:00', '2020-03-03T17:50:03.391768Z', Date.UTC(2020, 2, 3, 17, 50, 3, 391)],
    ['2020-03-03T19:50:03.391768+02:00', '2020-03-03T17:50:03.391768Z', Date.UTC(2020, 2, 3, 17, 50, 3, 391)],
    ['2020-03-03T17:50:03.1-0130', '2020-03-03T19:20:03.1Z', Date.UTC(2020, 2, 3, 19, 20, 3, 100)],
    ['2020-03-03T17:50:03', '2020-03-03T17:50:03Z', Date.UTC(2020, 2, 3, 17, 50, 3)],
    ['2021-04-13T20:58:00.746609046Z+2', '2021-04-13T20:58:00.746609046Z', Date.UTC(2021, 3, 13, 20, 58, 0, 746)],
    [{ seconds: 1570094449, nanos: 620298462 }, '2019-10-03T09:20:49.620298462Z', 1570094449620],
    [{ seconds: '1570094449', nanos: 5 }, '2019-10-03T09:20:49.000000005Z', 1570094449000],
    [{ seconds: 1570094449 }, '2019-10-03T09:20:49.000000000Z', 1570094449000],
    [{ seconds: '-1', nanos: '500000000' }, '1969-12-31T23:59:59.500000000Z', -500],
    [{ seconds: 253402300799, nanos: 999999999 }, '9999-12-31T23:59:59.999999999Z', 253402300799999],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z', -62135596800000],
    ['0099-03-01T00:00:00Z', '0099-03-01T00:00:00Z', Date.parse('0099-03-01T00:00:00Z')],
    // Beyond what a date can hold, or not a time at all: the alert loads without a time.
    [{ seconds: '8640000000000' }, '', NaN],
    [{ seconds: 8640000000000, nanos: 5 }, '', NaN],
    [{ seconds: 253402300800 }, '', NaN],
    [{ seconds: -62135596801 }, '', NaN],
    [{ seconds: '-99999999999999999999' }, '', NaN],
    [{ seconds: '9'.repeat(400) }, '', NaN],
    [{ seconds: NaN }, '', NaN],
    [{ seconds: 1.5 }, '', NaN],
    [{ seconds: 1570094449, nanos: -1 }, '', NaN],
    [{ seconds: 1570094449, nanos: '1e3' }, '', NaN],
    [{ seconds: null }, '', NaN],
    [{}, '', NaN],
    ['0000-01-01T00:00:00Z', '', NaN],
    ['9999-12-31T23:59:59-01:00', '', NaN],
    [1e300, '', NaN],
    [-5, '', NaN],
  ])('time %j -> %s', (time, iso, ms) => {
    const a = ok({ ...base, time });
    expect(a.time).toBe(iso);
    expect(a.timeMs).toBe(ms);
  });

  it.each([
    ['not a time', { 'evt.time': Number('1739178940698757000') }, '2025-02-10T09:15:40.698Z', 1739178940698],
    [undefined, { 'evt.time.iso8601': Number('1723038591703321833') }, '2024-08-07T13:49:51.703Z', 1723038591703],
    [undefined, { 'evt.time': '1723038591703321833' }, '2024-08-07T13:49:51.703321833Z', 1723038591703],
    ['2021-02-30T00:00:00Z', {}, '', NaN],
    [undefined, { 'evt.time': '09:20:49.620298462' }, '', NaN],
    [undefined, { 'evt.time': 1618347519000000 }, '', NaN],
    [true, {}, '', NaN],
    [undefined, {}, '', NaN],
  ])('time %j with fields %j falls back to %s', (time, output_fields, iso, ms) => {
    const a = ok({ ...base, time, output_fields });
    expect(a.time).toBe(iso);
    expect(a.timeMs).toBe(ms);
  });

  it.each([
    [{ 'ka.verb': 'patch' }, 'k8s_audit'],
    [{ 'ct.name': 'ConsoleLogin' }, 'aws_cloudtrail'],
    [{ 'gcp.user': 'x' }, 'gcp_auditlog'],
    [{ 'okta.actor.name': 'x' }, 'okta'],
    [{ 'github.repo': 'x' }, 'github'],
    [{ 'proc.name': 'sh' }, 'syscall'],
    [{}, 'syscall'],
    [{ 'evt.source': 'syscall', 'ka.verb': 'x' }, 'syscall'],
  ])('infers source from fields %j -> %s', (output_fields, source) => {
    const a = ok({ ...base, output_fields });
    expect(a.source).toBe(source);
    expect(a.sourceInferred).toBe(true);
  });

  it("maps 'syscalls' to 'syscall' and keeps a declared source", () => {
    expect(ok({ ...base, source: 'syscalls' })).toMatchObject({ source: 'syscall', sourceInferred: false });
    expect(ok({ ...base, source: 'k8s_audit', output_fields: { 'proc.name': 'x' } })).toMatchObject({ source: 'k8s_audit', sourceInferred: false });
  });

  it('unwraps falcosidekick payloads', () => {
    const event = { ...base, priority: 'Critical', time: '2023-05-25T13:44:05.478445995Z' };
    expect(ok({ event, outputs: ['WebUI'] })).toMatchObject({ rule: 'R', priority: 'Critical' });
    expect(ok({ ...event, outputs: ['WebUI', 'Slack'] })).toMatchObject({ rule: 'R', priority: 'Critical' });
  });

  it('stringifies nested output_fields values and keeps scalars', () => {
    const a = ok({ ...base, output_fields: { obj: { a: [1, 'x'] }, arr: [1, 2], s: 's', n: 1.5, b: false, z: null } });
    expect(a.outputFields).toEqual({ obj: '{"a":[1,"x"]}', arr: '[1,2]', s: 's', n: 1.5, b: false, z: null });
  });

  it('keeps __proto__ and constructor keys as plain own data', () => {
    const parsed = JSON.parse(
      '{"rule":"R","output":"o","output_fields":{"__proto__":{"polluted":1},"constructor":"c","toString":"t","hasOwnProperty":1}}',
    );
    const a = ok(parsed);
    const f = a.outputFields;
    expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(f, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(f, '__proto__')?.value).toBe('{"polluted":1}');
    expect(Object.getOwnPropertyDescriptor(f, 'constructor')?.value).toBe('c');
    expect(Object.keys(f)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not read alert keys through a __proto__ key', () => {
    const r = normalizeRecord(JSON.parse('{"__proto__":{"rule":"R","output":"o"}}'), 'f', 1);
    expect(isParseIssue(r) && r.message).toMatch(/^not a Falco alert/);
  });

  it('copies fields of an object without Object.prototype into a plain object', () => {
    const fields = Object.create(null) as Record<string, unknown>;
    fields['proc.name'] = 'sh';
    const a = ok({ ...base, output_fields: fields });
    expect(Object.getPrototypeOf(a.outputFields)).toBe(Object.prototype);
    expect(a.outputFields).toEqual({ 'proc.name': 'sh' });
  });

  it('stringifies deeply nested values (depth 5000) without overflowing', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObj = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const a = ok(JSON.parse(`{"rule":"R","output":"o","output_fields":{"d":${deep},"o":${deepObj}}}`));
    expect(a.outputFields.d).toBe(deep);
    expect(a.outputFields.o).toBe(deepObj);
  });

  it.each([
    [{ foo: 1 }, 'not a Falco alert: no "rule", "output", "output_fields" or "priority" (has "foo")'],
    [{}, 'not a Falco alert: empty object'],
    [[1, 2], 'not a Falco alert: expected a JSON object, got array'],
    ['text', 'not a Falco alert: expected a JSON object, got string'],
    [42, 'not a Falco alert: expected a JSON object, got number'],
    [null, 'not a Falco alert: expected a JSON object, got null'],
    [{ output: 'o', priority: 'Warning' }, 'no "rule" field'],
    [{ rule: null, output: 'o' }, 'no "rule" field'],
    [{ rule: 5, output: 'o' }, '"rule" must be a string, got number'],
    [{ rule: ' ', output: 'o' }, '"rule" is empty'],
    [{ rule: 'R', priority: 'Notice' }, 'not a Falco alert: has "rule" but no "output", "output_fields" or "time"'],
    [{ rule: 'R', output: 5 }, '"output" must be a string, got number'],
    [{ rule: 'R', output: 'o', output_fields: [] }, '"output_fields" must be an object, got array'],
    [{ rule: 'R', output: 'o', output_fields: 'x' }, '"output_fields" must be an object, got string'],
    [{ rule: 'R', output: 'o', tags: 'x' }, '"tags" must be an array of strings, got string'],
    [{ rule: 'R', output: 'o', tags: ['a', 1] }, '"tags" must be an array of strings, got an array with a non-string'],
    [{ rule: 'R', output: 'o', hostname: 1 }, '"hostname" must be a string, got number'],
    [{ rule: 'R', output: 'o', source: {} }, '"source" must be a string, got object'],
    [{ rule: 'R', output: 'o', uuid: false }, '"uuid" must be a string, got boolean'],
  ])('%j is a problem: %s', (value, message) => {
    const p = bad(value);
    expect(p).toMatchObject({ file: 'f.json', line: 3, message });
  });

  it('gives problems a short excerpt of the record', () => {
    const p = bad({ rule: 5, output: 'x'.repeat(1000) });
    expect(p.excerpt?.startsWith('{"rule":5')).toBe(true);
    expect(p.excerpt!.length).toBeLessThanOrEqual(161);
  });
});
