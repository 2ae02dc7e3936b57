// Piecewise quadratic/cubic interpolation, Process.trange/ntrange/apply, Synapse.apply/filtfilt and
// LinearFilter.evaluate against Nengo 4.1 (reference/processes_synapses.json from
// gen_processes_synapses.py, which runs Nengo and scipy).
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReferenceBeside } from "../../../../test/support/reference.js";
import { ValidationError } from "../../src/errors.js";
import { elemAt } from "../../src/internal/checked.js";
import { Piecewise } from "../../src/processes/Piecewise.js";
import { Alpha } from "../../src/synapses/Alpha.js";
import { LinearFilter } from "../../src/synapses/LinearFilter.js";
import { Lowpass } from "../../src/synapses/Lowpass.js";
import type { Synapse } from "../../src/synapses/Synapse.js";

interface Ref {
  dt: number;
  piecewise: { times: number[]; values: number[][]; interpolation: "quadratic" | "cubic"; output: number[][] }[];
  trange: [number, number, number[]][];
  ntrange: [number, number, number[]][];
  x: number[][];
  frequencies: number[];
  synapses: {
    name: string;
    num: number[];
    den: number[];
    analog: boolean;
    apply: number[][];
    filtfilt: number[][];
    evaluate_re: number[];
    evaluate_im: number[];
  }[];
}
const ref = loadReferenceBeside<Ref>(import.meta.url, "./reference/processes_synapses.json");

const maxErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(elemAt(a, i) - elemAt(b, i)));
  return m;
};

describe("Piecewise quadratic and cubic interpolation (scipy interp1d splines) against Nengo 4.1", () => {
  for (const c of ref.piecewise) {
    it(`${c.interpolation} through ${c.times.length} keys of size ${elemAt(c.values, 0).length}`, () => {
      const data = new Map(c.times.map((t, i) => [t, elemAt(c.values, i)] as const));
      const p = new Piecewise(data, { interpolation: c.interpolation });
      const y = p.apply(c.output.length, { dt: ref.dt });
      expect(maxErr(y, flat(c.output))).toBeLessThan(1e-12);
    });
  }

  it("refuses too few keys for the spline's degree, naming the interpolation", () => {
    expect(() => new Piecewise({ 0: 1, 0.1: 2 }, { interpolation: "quadratic" })).toThrow(/'quadratic' interpolation needs at least 3 time keys/);
    expect(() => new Piecewise({ 0: 1, 0.1: 2, 0.2: 0 }, { interpolation: "cubic" })).toThrow(ValidationError);
  });
});

describe("Process.trange, ntrange and apply against Nengo 4.1", () => {
  const p = new Piecewise({ 0: 1 });
  for (const [duration, dt, want] of ref.trange) {
    it(`trange(${duration}, dt=${dt}) has Nengo's ${want.length} steps`, () => {
      expectAllClose(p.trange(duration, dt), want, { rtol: 0, atol: 0, what: "trange" });
    });
  }
  for (const [n, dt, want] of ref.ntrange) {
    it(`ntrange(${n}, dt=${dt})`, () => {
      expectAllClose(p.ntrange(n, dt), want, { rtol: 0, atol: 0, what: "ntrange" });
    });
  }
  it("apply refuses an input for a process without one, and a step count that is not whole", () => {
    expect(() => p.apply(new Float64Array(3))).toThrow(/step count/);
    expect(() => p.apply(2.5)).toThrow(ValidationError);
  });
});

function synapseOf(c: Ref["synapses"][number]): Synapse {
  if (c.name.startsWith("Lowpass")) return new Lowpass(Number(defined(/\(([^)]*)\)/.exec(c.name))[1]));
  if (c.name.startsWith("Alpha")) return new Alpha(Number(defined(/\(([^)]*)\)/.exec(c.name))[1]));
  return new LinearFilter(c.num, c.den, { analog: c.analog });
}

describe("Synapse apply, filtfilt and LinearFilter.evaluate against Nengo 4.1", () => {
  const x = flat(ref.x);
  for (const c of ref.synapses) {
    it(`${c.name}: apply and filtfilt`, () => {
      const s = synapseOf(c);
      expect(maxErr(s.apply(x, 2, ref.dt), flat(c.apply))).toBeLessThan(1e-12);
      expect(maxErr(s.filtfilt(x, 2, ref.dt), flat(c.filtfilt))).toBeLessThan(1e-12);
    });
    it(`${c.name}: evaluate(frequencies)`, () => {
      const s = synapseOf(c) as LinearFilter;
      const { re, im } = s.evaluate(ref.frequencies);
      expectAllClose(re, c.evaluate_re, { rtol: 1e-12, atol: 1e-15, what: "real part" });
      expectAllClose(im, c.evaluate_im, { rtol: 1e-12, atol: 1e-15, what: "imaginary part" });
    });
  }
});
