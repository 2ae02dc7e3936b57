// Translations of Nengo 4.1's nengo/tests/test_dists.py. Oracles are analytic (bounds, moments,
// volume fractions, closed-form densities) or independent samplers written here (random unit
// vectors from normals); tolerances are Nengo's (its `allclose` fixture defaults to rtol 1e-5,
// atol 1e-8). PDF's and Samples' exact parity with Nengo is in ../nengoParity/dists.test.ts.
//   test_uniform                → "Uniform(low, high) ..."
//   test_gaussian               → "Gaussian(mean, std) ..."
//   test_exponential            → "Exponential(scale, shift, high) ..."
//   test_hypersphere_volume     → "<cls> fills the ball above minMagnitude ..."
//   test_hypersphere_surface    → "<cls> surface ..."
//   test_hypersphere_errors     → "<cls> refuses a non-boolean surface and a bad d"
//   test_choice                 → "Choice draws with its weights' frequencies ..."
//   test_choice_errors          → "Choice refuses bad weights and mismatched d"
//   test_sqrt_beta              → "SqrtBeta(n, m) samples the length of m coordinates of a unit (n+m)-vector"
//   test_sqrt_beta_analytical   → "SqrtBeta(n, m): samples follow cdf, cdf integrates pdf, ppf inverts cdf"
//   test_cosine_similarity      → "CosineSimilarity(d) samples one coordinate of a random unit vector"
//   test_cosine_analytical      → "CosineSimilarity(d) pdf ∝ (1 - x²)^((d-3)/2), its cdf, and ppf"
//   test_cosine_sample_shape    → "CosineSimilarity samples (n, d) as n·d scalars"
//   test_cosine_intercept       → "CosineSimilarity(d).ppf(1 - p) is the intercept a fraction p of dots exceed"
//   test_pdf                    → "test_pdf: PDF draws follow the density ..."
//   test_samples_list           → "test_samples_list: ..."
//   test_samples_errors         → "test_samples_errors: ..."
//   test_hypersphere_warns      → "test_hypersphere_warns: ..."
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectAllClose } from "../../../../test/support/reference.js";
import { captureWarnings } from "../../../../test/support/warnings.js";
import {
  Choice,
  CosineSimilarity,
  Exponential,
  Gaussian,
  type HypersphereOptions,
  PDF,
  Rng,
  Samples,
  ScatteredHypersphere,
  SqrtBeta,
  Uniform,
  UniformHypersphere,
  ValidationError,
} from "../../src/index.js";
import { at, mean, std } from "./stats.js";

/** numpy.histogram(x, bins) counts: equal bins over [min, max], the last one closed. */
function histogram(x: ArrayLike<number>, bins: number, range?: [number, number]): number[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, at(x, i));
    hi = Math.max(hi, at(x, i));
  }
  if (range !== undefined) [lo, hi] = range;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < x.length; i++) {
    const v = at(x, i);
    if (v < lo || v > hi) continue;
    const b = v === hi ? bins - 1 : Math.floor(((v - lo) / (hi - lo)) * bins);
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return counts;
}

function norms(x: Float64Array, n: number, d: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.hypot(...x.subarray(i * d, (i + 1) * d)));
}

function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  return Float64Array.from({ length: d }, (_, j) => mean(Float64Array.from({ length: n }, (_, i) => at(x, i * d + j))));
}

/** Random unit vectors (n × d) from normals: the oracle for sphere coordinates. */
function unitVectors(n: number, d: number, rng: Rng): Float64Array {
  const v = rng.fillNormal(new Float64Array(n * d));
  const r = norms(v, n, d);
  return v.map((x, i) => x / at(r, Math.floor(i / d)));
}

const arange = (start: number, stop: number, step: number): number[] =>
  Array.from({ length: Math.ceil((stop - start) / step - 1e-9) }, (_, i) => start + i * step);

