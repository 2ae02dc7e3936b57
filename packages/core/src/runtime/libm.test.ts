// Our libm against Node 20's Math.* (V8 11: fdlibm ports, Math.hypot in Torque), bit for bit,
// over inputs from every exponent range and the edge cases each algorithm branches on. The
// oracle is the engine's own implementation, not ours; on another engine version (whose Math.*
// may differ in the last bits, which is why we have our own) the comparison is skipped, visibly.
import { describe, expect, it } from "vitest";
import { asin, atanh, cos, cosh, exp, expm1, expm1Near0, hypot, log, log1p, log1pNear0, log2, pow, sin, sinh, tanh } from "./libm.js";

const ON_NODE_20_V8 = process.versions.v8.startsWith("11.");

/** A small deterministic generator (xorshift32): the inputs are the same on every run. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const view = new DataView(new ArrayBuffer(8));

/** n inputs: random bit patterns (every exponent), uniform over [lo, hi], over [-2, 2], and [lo, hi] scaled down. */
function inputs(seed: number, lo: number, hi: number, n: number): number[] {
  const next = generator(seed);
  const unit = (): number => next() / 4294967296;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 4) {
      case 0:
        view.setUint32(0, next());
        view.setUint32(4, next());
        out.push(view.getFloat64(0));
        break;
      case 1:
        out.push(lo + (hi - lo) * unit());
        break;
      case 2:
        out.push(-2 + 4 * unit());
        break;
      default:
        out.push((lo + (hi - lo) * unit()) * 2 ** -(next() % 64));
    }
  }
  return out;
}

const SPECIAL = [
  0,
  -0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308,
  2.225073858507201e-308, // largest subnormal
  -1e-310,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Infinity,
  -Infinity,
  NaN,
  1,
  -1,
  0.5,
  -0.5,
  2,
  1 + Number.EPSILON,
  1 - Number.EPSILON / 2,
  2 ** -28,
  2 ** -29,
  2 ** -54,
  2 ** -1000,
  Math.PI,
  Math.PI / 2,
  Math.PI / 4,
  (3 * Math.PI) / 4,
  2 ** 19 * (Math.PI / 2),
  2 ** 20 * (Math.PI / 2),
  1e6,
  1e22,
  1e300,
  2 ** 1023,
  22,
  -22,
  709.782712893384,
  709.7827128933841,
  -745.1332191019411,
  -745.1332191019412,
  710.4758600739439,
  38.816242111356935, // 56 ln2
  Math.LN2 / 2,
  1.5 * Math.LN2,
];

/** Multiples of pi/2 (and their neighbours), where the reduction cancels most. */
const NEAR_PIO2 = Array.from({ length: 200 }, (_, k) => (k + 1) * (Math.PI / 2)).flatMap((x) => {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  return [-1n, 0n, 1n].map((d) => {
    view.setBigUint64(0, bits + d);
    return view.getFloat64(0);
  });
});

/** Powers of two, and one less (log1p's 1 + x near them), with their neighbours: where the reductions switch exponent. */
const NEAR_POW2 = Array.from({ length: 140 }, (_, k) => 2 ** (k - 70)).flatMap((p) =>
  [p, p - 1, -p].flatMap((x) => {
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    return [-2n, -1n, 0n, 1n, 2n].map((d) => {
      view.setBigUint64(0, bits + d);
      return view.getFloat64(0);
    });
  }),
);

/**
 * The boundaries of the classes the fast paths test first (log1p: sqrt(2)/2 - 1, sqrt(2) - 1,
 * 2^-29, 2^-54, -1; expm1: ln2 / 2, 2^-54, 56 ln2, 709.78; as the high words fdlibm compares),
 * both signs, with two neighbours each way, and LIF's ranges (log1p in (-0.0488, 0), expm1 in
 * (-0.05, 0)) in steps.
 */
const CLASS_EDGES = [0.4142136573791504, -0.292893648147583, 2 ** -29, 2 ** -54, 1, 0.3465735912322998, 38.81622314453125, 709.7822265625, 1.0397205352783203]
  .flatMap((x) => [x, -x])
  .flatMap((x) => {
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    return [-2n, -1n, 0n, 1n, 2n].map((d) => {
      view.setBigUint64(0, bits + d);
      return view.getFloat64(0);
    });
  })
  .concat(Array.from({ length: 2000 }, (_, k) => -0.05 * ((k + 0.5) / 2000)));

const UNARY: readonly [string, (x: number) => number, (x: number) => number, number, number][] = [
  ["exp", exp, Math.exp, -750, 720],
  ["expm1", expm1, Math.expm1, -50, 720],
  ["log", log, Math.log, 0, 1e300],
  ["log1p", log1p, Math.log1p, -1, 1e10],
  // the entry points for hot loops: every argument, not only those of their fast path
  ["expm1Near0", expm1Near0, Math.expm1, -50, 720],
  ["log1pNear0", log1pNear0, Math.log1p, -1, 1e10],
  ["log2", log2, Math.log2, 0, 1e300],
  ["sin", sin, Math.sin, -1e6, 1e6],
  ["cos", cos, Math.cos, -1e6, 1e6],
  ["tanh", tanh, Math.tanh, -30, 30],
  ["sinh", sinh, Math.sinh, -720, 720],
  ["cosh", cosh, Math.cosh, -720, 720],
  ["asin", asin, Math.asin, -1, 1],
  ["atanh", atanh, Math.atanh, -1, 1],
];

