/** A growable column of 32-bit integers: one per alert, 4 bytes each, outside the object heap. */
export class IntColumn {
  private data = new Int32Array(1024);
  length = 0;

  get(i: number): number {
    return this.data[i]!;
  }

  push(value: number): void {
    this.reserve(1);
    this.data[this.length++] = value;
  }

  /** Append a whole batch's values at once. */
  append(values: Int32Array | Uint8Array): void {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}