describe("Nengo test_dists.py: scalar distributions", () => {
  it.each([
    [-2, -1],
    [-4, 1],
    [1, 2],
    [1, -1],
  ])("Uniform(%s, %s) stays in its bounds, is flat, and draws integers with integer", (low, high) => {
    const rng = new Rng(1);
    const n = 200;
    const samples = new Uniform(low, high).sample(n, undefined, rng);
    if (low < high) expect(samples.every((s) => s >= low && s < high)).toBe(true);
    else expect(samples.every((s) => s <= low && s > high)).toBe(true);
    const h = histogram(samples, 5);
    expectAllClose(h, new Array(5).fill(mean(h)), { rtol: 1e-5, atol: 0.1 * n });
    if (low < high) {
      const ints = new Uniform(low, high, { integer: true }).sample(n, undefined, rng);
      expect(ints.every((s) => s >= low && s < high && s % 1 === 0)).toBe(true);
    } else {
      expect(() => new Uniform(low, high, { integer: true }).sample(n, undefined, rng)).toThrow(ValidationError);
    }
  });

  it.each([
    [0, 1],
    [0, 0],
    [10, 2],
  ])("Gaussian(%s, %s) has its mean and std; std 0 is refused", (mu, sd) => {
    const n = 500;
    if (sd <= 0) {
      expect(() => new Gaussian(mu, sd)).toThrow(ValidationError);
      return;
    }
    const samples = new Gaussian(mu, sd).sample(n, undefined, new Rng(2));
    expect(Math.abs(mean(samples) - mu)).toBeLessThan((3 * sd) / Math.sqrt(n));
    expect(Math.abs(std(samples) - sd)).toBeLessThan(0.25);
  });

  it.each([
    [1.0, 0.0, Number.POSITIVE_INFINITY],
    [10.0, 0.0, 1.0],
    [0.1, 0.3, 1.0],
  ])("Exponential(%s, %s, %s) lies in [shift, high] with mean shift + scale", (scale, shift, high) => {
    const n = 100;
    const samples = new Exponential(scale, shift, high).sample(n, undefined, new Rng(3));
    expect(samples.every((s) => s >= shift && s <= high)).toBe(true);
    const ci = (scale * 1.96) / Math.sqrt(n);
    if (scale + ci < high) expect(Math.abs(mean(samples.map((s) => s - shift)) - scale)).toBeLessThan(ci);
  });
});

const sphereClasses: [string, (options: HypersphereOptions) => UniformHypersphere | ScatteredHypersphere][] = [
  ["UniformHypersphere", (o) => new UniformHypersphere(o)],
  ["ScatteredHypersphere", (o) => new ScatteredHypersphere(o)],
];

describe("Nengo test_dists.py: hyperspheres", () => {
  const volumeCases: [number, number][] = [
    [0, 1],
    [0, 2],
    [0, 5],
    [0.6, 1],
    [0.3, 2],
    [0.4, 5],
  ];
  for (const [name, make] of sphereClasses) {
    it.each(volumeCases)(`${name} fills the ball above minMagnitude %s (d = %s)`, (minMagnitude, d) => {
      const n = 250 * d;
      const samples = make({ minMagnitude }).sample(n, d, new Rng(4));
      expect(samples).toHaveLength(n * d);
      expectAllClose(columnMeans(samples, n, d), new Array(d).fill(0), { rtol: 0, atol: 0.1 });
      const r = norms(samples, n, d);
      expect(r.every((v) => v >= minMagnitude && v <= 1)).toBe(true);
      const q = 1e-5;
      const rMinD = minMagnitude ** d;
      const rTolMin = (rMinD + (1 - rMinD) * (1 - q ** (1 / n))) ** (1 / d);
      const rTolMax = (1 - (1 - rMinD) * (1 - q ** (1 / n))) ** (1 / d);
      expect(Math.min(...r)).toBeLessThanOrEqual(rTolMin);
      expect(Math.max(...r)).toBeGreaterThanOrEqual(rTolMax);
    });

    it.each([1, 2, 5])(`${name} surface: unit vectors centred at 0 (d = %s)`, (d) => {
      const n = 200 * d;
      const samples = make({ surface: true }).sample(n, d, new Rng(5));
      expect(samples).toHaveLength(n * d);
      expectAllClose(norms(samples, n, d), new Array(n).fill(1), { rtol: 1e-5, atol: 1e-8 });
      expectAllClose(columnMeans(samples, n, d), new Array(d).fill(0), { rtol: 0, atol: 0.25 / d });
    });

    it(`${name} refuses a non-boolean surface and a bad d`, () => {
      expect(() => make({ surface: 0 as unknown as boolean })).toThrow(ValidationError);
      expect(() => make({}).sample(1, -1, new Rng(0))).toThrow(ValidationError);
    });
  }
});