/** The inputs where ours and the engine's differ, as "x: ours vs engine's" (none expected). */
function mismatches(xs: readonly number[], ours: (x: number) => number, engine: (x: number) => number): string[] {
  const bad: string[] = [];
  for (const x of xs) {
    const a = ours(x);
    const b = engine(x);
    if (!Object.is(a, b)) bad.push(`${x}: ${a} vs ${b}`);
  }
  return bad;
}

describe.skipIf(!ON_NODE_20_V8)("libm: bit for bit Node 20's Math.*", () => {
  for (const [name, ours, engine, lo, hi] of UNARY) {
    it(`${name} over 40000 inputs from every exponent range and the edge cases`, () => {
      const xs = [...SPECIAL, ...SPECIAL.map((x) => -x), ...NEAR_PIO2, ...NEAR_POW2, ...CLASS_EDGES, ...inputs(name.length * 7919 + lo, lo, hi, 40000)];
      expect(mismatches(xs, ours, engine).slice(0, 5)).toEqual([]);
    });
  }

  it("pow over 60000 pairs (integer and fractional exponents, negative bases, huge and tiny)", () => {
    const next = generator(12345);
    const unit = (): number => next() / 4294967296;
    const xs = inputs(7, 0, 10, 20000);
    const ys = inputs(11, -50, 50, 20000);
    const bad: string[] = [];
    const check = (x: number, y: number): void => {
      const a = pow(x, y);
      const b = x ** y;
      if (!Object.is(a, b)) bad.push(`${x} ** ${y}: ${a} vs ${b}`);
    };
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] ?? 0;
      check(x, ys[i] ?? 0);
      check(x, Math.round(-40 + 80 * unit()));
      check(-Math.abs(x), Math.round(-40 + 80 * unit()));
    }
    for (const x of SPECIAL) for (const y of [...SPECIAL, 3, -3, 0.5, -0.5, 1 / 3]) check(x, y);
    for (let i = 0; i < 200; i++) check(1 + (unit() - 0.5) * 2 ** -20, (unit() - 0.5) * 2 ** 40); // |y| > 2^31, x near 1
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("hypot over 40000 pairs and the edge cases", () => {
    const xs = inputs(3, -1e3, 1e3, 20000);
    const ys = inputs(5, -1e3, 1e3, 20000);
    const bad: string[] = [];
    const check = (x: number, y: number): void => {
      if (!Object.is(hypot(x, y), Math.hypot(x, y))) bad.push(`hypot(${x}, ${y}): ${hypot(x, y)} vs ${Math.hypot(x, y)}`);
    };
    for (let i = 0; i < xs.length; i++) {
      check(xs[i] ?? 0, ys[i] ?? 0);
      check(xs[i] ?? 0, (ys[i] ?? 0) * 1e-200);
    }
    for (const x of SPECIAL) for (const y of SPECIAL) check(x, y);
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe("libm: the entry points for hot loops give their function's bits everywhere", () => {
  for (const [name, near, whole, lo, hi] of [
    ["log1pNear0", log1pNear0, log1p, -1, 1e10],
    ["expm1Near0", expm1Near0, expm1, -50, 720],
  ] as const) {
    it(`${name} equals ${name.replace("Near0", "")} on the edge cases and 40000 inputs`, () => {
      const xs = [...SPECIAL, ...SPECIAL.map((x) => -x), ...NEAR_POW2, ...CLASS_EDGES, ...inputs(name.length * 104729 + lo, lo, hi, 40000)];
      expect(mismatches(xs, near, whole).slice(0, 5)).toEqual([]);
    });
  }
});

describe("libm: exact values every engine must give", () => {
  it("keeps the signs of zeros and the limits at infinities", () => {
    expect(Object.is(expm1(-0), -0)).toBe(true);
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect([exp(-Infinity), exp(Infinity), expm1(-Infinity), tanh(-Infinity), log(0), log1p(-1)]).toEqual([0, Infinity, -1, -1, -Infinity, -Infinity]);
    expect([sin(Infinity), cos(NaN), log(-1), log1p(-2), asin(2), atanh(1.5), pow(-8, 1 / 3), pow(1, Infinity)].every(Number.isNaN)).toBe(true);
  });

  it("returns the exact results fdlibm guarantees (powers of two, integer powers, exp(0), log(1))", () => {
    expect([exp(0), log(1), log2(1024), log2(2 ** -1074), pow(2, 10), pow(3, 5), pow(-2, 3), pow(10, -1), hypot(3, 4)]).toEqual([
      1, 0, 10, -1074, 1024, 243, -8, 0.1, 5,
    ]);
  });
});
