// The loss you see is the loss you deploy: for each engine, `trainer.evaluate` of a trained
// subnetwork equals the loss of the frozen subnetwork run by @plexus/simulator through its ports.
import { LIF, LIFRate, Network, type NeuronType } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam, type EngineName, GradientTrainer, type LossFunction } from "../src/index.js";

const engines: readonly EngineName[] = ["typed", "tfjs"];

function model(neuronType: NeuronType): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "model", seed: 5, inputs: { u: 1 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType, label: "a" });
  net.connect(net.in.u, a, { synapse: 0.005 });
  net.connect(a, net.out.y, { synapse: 0.01, transform: 0.8 });
  return net;
}

/** 8 examples of 40 steps: sines of different phases; the target is the input squared. */
function data() {
  const batch = 8;
  const steps = 40;
  const u = new Float64Array(batch * steps);
  const y = new Float64Array(batch * steps);
  for (let e = 0; e < batch; e++) {
    for (let k = 0; k < steps; k++) {
      const v = Math.sin(2 * Math.PI * (k / steps) + e);
      u[e * steps + k] = v;
      y[e * steps + k] = v * v;
    }
  }
  return { inputs: { u: { data: u, shape: [batch, steps, 1] as const } }, targets: { y: { data: y, shape: [batch, steps, 1] as const } } };
}

function relDiff(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** The loss of `net` as built (no overrides), run by the simulator example by example. */
function simulatorLoss(net: Network, d: ReturnType<typeof data>): number {
  const [batch, steps] = d.inputs.u.shape;
  const sim = new Simulator(build(net, { dt: 0.001 }));
  let sum = 0;
  for (let e = 0; e < batch; e++) {
    sim.reset();
    for (let k = 0; k < steps; k++) {
      sim.writeInput("u", [defined(d.inputs.u.data[e * steps + k])]);
      sim.step();
      sum += (defined(sim.readOutput("y")[0]) - defined(d.targets.y.data[e * steps + k])) ** 2;
    }
  }
  return sum / (batch * steps);
}

describe.each(engines)("%s engine: evaluate equals the simulator's loss", (engine) => {
  for (const [name, type] of [
    ["rate (LIFRate)", () => new LIFRate()],
    ["spiking (LIF)", () => new LIF()],
  ] as const) {
    it(`${name}: on the trained subnetwork`, async () => {
      const net = model(type());
      const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-4 }), minibatchSize: 4, seed: 1, engine });
      const d = data();
      const trained = await trainer.fit(net, d, { epochs: 3, onWarning: () => {} });
      const evaluated = await trainer.evaluate(trained, d);
      expect(relDiff(evaluated, trained.report.deployedLoss)).toBeLessThan(1e-4);
      // and deployedLoss is what predict gives through the ports
      const out = trained.predict(d.inputs).y.data;
      let sum = 0;
      for (let i = 0; i < out.length; i++) sum += (defined(out[i]) - defined(d.targets.y.data[i])) ** 2;
      expect(relDiff(sum / out.length, trained.report.deployedLoss)).toBeLessThan(1e-12);
      // training changed the parameters (so the comparison is about the frozen ones)
      const initial = await trainer.evaluate(net, d);
      expect(initial).not.toBe(evaluated);
    });

    it(`${name}: with a user LossFunction, which the deployed loss uses too`, async () => {
      // mean absolute error, smoothed near 0 so that it has a gradient everywhere
      const smoothL1: LossFunction = {
        name: "smoothL1",
        value(prediction, target, grad) {
          let sum = 0;
          for (let i = 0; i < target.length; i++) {
            const e = defined(prediction[i]) - defined(target[i]);
            sum += Math.sqrt(e * e + 1e-4);
            if (grad !== null) grad[i] = e / Math.sqrt(e * e + 1e-4) / target.length;
          }
          return sum / target.length;
        },
      };
      const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-4 }), minibatchSize: 4, seed: 1, engine, loss: smoothL1 });
      const d = data();
      const trained = await trainer.fit(model(type()), d, { epochs: 2, onWarning: () => {} });
      expect(trained.report.loss).toBe("smoothL1");
      const out = trained.predict(d.inputs).y.data;
      expect(relDiff(smoothL1.value(out, d.targets.y.data, null, { batchSize: 8, steps: 40, dims: 1 }), trained.report.deployedLoss)).toBeLessThan(1e-12);
      expect(relDiff(await trainer.evaluate(trained, d), trained.report.deployedLoss)).toBeLessThan(1e-4);
    });

    it(`${name}: on the network as built`, async () => {
      const net = model(type());
      const trainer = new GradientTrainer({ engine });
      const d = data();
      expect(relDiff(await trainer.evaluate(net, d), simulatorLoss(net, d))).toBeLessThan(1e-4);
    });
  }
});
