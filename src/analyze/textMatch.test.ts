import { describe, expect, it } from 'vitest';
import { makeAlert } from '../testing/alerts';
import { alertMatchesText } from './textMatch';

describe('alertMatchesText', () => {
  const alert = makeAlert({
    output: 'Shell spawned (user=Root)',
    outputFields: { 'proc.name': 'Bash', 'proc.pid': 4242, ratio: 1.5, 'evt.time': JSON.parse('1749513600000429095') as number, 'fd.name': null },
  });

  it('matches output and field values, case-insensitively (the needle is lower case)', () => {
    expect(alertMatchesText(alert, 'root')).toBe(true);
    expect(alertMatchesText(alert, 'bash')).toBe(true);
    expect(alertMatchesText(alert, 'nothing')).toBe(false);
  });

  it('matches numbers as printed, but not the rounded digits of integers beyond 2^53', () => {
    expect(alertMatchesText(alert, '4242')).toBe(true);
    expect(alertMatchesText(alert, '1.5')).toBe(true);
    // Parsed, 1749513600000429095 becomes 1749513600000429000: "429000" is not in the file.
    expect(alertMatchesText(alert, '429000')).toBe(false);
    expect(alertMatchesText(alert, 'null')).toBe(false);
  });
});
