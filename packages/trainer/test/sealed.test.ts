// A trained subnetwork is sealed: nothing done to the user's network after (or during) training
// changes what it computes, reports, evaluates or saves (issue 10, item 1).

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIFRate, Network, parameterName, Rng } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { CmaEsTrainer } from "../src/CmaEsTrainer.js";
import { adam } from "../src/engine/Optimizer.js";
import { freeze } from "../src/freeze.js";
import { frozenCopy } from "../src/frozenCopy.js";
import { GradientTrainer } from "../src/GradientTrainer.js";
import { LeastSquaresTrainer } from "../src/LeastSquaresTrainer.js";
import { load } from "../src/load.js";
import { PesTrainer } from "../src/PesTrainer.js";
import { save } from "../src/save.js";
import type { TrainedSubnetwork } from "../src/TrainedSubnetwork.js";
import { toBytes } from "../src/toBytes.js";

type Channel = Network<{ u: 1 }, { y: 1 }>;
const BATCH = 3;
const STEPS = 25;

function channel(): Channel {
  const net = new Network({ label: "channel", seed: 2, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 12, dimensions: 1, neuronType: new LIFRate(), label: "x" });
  net.connect(net.in.u, x, { synapse: null, label: "in" });
  net.connect(x, net.out.y, { synapse: null, label: "out" });
  net.probe(x, { label: "xp" });
  return net;
}

const rng = new Rng(5);
const u = Float64Array.from({ length: BATCH * STEPS }, () => 2 * rng.random() - 1);
const data = {
  inputs: { u: { data: u, shape: [BATCH, STEPS, 1] as const } },
  targets: { y: { data: u.map((v) => 0.5 * v * v), shape: [BATCH, STEPS, 1] as const } },
};

/** The ways a user can change the network they trained from, applied one after the other. */
const mutations: readonly (readonly [string, (net: Channel) => void])[] = [
  ["a new node driving the ensemble", (net) => void net.connect(net.node({ output: 0.7, label: "extra" }), defined(net.ensembles[0]))],
  [
    "a new ensemble into the output port",
    (net) => {
      const z = net.ensemble({ nNeurons: 5, dimensions: 1, neuronType: new LIFRate(), label: "z" });
      net.connect(net.in.u, z, { synapse: null });
      net.connect(z, net.out.y, { synapse: null });
    },
  ],
  ["a changed transform", (net) => void (defined(net.connections.find((c) => c.label === "in")).transform.data[0] = -3)],
  ["a removed probe", (net) => void net.probes.splice(0)],
  ["changed trainable flags", (net) => void net.config.setTrainable("connection", false).setTrainable("ensemble", false)],
];

/** Everything a trained subnetwork shows the world: its predictions, report, parameters, bundle, frozen copy's run. */
function observe(trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>) {
  const copy = frozenCopy(trained);
  const sim = new Simulator(build(copy.network, { dt: copy.dt, seed: copy.seed, overrides: copy.overrides }), { progress: false });
  sim.setInput(copy.network.in.u, u.subarray(0, STEPS));
  sim.runSteps(STEPS);
  return {
    predict: Array.from(trained.predict({ u: data.inputs.u }).y.data),
    copyRun: Array.from(sim.readOutput(copy.network.out.y)),
    report: JSON.stringify(trained.report),
    parameterNames: trained.parameterNames,
    bundle: Buffer.from(toBytes(trained)).toString("base64"),
    latency: trained.latency("u", "y"),
  };
}

const quiet = { onWarning: () => {} };
const trainers: readonly (readonly [string, (net: Channel) => Promise<TrainedSubnetwork<{ u: 1 }, { y: 1 }>>])[] = [
  [
    "GradientTrainer",
    (net) =>
      new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 2, seed: 0 }).fit(net, data, { epochs: 2, progress: false, ...quiet }),
  ],
  ["LeastSquaresTrainer", (net) => new LeastSquaresTrainer().fit(net, data, quiet)],
  ["PesTrainer", (net) => new PesTrainer({ learningRate: 1e-3 }).fit(net, data, quiet)],
  ["CmaEsTrainer", (net) => new CmaEsTrainer({ maxGenerations: 2, seed: 1 }).fit(net, data, quiet)],
  [
    "freeze (a custom trainer's path)",
    async (net) =>
      freeze(net, {
        parameters: { [parameterName(defined(net.connections[1]), "weights", net)]: { shape: [1, 12], values: new Float64Array(12).fill(0.01) } },
        data,
        run: { trainer: "custom", epochs: 0, trainLoss: NaN },
        ...quiet,
      }),
  ],
];

describe("a trained subnetwork is sealed against changes to the network it was trained from", () => {
  for (const [name, train] of trainers) {
    it(`${name}: predict, report, parameters, bundle and frozen copy keep every bit after the network changes`, async () => {
      const net = channel();
      const trained = await train(net);
      const before = observe(trained);
      // The premise: the same training on an untouched network gives the same subnetwork.
      expect(observe(await train(channel()))).toEqual(before);
      for (const [what, mutate] of mutations) {
        mutate(net);
        expect(observe(trained), `after ${what}`).toEqual(before);
      }
      // And the mutated network, with the same trained parameters, really computes something else.
      const onMutated = freeze(net, { parameters: trained.parameters, data, run: { trainer: "check", epochs: 0, trainLoss: NaN }, ...quiet });
      expect(Array.from(onMutated.predict({ u: data.inputs.u }).y.data)).not.toEqual(before.predict);
    });
  }

  it("GradientTrainer: changes made while it trains (from a callback) reach neither the training nor the result", async () => {
    const reference = observe(await defined(trainers[0])[1](channel()));
    const net = channel();
    const trained = await new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 2, seed: 0 }).fit(net, data, {
      epochs: 2,
      progress: false,
      ...quiet,
      callbacks: {
        onBatchEnd: () => {
          for (const [, mutate] of mutations.slice(0, 3)) mutate(net);
        },
      },
    });
    expect(observe(trained)).toEqual(reference);
  });

  it("load(path, { network }) keeps its own copy of the network it is given", async () => {
    const dir = await mkdtemp(join(tmpdir(), "plexus-sealed-"));
    try {
      const net = channel();
      net.connect(net.node({ output: (t: number) => [t] }), defined(net.ensembles[0])); // a function: the bundle needs the network
      const trained = await new LeastSquaresTrainer().fit(net, data, quiet);
      await save(trained, join(dir, "b.safetensors"));
      const given = channel();
      given.connect(given.node({ output: (t: number) => [t] }), defined(given.ensembles[0]));
      const loaded = await load(join(dir, "b.safetensors"), { network: given });
      const before = observe(loaded);
      for (const [what, mutate] of mutations) {
        mutate(given);
        expect(observe(loaded), `after ${what}`).toEqual(before);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
