import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './format';

describe('counts on the page', () => {
  it('read as English: one without s, every other number with s', () => {
    expect(countOf(1, 'alert')).toBe('1 alert');
    expect(countOf(0, 'problem')).toBe('0 problems');
    expect(countOf(2, 'incident')).toBe('2 incidents');
  });

  it('carry thousands separators whatever the machine locale', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(countOf(12345, 'alert')).toBe('12,345 alerts');
  });
});
