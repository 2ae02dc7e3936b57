// Translations of Nengo 4.1's nengo/tests/test_processes.py. A Nengo Node driven by a process
// outputs, at step k (t = k·dt), what the process run alone gives (`Process.runSteps`), so the
// simulator runs are translated as process runs. Oracles are analytic (statistics, spectra by a
// direct DFT here, rows of the given inputs); tolerances are Nengo's (its `allclose` fixture
// defaults to rtol 1e-5, atol 1e-8).
//   test_whitenoise                  → "WhiteNoise with scale: false outputs its distribution's samples, in any shape"
//   test_brownnoise                  → "BrownNoise has mean 0 and standard deviation std·√t"
//   test_gaussian_whitenoise         → "Gaussian white noise has the rms of its distribution and a flat spectrum"
//   test_whitesignal_rms             → "WhiteSignal has the requested rms and a flat spectrum up to high"
//   test_whitesignal_y0              → "WhiteSignal with y0 starts at its value closest to y0"
//   test_whitesignal_high_dt         → "WhiteSignal has rms at every time and no power above high, for several high and dt"
//   test_whitesignal_high_errors     → "WhiteSignal refuses high below 1/period and above the Nyquist frequency"
//   test_whitesignal_continuity      → "WhiteSignal is continuous across periods"
//   test_sampling_shape              → "WhiteSignal samples have nSteps × d values"
//   test_reset, test_seed            → "a seeded process repeats; another seed differs"
//   test_present_input               → "PresentInput shows image i = floor((t - dt)/T + 1e-7) mod n"
//   TestPiecewise.test_basic, test_lists_in_data, test_function, test_function_list, test_mixture,
//     test_mixture_3d                → "Piecewise (zero): <case>"
//   TestPiecewise.test_default_zero, test_shape_out → "Piecewise is zero before its first key and the key's value after"
//   TestPiecewise.test_interpolation_1d, test_interpolation_2d → "Piecewise <interp> passes through its keys"
//   TestPiecewise.test_invalid_key, test_invalid_callable, test_invalid_length,
//     test_invalid_interpolation_type, test_invalid_function_length → "Piecewise refuses bad data"
//   TestPiecewise.test_invalid_interpolation_on_func → "Piecewise falls back to zero interpolation with a function"
import { describe, expect, it } from "vitest";
import { expectAllClose } from "../../../../test/support/reference.js";
import {
  BrownNoise,
  Distribution,
  Gaussian,
  Piecewise,
  type PiecewiseData,
  type PiecewiseInterpolation,
  PresentInput,
  Rng,
  ValidationError,
  WhiteNoise,
  WhiteSignal,
} from "../../src/index.js";

import { at, mean, std } from "./stats.js";

/** Values of an nt × d row-major array for dimension j. */
function column(x: Float64Array, nt: number, d: number, j: number): Float64Array {
  return Float64Array.from({ length: nt }, (_, k) => at(x, k * d + j));
}

/**
 * Nengo's test `psd`: for each rfft frequency, 2·std over dimensions of |rfft| / √nt.
 * The DFT is computed directly here (no shared FFT code).
 */
function psd(x: Float64Array, nt: number, d: number, dt: number): { freq: Float64Array; power: Float64Array } {
  const nf = Math.floor(nt / 2) + 1;
  const cos = Float64Array.from({ length: nt }, (_, i) => Math.cos((2 * Math.PI * i) / nt));
  const sin = Float64Array.from({ length: nt }, (_, i) => Math.sin((2 * Math.PI * i) / nt));
  const power = new Float64Array(nf);
  const re = new Float64Array(d);
  const im = new Float64Array(d);
  const mags = new Float64Array(d);
  for (let f = 0; f < nf; f++) {
    re.fill(0);
    im.fill(0);
    for (let k = 0; k < nt; k++) {
      const c = cos[(f * k) % nt] ?? 0;
      const s = sin[(f * k) % nt] ?? 0;
      const base = k * d;
      for (let j = 0; j < d; j++) {
        const v = x[base + j] ?? 0;
        re[j] = (re[j] ?? 0) + c * v;
        im[j] = (im[j] ?? 0) - s * v;
      }
    }
    for (let j = 0; j < d; j++) mags[j] = Math.hypot(re[j] ?? 0, im[j] ?? 0);
    power[f] = (2 * std(mags)) / Math.sqrt(nt);
  }
  return { freq: Float64Array.from({ length: nf }, (_, f) => f / (nt * dt)), power };
}

/** Nengo's `allclose(a, b, rtol)` with its default atol 1e-8, for a scalar target. */
function expectCloseTo(values: ArrayLike<number>, target: number, rtol: number): void {
  expectAllClose(values, new Float64Array(values.length).fill(target), { rtol: 0, atol: 1e-8 + rtol * Math.abs(target) });
}

