import { LIF, Lowpass, Network, Sigmoid, Uniform } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { structureHash } from "./structureHash.js";

function channel(options: { nNeurons?: number; tau?: number | null; transform?: number; maxRates?: [number, number]; seed?: number; label?: string } = {}) {
  const net = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1 }, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const x = net.ensemble({
    nNeurons: options.nNeurons ?? 10,
    dimensions: 1,
    neuronType: new Sigmoid(),
    label: options.label ?? "x",
    maxRates: new Uniform(...(options.maxRates ?? [200, 400])),
  });
  net.connect(net.in.u, x, { synapse: null, transform: options.transform ?? 1 });
  net.connect(x, net.out.y, { synapse: options.tau === undefined ? null : options.tau });
  return net;
}

describe("structureHash", () => {
  it("is a stable SHA-256 of the structure", () => {
    const h = structureHash(channel());
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(structureHash(channel())).toBe(h);
  });

  it("ignores parameter values and seeds", () => {
    const h = structureHash(channel());
    expect(structureHash(channel({ transform: 2 }))).toBe(h);
    expect(structureHash(channel({ maxRates: [100, 200] }))).toBe(h);
    expect(structureHash(channel({ seed: 7 }))).toBe(h);
  });

  it("changes with sizes, labels, synapses, neuron types and ports", () => {
    const h = structureHash(channel());
    expect(structureHash(channel({ nNeurons: 11 }))).not.toBe(h);
    expect(structureHash(channel({ label: "z" }))).not.toBe(h);
    expect(structureHash(channel({ tau: 0.005 }))).not.toBe(h);
    const lif = channel();
    const other = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1 } });
    const x = other.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new LIF(), label: "x" });
    other.connect(other.in.u, x, { synapse: null });
    other.connect(x, other.out.y, { synapse: null });
    expect(structureHash(other)).not.toBe(structureHash(lif));
    const ports = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1, z: 1 } });
    const x2 = ports.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
    ports.connect(ports.in.u, x2, { synapse: null });
    ports.connect(x2, ports.out.y, { synapse: null });
    ports.connect(x2, ports.out.z, { synapse: null });
    expect(structureHash(ports)).not.toBe(h);
    expect(structureHash(channel({ tau: 0.005 }))).toBe(structureHash(channel({ tau: 0.005 })));
    expect(new Lowpass(0.005).toString()).toBe("Lowpass(0.005)");
  });
});
