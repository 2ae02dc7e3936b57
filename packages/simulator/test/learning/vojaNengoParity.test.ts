// Voja of @plexus/core run by @plexus/simulator against Nengo 4.1's own run of the same network
// (voja.json, made by gen_voja.py beside it from Nengo's source): a 2-D rotating input moving
// the encoders of a 6-neuron ensemble, with and without a learning signal into the rule.

import { LIF, LIFRate, Network, type Probe, Voja } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { Simulator } from "../../src/Simulator.js";
import { maxErrors, probeRule } from "./ruleParity.js";

interface Case {
  readonly learning_rate: number;
  readonly post_synapse: number | null;
  readonly signal: boolean;
  readonly spiking: boolean;
  readonly [probe: string]: unknown;
}
interface Reference {
  readonly dt: number;
  readonly steps: number;
  readonly radius: number;
  readonly encoders: number[][];
  readonly gain: number[];
  readonly bias: number[];
  readonly voltage: number[];
  readonly cases: Readonly<Record<string, Case>>;
}

const ref = loadReferenceBeside<Reference>(import.meta.url, "./voja.json");

function vojaNet(c: Case) {
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: (t: number) => [0.9 * Math.cos(2 * Math.PI * t), 0.9 * Math.sin(2 * Math.PI * t)] });
  const neuronType = c.spiking ? new LIF({ initialState: { voltage: ref.voltage } }) : new LIFRate();
  const post = net.ensemble({
    nNeurons: ref.gain.length,
    dimensions: 2,
    radius: ref.radius,
    neuronType,
    encoders: ref.encoders,
    gain: ref.gain,
    bias: ref.bias,
  });
  const conn = net.connect(stim, post, { learningRule: new Voja({ learningRate: c.learning_rate, postSynapse: c.post_synapse }) });
  if (c.signal) net.connect(net.node({ output: (t: number) => (t > 0.5 ? -0.5 : 0.3) }), defined(conn.learningRule));
  const probes: Record<string, Probe> = { post: net.probe(post.neurons, { sampleEvery: 0.05 }) };
  Object.assign(probes, probeRule(net, conn.learningRuleFor(0), 0.05));
  return { net, probes };
}

describe("Voja on the simulator = Nengo 4.1's (voja.json)", () => {
  for (const [name, c] of Object.entries(ref.cases)) {
    it(`${name}: scaled encoders, delta and filtered activities follow Nengo's run`, () => {
      const { net, probes } = vojaNet(c);
      const sim = new Simulator(net, { dt: ref.dt, progress: false });
      sim.runSteps(ref.steps);
      const errs = maxErrors(sim, probes, c);
      // the encoders moved (the rule ran), and by the same amounts as Nengo's
      const enc = c["scaled_encoders"] as number[][];
      expect(Math.max(...defined(enc.at(-1)).map((v, i) => Math.abs(v - defined(defined(enc[0])[i]))))).toBeGreaterThan(0.1);
      // measured: scaled encoders <= 3e-16, delta <= 1e-18, rates <= 6e-14
      expect(errs["scaled_encoders"]).toBeLessThan(1e-12);
      expect(errs["delta"]).toBeLessThan(1e-14);
      expect(errs["post_filtered"]).toBeLessThan(1e-9);
      expect(errs["post"]).toBeLessThan(1e-9);
    });
  }
});