class DistributionMock extends Distribution {
  readonly kind = "DistributionMock";
  constructor(readonly value: number) {
    super();
  }
  sample(n: number, d: number | undefined): Float64Array {
    return new Float64Array(n * (d ?? 1)).fill(this.value);
  }
}

describe("Nengo test_processes.py: noise", () => {
  it("WhiteNoise with scale: false outputs its distribution's samples, in any shape", () => {
    const rng = new Rng(1);
    const process = new WhiteNoise({ dist: new DistributionMock(42), scale: false });
    expect(Array.from(process.runSteps(5, 0.001, rng, 2))).toEqual(new Array(10).fill(42));
    expect(process.runSteps(5, 0.001, rng)).toHaveLength(5);
    expect(process.runSteps(1, 0.001, rng, 1)).toHaveLength(1);
    expect(process.runSteps(2, 0.001, rng, 3)).toHaveLength(6);
  });

  it("BrownNoise has mean 0 and standard deviation std·√t", () => {
    const d = 5000;
    const nt = 500;
    const dt = 0.001;
    const sd = 1.5;
    const samples = new BrownNoise({ dist: new Gaussian(0, sd) }).runSteps(nt, dt, new Rng(2), d);
    for (let k = 0; k < nt; k++) {
      const row = samples.subarray(k * d, (k + 1) * d);
      const expectedStd = sd * Math.sqrt((k + 1) * dt);
      const atol = (3.5 * expectedStd) / Math.sqrt(d);
      expect(Math.abs(mean(row))).toBeLessThan(atol);
      expect(Math.abs(std(row) - expectedStd)).toBeLessThan(atol);
    }
  });

  it.each([0.5, 1, 100])("Gaussian white noise has the rms of its distribution and a flat spectrum (rms %s)", (rms) => {
    const d = 800;
    const nt = 300;
    const dt = 0.001;
    const values = new WhiteNoise({ dist: new Gaussian(0, rms), scale: false }).runSteps(nt, dt, new Rng(3), d);
    const rmsPerDim = Array.from({ length: d }, (_, j) => Math.sqrt(mean(column(values, nt, d, j).map((v) => v * v))));
    expectCloseTo([mean(rmsPerDim)], rms, 0.02);
    expectCloseTo(psd(values, nt, d, dt).power.subarray(1, -1), rms, 0.2);
  });
});

