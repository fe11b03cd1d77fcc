/**
 * Seeded randomness for the demo data: same seed, same output, on every machine.
 * Never Math.random or the clock: the demo organisation must be byte-identical run to run.
 */

/** 32-bit FNV-1a hash of a string, the seed of a keyed stream. */
export function hash32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by weight: [item, weight] pairs, weights > 0. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Up to n distinct items, in their original order. */
  sample<T>(items: readonly T[], n: number): T[];
}

/** A splitmix32 stream: one 32-bit state, well mixed, fast enough for thousands of patients. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextUint = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const next = (): number => nextUint() / 0x1_0000_0000;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)];
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, w] of items) {
        roll -= w;
        if (roll < 0) return item;
      }
      return items[items.length - 1][0];
    },
    sample: (items, n) => {
      const chosen = new Set<number>();
      const want = Math.min(n, items.length);
      while (chosen.size < want) chosen.add(int(0, items.length - 1));
      return items.filter((_, i) => chosen.has(i));
    },
  };
}

/**
 * Deterministic UUID-shaped ids (version-4 layout) for a tenant and seed: the same key always
 * gives the same id, so a resource keeps its id however many patients are generated around it.
 */
export function idFactory(tenant: string, seed: number): (key: string) => string {
  return (key) => {
    const base = `${tenant}\u0000${seed}\u0000${key}`;
    // Four independently seeded hashes give 128 bits, so ids stay unique across large demos.
    const hex = ID_BASES.map((basis) => createRng(hash32(base, basis)).int(0, 0xffffffff).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

const ID_BASES = [0x811c9dc5, 0x050c5d1f, 0x9747b28c, 0x2f3a8e61] as const;
