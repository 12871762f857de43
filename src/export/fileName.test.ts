import { describe, expect, it } from 'vitest';
import { incidentFileName, incidentSetFileName, slug } from './fileName';
import { stableHash } from '../engine/store/hash';

const NOW = '2026-12-02T11:00:00.000Z';

function incident(rule: string, container: string, label = `container ${container}`, firstSeen = '2024-08-07T13:49:51Z') {
  return { id: stableHash(`${rule}\u0000container:${container}`), rule, entity: { kind: 'container' as const, field: 'container.id', value: container, label }, firstSeen };
}

describe('incidentFileName', () => {
  it('names the rule, the entity and the day the incident started', () => {
    const name = incidentFileName(incident('Terminal shell in container', '2ae6a7f15b6e', 'container 2ae6a7f15b6e (alpine)'), NOW, 'md');
    expect(name).toMatch(/^falcoscope-Terminal-shell-in-container-container-2ae6a7f15b6e-alpine-2024-08-07-[0-9a-f]+\.md$/);
  });

  it('never gives two containers the same name, even when their labels slug alike', () => {
    const a = incidentFileName(incident('Terminal shell in container', 'web/1', 'container web/1'), NOW, 'md');
    const b = incidentFileName(incident('Terminal shell in container', 'web?1', 'container web?1'), NOW, 'md');
    const c = incidentFileName(incident('Terminal shell in container', 'x'.repeat(80) + 'a', 'container ' + 'x'.repeat(80) + 'a'), NOW, 'md');
    const d = incidentFileName(incident('Terminal shell in container', 'x'.repeat(80) + 'b', 'container ' + 'x'.repeat(80) + 'b'), NOW, 'md');
    expect(new Set([a, b, c, d]).size).toBe(4);
  });

  it('keeps only safe characters: no path, no hidden file, no control or bidi character', () => {
    const name = incidentFileName(incident('../../etc/passwd\u202E\u0000', '..', '.. \\evil'), NOW, 'csv');
    expect(name).toMatch(/^[A-Za-z0-9._-]+\.csv$/);
    expect(name).not.toContain('..-');
    expect(name.startsWith('falcoscope-')).toBe(true);
  });

  it('falls back to the export day when the incident has no time', () => {
    expect(incidentFileName(incident('R', 'c', 'container c', ''), NOW, 'md')).toContain('-2026-12-02-');
  });

  it('bounds the length of a megabyte rule name', () => {
    expect(incidentFileName(incident('r'.repeat(1_000_000), 'c'), NOW, 'md').length).toBeLessThan(200);
  });
});

describe('slug', () => {
  it('turns free text into dash-separated safe pieces', () => {
    expect(slug('Read sensitive file untrusted: /etc/shadow')).toBe('Read-sensitive-file-untrusted-etc-shadow');
    expect(slug('.hidden')).toBe('hidden');
    expect(slug('café')).toBe('cafe');
  });
});

describe('incidentSetFileName', () => {
  it('says what was exported, how many and when', () => {
    expect(incidentSetFileName('selected', 3, NOW, 'csv')).toBe('falcoscope-selected-3-incidents-2026-12-02.csv');
    expect(incidentSetFileName('filtered', 1, NOW, 'json')).toBe('falcoscope-filtered-1-incident-2026-12-02.json');
  });
});
