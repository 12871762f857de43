import { describe, expect, it } from 'vitest';
import { blobParts, chunked, partsToBlob } from './chunks';
import { serializeSession, sessionFileParts } from './sessionFile';
import { restoreSession } from '../ingest/restore';
import { makeAlert } from '../testing/alerts';

describe('exports built from parts', () => {
  it('packs parts into chunks of at least the given size without losing or reordering a character', () => {
    const parts = Array.from({ length: 1000 }, (_, i) => `part ${i} é😀;`);
    const chunks = [...chunked(parts, 500)];
    expect(chunks.join('')).toBe(parts.join(''));
    expect(chunks.slice(0, -1).every((c) => c.length >= 500)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it('encodes chunk by chunk: the Blob holds the UTF-8 bytes of the whole text', async () => {
    const parts = ['{"a":"é', '😀"', ',"b":1}'];
    expect(blobParts(parts, 2).length).toBe(3); // whole parts only: a character is never split across chunks
    expect(await partsToBlob(parts, 'application/json', 2).text()).toBe('{"a":"é😀","b":1}');
  });

  it('a session written part by part is the same JSON as the one-string form, and opens again', async () => {
    const { id: _a, ...a1 } = makeAlert({ rule: 'R1', output: 'quote " backslash \\ newline \n' });
    const { id: _b, ...a2 } = makeAlert({ rule: 'R2', outputFields: { 'proc.name': 'bash' } });
    const parts = {
      savedAt: '2026-12-02T00:00:00Z',
      inputs: ['a.ndjson'],
      alerts: [a1, a2],
      problems: [{ file: 'a.ndjson', line: 3, reason: 'not JSON', excerpt: 'x' }] as never[],
      triage: { abc: { status: 'benign', note: 'n', changedAt: '2026-12-01T00:00:00Z' } } as never,
    };
    const streamed = await partsToBlob(sessionFileParts(parts), 'application/json', 64).text();
    expect(streamed).toBe(serializeSession(parts));
    const restored = restoreSession(streamed, 'saved.falcoscope.json');
    expect(restored.alerts.map((a) => a.rule)).toEqual(['R1', 'R2']);
  });

  it('writes a large session without one string of the whole file: each chunk stays near the chunk size', () => {
    const { id: _id, ...alert } = makeAlert({ output: 'x'.repeat(200) });
    const alerts = (function* () {
      for (let i = 0; i < 20_000; i++) yield alert;
    })();
    let largest = 0;
    let total = 0;
    for (const c of chunked(sessionFileParts({ savedAt: 's', inputs: [], alerts, problems: [], triage: {} }), 65_536)) {
      largest = Math.max(largest, c.length);
      total += c.length;
    }
    expect(total).toBeGreaterThan(20_000 * 200);
    expect(largest).toBeLessThan(65_536 + 2_000);
  });
});
