import { describe, expect, it } from 'vitest';
import { ingestText, utf8Length } from './text';
import { collector, fixture, ingestBytes } from './testkit';

describe('ingestText (pasted text)', () => {
  it.each([
    'array.json',
    'falco-test-output-single_rule_with_cat_write.ndjson',
    'falcosidekick-webui-payload.json',
    'real-alerts.ndjson',
    'single-pretty.json',
    'syslog-wrapped.log',
    'variants/grpc-client-outputs.ndjson',
    'variants/odd-and-malformed.ndjson',
    'variants/published-test-payloads.ndjson',
  ])('%s reads the same as the file', async (name) => {
    const bytes = fixture(name);
    const file = await ingestBytes(bytes, { file: name });
    const sink = collector();
    const result = ingestText(new TextDecoder().decode(bytes), name, sink);
    expect(result).toEqual(file.result);
    expect(sink.alerts).toEqual(file.alerts);
    expect(sink.problems).toEqual(file.problems);
  });

  it.each([
    ['', 'empty', 'empty file'],
    ['  \n', 'empty', 'empty file'],
    ['\u0000\u0001PNG', 'binary', 'not a text file (binary content: it holds NUL bytes)'],
  ])('%j is one file-level problem', (text, format, message) => {
    const sink = collector();
    expect(ingestText(text, 'paste', sink)).toMatchObject({ format, records: 1, problems: 1, alerts: 0 });
    expect(sink.problems).toEqual([{ file: 'paste', line: 0, message }]);
  });

  it('reads a pasted object with a BOM and CRLF line ends', () => {
    const sink = collector();
    const r = ingestText('\uFEFF{\r\n  "rule": "R",\r\n  "output": "o"\r\n}\r\n', 'paste', sink);
    expect(r).toMatchObject({ format: 'document', alerts: 1, problems: 0 });
    expect(sink.alerts[0]).toMatchObject({ rule: 'R', line: 1 });
  });

  it('counts UTF-8 bytes', () => {
    for (const s of ['', 'abc', 'é', '漢', '😀', 'a\uD800b', 'é漢😀x']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
