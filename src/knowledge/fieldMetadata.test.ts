import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fieldInfo, operatorsFor, splitFieldRef } from './fieldMetadata';
import { RULE_CATALOG } from './ruleCatalog';
import { VENDOR_FALCO } from '../testing/vendorFalco';

describe('fieldInfo', () => {
  it.each([
    // ref, source, list, type
    ['ka.req.pod.containers.image', 'k8s_audit', true, 'CHARBUF'],
    ['ka.user.groups', 'k8s_audit', true, 'CHARBUF'],
    ['ka.user.name', 'k8s_audit', false, 'CHARBUF'],
    ['proc.aname[2]', 'syscall', false, 'CHARBUF'],
    ['evt.arg.flags', 'syscall', false, 'CHARBUF'],
    ['fd.sip', 'syscall', false, 'IPADDR'],
    ['container.image.repository', 'syscall', false, 'CHARBUF'],
    ['k8s.ns.name', 'syscall', false, 'CHARBUF'],
    ['evt.time', 'okta', false, 'CHARBUF'],
    ['json.value[/resource/labels/key_ring_id]', 'gcp_auditlog', false, 'CHARBUF'],
  ])('%s (%s): list %s, %s', (ref, source, list, type) => {
    expect(fieldInfo(ref, source)).toMatchObject({ list, type });
  });

  it.each([
    ['ka.user.name', 'syscall', 'a k8s_audit field on syscall events'],
    ['proc.name[1]', 'syscall', 'an argument on a field that takes none'],
    ['evt.arg', 'syscall', 'no argument on a field that requires one'],
    ['proc.nosuchfield', 'syscall', 'an unknown field'],
  ])('rejects %s (%s): %s', (ref, source) => {
    expect(fieldInfo(ref, source)).toBeNull();
  });

  it('splits an argument off a field reference', () => {
    expect(splitFieldRef('proc.aname[2]')).toEqual({ base: 'proc.aname', arg: '2' });
    expect(splitFieldRef('proc.name')).toEqual({ base: 'proc.name' });
  });

  it('list fields take only in, intersects and exists (libs filter_compare.cpp)', () => {
    expect([...operatorsFor(fieldInfo('ka.req.pod.containers.image', 'k8s_audit')!)].sort()).toEqual(['exists', 'in', 'intersects']);
    expect(operatorsFor(fieldInfo('proc.name', 'syscall')!).has('=')).toBe(true);
    expect(operatorsFor(fieldInfo('fd.sip', 'syscall')!).has('startswith')).toBe(false);
  });
});

/** Upstream's own rules are the ground truth the vendored metadata must agree with. */
describe('the vendored field metadata agrees with the upstream rules', () => {
  it('every %field an upstream rule prints exists for its source', () => {
    const missing = Object.entries(RULE_CATALOG).flatMap(([rule, e]) => e.outputFields.filter((f) => !fieldInfo(f, e.source)).map((f) => `${rule}: ${f}`));
    expect(missing).toEqual([]);
  });

  it('every comparison in upstream conditions names an existing field with an operator Falco accepts on it', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const prefixSource: readonly [RegExp, string][] = [[/^(ka|jevt|json)\./, 'k8s_audit'], [/^(ct|s3|ec2)\./, 'aws_cloudtrail'], [/^gcp\./, 'gcp_auditlog'], [/^okta\./, 'okta'], [/^github\./, 'github']];
    const comparison = /(?<![\w.%])([a-z][a-z0-9_]*\.[A-Za-z0-9_.]+(?:\[[^\]\s]*\])?)\s*(!=|==|<=|>=|=|<|>|\b(?:contains|icontains|bcontains|startswith|bstartswith|endswith|glob|iglob|intersects|pmatch|exists|regex|in)\b)/g;
    const bad: string[] = [];
    let checked = 0;
    for (const path of walk(join(VENDOR_FALCO, 'rules')).filter((p) => p.endsWith('.yaml'))) {
      for (const item of (parse(readFileSync(path, 'utf8')) ?? []) as { rule?: string; macro?: string; source?: string; condition?: unknown }[]) {
        if (typeof item.condition !== 'string') continue;
        for (const m of item.condition.matchAll(comparison)) {
          const [, field, op] = m as unknown as [string, string, string];
          const source = item.source ?? prefixSource.find(([re]) => re.test(field))?.[1] ?? 'syscall';
          checked++;
          const info = fieldInfo(field, source);
          if (!info) bad.push(`${item.rule ?? item.macro}: no field ${field} for ${source}`);
          else if (!operatorsFor(info).has(op)) bad.push(`${item.rule ?? item.macro}: ${op} on ${field}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(bad).toEqual([]);
  });
});
