/**
 * Small seeded pseudo-random numbers for the corpus generator.
 * @remarks `Math.random()` cannot be seeded and a dependency would be overkill: sfc32 passes
 * PractRand, is a handful of 32-bit operations and gives identical sequences on every platform.
 */

/** FNV-1a over the UTF-16 code units of a string, as an unsigned 32-bit number. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit integer finaliser (murmur3 fmix32): nearby inputs give unrelated outputs. */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Derives an independent seed for item `index` of a stream (`stream` tells articles from questions). */
export function deriveSeed(base: number, stream: number, index: number): number {
  return mix32((base ^ mix32(stream + 0x632be5ab)) + Math.imul(index + 1, 0x9e3779b9));
}

/** A seeded random source (sfc32). Every draw advances the state. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(seed + 0x6a09e667);
    this.c = mix32(seed ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A uniformly chosen element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /**
   * An index in [0, n) drawn with weight 1 / (rank + 1)^exponent, so the first entries of a list
   * are the common ones: word frequencies in the corpus then fall off like Zipf's law.
   */
  zipf(n: number, exponent = 1): number {
    const cdf = zipfTable(n, exponent);
    const u = this.next() * (cdf[n - 1] ?? 1);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** An element chosen by `weights` (non-negative, not all zero). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}

const zipfTables = new Map<number, Float64Array>();

function zipfTable(n: number, exponent: number): Float64Array {
  const key = n * 1000 + Math.round(exponent * 100);
  let cdf = zipfTables.get(key);
  if (!cdf) {
    cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    zipfTables.set(key, cdf);
  }
  return cdf;
}
