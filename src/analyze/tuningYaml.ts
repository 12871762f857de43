import { Document, Scalar, type YAMLSeq } from 'yaml';

/**
 * The YAML text of a tuning snippet (analyze/tuning.ts). Snippets come in a few fixed shapes
 * (a rule, list or macro item with an override), so they are written here by hand: the yaml
 * library's Document model costs more than the whole rest of a report, and the CLI writes
 * thousands. The text is byte for byte what the library writes (tuningYaml.test.ts compares the
 * two on every snippet of every playbook); whatever the hand writer is not sure of (a value that
 * needs escapes, a name YAML would read as something else) goes to the library.
 */

/** A value always double-quoted: YAML must never read an alert value as a number, bool or null. */
export class Quoted {
  constructor(readonly text: string) {}
}

/** A sequence written on one line: `[a, b]`. */
export class Flow {
  constructor(readonly items: readonly FlowItem[]) {}
}

export type FlowItem = string | Quoted | Flow;
export type YamlNode = string | boolean | Quoted | Flow | readonly YamlNode[] | YamlMap;
export interface YamlMap {
  readonly [key: string]: YamlNode;
}

/** Strings the library writes plain (unquoted) whatever their context: words, paths, `=`. */
const PLAIN = /^(?:[A-Za-z][A-Za-z0-9 _./()'-]*[A-Za-z0-9_./()'-]|[A-Za-z]|=)$/;
/** Words YAML reads as a bool or null: the library quotes them. */
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
/** Characters a double-quoted string escapes beyond JSON's `\"` and `\\` (control characters). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f]/;

/** Thrown (and caught in tuningYaml) where the hand writer leaves the node to the library. */
class NotPlain extends Error {}

function plain(text: string): string {
  if (!PLAIN.test(text) || RESERVED.test(text) || text.includes('  ')) throw new NotPlain();
  return text;
}

function quoted(text: string): string {
  if (NEEDS_ESCAPE.test(text)) throw new NotPlain();
  // Without control characters the library's double-quoted form is JSON's, and lineWidth 0 never folds it.
  return JSON.stringify(text);
}

function flowItem(item: FlowItem): string {
  if (item instanceof Quoted) return quoted(item.text);
  if (item instanceof Flow) return flow(item);
  return plain(item);
}

function flow(seq: Flow): string {
  return `[${seq.items.map(flowItem).join(', ')}]`;
}

const isMap = (node: YamlNode): node is YamlMap => typeof node === 'object' && !(node instanceof Quoted) && !(node instanceof Flow) && !Array.isArray(node);

/** A value on the same line as its key or dash; null for a block collection (next lines). */
function inline(node: YamlNode): string | null {
  if (typeof node === 'boolean') return String(node);
  if (typeof node === 'string') return plain(node);
  if (node instanceof Quoted) return quoted(node.text);
  if (node instanceof Flow) return flow(node);
  if ((Array.isArray(node) ? node.length : Object.keys(node).length) === 0) throw new NotPlain();
  return null;
}

/** A block mapping's entries at `indent`; the first one's indent is written by the caller (after a dash). */
function mapLines(map: YamlMap, indent: string, out: string[], first: boolean): void {
  for (const [key, value] of Object.entries(map)) {
    const at = first ? '' : indent;
    first = false;
    const text = inline(value);
    if (text !== null) out.push(`${at}${plain(key)}: ${text}\n`);
    else {
      out.push(`${at}${plain(key)}:\n`);
      block(value, `${indent}  `, out);
    }
  }
}

/** A block collection's lines at `indent`. */
function block(node: YamlNode, indent: string, out: string[]): void {
  if (isMap(node)) {
    out.push(indent);
    mapLines(node, indent, out, true);
    return;
  }
  for (const item of node as readonly YamlNode[]) {
    const text = inline(item);
    if (text !== null) out.push(`${indent}- ${text}\n`);
    else if (isMap(item)) {
      out.push(`${indent}- `);
      mapLines(item, `${indent}  `, out, true);
    } else throw new NotPlain();
  }
}

/** The snippet by hand, or null when the library must write it. */
export function handYaml(items: readonly YamlMap[]): string | null {
  try {
    const out: string[] = [];
    block(items, '', out);
    return out.join('');
  } catch (error) {
    if (error instanceof NotPlain) return null;
    throw error;
  }
}

function libraryNode(doc: Document, node: YamlNode): unknown {
  if (node instanceof Quoted) {
    const scalar = new Scalar(node.text);
    scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
  }
  if (node instanceof Flow) {
    const seq = doc.createNode(node.items.map((i) => libraryNode(doc, i))) as YAMLSeq;
    seq.flow = true;
    return seq;
  }
  if (Array.isArray(node)) return doc.createNode(node.map((i) => libraryNode(doc, i)));
  if (isMap(node)) return doc.createNode(Object.fromEntries(Object.entries(node).map(([k, v]) => [k, libraryNode(doc, v)])));
  return node;
}

/** The snippet as the yaml library writes it: the reference the hand writer matches. */
export function libraryYaml(items: readonly YamlMap[]): string {
  const doc = new Document();
  doc.contents = libraryNode(doc, items) as YAMLSeq;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The snippet's YAML text. */
export function tuningYaml(items: readonly YamlMap[]): string {
  return handYaml(items) ?? libraryYaml(items);
}

/** What parsing the snippet gives back (the validator checks this, without parsing the text). */
export function tuningJs(node: YamlNode): unknown {
  if (node instanceof Quoted) return node.text;
  if (node instanceof Flow) return node.items.map(tuningJs);
  if (Array.isArray(node)) return node.map(tuningJs);
  if (isMap(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tuningJs(v)]));
  return node;
}
