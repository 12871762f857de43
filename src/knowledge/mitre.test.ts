import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  TACTICS,
  TECHNIQUES,
  mitreFromTags,
  normaliseTechniqueTag,
  tacticFromTag,
  tacticsFromTags,
  techniqueInfo,
} from './mitre';
import { VENDORED_RULES_INDEX } from '../testing/vendored';

interface IndexEntry {
  rule: string;
  tags: string[] | null;
}
const index = JSON.parse(
  readFileSync(VENDORED_RULES_INDEX, 'utf8'),
) as IndexEntry[];
const allTags = [...new Set(index.flatMap((r) => r.tags ?? []))];

describe('tactic tags', () => {
  it.each([
    ['mitre_reconnaissance', 'TA0043', 'Reconnaissance'],
    ['mitre_initial_access', 'TA0001', 'Initial Access'],
    ['mitre_execution', 'TA0002', 'Execution'],
    ['mitre_persistence', 'TA0003', 'Persistence'],
    ['mitre_privilege_escalation', 'TA0004', 'Privilege Escalation'],
    ['mitre_defense_evasion', 'TA0005', 'Defense Evasion'],
    ['mitre_credential_access', 'TA0006', 'Credential Access'],
    ['mitre_discovery', 'TA0007', 'Discovery'],
    ['mitre_lateral_movement', 'TA0008', 'Lateral Movement'],
    ['mitre_collection', 'TA0009', 'Collection'],
    ['mitre_command_and_control', 'TA0011', 'Command and Control'],
    ['mitre_exfiltration', 'TA0010', 'Exfiltration'],
    ['mitre_impact', 'TA0040', 'Impact'],
    ['mitre_data_destruction', 'TA0040', 'Impact'],
    ['TA0005', 'TA0005', 'Defense Evasion'],
    ['TA0005-defense-evasion', 'TA0005', 'Defense Evasion'],
    ['TA0007-discovery', 'TA0007', 'Discovery'],
    ['TA0043', 'TA0043', 'Reconnaissance'],
  ])('%s -> %s %s', (tag, id, name) => {
    expect(tacticFromTag(tag)).toMatchObject({ id, name });
  });

  it.each([['mitre_unknown'], ['container'], ['T1059'], ['TAX']])('%s is not a tactic', (tag) => {
    expect(tacticFromTag(tag)).toBeNull();
  });

  it('knows every mitre_* and TA tag of the index', () => {
    const tacticTags = allTags.filter((x) => /^(mitre_|TA\d)/.test(x));
    expect(tacticTags.length).toBeGreaterThan(10);
    for (const tag of tacticTags) expect(tacticFromTag(tag), tag).not.toBeNull();
  });
});

describe('technique tags', () => {
  it.each([
    ['T1055.008', 'T1055.008'],
    ['T1083-file-and-directory-discovery', 'T1083'],
    ['T1485-data-destruction', 'T1485'],
    ['T1498-DOS', 'T1498'],
    ['T1567-exfiltration-to-Cloud-Storage', 'T1567'],
    ['t1059.004', 'T1059.004'],
    ['TA0005', null],
    ['mitre_execution', null],
    ['T12', null],
  ])('%s -> %s', (tag, id) => {
    expect(normaliseTechniqueTag(tag)).toBe(id);
  });

  it('knows every technique id of the index, with a name and a tactic', () => {
    const ids = allTags.map(normaliseTechniqueTag).filter((x): x is string => x !== null);
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) {
      const info = techniqueInfo(id);
      expect(info, id).not.toBeNull();
      expect(info?.name.length).toBeGreaterThan(3);
      expect(info?.tactics.length).toBeGreaterThan(0);
    }
  });

  it('table is consistent: unique ids, tactics exist, sub-technique names extend their parent', () => {
    const slugs = new Set(TACTICS.map((x) => x.slug));
    expect(new Set(TECHNIQUES.map((x) => x.id)).size).toBe(TECHNIQUES.length);
    for (const tech of TECHNIQUES) {
      for (const s of tech.tactics) expect(slugs.has(s), `${tech.id} ${s}`).toBe(true);
      const parent = techniqueInfo(tech.id.split('.')[0] ?? '');
      if (parent && parent.id !== tech.id) expect(tech.name.startsWith(`${parent.name}: `), tech.id).toBe(true);
    }
  });
});

