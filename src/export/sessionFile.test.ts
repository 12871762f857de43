import { describe, expect, it } from 'vitest';
import { looksLikeSessionFile, parseSessionFile, serializeSession, SessionFileError, SESSION_FORMAT_VERSION } from './sessionFile';
import { makeAlert } from '../testing/alerts';

const { id: _id, ...alert } = makeAlert({ outputFields: { 'proc.cmdline': 'sh -c "x"' } });
const parts = {
  savedAt: '2026-11-23T10:00:00Z',
  inputs: ['a.ndjson'],
  alerts: [alert],
  problems: [{ file: 'a.ndjson', line: 3, message: 'invalid JSON' }],
  triage: { abc: { status: 'benign', notes: 'drill by the red team' } },
};

describe('session files', () => {
  it('round-trip alerts, problems and triage', () => {
    const text = serializeSession(parts);
    expect(looksLikeSessionFile(text.slice(0, 64))).toBe(true);
    expect(parseSessionFile(text, 's.json')).toEqual({ format: 'falcoscope-session', version: SESSION_FORMAT_VERSION, ...parts });
  });

  it('are not confused with alert files', () => {
    expect(looksLikeSessionFile('{"output":"x","rule":"y"}')).toBe(false);
    expect(looksLikeSessionFile('[{"format":"falcoscope-session"}]')).toBe(false);
  });

  it.each([
    ['{"format":"falcoscope-session","version":2,"alerts":[],"problems":[],"triage":{}}', /newer falcoscope \(session format 2\).*Update falcoscope/],
    ['{"format":"falcoscope-session","version":"1"}', /no valid version/],
    ['{"format":"falcoscope-session","version":1}', /incomplete/],
    ['{"format":"other"}', /not a falcoscope session file/],
    ['{"format":"falcoscope-session",', /not a readable session file/],
  ])('reject %s with a clear message', (text, message) => {
    expect(() => parseSessionFile(text, 's.json')).toThrow(SessionFileError);
    expect(() => parseSessionFile(text, 's.json')).toThrow(message);
  });
});
