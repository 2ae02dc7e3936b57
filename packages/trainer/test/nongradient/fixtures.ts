// Small networks and data shared by the non-gradient trainers' tests.
import { LIF, LIFRate, Network, type NeuronType } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import type { DataArray, TrainedSubnetwork } from "@plexus/trainer";
import { defined } from "../../../../test/support/defined.js";

/** u (1) → 40 neurons → y (1): the port transform on the way in, decoders on the way out (synapse 5 ms). */
export function channel(neuronType: NeuronType, options: { seed?: number; nNeurons?: number; label?: string } = {}): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: options.label ?? "channel", seed: options.seed ?? 3, inputs: { u: 1 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: options.nNeurons ?? 40, dimensions: 1, neuronType, label: "a" });
  net.connect(net.in.u, a, { synapse: null });
  net.connect(a, net.out.y, { synapse: 0.005 });
  return net;
}

export const rateChannel = (options: { seed?: number; nNeurons?: number } = {}): Network<{ u: 1 }, { y: 1 }> => channel(new LIFRate(), options);
export const spikingChannel = (options: { seed?: number; nNeurons?: number } = {}): Network<{ u: 1 }, { y: 1 }> => channel(new LIF(), options);

/** `batch` examples of `steps` steps: u = sin(2π f t + phase), and the target `f(u)`. */
export function sineData(batch: number, steps: number, fn: (u: number) => number, dt = 0.001): { u: DataArray; y: DataArray } {
  const u = new Float64Array(batch * steps);
  const y = new Float64Array(batch * steps);
  for (let e = 0; e < batch; e++) {
    for (let k = 0; k < steps; k++) {
      const v = 0.9 * Math.sin(2 * Math.PI * 2 * (k + 1) * dt + e * 1.3);
      u[e * steps + k] = v;
      y[e * steps + k] = fn(v);
    }
  }
  return { u: { data: u, shape: [batch, steps, 1] }, y: { data: y, shape: [batch, steps, 1] } };
}

/**
 * The loss of a trained subnetwork computed independently of the trainers: its parameters, by
 * name, as overrides of a fresh build of `net`, run step by step on a fresh Simulator; MSE of
 * every target port, summed.
 */
export function independentLoss(
  net: Network,
  trained: TrainedSubnetwork,
  inputs: Readonly<Record<string, DataArray>>,
  targets: Readonly<Record<string, DataArray>>,
): number {
  const overrides = new Map<string, Float64Array>();
  for (const [name, p] of Object.entries(trained.parameters)) overrides.set(name, p.values);
  const plan = build(net, { dt: trained.dt, seed: trained.report.seed, overrides });
  const sim = new Simulator(plan, { progress: false });
  const [first] = Object.values(targets);
  const [batch, steps] = defined(first).shape;
  let total = 0;
  for (const [port, t] of Object.entries(targets)) {
    const d = t.shape[2];
    let sum = 0;
    for (let e = 0; e < batch; e++) {
      sim.reset();
      for (let k = 0; k < steps; k++) {
        for (const [name, x] of Object.entries(inputs)) {
          const di = x.shape[2];
          sim.writeInput(name, x.data.subarray((e * steps + k) * di, (e * steps + k + 1) * di));
        }
        sim.step();
        const y = sim.readOutput(port);
        for (let i = 0; i < d; i++) sum += (defined(y[i]) - defined(t.data[(e * steps + k) * d + i])) ** 2;
      }
    }
    total += sum / t.data.length;
  }
  return total;
}

export const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