describe("Nengo test_dists.py: Choice", () => {
  const choices = [
    [1, 1],
    [1, -1],
    [-1, 1],
    [-1, -1],
  ];
  it.each([[undefined], [[5, 1, 2, 9]], [[3, 2, 1, 0]]])("Choice draws with its weights' frequencies (weights %j)", (weights) => {
    const rng = new Rng(6);
    const n = 1000;
    const dist = new Choice(choices, weights === undefined ? {} : { weights });
    expect(() => dist.sample(n, 4, rng)).toThrow(ValidationError);
    const sample = dist.sample(n, undefined, rng);
    const counts = new Array(4).fill(0);
    for (let i = 0; i < n; i++) {
      const k = choices.findIndex((c) => c[0] === sample[2 * i] && c[1] === sample[2 * i + 1]);
      expect(k).toBeGreaterThanOrEqual(0);
      counts[k]++;
    }
    const total = weights === undefined ? 4 : weights.reduce((a, b) => a + b, 0);
    const p = weights === undefined ? new Array(4).fill(0.25) : weights.map((w) => w / total);
    expectAllClose(
      counts.map((c) => c / n),
      p,
      { rtol: 1e-5, atol: 2 / Math.sqrt(n) },
    );
  });

  it("Choice refuses bad weights and mismatched d", () => {
    expect(() => new Choice([2], { weights: [1, 2, 3] })).toThrow(ValidationError);
    expect(() => new Choice([2], { weights: [-1] })).toThrow(ValidationError);
    expect(() => new Choice([1, 2], { weights: [0, 0] })).toThrow(ValidationError);
    expect(() => new Choice([0]).sample(2, 2, new Rng(0))).toThrow(ValidationError);
  });
});

describe("Nengo test_dists.py: SqrtBeta and CosineSimilarity", () => {
  it.each([
    [99, 1],
    [50, 50],
  ])("SqrtBeta(%s, %s) samples the length of m coordinates of a unit (n+m)-vector", (n, m) => {
    const rng = new Rng(7);
    const num = 1000;
    const v = unitVectors(num, n + m, rng);
    const lengths = Float64Array.from({ length: num }, (_, i) => Math.hypot(...v.subarray(i * (n + m), i * (n + m) + m)));
    const expectation = histogram(lengths, 5);
    const h = histogram(new SqrtBeta(n, m).sample(num, 1, rng), 5);
    for (let b = 0; b < 5; b++) expect(Math.abs(at(h, b) - at(expectation, b)) / num).toBeLessThan(0.16);
  });

  it.each([
    [4, 1],
    [10, 5],
  ])("SqrtBeta(%s, %s): samples follow cdf, cdf integrates pdf, ppf inverts cdf", (n, m) => {
    const dt = 0.001;
    const x = arange(dt, 1 + dt, dt);
    const dist = new SqrtBeta(n, m);
    const pdf = x.map((v) => dist.pdf(v));
    const cdf = x.map((v) => dist.cdf(v));
    const ppf = cdf.map((v) => dist.ppf(v));
    const num = 2500;
    const h = histogram(dist.sample(num, undefined, new Rng(8)), 5);
    const edges = [0, 0.2, 0.4, 0.6, 0.8, 1].map((e) => dist.cdf(e));
    for (let b = 0; b < 5; b++) expect(Math.abs(at(h, b) / num - (at(edges, b + 1) - at(edges, b)))).toBeLessThan(0.1);
    let acc = 0;
    const cumsum = pdf.map((p) => (acc += p * dt));
    expectAllClose(cdf, cumsum, { rtol: 1e-5, atol: 0.01 });
    expectAllClose(ppf, x, { rtol: 1e-5, atol: 0.01 });
  });

  it.each([2, 3, 10, 50])("CosineSimilarity(%s) samples one coordinate of a random unit vector", (d) => {
    const rng = new Rng(9);
    const num = 2500;
    const v = unitVectors(num, d, rng);
    const exp = Float64Array.from({ length: num }, (_, i) => at(v, i * d));
    const act = new CosineSimilarity(d).sample(num, undefined, rng);
    const he = histogram(exp, 8);
    const ha = histogram(act, 8);
    for (let b = 0; b < 8; b++) expect(Math.abs(at(he, b) - at(ha, b)) / num).toBeLessThan(0.15);
  });

  it.each([2, 3, 10])("CosineSimilarity(%s) pdf ∝ (1 - x²)^((d-3)/2), its cdf, and ppf", (d) => {
    const dt = 0.0001;
    const x = arange(-1 + dt, 1, dt);
    const dist = new CosineSimilarity(d);
    const pdfExp = x.map((v) => dist.pdf(v));
    const pdfAct = x.map((v) => (1 - v * v) ** ((d - 3) / 2));
    const sumExp = pdfExp.reduce((a, b) => a + b, 0);
    const sumAct = pdfAct.reduce((a, b) => a + b, 0);
    const tol = { rtol: 1e-5, atol: 0.01 };
    expectAllClose(
      pdfExp.map((p) => p / sumExp),
      pdfAct.map((p) => p / sumAct),
      tol,
    );
    const cdfExp = x.map((v) => dist.cdf(v));
    let acc = 0;
    expectAllClose(
      cdfExp,
      pdfAct.map((p) => (acc += p) / sumAct),
      tol,
    );
    expectAllClose(
      cdfExp.map((c) => dist.ppf(c)),
      x,
      tol,
    );
  });

  it("CosineSimilarity samples (n, d) as n·d scalars", () => {
    const dist = new CosineSimilarity(2);
    expectAllClose(dist.sample(3, 4, new Rng(10)), dist.sample(12, undefined, new Rng(10)), { rtol: 1e-5, atol: 1e-8 });
  });

  it.each([
    [3, 0],
    [5, 0.4],
    [10, 0.7],
    [50, 1.0],
  ])("CosineSimilarity(%s).ppf(1 - p) is the intercept a fraction p = %s of dots exceed", (d, p) => {
    const num = 500;
    const dots = new UniformHypersphere({ surface: true }).sample(num, d, new Rng(11)).filter((_, i) => i % d === 0);
    const c = new CosineSimilarity(d).ppf(1 - p);
    expectAllClose([dots.filter((v) => v >= c).length / num], [p], { rtol: 1e-5, atol: 0.05 });
  });
});

