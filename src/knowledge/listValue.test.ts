import { describe, expect, it } from 'vitest';
import { listValues } from './listValue';

describe('listValues', () => {
  it.each([
    ['["nginx:1.25","redis"]', ['nginx:1.25', 'redis']],
    ['(nginx:1.25,redis)', ['nginx:1.25', 'redis']],
    ['[nginx, redis]', ['nginx', 'redis']],
    ['nginx:1.25', ['nginx:1.25']],
    ['', []],
    ['[]', []],
  ])('%s -> %j', (text, items) => {
    expect(listValues(text)).toEqual(items);
  });
});
