import { catalogEntry } from './ruleCatalog';
import { playbookProse } from '../testing/playbookProse';
import { PLACEHOLDER } from './commands/placeholder';
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ALL_PLAYBOOKS, playbookForRule } from './playbooks';
import { runsFalco } from './falcoCli';
import { VENDORED_RULES_INDEX } from '../testing/vendored';

interface IndexEntry {
  rule: string;
  output: string | null;
}
const index = JSON.parse(
  readFileSync(VENDORED_RULES_INDEX, 'utf8'),
) as IndexEntry[];

/** %fields of every output a rule name has in the index (lower-cased rule -> fields). */
const outputFieldsByRule = new Map<string, Set<string>>();
for (const e of index) {
  const key = e.rule.toLowerCase();
  const set = outputFieldsByRule.get(key) ?? new Set<string>();
  for (const m of (e.output ?? '').matchAll(/%([A-Za-z_][A-Za-z0-9_.]*)(\[[^\]\s]*\])?/g)) {
    set.add((m[1] ?? '').replace(/\.+$/, '') + (m[2] ?? ''));
  }
  outputFieldsByRule.set(key, set);
}

const FILLER = [/consider enhancing/i, /enhance monitoring/i, /implement logging/i];
/** A field name, or the alert's own time shifted (`@time-10m`, `@journal+1h`). */
const PLACEHOLDER_NAME = /^([a-z0-9_.]+(\[[0-9]+\])?|@(time|journal)([+-][0-9]+[smhd])?)$/i;


describe('knowledge base over all playbooks', () => {
  it('has playbooks', () => {
    expect(ALL_PLAYBOOKS.length).toBeGreaterThan(0);
  });

  it('covers every rule of rules-index.json', () => {
    const missing = [...new Set(index.map((e) => e.rule))].filter((r) => playbookForRule(r) === null);
    expect(missing, `${missing.length} rules without a playbook:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has unique playbook ids', () => {
    const ids = ALL_PLAYBOOKS.map((p) => p.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('has kebab-case ids and at least one rule', () => {
    for (const p of ALL_PLAYBOOKS) {
      expect(p.id, p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.rules.length, p.id).toBeGreaterThan(0);
    }
  });

  it('never lets two playbooks claim the same rule', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const rule of p.rules) {
        const key = rule.trim().toLowerCase();
        const prev = owner.get(key);
        if (prev !== undefined && prev !== p.id) clashes.push(`${rule}: ${prev} and ${p.id}`);
        owner.set(key, p.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  // Falco decorates syscall alerts with container and pod identity (append_output in falco.yaml,
  // -pk/-pc in older releases): real alerts carry these although rule outputs do not print them.
  const DECORATION_FIELDS = new Set(['container.id', 'container.name', 'container.image.repository', 'container.image.tag', 'k8s.ns.name', 'k8s.pod.name']);

  it('uses as tuning fields only fields its rules print (or Falco decorates syscall alerts with)', () => {
    const problems: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      const known = p.rules.map((r) => outputFieldsByRule.get(r.toLowerCase())).filter((s) => s !== undefined);
      if (known.length === 0) continue; // rules not in the index (internal, custom or renamed)
      const syscall = p.rules.some((r) => catalogEntry(r)?.source === 'syscall');
      for (const f of p.tuningFields) {
        if (!known.some((s) => s.has(f)) && !(syscall && DECORATION_FIELDS.has(f))) problems.push(`${p.id}: ${f}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('writes investigate placeholders as ⟦field⟧ with a known name, and no stray bracket', () => {
    const problems: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const c of p.investigate) {
        for (const template of [c.command, c.inContainer ?? '']) {
          for (const m of template.matchAll(PLACEHOLDER)) {
            if (!PLACEHOLDER_NAME.test(m[1] ?? '')) problems.push(`${p.id}: ⟦${m[1]}⟧ in ${template}`);
          }
          // what is left holds no bracket of the syntax, and no field name in tool braces
          const rest = template.replace(PLACEHOLDER, '');
          if (/[\u27E6\u27E7]/.test(rest)) problems.push(`${p.id}: stray placeholder bracket in ${template}`);
          for (const m of rest.matchAll(/(?<!\$)\{\{?([a-z][a-z0-9_]*\.[a-z0-9_.]+)\}\}?/g)) problems.push(`${p.id}: field in tool braces {${m[1]}} in ${template}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('starts a time window no earlier than the alert when its title says "since" or "after" the change', () => {
    const wrong: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const c of p.investigate) {
        if (!/\b(since|after) (it|the (change|update|alert))\b/i.test(c.title)) continue;
        for (const template of [c.command, c.inContainer ?? '']) {
          const start = /\u27E6@(?:time|journal)([+-]\d+[smhd])?\u27E7/.exec(template);
          if (start?.[1]?.startsWith('-')) wrong.push(`${p.id}: ${c.title} starts at ${start[0]}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no filler phrases in its prose', () => {
    const problems: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const text of playbookProse(p)) {
        for (const re of FILLER) if (re.test(text)) problems.push(`${p.id}: ${text}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never asks the analyst to run falco in an investigate command', () => {
    const problems: string[] = [];
    for (const p of ALL_PLAYBOOKS) {
      for (const c of p.investigate) if (runsFalco(c.command)) problems.push(`${p.id}: ${c.command}`);
    }
    expect(problems).toEqual([]);
  });

  it('finds playbooks case-insensitively', () => {
    const p = ALL_PLAYBOOKS[0];
    if (!p) return;
    expect(playbookForRule(p.rules[0]?.toUpperCase() ?? '')).toBe(p);
  });
});

describe('renamed rules', () => {
  it.each([
    ['Delete Bash History', 'Delete or rename shell history'],
    ['terminal shell in container', 'Terminal shell in container'],
  ])('alerts of %s find the playbook of %s', (older, current) => {
    expect(playbookForRule(older)?.title).toBe(current);
  });
});
