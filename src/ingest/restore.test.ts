import { describe, expect, it } from 'vitest';
import { serializeSession } from '../export/sessionFile';
import { SESSION_FORMAT_VERSION } from '../model';
import { makeAlert } from '../testing/alerts';
import { looksLikeSession, restoreSession, restoreTriage } from './restore';

const { id: _id, ...alert } = makeAlert({ outputFields: { 'proc.cmdline': 'sh -c "x"' } });
const parts = {
  savedAt: '2026-11-23T10:00:00Z',
  inputs: ['a.ndjson'],
  rules: [{ name: '10-acme-rules.yaml', text: '- list: acme_pools\n  items: [pool.example]\n' }],
  alerts: [alert],
  problems: [{ file: 'a.ndjson', line: 3, message: 'invalid JSON' }],
  triage: { abc: { status: 'benign' as const, notes: 'drill by the red team' } },
};

describe('restoreSession', () => {
  it('round-trips rules files, alerts, problems and triage', () => {
    const text = serializeSession(parts);
    expect(looksLikeSession(text.slice(0, 64))).toBe(true);
    expect(restoreSession(text, 's.json')).toEqual(parts);
    expect(SESSION_FORMAT_VERSION).toBe(1);
  });

  it('opens a session saved without rules files (older versions) with none, and skips a malformed one as a problem', () => {
    const { rules: _rules, ...older } = parts;
    expect(restoreSession(serializeSession(older), 's.json')).toEqual({ ...older, rules: [] });
    const text = serializeSession({ ...parts, rules: [{ name: 'ok.yaml', text: '' }, { name: 7 } as never] });
    const restored = restoreSession(text, 's.json');
    expect(restored.rules).toEqual([{ name: 'ok.yaml', text: '' }]);
    expect(restored.problems.at(-1)).toMatchObject({ file: 's.json', message: 'rules file 2 of the session has no name and text: not loaded' });
    expect(restoreSession(serializeSession({ ...parts, rules: 'x' as never }), 's.json').problems.at(-1)?.message).toBe('"rules" must be a list, got string: ignored');
  });

  it.each([
    ['serialised', serializeSession(parts).slice(0, 64), true],
    ['format not first', '{\n  "version": 1,\n  "savedAt": "x",\n  "format": "falcoscope-session",\n  "alerts": [', true],
    ['format after a long value', `{"inputs":["${'a'.repeat(1000)}"],"format" : "falcoscope-session"`, true],
    ['an alert', '{"output":"x","rule":"y"}', false],
    ['an array', '[{"format":"falcoscope-session"}]', false],
    ['format nested', '{"output_fields":{"format":"falcoscope-session"},"rule":"x"}', false],
    ['format in a string', '{"output":"\\"format\\":\\"falcoscope-session\\"","rule":"x"}', false],
    ['another format', '{"format":"falcoscope-sessions"}', false],
    ['cut before the value', '{"format":', false],
  ])('looksLikeSession: %s', (_name, head, want) => {
    expect(looksLikeSession(head)).toBe(want);
  });

  it.each([
    ['{"format":"falcoscope-session","version":2,"alerts":[],"problems":[],"triage":{}}', /newer falcoscope \(session format 2\).*Update falcoscope/],
    ['{"format":"falcoscope-session","version":"1"}', /no valid version/],
    ['{"format":"falcoscope-session","version":1}', /incomplete/],
    ['{"format":"falcoscope-session","version":1,"alerts":null}', /incomplete/],
    ['{"format":"other"}', /not a falcoscope session file/],
    ['{"format":"falcoscope-session",', /not a readable session file/],
  ])('a file that is no readable session is one problem: %s', (text, message) => {
    const r = restoreSession(text, 's.json');
    expect(r.alerts).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 's.json', line: 0, message: expect.stringMatching(message) });
  });

  it('restores each saved alert on its own: one good, four bad, each bad one a problem with its line', () => {
    const bad = [{ ...alert, rule: 42 }, { ...alert, priority: 'Bogus' }, 'a string', null];
    const text = JSON.stringify({ format: 'falcoscope-session', version: 1, alerts: [alert, ...bad], problems: [], triage: {} }, null, 2);
    const r = restoreSession(text, 'hand.falcoscope.json');
    expect(r.alerts).toEqual([alert]);
    expect(r.problems.map((p) => [p.file, p.message])).toEqual([
      ['hand.falcoscope.json', 'saved alert 2: "rule" must be a string, got number'],
      ['hand.falcoscope.json', 'saved alert 3: unknown priority "Bogus"'],
      ['hand.falcoscope.json', 'saved alert 4: expected an alert object, got string'],
      ['hand.falcoscope.json', 'saved alert 5: expected an alert object, got null'],
    ]);
    const lines = text.split('\n');
    expect(lines[r.problems[2]!.line - 1]).toContain('"a string"');
    expect(lines[r.problems[3]!.line - 1]).toContain('null');
  });

  it.each([
    ['time the UI cannot print', { time: '+275760-09-13T00:00:00.000Z', timeMs: 8.64e15 }, { time: '', timeMs: NaN }],
    ['timeMs that disagrees with time', { time: '2024-01-01T00:00:00Z', timeMs: -1 }, { time: '2024-01-01T00:00:00Z', timeMs: Date.UTC(2024, 0, 1) }],
    ['priority as a number', { priority: 4 }, { priority: 'Warning' }],
    ['no file or line', { file: 42, line: -3 }, { file: 's.json', line: 0 }],
    ['nested field value', { outputFields: { a: { b: 1 } } }, { outputFields: { a: '{"b":1}' } }],
    ['inferred source', { source: 'whatever', sourceInferred: true, outputFields: { 'ka.user.name': 'u' } }, { source: 'k8s_audit', sourceInferred: true }],
  ])('a saved alert with %s is restored', (_name, change, want) => {
    const text = JSON.stringify({ format: 'falcoscope-session', version: 1, alerts: [{ ...alert, ...change }] });
    const r = restoreSession(text, 's.json');
    expect(r.problems).toEqual([]);
    expect(r.alerts[0]).toMatchObject(want);
  });

  it('keeps good saved problems and turns each bad entry into one problem', () => {
    const text = JSON.stringify({
      format: 'falcoscope-session',
      version: 1,
      alerts: [],
      problems: [{ file: 'a', line: 2, message: 'm' }, null, { file: 'a', line: 3 }, 'x', { message: 'only a message', line: 'x' }],
    });
    const r = restoreSession(text, 's.json');
    expect(r.problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['a', 2, 'm'],
      ['s.json', 1, 'saved problem 2: expected {file, line, message}, got null'],
      ['s.json', 1, 'saved problem 3: "message" must be a non-empty string, got undefined'],
      ['s.json', 1, 'saved problem 4: expected {file, line, message}, got string'],
      ['s.json', 0, 'only a message'],
    ]);
  });
});

