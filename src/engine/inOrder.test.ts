import { describe, expect, it } from 'vitest';
import { InOrder, Sequence } from './inOrder';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('the one ordering mechanism', () => {
  it('Sequence runs steps in the order given, whichever input arrives first, past a failing step', async () => {
    const seq = new Sequence();
    const ran: string[] = [];
    const slow = later('slow', 20);
    const fast = later('fast', 1);
    const a = seq.then(async () => ran.push(await slow));
    const b = seq.then(() => {
      throw new Error('bad step');
    });
    const c = seq.then(async () => ran.push(await fast));
    await expect(b).rejects.toThrow('bad step');
    await Promise.all([a, c, seq.idle()]);
    expect(ran).toEqual(['slow', 'fast']);
  });

  it('InOrder applies results in the order added and reports the first failure on drain', async () => {
    const order = new InOrder(4);
    const applied: number[] = [];
    await order.add(later(1, 15), (v) => applied.push(v));
    await order.add(later(2, 1), (v) => applied.push(v));
    await order.drain();
    expect(applied).toEqual([1, 2]);
    await order.add(Promise.reject(new Error('parser failed')), () => {});
    await expect(order.drain()).rejects.toThrow('parser failed');
  });
});