describe('mitreFromTags', () => {
  it.each<[string, string[], { id: string; name: string; tactic: string; tacticId: string }[]]>([
    [
      'technique placed under the rule tactic it belongs to',
      ['container', 'mitre_privilege_escalation', 'T1055.008'],
      [{ id: 'T1055.008', name: 'Process Injection: Ptrace System Calls', tactic: 'Privilege Escalation', tacticId: 'TA0004' }],
    ],
    [
      'technique without a matching tactic tag uses its primary tactic',
      ['T1055.008'],
      [{ id: 'T1055.008', name: 'Process Injection: Ptrace System Calls', tactic: 'Defense Evasion', tacticId: 'TA0005' }],
    ],
    [
      'tactic tag without technique becomes a tactic entry',
      ['mitre_discovery'],
      [{ id: '', name: '', tactic: 'Discovery', tacticId: 'TA0007' }],
    ],
    [
      'data destruction maps to Impact',
      ['mitre_data_destruction', 'T1485'],
      [{ id: 'T1485', name: 'Data Destruction', tactic: 'Impact', tacticId: 'TA0040' }],
    ],
    [
      'suffixed tags are normalised and deduplicated',
      ['T1083', 'T1083-file-and-directory-discovery', 'TA0007-discovery', 'mitre_discovery'],
      [{ id: 'T1083', name: 'File and Directory Discovery', tactic: 'Discovery', tacticId: 'TA0007' }],
    ],
    [
      'a tactic no technique belongs to is kept',
      ['mitre_execution', 'mitre_persistence', 'T1059.004'],
      [
        { id: 'T1059.004', name: 'Command and Scripting Interpreter: Unix Shell', tactic: 'Execution', tacticId: 'TA0002' },
        { id: '', name: '', tactic: 'Persistence', tacticId: 'TA0003' },
      ],
    ],
    [
      'unknown technique keeps its id',
      ['mitre_execution', 'T9999'],
      [{ id: 'T9999', name: 'Unknown technique', tactic: 'Execution', tacticId: 'TA0002' }],
    ],
    ['unknown technique without tactic', ['T9999.001'], [{ id: 'T9999.001', name: 'Unknown technique', tactic: '', tacticId: '' }]],
    ['no MITRE tags', ['container', 'shell', 'maturity_stable'], []],
  ])('%s', (_label, tags, expected) => {
    expect(mitreFromTags(tags)).toEqual(expected);
  });

  it('gives every index rule with MITRE tags at least one named entry', () => {
    for (const r of index) {
      const tags = r.tags ?? [];
      if (!tags.some((x) => /^(mitre_|T\d|TA\d)/.test(x))) continue;
      const entries = mitreFromTags(tags);
      expect(entries.length, r.rule).toBeGreaterThan(0);
      for (const e of entries) expect(e.name, r.rule).not.toBe('Unknown technique');
    }
  });

  it('never puts a tactic id in the technique column, and names the tactic id of every entry', () => {
    for (const r of index) {
      for (const e of mitreFromTags(r.tags ?? [])) {
        expect(e.id, r.rule).toMatch(/^(T\d{4}(\.\d{3})?)?$/);
        expect(e.tacticId, r.rule).toMatch(/^TA\d{4}$/);
        expect(e.id || e.tactic, r.rule).not.toBe('');
      }
    }
  });

  it('places container escape under Escape to Host (T1611, Privilege Escalation), distinct from Deploy Container (T1610)', () => {
    expect(mitreFromTags(['mitre_privilege_escalation', 'T1611'])).toEqual([
      { id: 'T1611', name: 'Escape to Host', tactic: 'Privilege Escalation', tacticId: 'TA0004' },
    ]);
    expect(mitreFromTags(['mitre_execution', 'T1610'])).toEqual([{ id: 'T1610', name: 'Deploy Container', tactic: 'Execution', tacticId: 'TA0002' }]);
  });
});

describe('tacticsFromTags', () => {
  it.each<[string[], string[]]>([
    [['mitre_privilege_escalation', 'T1055.008'], ['privilege_escalation']],
    [['T1055.008'], ['defense_evasion']],
    [['mitre_persistence', 'mitre_execution'], ['execution', 'persistence']],
    [['mitre_data_destruction'], ['impact']],
    [['TA0010', 'T1552.005'], ['credential_access', 'exfiltration']],
    [['container'], []],
  ])('%j -> %j', (tags, expected) => {
    expect(tacticsFromTags(tags)).toEqual(expected);
  });
});
