import { Network, PortError, Sigmoid } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { latency } from "./latency.js";

describe("latency", () => {
  it("is 0 for direct feedthrough and counts synapses on the shortest path", () => {
    const net = new Network({ inputs: { u: 1, v: 1 }, outputs: { y: 1, z: 1 } });
    const a = net.ensemble({ nNeurons: 5, dimensions: 1, neuronType: new Sigmoid() });
    const b = net.ensemble({ nNeurons: 5, dimensions: 1 });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: null });
    net.connect(net.in.v, a.neurons, { synapse: 0.005, transform: new Array(5).fill([1]) });
    net.connect(a, b, { synapse: 0.01 });
    net.connect(b, net.out.z, { synapse: 0 }); // Lowpass(0) still delays one step
    net.connect(net.in.u, net.out.z, { synapse: 0.1 });
    expect(latency(net, net.in.u, net.out.y)).toBe(0);
    expect(latency(net, net.in.v, net.out.y)).toBe(1);
    expect(latency(net, net.in.u, net.out.z)).toBe(1);
    expect(latency(net, net.in.v, net.out.z)).toBe(3);
  });

  it("goes through subnetwork ports and is Infinity without a path", () => {
    const net = new Network({ inputs: { u: 1, w: 1 }, outputs: { y: 1 } });
    const inner = net.network({ label: "inner", inputs: { a: 1 }, outputs: { b: 1 } });
    inner.connect(inner.in.a, inner.out.b, { synapse: 0.005 });
    net.connect(net.in.u, inner.in.a, { synapse: null });
    net.connect(inner.out.b, net.out.y, { synapse: null });
    expect(latency(net, net.in.u, net.out.y)).toBe(1);
    expect(latency(net, net.in.w, net.out.y)).toBe(Infinity);
  });

  it("throws PortError for a port of another network", () => {
    const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    const other = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    expect(() => latency(net, other.in.u, net.out.y)).toThrow(PortError);
    expect(() => latency(net, net.in.u, other.out.y)).toThrow(/is not an output port/);
  });
});
