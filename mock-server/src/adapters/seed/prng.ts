import type { Random } from '../../ports';

/** mulberry32: a small, fast, seedable PRNG. Not for secrets; for reproducible demo data. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Convenience helpers over a Random. */
export class Dice {
  constructor(private readonly random: Random) {}

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.random.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)];
  }

  chance(p: number): boolean {
    return this.random.next() < p;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}