describe("Nengo test_processes.py: WhiteSignal", () => {
  it.each([0.5, 1, 100])("WhiteSignal has the requested rms and a flat spectrum up to high (rms %s)", (rms) => {
    const d = 500;
    const nt = 1000;
    const dt = 0.001;
    const values = new WhiteSignal(1.0, 500, { rms }).runSteps(nt, dt, new Rng(4), d);
    expectCloseTo([std(values)], rms, 0.02);
    expectCloseTo(psd(values, nt, d, dt).power.subarray(1, -1), rms, 0.35);
  });

  it.each([
    [0, 1],
    [-0.3, 3],
    [0.4, 1],
  ])("WhiteSignal with y0 %s starts at its value closest to y0 (d = %s)", (y0, d) => {
    const nt = 100;
    const values = new WhiteSignal(0.1, 500, { y0 }).runSteps(nt, 0.001, new Rng(5), d);
    for (let j = 0; j < d; j++) {
      const col = column(values, nt, d, j);
      const error = Math.min(...col.map((v) => Math.abs(y0 - v)));
      expect(at(col, 0)).toBeGreaterThanOrEqual(y0 - error);
      expect(at(col, 0)).toBeLessThanOrEqual(y0 + error);
    }
  });

  it.each([
    [10, 0.01],
    [5, 0.001],
    [50, 0.001],
  ])("WhiteSignal has rms at every time and no power above high (high %s, dt %s)", (high, dt) => {
    const rms = 0.5;
    const d = 500;
    const nt = Math.round(1.0 / dt);
    const values = new WhiteSignal(1.0, high, { rms }).runSteps(nt, dt, new Rng(6), d);
    const stds = Array.from({ length: nt }, (_, k) => std(values.subarray(k * d, (k + 1) * d)));
    expectCloseTo(stds, rms, 0.15);
    const { freq, power } = psd(values, nt, d, dt);
    for (let f = 0; f < freq.length; f++) if (at(freq, f) > high) expect(at(power, f)).toBeLessThan(rms * 0.5);
  });

  it.each([
    [501, 0.001],
    [500, 0.002],
  ])("WhiteSignal refuses high below 1/period and above the Nyquist frequency (high %s, dt %s)", (high, dt) => {
    expect(() => new WhiteSignal(10 * dt, 9 * dt)).toThrow(ValidationError);
    expect(() => new WhiteSignal(10 * dt, 9 * dt)).toThrow(/1 \/ period/);
    const process = new WhiteSignal(1.0, high);
    expect(() => process.runSteps(1, dt, new Rng(0), 1)).toThrow(ValidationError);
    expect(() => process.runSteps(1, dt, new Rng(0), 1)).toThrow(/Nyquist/);
  });

  it("WhiteSignal is continuous across periods", () => {
    const [t, high, rms, dt] = [1.0, 10, 0.5, 0.001];
    const x = new WhiteSignal(t, high, { rms }).runSteps(4000, dt, new Rng(7), 1);
    const safety = 2.0;
    const a = Math.SQRT2 * rms;
    const f = 2 * Math.PI * high * dt;
    let d1 = 0;
    let d2 = 0;
    for (let k = 1; k < x.length; k++) d1 = Math.max(d1, Math.abs(at(x, k) - at(x, k - 1)));
    for (let k = 2; k < x.length; k++) d2 = Math.max(d2, Math.abs(at(x, k) - 2 * at(x, k - 1) + at(x, k - 2)));
    expect(d1).toBeLessThanOrEqual(safety * a * f);
    expect(d2).toBeLessThanOrEqual(safety ** 2 * a * f ** 2);
  });

  it("WhiteSignal samples have nSteps × d values", () => {
    const process = new WhiteSignal(0.1, 500);
    expect(process.runSteps(1, 0.001, new Rng(0))).toHaveLength(1);
    expect(process.runSteps(5, 0.001, new Rng(0), 1)).toHaveLength(5);
    expect(process.runSteps(1, 0.001, new Rng(0), 2)).toHaveLength(2);
  });

  it("a seeded process repeats; another seed differs", () => {
    const tols = { atol: 1e-7, rtol: 1e-4 };
    const a = new WhiteSignal(0.1, 100, { seed: 10 });
    const b = new WhiteSignal(0.1, 100, { seed: 11 });
    expectAllClose(a.apply(100), a.apply(100), tols);
    expect(() => expectAllClose(a.apply(100), b.apply(100), tols)).toThrow();
    const noise = new WhiteNoise({ dist: new Gaussian(0, 1), scale: false });
    expectAllClose(noise.runSteps(100, 0.001, new Rng(12)), noise.runSteps(100, 0.001, new Rng(12)), tols);
    expect(() => expectAllClose(noise.runSteps(100, 0.001, new Rng(12)), noise.runSteps(100, 0.001, new Rng(13)), tols)).toThrow();
  });
});

describe("Nengo test_processes.py: PresentInput", () => {
  it("PresentInput shows image i = floor((t - dt)/T + 1e-7) mod n", () => {
    const [n, size] = [5, 3 * 8 * 8];
    const rng = new Rng(8);
    const images = Array.from({ length: n }, () => Array.from(rng.fillNormal(new Float64Array(size))));
    const presTime = 0.1;
    const dt = 0.001;
    const nt = 1000;
    const y = new PresentInput({ inputs: images, presentationTime: presTime }).runSteps(nt, dt, new Rng(0));
    for (let k = 0; k < nt; k++) {
      const t = (k + 1) * dt;
      const i = Math.floor((t - dt) / presTime + 1e-7) % n;
      expectAllClose(y.subarray(k * size, (k + 1) * size), images[i] as number[], { rtol: 1e-4, atol: 1e-7, what: `step ${k}` });
    }
  });
});

