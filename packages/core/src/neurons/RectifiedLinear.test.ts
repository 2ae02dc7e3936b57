import { describe, expect, it } from "vitest";
import { RectifiedLinear } from "./RectifiedLinear.js";
import { SpikingRectifiedLinear } from "./SpikingRectifiedLinear.js";

describe("RectifiedLinear and SpikingRectifiedLinear", () => {
  it("have Nengo's defaults and validate amplitude", () => {
    expect(new RectifiedLinear().amplitude).toBe(1);
    expect(new SpikingRectifiedLinear().spiking).toBe(true);
    expect(Object.keys(new SpikingRectifiedLinear().stateSpec)).toEqual(["voltage"]);
    expect(() => new RectifiedLinear({ amplitude: 0 })).toThrow("RectifiedLinear.amplitude: must be a number > 0 (got 0)");
    expect(() => new SpikingRectifiedLinear({ amplitude: -1 })).toThrow("SpikingRectifiedLinear.amplitude");
  });

  it("rates are amplitude · max(0, J) for both", () => {
    for (const t of [new RectifiedLinear({ amplitude: 0.5 }), new SpikingRectifiedLinear({ amplitude: 0.5 })]) {
      expect(t.rates([-2, 0, 4], [1], [0])).toEqual(Float64Array.from([0, 0, 2]));
    }
  });

  it("the spiking version emits several spikes in one step when J · dt >= 1", () => {
    const t = new SpikingRectifiedLinear();
    const state = { voltage: Float64Array.from([0.5]) };
    const out = new Float64Array(1);
    t.step(0.001, Float64Array.from([2600]), out, state);
    expect(out[0]).toBe(3000);
    expect(state.voltage[0]).toBeCloseTo(0.1, 12);
  });
});
