/** A seeded pseudo-random source in [0, 1) (mulberry32): same seed, same sequence. */
export type Rng = () => number;

/** Creates a deterministic random source from an integer seed. */
export function createRng(seed: number): Rng {
  let a = Math.floor(seed) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return p > 0 && rng() < p;
}

/** A number in [min, max). */
export function between(rng: Rng, min: number, max: number): number {
  return min + rng() * (max - min);
}

/** An integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Fisher–Yates shuffle of `items[from, to)` in place. */
export function shuffleRange<T>(rng: Rng, items: T[], from = 0, to = items.length): void {
  for (let i = to - 1; i > from; i -= 1) {
    const j = from + Math.floor(rng() * (i - from + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}
