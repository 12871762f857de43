/**
 * JSON.stringify that never throws on deep nesting: V8's JSON.stringify is recursive and overflows
 * the stack near depth 5000, so deep values are serialised again with an explicit stack.
 * Input is always a value made by JSON.parse (no cycles, no functions, no undefined).
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIterative(value);
  }
}

type Frame = { items: unknown[]; keys: string[] | null; i: number };

function stringifyIterative(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  let value: unknown = root;
  for (;;) {
    // Write `value`, opening a frame for containers.
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) {
        out.push('[');
        stack.push({ items: value, keys: null, i: 0 });
      } else {
        const keys = Object.keys(value);
        out.push('{');
        stack.push({ items: keys.map((k) => (value as Record<string, unknown>)[k]), keys, i: 0 });
      }
    } else {
      out.push(JSON.stringify(value) ?? 'null');
    }
    // Find the next value to write, closing finished frames.
    let next: { v: unknown } | null = null;
    while (stack.length > 0 && next === null) {
      const top = stack[stack.length - 1]!;
      if (top.i < top.items.length) {
        if (top.i > 0) out.push(',');
        if (top.keys) out.push(JSON.stringify(top.keys[top.i]), ':');
        next = { v: top.items[top.i] };
        top.i++;
      } else {
        out.push(top.keys ? '}' : ']');
        stack.pop();
      }
    }
    if (next === null) return out.join('');
    value = next.v;
  }
}
