import { describe, expect, it } from 'vitest';
import { droppedHashes, missingFiles, validSavedInputs, type SavedInput } from './savedInputs';

const input = (hash: string, name = `${hash}.ndjson`): SavedInput => ({ hash, name, kind: 'file' });

describe('saved inputs', () => {
  it('restores only well-formed entries', () => {
    const raw = [input('a'), { hash: 'b', name: 'b', kind: 'text', sample: true }, { hash: 1, name: 'x', kind: 'file' }, { hash: 'c', name: 'c', kind: 'dir' }, null, 'junk'];
    expect(validSavedInputs(raw)).toEqual([input('a'), { hash: 'b', name: 'b', kind: 'text', sample: true }]);
    expect(validSavedInputs({ not: 'a list' })).toEqual([]);
  });

  it('drops the bytes of an input once no entry needs them (a copy under another name keeps them)', () => {
    const before = [input('a'), input('b'), input('b', 'copy of b.ndjson')];
    expect(droppedHashes(before, [input('b', 'copy of b.ndjson')])).toEqual(['a']);
    expect(droppedHashes(before, [])).toEqual(['a', 'b']);
    expect(droppedHashes(before, before)).toEqual([]);
  });

  it('says which files of a link are not open, once each, in the link order', () => {
    expect(missingFiles(['b.ndjson', 'a.ndjson', 'b.ndjson', 'c.gz'], ['a.ndjson'])).toEqual(['b.ndjson', 'c.gz']);
    expect(missingFiles(['a.ndjson'], ['a.ndjson', 'other'])).toEqual([]);
    expect(missingFiles([], [])).toEqual([]);
  });
});
