import { Lowpass, Network } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { portLatencies } from "./portLatencies.js";

describe("portLatencies", () => {
  it("is 0 for direct feedthrough, else the fewest synapses on a path, Infinity without a path", () => {
    const net = new Network({ inputs: { u: 1, v: 1, w: 1 }, outputs: { direct: 1, one: 1, two: 1 } });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(a, net.out.direct, { synapse: null }); // u -> a -> direct: 0
    net.connect(a, b, { synapse: 0.005 });
    net.connect(b, net.out.one, { synapse: null }); // u -> a -> b -> one: 1
    net.connect(net.in.v, b, { synapse: new Lowpass(0) });
    net.connect(b, net.out.two, { synapse: 0.01 }); // v -> b -> two: 2; u -> two: 2
    net.connect(net.in.w, b.neurons, { synapse: 0.005, transform: Array.from({ length: 10 }, () => [1]) });
    expect(portLatencies(net)).toEqual({
      u: { direct: 0, one: 1, two: 2 },
      v: { direct: Infinity, one: 1, two: 2 },
      w: { direct: Infinity, one: 1, two: 2 },
    });
  });

  it("takes the smallest over parallel paths, through nodes and nested subnetworks' ports", () => {
    const net = new Network({ inputs: { u: 2 }, outputs: { y: 2 } });
    const inner = net.network({ inputs: { a: 2 }, outputs: { b: 2 } });
    const pass = inner.node({ output: null, sizeIn: 2 });
    inner.connect(inner.in.a, pass, { synapse: 0.005 });
    inner.connect(pass, inner.out.b, { synapse: null });
    net.connect(net.in.u, inner.in.a, { synapse: 0.005 }); // 2 synapses through inner
    net.connect(inner.out.b, net.out.y, { synapse: null });
    expect(portLatencies(net)).toEqual({ u: { y: 2 } });
    const f = net.node({ output: (_t: number, x: Float64Array) => [defined(x[0]), defined(x[1])], sizeIn: 2, sizeOut: 2 });
    net.connect(net.in.u, f, { synapse: null });
    net.connect(f, net.out.y, { synapse: new Lowpass(0) }); // a shorter path: 1
    expect(portLatencies(net)).toEqual({ u: { y: 1 } });
  });

  it("does not count a probe as a path", () => {
    const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    const k = net.node({ output: 0.5 });
    net.connect(k, net.out.y, { synapse: null });
    net.probe(net.in.u);
    expect(portLatencies(net)).toEqual({ u: { y: Infinity } });
  });
});