describe("Nengo test_dists.py: PDF, Samples, hypersphere warnings", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("test_pdf: PDF draws follow the density (a histogram of 100000 within 0.05 of it), and bad p are refused", () => {
    const s = 0.25;
    const f = (x: number): number => Math.exp((-0.5 * (x + 0.5) ** 2) / s ** 2) + Math.exp((-0.5 * (x - 0.5) ** 2) / s ** 2);
    const xref = Float64Array.from({ length: 101 }, (_, i) => -2 + (4 * i) / 100);
    const pref = xref.map(f);
    const total = pref.reduce((a, b) => a + b, 0);
    const dist = new PDF(
      xref,
      pref.map((v) => v / total),
    );
    const samples = dist.sample(100000, undefined, new Rng(3));
    const h = histogram(samples, 101);
    let [lo, hi] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const v of samples) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const dx = (hi - lo) / 101;
    const centres = Array.from({ length: 101 }, (_, i) => lo + (i + 0.5) * dx);
    const z = centres.map(f);
    const zSum = z.reduce((a, b) => a + b, 0);
    const hSum = h.reduce((a, b) => a + b, 0);
    expectAllClose(
      h.map((c) => c / hSum / dx),
      z.map((v) => v / zSum / dx),
      { atol: 0.05, rtol: 1e-5 },
    );
    expect(() => new PDF([0, 1, 2], [0.1, 1.1, 0.1])).toThrow(/PDF must sum to one/);
    expect(() => new PDF([0, 1], [0, 1, 0])).toThrow(/`x` and `p` must be the same length/);
  });

  it("test_samples_list: Samples gives back its samples for their own shape", () => {
    expect(Array.from(new Samples([1, 2, 3]).sample(3, undefined, new Rng(0)))).toEqual([1, 2, 3]);
    expect(
      Array.from(
        new Samples([
          [1, 2],
          [3, 4],
        ]).sample(2, 2, new Rng(0)),
      ),
    ).toEqual([1, 2, 3, 4]);
  });

  it("test_samples_errors: a wrong n or d is a ValidationError", () => {
    const rng = new Rng(1);
    const rows = Array.from({ length: 12 }, () => [rng.random(), rng.random()]);
    expect(() => new Samples(rows).sample(11, 2, rng)).toThrow(ValidationError);
    expect(() => new Samples(rows).sample(12, 1, rng)).toThrow(ValidationError);
    expect(() => new Samples(rows).sample(12, undefined, rng)).toThrow(ValidationError);
    const flat = Array.from({ length: 12 }, () => rng.random());
    expect(() => new Samples(flat).sample(12, 2, rng)).toThrow(ValidationError);
  });

  for (const [name, make] of [
    ["UniformHypersphere", (o: HypersphereOptions) => new UniformHypersphere(o)],
    ["ScatteredHypersphere", (o: HypersphereOptions) => new ScatteredHypersphere(o)],
  ] as const) {
    it(`test_hypersphere_warns[${name}]: minMagnitude with surface warns that it is ignored`, () => {
      const emitted = captureWarnings();
      make({ surface: true, minMagnitude: 0.1 });
      make({ surface: false, minMagnitude: 0.1 });
      make({ surface: true });
      expect(emitted).toEqual([`${name}: minMagnitude ignored because surface is true`]);
    });
  }
});
