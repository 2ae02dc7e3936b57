import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { cloneNetwork } from "./cloneNetwork.js";
import { LearningRule } from "./learning/LearningRule.js";
import { PES } from "./learning/PES.js";
import { Network } from "./Network.js";
import { objectPath, parameterName } from "./parameterName.js";
import { validate } from "./validate.js";

function sample(): Network {
  const net = new Network({ label: "top", seed: 3, inputs: { u: 1 }, outputs: { y: 1 } });
  const stim = net.node({ output: (t) => [t] });
  const a = net.ensemble({ nNeurons: 10, dimensions: 1, label: "a" });
  const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
  net.connect(net.in.u, a, { transform: 2, synapse: null });
  const learn = net.connect(a, b, { learningRule: new PES({ learningRate: 1e-4 }) });
  const err = net.node({ sizeIn: 1, label: "err" });
  net.connect(b, err);
  net.connect(stim, err, { transform: -1 });
  const inner = net.network({ label: "inner", inputs: { x: 1 }, outputs: { z: 1 } });
  const c = inner.ensemble({ nNeurons: 5, dimensions: 1 });
  inner.connect(inner.in.x, c);
  inner.connect(c, inner.out.z);
  net.connect(b, inner.in.x);
  net.connect(inner.out.z, net.out.y);
  // The error connection lives in the parent, after a later node.
  net.node({ output: 1, label: "late" });
  net.connect(err, defined(learn.learningRule));
  return net;
}

describe("cloneNetwork", () => {
  it("copies every object in the same order, with the same names, learning rules included", () => {
    const net = sample();
    const { network: copy, connections } = cloneNetwork(net);
    expect(validate(copy, { throw: false })).toEqual([]);
    const shape = (n: Network): string[] => [
      ...n.all("node").map((x) => `${objectPath(x, n)}:${x instanceof LearningRule ? "rule" : x.sizeOut}`),
      ...n.all("ensemble").map((e) => parameterName(e, "encoders", n)),
      ...n.all("connection").map((c) => `${parameterName(c, "weights", n)}:${String(c.pre)}->${String(c.post)}:${c.learningRule?.rule.kind ?? ""}`),
    ];
    expect(shape(copy)).toEqual(shape(net));
    for (const [orig, c] of connections) {
      expect(c).not.toBe(orig);
      expect(Array.from(c.transform.data)).toEqual(Array.from(orig.transform.data));
    }
    // The copy shares nothing mutable with the original: the objects belong to the copy only.
    for (const e of copy.all("ensemble")) expect(e.owners).toHaveLength(1);
    expect(net.all("ensemble").every((e) => e.owners.length === 1)).toBe(true);
  });

  it("keeps each network's config: defaults, kind flags, and object flags moved to the copies", () => {
    const net = new Network({ label: "top" });
    const a = net.ensemble({ nNeurons: 5, dimensions: 1, label: "a" });
    const b = net.ensemble({ nNeurons: 5, dimensions: 1, label: "b" });
    const c = net.connect(a, b);
    net.config.ensemble.radius = 2;
    net.config.setTrainable("connection", false).setTrainable(a, false).setTrainable(b.neurons, false);
    const { network: copy, ensembles, connections } = cloneNetwork(net);
    expect(copy.ensemble({ nNeurons: 5, dimensions: 1 }).radius).toBe(2);
    expect(copy.config.isTrainable(defined(connections.get(c)))).toBe(false);
    expect(copy.config.isTrainable(defined(ensembles.get(a)))).toBe(false);
    expect(copy.config.isTrainable(defined(ensembles.get(b)).neurons)).toBe(false);
    expect(copy.config.isTrainable(defined(ensembles.get(b)))).toBe(true);
    // the copy's config is its own
    copy.config.ensemble.radius = 3;
    expect(net.config.defaults("ensemble").radius).toBe(2);
  });

  it("can be composed into another network as often as wanted", () => {
    const net = sample();
    const outer = new Network();
    outer.add(cloneNetwork(net).network);
    outer.add(cloneNetwork(net, { label: "second" }).network);
    expect(validate(outer, { throw: false })).toEqual([]);
    expect(outer.networks.map((n) => n.label)).toEqual(["top", "second"]);
  });
});
