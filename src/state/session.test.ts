import { describe, expect, it } from 'vitest';
import { useSession } from './session';

describe('session inputs', () => {
  it('keeps every file added, even two with the same name, size and time, and the same file twice', () => {
    useSession.getState().clearInputs();
    const time = Date.UTC(2026, 10, 30);
    const a = new File(['{"a":1}\n'], 'falco.ndjson', { lastModified: time });
    const b = new File(['{"b":2}\n'], 'falco.ndjson', { lastModified: time });
    useSession.getState().addFiles([a]);
    useSession.getState().addFiles([b, a]);
    const inputs = useSession.getState().inputs;
    expect(inputs.map((i) => i.file)).toEqual([a, b, a]);
    expect(new Set(inputs.map((i) => i.key)).size).toBe(3);
    // Pasted text too: each paste is its own input.
    useSession.getState().addText('paste', 'x');
    useSession.getState().addText('paste', 'x');
    expect(new Set(useSession.getState().inputs.map((i) => i.key)).size).toBe(5);
  });
});
