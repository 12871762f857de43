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
});
