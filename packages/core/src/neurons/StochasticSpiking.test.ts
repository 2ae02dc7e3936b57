import { describe, expect, it } from "vitest";
import { Rng } from "../Rng.js";
import { RectifiedLinear } from "./RectifiedLinear.js";
import { StochasticSpiking } from "./StochasticSpiking.js";
import { Tanh } from "./Tanh.js";

describe("StochasticSpiking", () => {
  it("gives q or q + 1 spikes for e = rate·dt = q + f, q + 1 with probability f (test_spiking_types' statistics)", () => {
    const type = new StochasticSpiking(new RectifiedLinear());
    const dt = 0.001;
    const n = 2000;
    const J = new Float64Array(n).fill(2300); // e = 2.3 spikes per step
    const out = new Float64Array(n);
    const state = type.makeState(n, new Rng(1));
    const rng = new Rng(4);
    let high = 0;
    const steps = 100;
    for (let k = 0; k < steps; k++) {
      type.step(dt, J, out, state, rng);
      for (const o of out) {
        const c = Math.round(o * dt);
        expect(c === 2 || c === 3).toBe(true);
        if (c === 3) high++;
      }
    }
    const p = high / (n * steps);
    expect(Math.abs(p - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / (n * steps)));
  });

  it("spikes carry the sign of a negative base type's rate, and a zero rate never spikes", () => {
    const type = new StochasticSpiking(new Tanh({ tauRef: 0.002 }), { amplitude: 0.5 });
    const J = Float64Array.from([-3, 3, 0]);
    const out = new Float64Array(3);
    const rng = new Rng(7);
    const state = type.makeState(3, rng);
    for (let k = 0; k < 100; k++) {
      type.step(0.001, J, out, state, rng);
      expect(out[0] === 0 || out[0] === -500).toBe(true);
      expect(out[1] === 0 || out[1] === 500).toBe(true);
      expect(out[2]).toBe(0);
    }
  });
});
