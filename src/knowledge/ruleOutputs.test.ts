import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RULE_OUTPUTS } from './ruleOutputs';
import { renderRuleOutputs } from '../../scripts/ruleOutputsBuilder';
import { INDEX_PATH, OUTPUTS_PATH } from '../../scripts/gen-rule-catalog';
import type { IndexEntry } from '../../scripts/ruleCatalogBuilder';

const index = JSON.parse(readFileSync(INDEX_PATH, 'utf8')) as IndexEntry[];

describe('ruleOutputs.ts', () => {
  it('is what rules-index.json gives (regenerate: npm run gen:catalog)', () => {
    expect(readFileSync(OUTPUTS_PATH, 'utf8')).toBe(renderRuleOutputs(index));
  });

  it('holds one template per rule item that sets an output, in the index order', () => {
    const withOutput = index.filter((e) => e.output);
    expect(RULE_OUTPUTS.map((r) => r[0])).toEqual(withOutput.map((e) => e.rule));
    expect(RULE_OUTPUTS.length).toBeGreaterThan(200);
    expect(RULE_OUTPUTS.find((r) => r[0] === 'Terminal shell in container')?.[3]).toMatch(/^A shell was spawned in a container with an attached terminal \| /);
  });
});
