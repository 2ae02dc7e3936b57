import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { Uniform } from "../distributions/Uniform.js";
import { ValidationError } from "../errors.js";
import { f64At, numAt } from "../internal/checked.js";
import { Rng } from "../Rng.js";
import { AdaptiveLIFRate } from "./AdaptiveLIFRate.js";
import { LIF } from "./LIF.js";
import { LIFRate } from "./LIFRate.js";
import { RegularSpiking } from "./RegularSpiking.js";
import { Tanh } from "./Tanh.js";

describe("RegularSpiking", () => {
  it("wraps a rate type: its rates and gain/bias, the base state plus voltage and rateOut", () => {
    const base = new AdaptiveLIFRate();
    const rs = new RegularSpiking(base, { amplitude: 0.5 });
    expect(rs.spiking).toBe(true);
    expect(Object.keys(rs.stateSpec)).toEqual(["adaptation", "voltage", "rateOut"]);
    expect(rs.stateSpec["voltage"]).toBeInstanceOf(Uniform);
    expect(rs.rates([0.5, 1], [3], [0.2])).toEqual(base.rates([0.5, 1], [3], [0.2]));
    expect(rs.gainBias([100], [0])).toEqual(base.gainBias([100], [0]));
    expect(new RegularSpiking(new Tanh()).negative).toBe(true);
    expect(String(rs)).toBe("RegularSpiking(baseType=AdaptiveLIFRate(tauN=1, incN=0.01, tauRc=0.02, tauRef=0.002, amplitude=1), amplitude=0.5)");
  });

  it("spikes at regular intervals at the base rate", () => {
    const rs = new RegularSpiking(new LIFRate(), { amplitude: 2 });
    const j = Float64Array.from([2, 5]);
    const state = rs.makeState(2, new Rng(1));
    defined(state["voltage"]).fill(0);
    const out = new Float64Array(2);
    const counts = [0, 0];
    for (let s = 0; s < 1000; s++) {
      rs.step(0.001, j, out, state);
      for (let i = 0; i < 2; i++) if (out[i] !== 0) counts[i] = numAt(counts, i) + (f64At(out, i) * 0.001) / 2;
    }
    const rates = new LIFRate().rates([1, 1], [2, 5], [0, 0]);
    expect(state["rateOut"]).toEqual(rates);
    for (let i = 0; i < 2; i++) expect(Math.abs(numAt(counts, i) - f64At(rates, i))).toBeLessThanOrEqual(1);
  });

  it("takes base initial state from the base type", () => {
    const rs = new RegularSpiking(new AdaptiveLIFRate({ initialState: { adaptation: 0.3 } }));
    expect(rs.makeState(2, new Rng(1))["adaptation"]).toEqual(Float64Array.from([0.3, 0.3]));
  });

  it("rejects a base type whose state overlaps its own (a spiking LIF)", () => {
    expect(() => new RegularSpiking(new LIF())).toThrow(ValidationError);
    expect(() => new RegularSpiking(new LIF())).toThrow(/overlapping state variable \(voltage\); use a rate base type/);
    expect(() => new RegularSpiking(new LIFRate(), { amplitude: 0 })).toThrow("RegularSpiking.amplitude");
  });
});
