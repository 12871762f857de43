import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { shellQuote } from './shellQuote';

describe('shellQuote', () => {
  it.each([
    ['nginx', 'nginx'],
    ['/usr/bin/sh', '/usr/bin/sh'],
    ['', "''"],
    ['sh -c clear; (bash || ash || sh)', "'sh -c clear; (bash || ash || sh)'"],
    ["it's", "'it'\\''s'"],
    ['$(id)', "'$(id)'"],
  ])('quotes %j as %s', (input, expected) => {
    expect(shellQuote(input)).toBe(expected);
  });

  it.each(['a b', "x'; rm -rf / #", '$(touch /tmp/pwned)', '`id`', 'line1\nline2', '"quoted"', '\\'])(
    'a real shell reads %j back as one unchanged word',
    (value) => {
      const echoed = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
      expect(echoed).toBe(value);
    },
  );
});
