/**
 * Seeded randomness for the synthetic population.
 *
 * Two kinds are needed. A sequential generator (sfc32) drives the monthly arrears process, where
 * draws happen in a fixed order. A counter-based hash gives the attributes of a household from its
 * index alone, so that a population of millions never has to be held in memory and any household
 * can be looked at without generating the ones before it.
 */

/** 32-bit finaliser (murmur3 fmix32): spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a few integers, order-sensitive. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(b | 0, 0x85ebca6b) ^ 0x27d4eb2f);
  h = mix32(h ^ Math.imul(c | 0, 0xc2b2ae35) ^ 0x165667b1);
  h = mix32(h ^ Math.imul(d | 0, 0x27d4eb2d) ^ 0x61c88647);
  return h;
}

/** Uniform in [0, 1) from hashed integers. */
export function hashUnit(a: number, b = 0, c = 0, d = 0): number {
  return hash32(a, b, c, d) / 4294967296;
}

/** FNV-1a of a string: stable keys for names such as municipality codes and sender ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** sfc32: small, fast, passes PractRand to large sizes; plenty for simulation. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(...seed: number[]) {
    const s0 = seed[0] ?? 0;
    this.a = hash32(s0, seed[1] ?? 0, seed[2] ?? 0, 1);
    this.b = hash32(s0, seed[1] ?? 0, seed[2] ?? 0, 2);
    this.c = hash32(s0, seed[1] ?? 0, seed[2] ?? 0, 3);
    this.d = 1;
    // Warm up so that closely related seeds diverge fully.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    for (;;) {
      const u = this.float() * 2 - 1;
      const v = this.float() * 2 - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      this.spareNormal = v * f;
      return u * f;
    }
  }

  /** Poisson count; normal approximation above 40 where the exact method gets slow. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  /** Number of failures before the first success, success probability p per trial. */
  geometric(p: number): number {
    if (p >= 1) return 0;
    return Math.floor(Math.log(1 - this.float()) / Math.log(1 - p));
  }
}

/**
 * A discrete distribution over a fixed list, drawn by a linear scan of cumulative weights.
 * The lists here are short (at most a few dozen entries), where a scan beats an alias table.
 */
export class WeightedChoice<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const usable = entries.filter(([, w]) => w > 0);
    if (usable.length === 0) throw new Error('weighted choice needs at least one positive weight');
    this.items = usable.map(([item]) => item);
    this.cumulative = new Float64Array(usable.length);
    let sum = 0;
    usable.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    for (let i = 0; i < usable.length; i++) this.cumulative[i] = (this.cumulative[i] ?? 0) / sum;
  }

  /** Draw with a uniform number u in [0, 1), so the same table serves Rng and hash draws. */
  at(u: number): T {
    const c = this.cumulative;
    const last = c.length - 1;
    for (let i = 0; i < last; i++) {
      if (u < (c[i] ?? 1)) return this.items[i] as T;
    }
    return this.items[last] as T;
  }

  draw(rng: Rng): T {
    return this.at(rng.float());
  }

  /** Expected value when the items are numbers. */
  mean(value: (item: T) => number): number {
    let prev = 0;
    let m = 0;
    this.items.forEach((item, i) => {
      const c = this.cumulative[i] ?? 1;
      m += (c - prev) * value(item);
      prev = c;
    });
    return m;
  }
}

/** A choice over numeric outcomes written as a YAML mapping ({ 1: 0.45, 2: 0.35 }). */
export function numberChoice(weights: Readonly<Record<string, number>>): WeightedChoice<number> {
  return new WeightedChoice(Object.entries(weights).map(([k, w]) => [Number(k), w] as const));
}
