import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { Izhikevich } from "./Izhikevich.js";

describe("Izhikevich", () => {
  it("has Nengo's defaults (regular spiking) and validates", () => {
    const iz = new Izhikevich();
    expect([iz.tauRecovery, iz.coupling, iz.resetVoltage, iz.resetRecovery]).toEqual([0.02, 0.2, -65, 8]);
    expect(Object.keys(iz.stateSpec)).toEqual(["voltage", "recovery"]);
    expect(() => new Izhikevich({ tauRecovery: 0, coupling: -1 })).toThrow(
      /Izhikevich.tauRecovery: must be a number > 0 \(got 0\)\n.*Izhikevich.coupling: must be a number >= 0/,
    );
    expect(() => new Izhikevich({ resetVoltage: Number.NaN })).toThrow("Izhikevich.resetVoltage");
  });

  it("spikes when the voltage reaches 30 (inclusive), resetting voltage and bumping recovery", () => {
    const iz = new Izhikevich();
    // from v = u = 0, J = -110 gives v = (140 - 110) · 1000 · 0.001 = 30 exactly
    const state = { voltage: new Float64Array(1), recovery: new Float64Array(1) };
    const out = new Float64Array(1);
    iz.step(0.001, Float64Array.from([-110]), out, state);
    expect(out[0]).toBe(1000);
    expect(state.voltage[0]).toBe(-65);
    expect(state.recovery[0]).toBeCloseTo(0.02 * (0.2 * -65) + 8, 12);
  });

  it("finds gain and bias numerically (Nengo's generic method) that round-trip", () => {
    const iz = new Izhikevich();
    const maxRates = Float64Array.from([40, 80]);
    const intercepts = Float64Array.from([-0.5, 0.2]);
    const { gain, bias } = iz.gainBias(maxRates, intercepts);
    const atOne = iz.rates([1, 1], gain, bias);
    expect(Math.abs(elemAt(atOne, 0) - 40)).toBeLessThan(3);
    expect(Math.abs(elemAt(atOne, 1) - 80)).toBeLessThan(3);
    const back = iz.maxRatesIntercepts(gain, bias);
    expect(Math.abs(elemAt(back.intercepts, 0) + 0.5)).toBeLessThan(0.1);
    expect(Math.abs(elemAt(back.intercepts, 1) - 0.2)).toBeLessThan(0.1);
  });
});
