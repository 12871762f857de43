/**
 * A loaded rule resolved for reading: its condition with every macro expanded, the macros it goes
 * through and the lists it consults with their items. Falco's names in a condition are bare words
 * (not a field like `proc.name`, not inside quotes); each that names a loaded macro or list counts.
 * Pure: rule set in, detail out.
 */
import type { LoadedList, LoadedMacro, RuleDetail, RuleSetData } from '../model';
import { isStockRule, stockMacroAndListNames } from './ruleSet';

/** An expanded condition longer than this is cut (a stock rule through all its macros can be huge). */
export const MAX_EXPANDED_CHARS = 20_000;

/** Bare words of a condition outside quoted strings, with their positions. */
export function conditionWords(condition: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const re = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_.\-[\]]*/g;
  for (let m = re.exec(condition); m; m = re.exec(condition)) {
    const w = m[0];
    if (w.startsWith('"') || w.startsWith("'")) continue;
    // A field (proc.name, fd.name[0]) or an operator-like word with a dot is never a macro or list.
    if (/[.[\]]/.test(w)) continue;
    out.push({ word: w, start: m.index, end: m.index + w.length });
  }
  return out;
}

export function ruleDetail(set: RuleSetData, ruleName: string): RuleDetail | null {
  const rule = set.rules.find((r) => r.name === ruleName);
  if (!rule) return null;
  const macros = new Map(set.macros.map((m) => [m.name, m]));
  const lists = new Map(set.lists.map((l) => [l.name, l]));
  const usedMacros: LoadedMacro[] = [];
  const usedLists: LoadedList[] = [];
  const undefinedNames = new Set<string>();
  const stock = stockMacroAndListNames();

  const seenLists = new Set<string>();
  const addList = (name: string) => {
    if (seenLists.has(name)) return;
    seenLists.add(name);
    const list = lists.get(name)!;
    usedLists.push(list);
    // A list may name other lists among its items (Falco expands them).
    for (const item of list.items) if (lists.has(item)) addList(item);
  };

  const expanding = new Set<string>();
  const expand = (condition: string): string => {
    let out = '';
    let pos = 0;
    for (const { word, start, end } of conditionWords(condition)) {
      if (lists.has(word)) addList(word);
      const macro = macros.get(word);
      if (!macro) {
        if ((stock.macros.has(word) || stock.lists.has(word)) && !lists.has(word)) undefinedNames.add(word);
        continue;
      }
      if (!usedMacros.includes(macro)) usedMacros.push(macro);
      if (expanding.has(word)) continue; // a macro that names itself: Falco refuses it; left as is
      expanding.add(word);
      out += condition.slice(pos, start) + `(${expand(macro.condition)})`;
      expanding.delete(word);
      pos = end;
    }
    return out + condition.slice(pos);
  };
  let expandedCondition = expand(rule.condition);
  if (expandedCondition.length > MAX_EXPANDED_CHARS) expandedCondition = `${expandedCondition.slice(0, MAX_EXPANDED_CHARS)} … (cut: ${expandedCondition.length} characters)`;
  return {
    rule,
    stock: isStockRule(rule.name),
    expandedCondition,
    macros: usedMacros,
    lists: usedLists,
    undefinedNames: [...undefinedNames].sort(),
  };
}
