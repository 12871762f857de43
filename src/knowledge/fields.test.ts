import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { explainField, explainFieldDetailed } from './fields';
import { VENDORED_ALERTS_DIR, VENDORED_RULES_INDEX } from '../testing/vendored';
import { outputFieldsOf, type IndexEntry } from '../../scripts/ruleCatalogBuilder';

const index = JSON.parse(readFileSync(VENDORED_RULES_INDEX, 'utf8')) as IndexEntry[];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** output_fields keys of every object in a parsed JSON value (alerts may be wrapped). */
function collectKeys(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectKeys(v, into);
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const of = obj['output_fields'];
    if (of && typeof of === 'object' && !Array.isArray(of)) for (const k of Object.keys(of)) into.add(k);
    for (const v of Object.values(obj)) collectKeys(v, into);
  }
}

function alertFieldKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of filesUnder(VENDORED_ALERTS_DIR)) {
    if (file.endsWith('.gz')) continue; // same content as the uncompressed file
    const text = readFileSync(file, 'utf8');
    try {
      collectKeys(JSON.parse(text), keys);
      continue;
    } catch {
      // not one JSON document: one record per line, possibly behind a syslog header
    }
    for (const line of text.split('\n')) {
      const start = line.indexOf('{');
      if (start < 0) continue;
      try {
        collectKeys(JSON.parse(line.slice(start)), keys);
      } catch {
        // a deliberately malformed record
      }
    }
  }
  return keys;
}

const indexFields = [...new Set(index.flatMap((r) => (r.output ? outputFieldsOf(r.output) : [])))].sort();
const alertFields = [...alertFieldKeys()].sort();

describe('glossary coverage', () => {
  it('found the fields to check', () => {
    expect(indexFields.length).toBeGreaterThan(100);
    expect(alertFields.length).toBeGreaterThan(100);
  });

  it.each(indexFields)('rule output field %s is explained', (field) => {
    const e = explainFieldDetailed(field);
    expect(['glossary', 'pattern']).toContain(e.source);
    expect(e.text).toMatch(/^[A-Z0-9"].{10,200}\.$/);
  });

  it.each(alertFields)('alert field %j is explained', (field) => {
    const e = explainFieldDetailed(field);
    expect(['glossary', 'pattern']).toContain(e.source);
  });
});

describe('explainField', () => {
  it.each([
    ['proc.aname[1]', 'parent'],
    ['proc.aname[2]', 'grandparent'],
    ['proc.aname[3]', 'great-grandparent'],
    ['proc.aname[7]', 'ancestor 7 levels up'],
    ['proc.aexepath[2]', 'grandparent'],
    ['evt.arg.data', 'data argument'],
    ['evt.arg[0]', 'Argument number 0'],
    ['jevt.value[/requestObject/spec/volumes]', '/requestObject/spec/volumes'],
    ['ka.uri.param[command]', 'command query parameter'],
    ['okta.mfa.failure.countlast[300]', '300 seconds'],
    ['falco.rules.Terminal_shell_in_container', '"Terminal shell in container"'],
    ['scap.n_drops_buffer_open_enter', 'file open'],
    ['n_drops_buffer_execve_exit', 'execve'],
    ['scap.sys_enter.avg_time_ns', 'sys_enter'],
    ['gcp.userAgent ', 'User agent'],
    ['n drops/buffer?clone{fork]enter', 'process creation'],
  ])('%s mentions %s', (field, text) => {
    expect(explainField(field)).toContain(text);
  });

  it.each([
    ['proc.somethingnew', 'prefix', 'process'],
    ['user.homedir', 'prefix', 'user'],
    ['container.healthcheck', 'prefix', 'container'],
    ['k8s.rc.name', 'prefix', 'Kubernetes'],
    ['fd.ino', 'prefix', 'file or network'],
    ['evt.category', 'prefix', 'system call'],
    ['ka.req.volume.hostpath', 'prefix', 'Kubernetes API'],
    ['ct.request.bucketname', 'prefix', 'CloudTrail'],
    ['gcp.resource.type', 'prefix', 'GCP'],
    ['okta.app', 'prefix', 'Okta'],
    ['github.action', 'prefix', 'GitHub'],
    ['falco.new_metric', 'prefix', 'Falco'],
    ['my_custom_field', 'unknown', 'field'],
  ])('%s falls back by %s', (field, source, text) => {
    const e = explainFieldDetailed(field);
    expect(e.source).toBe(source);
    expect(e.text).toContain(text);
  });
});