describe('restoreTriage', () => {
  it.each([
    ['a good note', { a: { status: 'benign', notes: 'n' } }, { a: { status: 'benign', notes: 'n' } }, []],
    ['notes an object', { a: { status: 'benign', notes: { x: 1 } } }, { a: { status: 'benign', notes: '' } }, [/notes must be text, got object/]],
    ['status a number', { a: { status: 3, notes: 'n' } }, { a: { status: 'new', notes: 'n' } }, [/unknown status 3/]],
    ['an unknown status', { a: { status: 'pwned' } }, { a: { status: 'new', notes: '' } }, [/unknown status "pwned"/]],
    ['a null entry', { a: null, b: { status: 'resolved', notes: '' } }, { b: { status: 'resolved', notes: '' } }, [/expected \{status, notes\}, got null: dropped/]],
    ['not an object', ['x'], {}, [/expected an object of notes by incident, got array/]],
    ['absent', undefined, {}, []],
  ])('%s', (_name, value, triage, messages) => {
    const r = restoreTriage(value, 's.json');
    expect(r.triage).toEqual(triage);
    expect(r.problems.map((p) => p.message)).toEqual(messages.map((m) => expect.stringMatching(m)));
  });

  it('keeps an incident id such as __proto__ as an ordinary key', () => {
    const r = restoreTriage(JSON.parse('{"__proto__":{"status":"benign","notes":""}}'), 's.json');
    expect(Object.getPrototypeOf(r.triage)).toBe(Object.prototype);
    expect(Object.keys(r.triage)).toEqual(['__proto__']);
  });
});
