import { describe, expect, it } from 'vitest';
import { ingestDocument, splitDocument } from './document';
import { isOneCompleteObject, scanValue } from './scan';
import { Tally } from './tally';
import { collector } from './testkit';

const alert = (rule: string) => `{"rule": "${rule}", "output": "o {[\\"x\\"]}"}`;

function run(text: string) {
  const sink = collector();
  const tally = new Tally(sink);
  ingestDocument(text, 'doc.json', tally);
  return { ...sink, tally };
}

describe('scanValue', () => {
  it.each([
    ['{"a":"}"}  ', 0, 9, true],
    ['{"a":"\\"}"} x', 0, 11, true],
    ['[1,[2],{"b":[]}],', 0, 16, true],
    ['{"a":', 0, 5, false],
    ['"str,ing", 2', 0, 9, true],
    ['123]', 0, 3, true],
  ])('%j from %i ends at %i (complete %s)', (text, start, end, complete) => {
    expect(scanValue(text, start)).toMatchObject({ end, complete });
  });

  it('counts the lines it crosses', () => {
    expect(scanValue('{\n"a":\n1\n}\n', 0)).toEqual({ end: 10, complete: true, newlines: 3 });
  });

  it.each([
    ['{"a":1}', true],
    ['  {"a":{"b":"}"}}  ', true],
    ['{', false],
    ['{"a":1},', false],
    ['{"a":1}{"a":2}', false],
    ['[1]', false],
  ])('isOneCompleteObject(%j) = %s', (line, want) => {
    expect(isOneCompleteObject(line)).toBe(want);
  });
});

describe('documents', () => {
  it('splits an array and gives each element its start line', () => {
    const { parts } = splitDocument(`[\n  ${alert('a')},\n  {\n    "rule": "b",\n    "output": "x"\n  }, ${alert('c')}\n]\n`);
    expect(parts.map((p) => p.line)).toEqual([2, 3, 6]);
  });

  it('keeps the good elements of an array around a bad one', () => {
    const r = run(`[\n${alert('a')},\n{"rule": "b" "output": "x"},\n${alert('c')},\n42,\n{"rule": 5, "output": "x"}\n]`);
    expect(r.alerts.map((a) => [a.rule, a.line])).toEqual([
      ['a', 2],
      ['c', 4],
    ]);
    expect(r.problems.map((p) => [p.line, p.message.replace(/:.*/, '')])).toEqual([
      [3, 'invalid JSON'],
      [5, 'not a Falco alert'],
      [6, '"rule" must be a string, got number'],
    ]);
    expect(r.tally.records).toBe(5);
  });

  it('reads objects one after another, pretty-printed or not, with stray commas', () => {
    const r = run(`{\n  "rule": "a",\n  "output": "x"\n}\n{"rule": "b", "output": "y"},\n\n${alert('c')}`);
    expect(r.alerts.map((a) => [a.rule, a.line])).toEqual([
      ['a', 1],
      ['b', 5],
      ['c', 7],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('reports a truncated last element and an unclosed array', () => {
    const t = run(`[\n${alert('a')},\n{"rule": "b", "outp`);
    expect(t.alerts.map((a) => a.rule)).toEqual(['a']);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^invalid JSON: /) });

    const u = run(`[\n${alert('a')},\n${alert('b')}\n`);
    expect(u.alerts).toHaveLength(2);
    expect(u.problems).toEqual([{ file: 'doc.json', line: 4, message: 'the JSON array is not closed: the file may be truncated' }]);
  });

  it('reports stray text between objects and keeps the objects', () => {
    const r = run(`${alert('a')}\nnot json here\n${alert('b')}`);
    expect(r.alerts.map((a) => a.rule)).toEqual(['a', 'b']);
    expect(r.problems).toMatchObject([{ line: 2, message: 'not JSON: text outside any object or array', excerpt: 'not json here' }]);
  });

  it('reads an empty array as no records', () => {
    expect(run('[ ]').tally.records).toBe(0);
  });
});
