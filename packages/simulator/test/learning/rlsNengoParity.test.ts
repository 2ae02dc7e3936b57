// RLS of @plexus/core run by @plexus/simulator against Nengo 4.1's own run of the same network
// (rls.json, made by gen_rls.py beside it from Nengo's source): learning a communication channel
// from zero decoders with error = b − stimulus.

import { LIF, LIFRate, Network, NoSolver, type Probe, RLS } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { Simulator } from "../../src/Simulator.js";
import { maxErrors, probeRule } from "./ruleParity.js";

interface Case {
  readonly learning_rate: number;
  readonly pre_synapse: number | null;
  readonly spiking: boolean;
  readonly [probe: string]: unknown;
}
interface Reference {
  readonly dt: number;
  readonly steps: number;
  readonly encoders: number[][];
  readonly gain: number[];
  readonly bias: number[];
  readonly voltage: number[];
  readonly cases: Readonly<Record<string, Case>>;
}

const ref = loadReferenceBeside<Reference>(import.meta.url, "./rls.json");

function rlsNet(c: Case) {
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) * 0.8 });
  const neuronType = c.spiking ? new LIF({ initialState: { voltage: ref.voltage } }) : new LIFRate();
  const a = net.ensemble({ nNeurons: ref.gain.length, dimensions: 1, neuronType, encoders: ref.encoders, gain: ref.gain, bias: ref.bias });
  net.connect(stim, a);
  const b = net.node({ sizeIn: 1 });
  const conn = net.connect(a, b, { solver: new NoSolver(), learningRule: new RLS({ learningRate: c.learning_rate, preSynapse: c.pre_synapse }) });
  const error = net.node({ sizeIn: 1 });
  net.connect(b, error);
  net.connect(stim, error, { transform: -1 });
  net.connect(error, defined(conn.learningRule));
  const probes: Record<string, Probe> = { weights: net.probe(conn, { attr: "weights", sampleEvery: 0.05 }), b: net.probe(b) };
  Object.assign(probes, probeRule(net, conn.learningRuleFor(0), 0.05));
  return { net, probes };
}

describe("RLS on the simulator = Nengo 4.1's (rls.json)", () => {
  for (const [name, c] of Object.entries(ref.cases)) {
    it(`${name}: decoders, delta, inverse correlation and output follow Nengo's run`, () => {
      const { net, probes } = rlsNet(c);
      const sim = new Simulator(net, { dt: ref.dt, progress: false });
      sim.runSteps(ref.steps);
      const errs = maxErrors(sim, probes, c);
      const w = c["weights"] as number[][];
      expect(Math.max(...defined(w.at(-1)).map(Math.abs))).toBeGreaterThan(1e-3); // learned from zero
      // measured: weights <= 2e-18 (of ~3e-3), delta <= 4e-20, inv_gamma <= 2e-21 (of ~1e-7), rates <= 5e-14
      expect(errs["weights"]).toBeLessThan(1e-16);
      expect(errs["delta"]).toBeLessThan(1e-18);
      expect(errs["inv_gamma"]).toBeLessThan(1e-19);
      expect(errs["b"]).toBeLessThan(1e-9);
      expect(errs["error"]).toBeLessThan(1e-9);
      expect(errs["pre_filtered"]).toBeLessThan(1e-9);
    });
  }
});
