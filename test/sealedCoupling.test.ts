// couple() and compose() run what a trained subnetwork sealed, whatever is done to the network it
// was trained from afterwards (issue 10, item 1: the user's network gained a node driving the
// ensemble after fit, and couple() ran the changed network while predict did not).
import { LIFRate, Network, Rng } from "@plexus/core";
import { couple } from "@plexus/coupler";
import { build, Simulator } from "@plexus/simulator";
import { adam, GradientTrainer, LeastSquaresTrainer, type TrainedSubnetwork } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { defined } from "./support/defined.js";

const STEPS = 40;
const drive = (t: number): number => Math.sin(2 * Math.PI * 5 * t);

function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 4, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 16, dimensions: 1, neuronType: new LIFRate(), label: "x" });
  net.connect(net.in.u, x, { synapse: null, label: "in" });
  net.connect(x, net.out.y, { synapse: 0.005 });
  net.probe(x);
  return net;
}

async function coupled(trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>): Promise<{ run: number[]; composed: number[] }> {
  const system = couple({ ch: trained }).input(trained.in.u, drive).probe(trained.out.y);
  const result = await system.run({ steps: STEPS });
  const comp = system.compose();
  const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
  sim.runSteps(STEPS);
  const probe = defined([...comp.probes.values()][0]);
  return { run: Array.from(result.data(defined(result.probes[0]))), composed: Array.from(sim.data(probe).data) };
}

describe("couple and compose run the sealed subnetwork", () => {
  const rng = new Rng(2);
  const u = Float64Array.from({ length: 200 }, () => 2 * rng.random() - 1);
  const data = { inputs: { u: { data: u, shape: [4, 50, 1] as const } }, targets: { y: { data: u.map((v) => -v), shape: [4, 50, 1] as const } } };
  const trainers = [
    [
      "GradientTrainer",
      (net: Network<{ u: 1 }, { y: 1 }>) =>
        new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 2 }).fit(net, data, { epochs: 1, progress: false, onWarning: () => {} }),
    ],
    ["LeastSquaresTrainer", (net: Network<{ u: 1 }, { y: 1 }>) => new LeastSquaresTrainer().fit(net, data, { onWarning: () => {} })],
  ] as const;
  for (const [name, train] of trainers) {
    it(`${name}: coupled and composed outputs keep every bit after the network gains a node, a connection and a changed transform`, async () => {
      const net = channel();
      const trained = await train(net);
      const before = await coupled(trained);
      expect(before.run).toEqual(before.composed);
      net.connect(net.node({ output: 0.9 }), defined(net.ensembles[0]));
      defined(net.connections.find((c) => c.label === "in")).transform.data[0] = 4;
      net.probes.splice(0);
      expect(await coupled(trained)).toEqual(before);
    });
  }
});
