// Translations of Nengo 4.1's nengo/tests/test_synapses.py (the parts not needing a simulator).
// Oracles are analytic or computed here independently of the filter code (direct convolution,
// closed-form transfer functions); tolerances are Nengo's (its `allclose` fixture defaults to
// rtol 1e-5, atol 1e-8; `np.allclose` the same).
//   test_direct                  → "a discrete gain filter scales its input"
//   test_triangle                → "Triangle equals the direct convolution with its taps, and keeps y0"
//   test_linearfilter_evaluate   → "evaluate gives the analytic first- and second-order responses"
//   test_linearfilter_y0         → "y0 starts a high-order filter in steady state; a zero DC gain refuses it"
//   test_linearfilter_extras     → "a pure gain and a discrete differentiator filter correctly"
//   test_step_errors             → "LinearFilter.General refuses matrices of inconsistent sizes"
//   test_filt                    → "Lowpass.filt matches convolution with the exponential kernel"
//   test_filtfilt                → "filtfilt is filt forward then backward from the last value"
//   test_lti_lowpass             → "LinearFilter([1], [tau, 1]) is Lowpass(tau)"
//   test_linearfilter_combine    → "combine is the product filter; it refuses non-LinearFilters and mixed analog/digital"
//   test_combined_delay          → "two Lowpass filters in series equal the squared discrete transfer function"
//   test_synapseparam            → "a synapse parameter converts numbers to Lowpass and refuses other values"
import { describe, expect, it } from "vitest";
import { expectAllClose } from "../../../../test/support/reference.js";
import { Alpha, LinearFilter, Lowpass, Rng, type SynapseLike, Triangle, toSynapse, ValidationError } from "../../src/index.js";

// 4th-order Butterworth filter, scipy.signal.butter(4, 0.1, analog=False), as in Nengo's test.
const butterNum = [0.0004166, 0.0016664, 0.0024996, 0.0016664, 0.0004166];
const butterDen = [1.0, -3.18063855, 3.86119435, -2.11215536, 0.43826514];
const nengoTol = { rtol: 1e-5, atol: 1e-8 };

function normals(rng: Rng, n: number): Float64Array {
  return rng.fillNormal(new Float64Array(n));
}

/** np.convolve(u, k)[:len(u)] */
function convolveHead(u: Float64Array, k: ArrayLike<number>): Float64Array {
  const y = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) {
    let s = 0;
    for (let j = 0; j < k.length && j <= i; j++) s += (k[j] as number) * (u[i - j] as number);
    y[i] = s;
  }
  return y;
}

