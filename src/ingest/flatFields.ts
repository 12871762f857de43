/**
 * falcosidekick's Elasticsearch output can flatten field names (`flattenfields: true`, and always
 * with `createindextemplate: true`): every "." in an output_fields key becomes "_", so
 * `proc.aname[2]` is stored as `proc_aname[2]` and `k8s.ns.name` as `k8s_ns_name`. Reading such a
 * document back, each key is mapped to the Falco field it was (by the fields Falco declares);
 * a key that names no known field is kept as it is.
 */
import type { OutputFields } from '../model';
import { fields as VENDORED } from '../../vendor/falco/fields/fields.json';

let flat: Map<string, { name: string; arg: boolean }> | null = null;

function flatNames(): Map<string, { name: string; arg: boolean }> {
  if (flat === null) {
    flat = new Map();
    for (const f of VENDORED as readonly { name: string; arg?: string }[]) {
      const key = f.name.replaceAll('.', '_');
      if (!flat.has(key)) flat.set(key, { name: f.name, arg: f.arg === 'required' || f.arg === 'optional' });
    }
  }
  return flat;
}

/** The Falco field a flattened key stands for (`evt_arg_flags` -> `evt.arg.flags`), or the key itself. */
export function unflattenFieldKey(key: string): string {
  if (key.includes('.') || !key.includes('_')) return key;
  const bracket = key.indexOf('[');
  const base = bracket === -1 ? key : key.slice(0, bracket);
  const arg = bracket === -1 ? '' : key.slice(bracket);
  const names = flatNames();
  const exact = names.get(base);
  if (exact) return exact.name + arg;
  // A field with a dotted argument: the longest declared prefix that takes one.
  const parts = base.split('_');
  for (let i = parts.length - 1; i > 1; i--) {
    const prefix = names.get(parts.slice(0, i).join('_'));
    if (prefix?.arg) return `${prefix.name}.${parts.slice(i).join('_')}${arg}`;
  }
  return key;
}

/** The fields with flattened keys mapped back; the same object when no key was flattened. */
export function unflattenFields(fields: OutputFields): OutputFields {
  let changed = false;
  const entries = Object.entries(fields).map(([k, v]) => {
    const name = unflattenFieldKey(k);
    if (name !== k) changed = true;
    return [name, v] as const;
  });
  return changed ? Object.fromEntries(entries) : fields;
}
