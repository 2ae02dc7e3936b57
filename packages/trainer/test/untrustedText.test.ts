// No text from a network ever becomes code (issue 10, item 2): labels that would break out of a
// comment, a string or a template in generated source build, train, save, load and run normally,
// and execute nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIFRate, Network, Rng, Sigmoid } from "@plexus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam } from "../src/engine/Optimizer.js";
import { TypedEngine } from "../src/engine/TypedEngine.js";
import { GradientTrainer } from "../src/GradientTrainer.js";
import { load } from "../src/load.js";
import { save } from "../src/save.js";

declare global {
  // eslint-disable-next-line no-var
  var __plexusInjected: string[] | undefined;
}

/** A label that runs `globalThis.__plexusInjected.push(tag)` if it ever reaches code, whatever context it lands in. */
const payload = (tag: string, breakout: string): string => `${breakout}(globalThis.__plexusInjected ??= []).push("${tag}");${breakout}`;

const hostile = [
  payload("newline", "\n"),
  payload("carriage return", "\r"),
  payload("line separator", "\u2028"),
  payload("paragraph separator", "\u2029"),
  `*/ (globalThis.__plexusInjected ??= []).push("comment end"); /*`,
  '`; (globalThis.__plexusInjected ??= []).push("backtick"); `',
  '${(globalThis.__plexusInjected ??= []).push("template")}',
  `"; (globalThis.__plexusInjected ??= []).push("double quote"); "`,
  `'; (globalThis.__plexusInjected ??= []).push("single quote"); '`,
];

/** u → a → b (recurrent, through a subnetwork with ports) → y, every object labelled with a hostile string. */
function hostileNetwork(): Network<{ u: 1 }, { y: 1 }> {
  let k = 0;
  const label = (): string => defined(hostile[k++ % hostile.length]);
  const net = new Network({ label: label(), seed: 3, inputs: { u: 1 }, outputs: { y: 1 } });
  const a = net.ensemble({ label: label(), nNeurons: 10, dimensions: 1, neuronType: new LIFRate() });
  const sub = net.network({ label: label(), inputs: { i: 1 }, outputs: { o: 1 } });
  const s = sub.ensemble({ label: label(), nNeurons: 8, dimensions: 1, neuronType: new Sigmoid() });
  sub.connect(sub.in.i, s, { synapse: null, label: label() });
  sub.connect(s, sub.out.o, { synapse: 0.005, label: label() });
  net.connect(net.in.u, a, { synapse: null, label: label() });
  net.connect(a, sub.in.i, { synapse: 0.01, label: label() });
  net.connect(sub.out.o, net.out.y, { synapse: null, label: label() });
  net.connect(net.node({ label: label(), output: [0.1] }), a, { synapse: null, label: label() });
  return net;
}

const rng = new Rng(1);
const u = Float64Array.from({ length: 2 * 20 }, () => rng.random() - 0.5);
const data = { inputs: { u: { data: u, shape: [2, 20, 1] as const } }, targets: { y: { data: u.map((v) => 0.5 * v), shape: [2, 20, 1] as const } } };

describe("labels never become code", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plexus-untrusted-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    globalThis.__plexusInjected = undefined;
  });

  it("the typed engine's generated source holds none of them, and compiling, training and predicting runs none", async () => {
    globalThis.__plexusInjected = undefined;
    const net = hostileNetwork();
    const model = new TypedEngine().compile(net);
    model.lossAndGradients({ inputs: { u }, targets: { y: u }, batchSize: 2, steps: 20 });
    model.dispose();
    const trained = await new GradientTrainer({ optimizer: adam({ learningRate: 1e-2 }), minibatchSize: 2 }).fit(net, data, {
      epochs: 2,
      progress: false,
      onWarning: () => {},
    });
    const y = trained.predict({ u: data.inputs.u }).y.data;
    expect(y.every(Number.isFinite)).toBe(true);
    expect(globalThis.__plexusInjected).toBeUndefined();
  });

  it("a bundle whose labels hold code (as an attacker writes one) loads, runs and trains without running it", async () => {
    const trained = await new GradientTrainer({ minibatchSize: 2 }).fit(hostileNetwork(), data, { epochs: 1, progress: false, onWarning: () => {} });
    const path = join(dir, "hostile.safetensors");
    await save(trained, path);
    globalThis.__plexusInjected = undefined;
    const loaded = await load<{ u: 1 }, { y: 1 }>(path);
    expect(loaded.parameterNames).toContain(`${defined(hostile[1])}.encoders`); // the labels came back from the bundle
    expect(Array.from(loaded.predict({ u: data.inputs.u }).y.data)).toEqual(Array.from(trained.predict({ u: data.inputs.u }).y.data));
    const trainer = new GradientTrainer();
    expect(await trainer.evaluate(loaded, data)).toBeCloseTo(loaded.report.deployedLoss, 10);
    expect((await trainer.predict(loaded, { u: data.inputs.u })).y.data.every(Number.isFinite)).toBe(true);
    expect(globalThis.__plexusInjected).toBeUndefined();
  });
});
