// PES into neurons and on full weights (Nengo's `conn._to_neurons`: the error goes through the
// post ensemble's scaled encoders) run by @plexus/simulator against Nengo 4.1's own run of the
// same networks (pes_neurons.json, made by gen_pes_neurons.py beside it from Nengo's source).
import { type Network, NoSolver, PES, type Probe, type Slice } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { Simulator } from "../../src/Simulator.js";
import { maxChange, maxErrors, pesNeuronsRef, probeRule, twoEnsembles } from "./ruleParity.js";

const ref = pesNeuronsRef;
const NA = ref.gainA.length;
const NB = ref.gainB.length;

/** The generator's `learned()`: the learned connection of each case and the dimensions of its error. */
function learned(name: string, net: Network, a: ReturnType<Network["ensemble"]>, b: ReturnType<Network["ensemble"]>) {
  const learningRule = new PES({ learningRate: ref.rate });
  const d0 = Float64Array.from(ref.d0.flat());
  const weightSolver = new NoSolver({ values: d0, weights: true });
  switch (name) {
    case "weight_solver":
      return { conn: net.connect(a, b, { solver: weightSolver, transform: ref.target, learningRule }), dims: [0, 1] };
    case "weight_solver_slice":
      return { conn: net.connect(a, b, { solver: weightSolver, postSlice: [1] as Slice, transform: [[1, 0]], learningRule }), dims: [1] };
    case "ens_neurons":
      return { conn: net.connect(a, b.neurons, { solver: new NoSolver({ values: d0 }), transform: ref.en, learningRule }), dims: [0, 1] };
    case "neuron_neuron":
      return { conn: net.connect(a.neurons, b.neurons, { transform: ref.w0, learningRule }), dims: [0, 1] };
    default: {
      const w = ref.w0.slice(1, NB - 1).map((row) => row.slice(2));
      const conn = net.connect(a.neurons, b.neurons, { preSlice: { start: 2, stop: NA }, postSlice: { start: 1, stop: NB - 1 }, transform: w, learningRule });
      return { conn, dims: [0, 1] };
    }
  }
}

function pesNet(name: string) {
  const { net, stim, a, b } = twoEnsembles(name.endsWith("_lif"));
  const { conn, dims } = learned(name.replace(/_lif$/, ""), net, a, b);
  const error = net.node({ sizeIn: dims.length });
  net.connect(b.neurons, error, { transform: dims.map((k) => ref.db[k] ?? []) });
  net.connect(stim, error, { transform: dims.map((k) => (ref.target[k] ?? []).map((v) => -v)) });
  const rule = conn.learningRule;
  if (rule === null) throw new Error("no learning rule");
  net.connect(error, rule);
  const probes: Record<string, Probe> = {
    weights: net.probe(conn, { attr: "weights", sampleEvery: 0.05 }),
    b: net.probe(b.neurons, { sampleEvery: 0.05 }),
    ...probeRule(net, rule, 0.05),
  };
  return { net, probes };
}

describe("PES into neurons and on full weights on the simulator = Nengo 4.1's (pes_neurons.json)", () => {
  for (const [name, want] of Object.entries(ref.cases)) {
    it(`${name}: weights, delta, error, activities and the post neurons follow Nengo's run`, () => {
      const { net, probes } = pesNet(name);
      const sim = new Simulator(net, { dt: ref.dt, progress: false });
      sim.runSteps(ref.steps);
      const errs = maxErrors(sim, probes, want);
      // measured (LIFRate and LIF): weights <= 7e-17, delta <= 2e-19, error <= 5e-15, activities <= 6e-14, b <= 4e-12
      // the weights moved: the rule ran
      expect(maxChange(want["weights"] ?? [])).toBeGreaterThan(1e-4);
      expect(errs["weights"]).toBeLessThan(1e-12);
      expect(errs["delta"]).toBeLessThan(1e-14);
      expect(errs["error"]).toBeLessThan(1e-9);
      expect(errs["activities"]).toBeLessThan(1e-9);
      expect(errs["b"]).toBeLessThan(1e-9);
    });
  }
});
