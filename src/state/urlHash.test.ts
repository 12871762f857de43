import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../model';
import { LINKED_FILES, decodeHash, encodeHash } from './urlHash';

describe('URL hash state', () => {
  it('round-trips a full view', () => {
    const state = {
      filter: {
        include: { priority: ['Critical', 'Error'], rule: ['Terminal shell in container'] },
        exclude: { hostname: ['noisy,host&1'] },
        text: 'sh -c',
        from: 1700000000000,
        to: 1700003600000,
        sort: 'count' as const,
      },
      incident: 'abc123',
      files: ['falco.ndjson', 'node b/falco,1.ndjson.gz'],
    };
    expect(decodeHash(encodeHash(state))).toEqual(state);
  });

  it('names the files a view was made from, unless there are too many for a link', () => {
    const few = Array.from({ length: LINKED_FILES }, (_, i) => `f${i}.ndjson`);
    expect(decodeHash(encodeHash({ filter: EMPTY_FILTER, incident: null, files: few })).files).toEqual(few);
    expect(decodeHash(encodeHash({ filter: EMPTY_FILTER, incident: null, files: [...few, 'one more'] })).files).toEqual([]);
    expect(decodeHash('#files=notjson').files).toEqual([]);
  });

  it('encodes the default view as an empty hash', () => {
    expect(encodeHash({ filter: EMPTY_FILTER, incident: null })).toBe('');
  });

  it.each(['#priority=notjson', '#sort=bogus', '#from=abc', '#%%%', '#priority=[1,2]'])('ignores malformed %s', (hash) => {
    const decoded = decodeHash(hash);
    expect(decoded.filter.sort).toBe('risk');
    expect(decoded.filter.include.priority).toBeUndefined();
    expect(decoded.filter.from).toBeNull();
  });
});
