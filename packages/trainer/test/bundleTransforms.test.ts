// save/load of a network whose connections hold Sparse and Convolution transforms, or learning rules (PES; RLS in a list with Voja):
// the bundle stores their spec, so load(path) rebuilds the network without it and predicts bit for bit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Convolution, LIF, Network, PES, RLS, Sigmoid, Sparse, Uniform, Voja } from "@plexus/core";
import { afterAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam, GradientTrainer } from "../src/index.js";
import { load, save } from "../src/node.js";

const dir = mkdtempSync(join(tmpdir(), "plexus-bundle-transforms-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** u (4) -> Sparse -> 16 Sigmoid neurons (a 4×4 image) -> Convolution -> 8 neurons -> decoded y. */
function convNet(): Network<{ u: 4 }, { y: 1 }> {
  const net = new Network({ label: "conv", seed: 5, inputs: { u: 4 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: 16, dimensions: 1, neuronType: new Sigmoid(), label: "a" });
  const b = net.ensemble({ nNeurons: 8, dimensions: 1, neuronType: new Sigmoid(), label: "b" });
  const indices = Array.from({ length: 16 }, (_, k) => [k, k % 4] as [number, number]);
  net.connect(net.in.u, a.neurons, { synapse: null, transform: new Sparse({ shape: [16, 4], indices, init: new Uniform(0.5, 1.5) }) });
  net.connect(a.neurons, b.neurons, { synapse: null, transform: new Convolution({ nFilters: 2, inputShape: [4, 4, 1], kernelSize: [3, 3] }) });
  net.connect(b, net.out.y, { synapse: null });
  return net;
}

const u = Float64Array.from({ length: 100 * 4 }, (_, i) => Math.sin(i / 9));
const y = Float64Array.from({ length: 100 }, (_, i) => 0.3 * Math.cos(i / 13));

function bitEqual(a: Float64Array | undefined, b: Float64Array): boolean {
  if (a === undefined) return false;
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe("save and load with Sparse and Convolution transforms", () => {
  it("stores the network's spec and load(path) rebuilds it: predict bit for bit, with and without the network", async () => {
    const trained = await new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 50, seed: 0 }).fit(
      convNet(),
      { inputs: { u }, targets: { y } },
      { epochs: 2, onWarning: () => {} },
    );
    const p = join(dir, "conv.safetensors");
    await save(trained, p);
    const expected = trained.predict({ u }).y.data;
    expect(expected.some((v) => v !== 0)).toBe(true);
    const rebuilt = await load(p);
    expect(bitEqual(rebuilt.predict({ u }).y?.data, expected)).toBe(true);
    expect(bitEqual((await load(p, { network: convNet() })).predict({ u }).y.data, expected)).toBe(true);
    expect(rebuilt.parameterNames).toEqual(trained.parameterNames);
    for (const name of trained.parameterNames) expect(bitEqual(defined(rebuilt.parameters[name]).values, defined(trained.parameters[name]).values)).toBe(true);
  });
});

/**
 * A spiking ensemble decoded through a PES connection whose error is `y - u` (the weights change
 * while predict runs); with `rls`, an RLS rule given as a list instead, and Voja on u -> x.
 */
function pesNet(rls = false): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "pes", seed: 6, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new LIF(), label: "x" });
  const yNode = net.node({ output: null, sizeIn: 1, label: "y" });
  net.connect(net.in.u, x, { synapse: 0.005, ...(rls ? { learningRule: new Voja({ learningRate: 1e-3 }) } : {}) });
  const rule = rls ? [new RLS({ learningRate: 0.05, preSynapse: 0.01 })] : new PES({ learningRate: 1e-3 });
  const learned = net.connect(x, yNode, { synapse: 0.01, transform: 0.5, learningRule: rule });
  const error = learned.learningRuleFor(0);
  net.connect(yNode, net.out.y, { synapse: null });
  net.connect(yNode, error, { synapse: null });
  net.connect(net.in.u, error, { synapse: null, transform: -1 });
  return net;
}

describe("save and load with learning rules", () => {
  for (const [name, rls] of [
    ["a PES rule", false],
    ["an RLS rule (in a list) and Voja", true],
  ] as const)
    it(`${name}: load(path) rebuilds the rules and their error connections without the network: predict bit for bit`, async () => {
      const seqU = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / 20));
      const trained = await new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 50, seed: 0 }).fit(
        pesNet(rls),
        { inputs: { u: seqU }, targets: { y: seqU } },
        { epochs: 1, onWarning: () => {} },
      );
      const p = join(dir, `${rls ? "rls" : "pes"}.safetensors`);
      await save(trained, p);
      const expected = trained.predict({ u: seqU }).y.data;
      const rebuilt = await load(p);
      expect(bitEqual(rebuilt.predict({ u: seqU }).y?.data, expected)).toBe(true);
      expect(bitEqual((await load(p, { network: pesNet(rls) })).predict({ u: seqU }).y.data, expected)).toBe(true);
    });
});
