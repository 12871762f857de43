import { describe, expect, it } from 'vitest';
import type { SessionDiff } from '../model';
import { byTag, foreignMarkup, renderEverywhere, tables } from '../testing/markdownRenderers';
import { shownAs } from './escape';
import { diffToMarkdown } from './diffMarkdown';

const HOSTILE = ['<img src=x onerror=alert(1)>', '[click](javascript:alert(1))', '| cell | break', '`code` **bold**\n# heading', 'https://evil.example'];

describe('diffToMarkdown', () => {
  it('lists changed rules and entities, reading back exactly, and stays inert under every renderer', () => {
    const diff: SessionDiff = {
      baselineName: HOSTILE[0]!,
      baseline: { alerts: 10, incidents: 3 },
      current: { alerts: 30, incidents: 5 },
      rules: [
        { key: HOSTILE[1]!, baseline: 0, current: 4, status: 'new' },
        { key: HOSTILE[2]!, baseline: 6, current: 0, status: 'gone' },
        { key: 'Same rule', baseline: 2, current: 2, status: 'same' },
      ],
      entities: [{ key: HOSTILE[3]!, baseline: 1, current: 20, status: 'up' }, { key: HOSTILE[4]!, baseline: 9, current: 2, status: 'down' }],
    };
    const markdown = diffToMarkdown(diff, '2026-12-02T10:00:00Z');
    expect(markdown).toContain('1 unchanged.');
    for (const { renderer, tree } of renderEverywhere(markdown)) {
      expect(foreignMarkup(tree), renderer).toEqual([]);
      expect(byTag(tree, 'h1', 'h2').length, renderer).toBe(3);
      const [rules, entities] = tables(tree);
      expect(rules!.slice(1), renderer).toEqual([
        ['New', shownAs(HOSTILE[1]!), '0', '4', '+4'],
        ['Gone', shownAs(HOSTILE[2]!), '6', '0', '-6'],
      ]);
      expect(entities!.slice(1).map((r) => [r[0], r[1]]), renderer).toEqual([
        ['Up', shownAs(HOSTILE[3]!)],
        ['Down', shownAs(HOSTILE[4]!)],
      ]);
    }
  });

  it('says when nothing changed', () => {
    const md = diffToMarkdown({ baselineName: 'b', baseline: { alerts: 1, incidents: 1 }, current: { alerts: 1, incidents: 1 }, rules: [{ key: 'r', baseline: 1, current: 1, status: 'same' }], entities: [] }, 'now');
    expect(md).toMatch(/## By rule\n\nNothing changed\.\n\n1 unchanged\./);
    expect(md).toMatch(/## By entity\n\nNothing changed\./);
  });

  it('lists at most the first changed rows of a section and counts the rest', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ key: `rule ${i}`, baseline: 0, current: 25 - i, status: 'new' as const }));
    const md = diffToMarkdown({ baselineName: 'b', baseline: { alerts: 0, incidents: 0 }, current: { alerts: 1, incidents: 1 }, rules: [...rows, { key: 'steady', baseline: 1, current: 1, status: 'same' }], entities: rows }, 'now', 10);
    const [rules, entities] = tables(renderEverywhere(md)[0]!.tree);
    expect(rules!.slice(1).map((r) => r[1])).toEqual(rows.slice(0, 10).map((r) => shownAs(r.key)));
    expect(entities!).toHaveLength(11);
    expect(md).toContain('15 more changed, not listed (the first 10 are).\n\n1 unchanged.');
    expect(md.split('15 more changed')).toHaveLength(3);
  });
});
