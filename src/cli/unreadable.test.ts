import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { collect } from './collect';

// Tests run as root here, where chmod 000 does not stop a read: the refusal is simulated at open().
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = (path, ...rest) =>
    String(path).endsWith('falco-samples.ndjson') && process.env.FALCOSCOPE_TEST_LOCKED === '1'
      ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' }))
      : fs.open(path, ...rest);
  return { ...fs, open };
});

const samples = fileURLToPath(new URL('../samples/falco-samples.ndjson', import.meta.url));

describe('cli on an unreadable file', () => {
  it('lists it in problems with the reason, says so on stderr, and exits non-zero when nothing else was read', async () => {
    process.env.FALCOSCOPE_TEST_LOCKED = '1';
    try {
      const r = await collect({ command: 'report', files: [samples], format: 'json' });
      expect(r.exitCode).toBe(1);
      expect(JSON.parse(r.stdout).problems).toEqual([{ file: samples, line: 0, message: 'permission denied' }]);
      expect(r.stderr).toBe(`falcoscope: ${samples}: permission denied`);
    } finally {
      delete process.env.FALCOSCOPE_TEST_LOCKED;
    }
  });
});
