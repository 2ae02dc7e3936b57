// Decoders from a full build with every input fixed (the 'built_connection' cases of
// shared/reference/nengo/solvers.json).
import { type ConnectionFunction, LIF, LstsqL2, Network, type Solver } from "@plexus/core";
import { build } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReference } from "./support.js";

type Arr = unknown;
interface BuiltCase {
  ensemble_radius: number;
  built_eval_points: Arr;
  built_weights_decoders_T: Arr;
  solver_rmses: number[];
  built_scaled_encoders: Arr;
  built_max_rates: Arr;
  built_intercepts: Arr;
}
interface SolversRef {
  built_connection: { gain: number[]; bias: number[]; encoders: number[][]; eval_points_given: number[][]; cases: Record<string, BuiltCase> };
}

const ref = loadReference<SolversRef>("nengo/solvers.json").built_connection;

const cases: Record<string, { fn: ConnectionFunction | null; solver: () => Solver | undefined }> = {
  identity_default_solver: { fn: null, solver: () => undefined },
  "square_LstsqL2_reg0.01": { fn: (x) => defined(x[0]) ** 2, solver: () => new LstsqL2({ reg: 0.01 }) },
  radius2_half: { fn: (x) => 0.5 * defined(x[0]), solver: () => undefined },
};

describe("built_connection", () => {
  it("covers every reference case", () => {
    expect(Object.keys(ref.cases).sort()).toEqual(Object.keys(cases).sort());
  });
  for (const [name, c] of Object.entries(ref.cases)) {
    it(name, () => {
      const spec = defined(cases[name]);
      const net = new Network({ seed: 0 });
      const ens = net.ensemble({
        nNeurons: 12,
        dimensions: 1,
        neuronType: new LIF(),
        encoders: ref.encoders,
        gain: ref.gain,
        bias: ref.bias,
        evalPoints: ref.eval_points_given,
        radius: c.ensemble_radius,
      });
      const out = net.node({ sizeIn: 1 });
      const solver = spec.solver();
      const conn = net.connect(ens, out, { function: spec.fn, ...(solver !== undefined ? { solver } : {}) });
      const plan = build(net);
      const be = defined(plan.built.ensembles.get(ens));
      const bc = defined(plan.built.connections.get(conn));
      expectAllClose(be.evalPoints, flat(c.built_eval_points), { what: "built_eval_points" });
      expect(bc.weightsShape).toEqual([1, 12]);
      expectAllClose(bc.weights, flat(c.built_weights_decoders_T), { what: "built_weights_decoders_T" });
      expectAllClose(defined(bc.decoders), flat(c.built_weights_decoders_T), { what: "decoders" });
      expectAllClose(defined(bc.solverInfo).rmses, c.solver_rmses, { what: "solver_rmses" });
      expectAllClose(be.scaledEncoders, flat(c.built_scaled_encoders), { what: "built_scaled_encoders" });
      expectAllClose(defined(be.maxRates), flat(c.built_max_rates), { what: "built_max_rates" });
      expectAllClose(defined(be.intercepts), flat(c.built_intercepts), { what: "built_intercepts" });
    });
  }
});