describe("Nengo test_processes.py: TestPiecewise", () => {
  const dt = 0.001;
  /** Output rows of a 0.15 s run, keyed by the step's time (rounded to the step). */
  function runSim(data: PiecewiseData, interpolation: PiecewiseInterpolation = "zero"): (t: number) => Float64Array {
    const process = new Piecewise(data, { interpolation });
    const d = process.defaultSizeOut;
    const out = process.runSteps(150, dt, new Rng(0));
    return (t) => {
      const k = Math.round(t / dt) - 1;
      return out.subarray(k * d, (k + 1) * d);
    };
  }
  const tol = { rtol: 1e-5, atol: 1e-8 };

  const fn3 = (t: number): number[] => [t, t ** 2, t ** 3];
  const fn3b = (t: number): number[] => [t ** 4, t ** 5, t ** 6];
  const cases: [string, PiecewiseData, [number, number[]][]][] = [
    [
      "basic",
      { 0.05: 1, 0.1: 0 },
      [
        [0.001, [0]],
        [0.025, [0]],
        [0.049, [0]],
        [0.05, [1]],
        [0.075, [1]],
        [0.1, [0]],
        [0.15, [0]],
      ],
    ],
    [
      "lists in data",
      { 0.05: [1, 0], 0.1: [0, 1] },
      [
        [0.001, [0, 0]],
        [0.025, [0, 0]],
        [0.049, [0, 0]],
        [0.05, [1, 0]],
        [0.075, [1, 0]],
        [0.1, [0, 1]],
        [0.15, [0, 1]],
      ],
    ],
    [
      "function",
      { 0.05: Math.sin, 0.1: Math.cos },
      [
        [0.001, [0]],
        [0.049, [0]],
        [0.05, [Math.sin(0.05)]],
        [0.075, [Math.sin(0.075)]],
        [0.1, [Math.cos(0.1)]],
        [0.15, [Math.cos(0.15)]],
      ],
    ],
    [
      "function list",
      { 0.05: fn3, 0.1: fn3b },
      [
        [0.001, [0, 0, 0]],
        [0.049, [0, 0, 0]],
        [0.05, fn3(0.05)],
        [0.075, fn3(0.075)],
        [0.1, fn3b(0.1)],
        [0.15, fn3b(0.15)],
      ],
    ],
    [
      "mixture",
      { 0.05: 1, 0.1: Math.cos },
      [
        [0.001, [0]],
        [0.049, [0]],
        [0.05, [1]],
        [0.075, [1]],
        [0.1, [Math.cos(0.1)]],
        [0.15, [Math.cos(0.15)]],
      ],
    ],
    [
      "mixture 3d",
      { 0.05: [1, 1, 1], 0.1: fn3 },
      [
        [0.001, [0, 0, 0]],
        [0.049, [0, 0, 0]],
        [0.05, [1, 1, 1]],
        [0.075, [1, 1, 1]],
        [0.1, fn3(0.1)],
        [0.15, fn3(0.15)],
      ],
    ],
  ];
  it.each(cases)("Piecewise (zero): %s", (_name, data, expected) => {
    const f = runSim(data);
    for (const [t, y] of expected) expectAllClose(f(t), y, { ...tol, what: `t = ${t}` });
  });

  it.each([1, [1, 1]])("Piecewise is zero before its first key and the key's value after (value %j)", (value) => {
    for (const data of [{ 0.05: 1, 0.1: 0 }, { 1: value }]) {
      const process = new Piecewise(data);
      const size = process.defaultSizeOut;
      const step = process.makeStep(process.defaultSizeIn, size, dt, new Rng(0));
      const out = new Float64Array(size);
      for (const t of [-10, 0]) {
        step(t, new Float64Array(0), out);
        expect(Array.from(out)).toEqual(new Array(size).fill(0));
      }
      if (data === undefined || !(1 in data)) continue;
      step(2, new Float64Array(0), out);
      expect(Array.from(out)).toEqual(new Array(size).fill(1));
    }
  });

  const interps: PiecewiseInterpolation[] = ["zero", "linear", "nearest", "slinear", "quadratic", "cubic"];
  it.each(interps)("Piecewise %s passes through its keys (1-D and 2-D)", (interp) => {
    const f1 = runSim({ 0: -0.5, 0.05: 1, 0.075: -1, 0.1: -0.5 }, interp);
    expectAllClose(f1(0.05), [1], tol);
    expectAllClose(f1(0.075), [-1], tol);
    expectAllClose(f1(0.1), [-0.5], tol);
    const f2 = runSim({ 0: [-0.5, -0.5], 0.05: [1.0, 0.5], 0.075: [-1, -0.5], 0.1: [-0.5, -0.25] }, interp);
    expectAllClose(f2(0.05), [1, 0.5], tol);
    expectAllClose(f2(0.075), [-1, -0.5], tol);
    expectAllClose(f2(0.1), [-0.5, -0.25], tol);
  });

  it("Piecewise refuses bad data", () => {
    const badKey = { 0.05: 1, 0.1: 0, a: 0.2 } as unknown as PiecewiseData;
    expect(() => new Piecewise(badKey)).toThrow(ValidationError);
    expect(() => new Piecewise(badKey)).toThrow(/keys must be times/);
    const bad = (): number => {
      throw new Error("bad callable");
    };
    expect(() => new Piecewise({ 0.05: 1, 0.1: bad })).toThrow(ValidationError);
    expect(() => new Piecewise({ 0.05: [1, 0], 0.1: [1, 0, 0] })).toThrow(ValidationError);
    expect(new Piecewise({ 0.05: [1], 0.1: 0 }).defaultSizeOut).toBe(1);
    expect(() => new Piecewise({ 0.05: 1, 0.1: 0 }, { interpolation: "not-interpolation" as PiecewiseInterpolation })).toThrow(ValidationError);
    expect(() => new Piecewise({ 0.5: 0, 1.0: (t: number) => [t, t ** 2] })).toThrow(/time 1 has size 2/);
  });

  it("Piecewise falls back to zero interpolation with a function", () => {
    expect(new Piecewise({ 0.05: 0, 0.1: (t: number) => t }, { interpolation: "linear" }).interpolation).toBe("zero");
  });
});
