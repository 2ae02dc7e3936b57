import { ValidationError } from "./errors.js";
import { i32At, numAt } from "./internal/checked.js";
import { showValue } from "./internal/showValue.js";
import * as libm from "./runtime/libm.js";

/**
 * The seeded random generator behind every random draw in Plexus (xoshiro128**, seeded through
 * splitmix32). The same seed gives the same bits on every platform: all arithmetic is 32-bit
 * integer arithmetic, and doubles take 53 bits from two draws.
 *
 * Plexus does not try to reproduce numpy's Mersenne Twister: Nengo's statistics, not its bits,
 * are what a model depends on.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal = 0;
  private hasSpare = false;
  /** The seed this generator was created (or last reset) with. */
  seed: number;

  constructor(seed: number) {
    this.seed = normalizeSeed(seed);
    this.reset(this.seed);
  }

  /** Restarts the stream from `seed` (default: the seed given at construction). */
  reset(seed: number = this.seed): void {
    this.seed = normalizeSeed(seed);
    let x = this.seed | 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.hasSpare = false;
  }

  /**
   * The generator's whole state (seed, the four xoshiro words, the spare normal draw and whether
   * it is held), for snapshots: `setState(getState())` on any Rng continues this stream exactly.
   */
  getState(): Float64Array {
    return Float64Array.of(this.seed, this.s0, this.s1, this.s2, this.s3, this.spareNormal, this.hasSpare ? 1 : 0);
  }

  /**
   * Puts back a state returned by {@link getState}.
   * @throws ValidationError when `state` is not 7 numbers of that form.
   */
  setState(state: ArrayLike<number>): void {
    const words = [state[1], state[2], state[3], state[4]];
    const ok =
      state.length === 7 &&
      Number.isInteger(state[0]) &&
      numAt(state, 0) >= 0 &&
      numAt(state, 0) <= 0xffffffff &&
      words.every((w) => typeof w === "number" && Number.isInteger(w) && w >= -0x80000000 && w <= 0xffffffff) &&
      words.some((w) => w !== 0) &&
      Number.isFinite(state[5]) &&
      (state[6] === 0 || state[6] === 1);
    if (!ok) throw new ValidationError({ object: "Rng", attr: "state", message: "must be the 7 numbers Rng.getState() returns" });
    this.seed = numAt(state, 0);
    this.s0 = numAt(state, 1);
    this.s1 = numAt(state, 2);
    this.s2 = numAt(state, 3);
    this.s3 = numAt(state, 4);
    this.spareNormal = numAt(state, 5);
    this.hasSpare = state[6] === 1;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 = s2 ^ s0;
    this.s3 = s3 ^ s1;
    this.s1 = s1 ^ this.s2;
    this.s0 = s0 ^ this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** A double uniformly distributed in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A double uniformly distributed in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.random();
  }

  /** A standard normal draw (Marsaglia's polar method), scaled to `mean` and `std`. */
  normal(mean = 0, std = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + std * this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * libm.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpare = true;
    return mean + std * u * f;
  }

  /** An integer uniformly distributed in [0, n) (unbiased, by rejection). */
  integer(n: number): number {
    if (!(n >= 1) || n > 0x100000000 || !Number.isInteger(n)) {
      throw new ValidationError({ object: "Rng", attr: "integer", message: `n must be a whole number in [1, 2^32] (got ${showValue(n)})` });
    }
    if (n === 0x100000000) return this.nextUint32();
    const limit = 0x100000000 - (0x100000000 % n);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % n;
  }

  /** Fills `out` with standard normal draws. */
  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** Fills `out` with uniform draws in [low, high). */
  fillUniform(out: Float64Array, low = 0, high = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      // this.integer(i + 1), inlined: the same draws (n is below 2^31 here)
      const m = i + 1;
      const limit = 0x100000000 - (0x100000000 % m);
      let x: number;
      do x = this.nextUint32();
      while (x >= limit);
      const j = x % m;
      const tmp = i32At(p, i);
      p[i] = i32At(p, j);
      p[j] = tmp;
    }
    return p;
  }

  /** A new seed drawn from this stream (for child objects). */
  nextSeed(): number {
    return this.nextUint32();
  }

  /** A new generator seeded from this stream. */
  fork(): Rng {
    return new Rng(this.nextSeed());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new ValidationError({ object: "Rng", attr: "seed", message: `must be a finite whole number (got ${showValue(seed)})` });
  }
  return seed >>> 0;
}

/**
 * Derives a stable 32-bit seed from a parent seed and a path of keys (e.g. the object's kind and
 * index in its network), so an object's draws do not depend on how many draws other objects made.
 */
export function deriveSeed(seed: number, ...path: readonly (string | number)[]): number {
  let h = normalizeSeed(seed) ^ 0x811c9dc5;
  const mix = (x: number): void => {
    h = Math.imul(h ^ x, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  };
  for (const key of path) {
    if (typeof key === "number") {
      mix(key >>> 0);
      mix(Math.floor(key / 0x100000000) >>> 0);
    } else {
      for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
      mix(0xff);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
