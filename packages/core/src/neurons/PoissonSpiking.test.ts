import { describe, expect, it, vi } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { captureWarnings } from "../../../../test/support/warnings.js";
import { SimulationError, ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { poisson } from "./internal/poisson.js";
import { LIF } from "./LIF.js";
import { PoissonSpiking } from "./PoissonSpiking.js";
import { RectifiedLinear } from "./RectifiedLinear.js";
import { Tanh } from "./Tanh.js";

/** Mean and variance of `n` draws. */
function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe("PoissonSpiking", () => {
  it("poisson: mean and variance are the mean asked for, below and above 10 (multiplication and PTRS)", () => {
    const rng = new Rng(5);
    const n = 200_000;
    for (const lam of [0.02, 0.7, 3, 9.5, 10, 25, 400]) {
      const { mean, variance } = moments(() => poisson(rng, lam), n);
      // four standard errors of the mean; the variance's standard error is about lam·sqrt(2/n)
      expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(lam / n));
      expect(Math.abs(variance - lam)).toBeLessThan(4 * lam * Math.sqrt(2 / n) + 4 * Math.sqrt(lam / n));
    }
    expect(poisson(rng, 0)).toBe(0);
  });

  it("spike counts per step are Poisson with mean rate·dt, of height amplitude/dt (test_spiking_types' statistics)", () => {
    const type = new PoissonSpiking(new RectifiedLinear({ amplitude: 1 }), { amplitude: 2 });
    const dt = 0.001;
    const n = 1000;
    const J = new Float64Array(n).fill(150); // 150 Hz
    const out = new Float64Array(n);
    const state = type.makeState(n, new Rng(1));
    const rng = new Rng(2);
    let s = 0;
    let s2 = 0;
    const steps = 200;
    for (let k = 0; k < steps; k++) {
      type.step(dt, J, out, state, rng);
      for (const o of out) {
        const c = o / (2 / dt);
        expect(Number.isInteger(c)).toBe(true);
        s += c;
        s2 += c * c;
      }
    }
    const m = s / (n * steps);
    const v = s2 / (n * steps) - m * m;
    expect(Math.abs(m - 0.15)).toBeLessThan(4 * Math.sqrt(0.15 / (n * steps)));
    expect(Math.abs(v - 0.15)).toBeLessThan(0.01);
    expect(Array.from(defined(state["rateOut"]))).toEqual(new Array(n).fill(150));
  });

  it("spikes carry the sign of a negative base type's rate (Tanh)", () => {
    const type = new PoissonSpiking(new Tanh({ tauRef: 0.002 }));
    const J = Float64Array.from([-3, 3, 0]);
    const out = new Float64Array(3);
    const rng = new Rng(3);
    let neg = 0;
    let pos = 0;
    for (let k = 0; k < 200; k++) {
      type.step(0.001, J, out, type.makeState(3, rng), rng);
      expect(out[0]).toBeLessThanOrEqual(0);
      expect(out[1]).toBeGreaterThanOrEqual(0);
      expect(out[2]).toBe(0);
      neg += elemAt(out, 0) < 0 ? 1 : 0;
      pos += elemAt(out, 1) > 0 ? 1 : 0;
    }
    expect(neg).toBeGreaterThan(50);
    expect(pos).toBeGreaterThan(50);
  });

  it("refuses amplitude <= 0 and a step without a generator; probes output and rateOut", () => {
    expect(() => new PoissonSpiking(new RectifiedLinear(), { amplitude: 0 })).toThrow(ValidationError);
    const type = new PoissonSpiking(new RectifiedLinear());
    expect(() => type.step(0.001, new Float64Array(1), new Float64Array(1), type.makeState(1, new Rng(0)))).toThrow(SimulationError);
    expect(type.stochastic).toBe(true);
    expect(type.probeable).toEqual(["output", "rateOut"]);
    // LIF has no rateOut: a spiking base is allowed, with a warning (as Nengo), its rates still come from its step
    const emitted = captureWarnings();
    expect(() => new PoissonSpiking(new LIF())).not.toThrow();
    expect(emitted).toEqual([expect.stringMatching(/PoissonSpiking.baseType: 'LIF' is a spiking neuron type/)]);
    vi.restoreAllMocks();
  });
});
