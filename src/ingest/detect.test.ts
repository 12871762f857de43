import { describe, expect, it } from 'vitest';
import { binaryReason, isGzip, sniffBytes, sniffText } from './detect';
import { randomBytes, utf8 } from './testkit';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

describe('sniffBytes / sniffText', () => {
  it.each([
    ['{"rule":"a","output":"b"}\n{"rule":"c"}\n', 'ndjson'],
    ['{"rule":"a"}', 'ndjson'],
    ['  \n\n{"rule":"a"}\r\n', 'ndjson'],
    ['{"output":"x container="f2")","rule":"R"}\n', 'ndjson'],
    ['{\n  "rule": "a"\n}\n', 'document'],
    ['{"rule": "a",\n "output": "b"}', 'document'],
    ['{"a":1} {"a":2}\n', 'document'],
    ['[\n{"rule":"a"}\n]', 'array'],
    ['  [{"rule":"a"}]', 'array'],
    ['<6>2024-08-07T13:49:51Z host Falco[1]: {"rule":"a"}\n', 'lines'],
    ['Falco started\n{"rule":"a"}\n', 'lines'],
    ['', 'empty'],
    [' \n\r\n\t ', 'empty'],
  ])('%j -> %s', (text, format) => {
    expect(sniffBytes(utf8(text), true)?.format).toBe(format);
    expect(sniffText(text).format).toBe(format);
  });

  it('asks for more bytes until it can decide', () => {
    expect(sniffBytes(utf8('{"rule":"a"'), false)).toBeNull();
    expect(sniffBytes(utf8(`{"rule":"${'a'.repeat(2000)}`), false)).toBeNull();
    expect(sniffBytes(utf8(`{"rule":"${'a'.repeat(2000)}"}\n`), false)?.format).toBe('ndjson');
    expect(sniffBytes(utf8(`[${' '.repeat(2000)}`), false)?.format).toBe('array');
  });

  it.each([
    ['a PNG image', PNG, 'not a text file (a PNG image)'],
    ['random bytes', randomBytes(4096), 'not a text file (binary content: it holds NUL bytes)'],
    ['random bytes without NUL', randomBytes(4096, 7).map((b) => b || 1), 'not a text file (binary content)'],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x7b, 0]), 'not a text file (UTF-16 text; save it as UTF-8)'],
    ['zstd', new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2]), 'not a text file (zstd-compressed; only gzip is read, decompress it first)'],
  ])('%s is binary', (_name, bytes, message) => {
    expect(sniffBytes(bytes, true)).toEqual({ format: 'binary', message });
  });

  it('does not call text with a few bad bytes binary', () => {
    const bytes = utf8('{"rule":"caf\u00e9 \u6f22"}\n'.repeat(50));
    bytes[10] = 0xff;
    expect(binaryReason(bytes, true)).toBeNull();
    expect(binaryReason(utf8('é'.repeat(600)).subarray(0, 1025), false)).toBeNull();
  });

  it('recognises gzip by its magic bytes only', () => {
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(utf8('{}'))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
  });

  it.each([
    ['one NUL in a line of text', utf8('{"rule":"a","output":"x\u0000"}\n'.repeat(30)), null],
    ['NUL padding at the start of a log', new Uint8Array([...new Uint8Array(100), ...utf8('{"rule":"a","output":"x"}\n'.repeat(40))]), null],
    ['UTF-16LE text without a BOM', new Uint8Array([...utf8('{"rule":"a"}\n'.repeat(80))].flatMap((b) => [b, 0])), 'not a text file (binary content: it holds NUL bytes)'],
  ])('NUL bytes: %s', (_name, bytes, reason) => {
    expect(binaryReason(bytes, true)).toBe(reason);
    expect(sniffText(new TextDecoder().decode(bytes)).format === 'binary').toBe(reason !== null);
  });
});
