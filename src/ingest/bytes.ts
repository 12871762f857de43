/** The first `limit` bytes of the parts (all by default), joined into a fresh buffer. */
export function concatBytes(parts: readonly Uint8Array[], limit = Infinity): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(Math.min(total, limit));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = Math.min(p.length, out.length - at);
    out.set(take === p.length ? p : p.subarray(0, take), at);
    at += take;
  }
  return out;
}
