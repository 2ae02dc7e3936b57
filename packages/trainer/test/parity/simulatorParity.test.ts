// In inference mode the typed engine computes what the simulator computes: same build, same
// one-step synapse delays, spiking neurons running their real step.
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../../../../test/support/reference.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { richData, richNetwork } from "./richNetwork.js";

function simulate(B: number, T: number, spikingRelu: boolean): Record<"y" | "z", Float64Array> {
  const net = richNetwork({ spikingRelu });
  const data = richData(B, T);
  const u = defined(data.inputs["u"]);
  const y = new Float64Array(B * T);
  const z = new Float64Array(B * T * 2);
  const plan = build(net);
  for (let b = 0; b < B; b++) {
    const sim = new Simulator(plan, { progress: false });
    sim.setInput("u", u.slice(b * T * 2, (b + 1) * T * 2));
    for (let t = 0; t < T; t++) {
      sim.step();
      y[b * T + t] = defined(sim.readOutput("y")[0]);
      z.set(sim.readOutput("z"), (b * T + t) * 2);
    }
  }
  return { y, z };
}

describe("typed engine in inference mode", () => {
  for (const spikingRelu of [false, true]) {
    it(`predicts what the simulator runs (LIF spikes${spikingRelu ? ", SpikingRectifiedLinear" : ""}, every synapse kind, slices, recurrence, subnetwork)`, () => {
      const B = 3;
      const T = 80;
      const expected = simulate(B, T, spikingRelu);
      const model = new TypedEngine().compile(richNetwork({ spikingRelu }));
      const data = richData(B, T);
      const out = model.predict(data.inputs, B, T);
      expect(Math.max(...expected.y.map(Math.abs))).toBeGreaterThan(0);
      expectAllClose(defined(out["y"]), expected.y, { rtol: 1e-9, atol: 1e-9, what: "y" });
      expectAllClose(defined(out["z"]), expected.z, { rtol: 1e-9, atol: 1e-9, what: "z" });
      // Chunked inference (fewer examples per chunk than the batch) gives the same.
      model.lossAndGradients({ ...richData(2, T), batchSize: 2 });
      const again = model.predict(data.inputs, B, T);
      expectAllClose(defined(again["y"]), expected.y, { rtol: 1e-9, atol: 1e-9, what: "y (chunked)" });
    });
  }
});