describe("Nengo test_synapses.py", () => {
  it("a discrete gain filter scales its input", () => {
    const a = 0.7;
    const x = normals(new Rng(1), 200);
    const y = new LinearFilter([a], [1], { analog: false }).filt(x, 1, 1e-3, [0]);
    expectAllClose(
      y,
      x.map((v) => a * v),
      nengoTol,
    );
  });

  it("Triangle equals the direct convolution with its taps, and keeps y0", () => {
    const dt = 1e-3;
    const tau = 0.03;
    const x = new Rng(2).fillUniform(new Float64Array(200), -1, 1);
    const nTaps = Math.round(tau / dt) + 1;
    const taps = Array.from({ length: nTaps }, (_, i) => nTaps - i);
    const sum = taps.reduce((p, q) => p + q, 0);
    const y = convolveHead(
      x,
      taps.map((v) => v / sum),
    );
    expectAllClose(new Triangle(tau).filt(x, 1, dt, [0]), y, { rtol: 0, atol: 1e-8 });
    expectAllClose(new Triangle(tau).filt(new Float64Array(100).fill(1), 1, dt, [1]), new Float64Array(100).fill(1), nengoTol);
  });

  it("evaluate gives the analytic first- and second-order responses", () => {
    const tau = 0.02;
    const f = Array.from({ length: 100 }, (_, i) => 10 ** (-1 + (4 * i) / 99));
    const y1 = new LinearFilter([1], [tau, 1]).evaluate(f);
    const y2 = new LinearFilter([1], [tau ** 2, 2 * tau, 1]).evaluate(f);
    const re1: number[] = [];
    const im1: number[] = [];
    const re2: number[] = [];
    const im2: number[] = [];
    for (const fi of f) {
      const w = 2 * Math.PI * fi * tau; // jw_tau = i·w
      // 1 / (1 + i w)
      re1.push(1 / (1 + w * w));
      im1.push(-w / (1 + w * w));
      // 1 / ((i w)^2 + 2 i w + 1) = 1 / ((1 - w²) + 2 i w)
      const dr = 1 - w * w;
      const di = 2 * w;
      const m = dr * dr + di * di;
      re2.push(dr / m);
      im2.push(-di / m);
    }
    expectAllClose(y1.re, re1, nengoTol);
    expectAllClose(y1.im, im1, nengoTol);
    expectAllClose(y2.re, re2, nengoTol);
    expectAllClose(y2.im, im2, nengoTol);
  });

  it("y0 starts a high-order filter in steady state; a zero DC gain refuses it", () => {
    const synapse = new LinearFilter(butterNum, butterDen, { analog: false });
    const v = 9.81;
    const x = new Float64Array(10).fill(v);
    expectAllClose(synapse.filt(x, 1, 1e-3, [v]), x, nengoTol);
    const fromZero = synapse.filt(x, 1, 1e-3, [0]);
    expect(fromZero.some((y) => Math.abs(y - v) > 1e-8 + 1e-5 * v)).toBe(true);

    const highPass = new LinearFilter([1, 0], [1, 1]);
    expect(() => highPass.filt(new Float64Array(10).fill(1), 1, 1e-3, [1])).toThrow(ValidationError);
  });

  it("a pure gain and a discrete differentiator filter correctly", () => {
    expectAllClose(new LinearFilter([3], [2]).filt(Float64Array.of(2), 1, 1e-3), [3], nengoTol);
    const diff = new LinearFilter([1, -1], [1, 0], { analog: false });
    expectAllClose(diff.filt(Float64Array.of(1, -1, 2), 1, 1e-3, [0]), [1, -2, 3], nengoTol);
  });

  it("LinearFilter.General refuses matrices of inconsistent sizes", () => {
    // A is 2×2 but B has one row (Nengo: "Matrices do not meet the requirements").
    const filter = {
      order: 2,
      a: new Float64Array(4).fill(1),
      b: new Float64Array(1).fill(1),
      c: new Float64Array(2).fill(1),
      d: 1,
      stepKind: "general" as const,
    };
    expect(() => new LinearFilter.General(filter, 1)).toThrow(ValidationError);
  });

  it("Lowpass.filt matches convolution with the exponential kernel", () => {
    const dt = 1e-3;
    const tau = 0.1;
    const nt = 500;
    const tauDt = tau / dt;
    const u = normals(new Rng(3), nt);
    const k = Array.from({ length: 30 * tauDt }, (_, i) => (1 / tauDt) * Math.exp(-i / tauDt));
    expectAllClose(new Lowpass(tau).filt(u, 1, dt, [0]), convolveHead(u, k), { rtol: 1e-2, atol: 1e-3 });
  });

  it("filtfilt is filt forward then backward from the last value", () => {
    const dt = 1e-3;
    const synapse = new Lowpass(0.03);
    const u = normals(new Rng(4), 3000);
    const x = synapse.filt(u, 1, dt);
    const back = synapse.filt(x.slice().reverse(), 1, dt, [x[x.length - 1] as number]).reverse();
    expectAllClose(synapse.filtfilt(u, 1, dt), back, nengoTol);
  });

  it("LinearFilter([1], [tau, 1]) is Lowpass(tau)", () => {
    const dt = 1e-3;
    const tau = 1e-2;
    const u = normals(new Rng(5), 3000 * 10);
    expectAllClose(new LinearFilter([1], [tau, 1]).filt(u, 10, dt), new Lowpass(tau).filt(u, 10, dt), nengoTol);
  });

  it("combine is the product filter; it refuses non-LinearFilters and mixed analog/digital", () => {
    const [tau0, tau1] = [0.01, 0.02];
    const u = normals(new Rng(6), 3000 * 10);
    const x = new LinearFilter([1], [tau0 * tau1, tau0 + tau1, 1]).filt(u, 10, 1e-3, [0]);
    const y = new Lowpass(tau0).combine(new Lowpass(tau1)).filt(u, 10, 1e-3, [0]);
    expectAllClose(y, x, nengoTol);

    expect(() => new Lowpass(0.1).combine(new Triangle(0.01) as unknown as LinearFilter)).toThrow(ValidationError);
    expect(() => new Lowpass(0.1).combine(new LinearFilter([1], [1], { analog: false }))).toThrow(/analog and digital/);
  });

  it("two Lowpass filters in series equal the squared discrete transfer function", () => {
    const dt = 0.001;
    const tau = 0.005;
    // zoh discretisation of 1/(tau s + 1): (1 - a) / (z - a), a = exp(-dt/tau)
    const a = Math.exp(-dt / tau);
    const b = 1 - a;
    const sys1 = new Lowpass(tau);
    const sys2 = new LinearFilter([b * b], [1, -2 * a, a * a], { analog: false });
    const u = new Float64Array(50).fill(1);
    const p1 = sys1.filt(sys1.filt(u, 1, dt), 1, dt);
    const p2 = sys2.filt(u, 1, dt);
    // sys2 is strictly proper (one step of delay that the simulator's second synapse gives sys1).
    expect(p2[0]).toBe(0);
    expectAllClose(p2.subarray(1), p1.subarray(0, 49), nengoTol);
    expect(p1[0]).not.toBe(0);
  });

  it("a synapse parameter converts numbers to Lowpass and refuses other values", () => {
    const s = toSynapse(0.05);
    expect(s).toBeInstanceOf(Lowpass);
    expect((s as Lowpass).tau).toBe(0.05);
    expect(toSynapse(null)).toBeNull();
    const alpha = new Alpha(0.1);
    expect(toSynapse(alpha)).toBe(alpha);
    expect(() => toSynapse("a" as unknown as SynapseLike)).toThrow(ValidationError);
  });
});
