import { CouplingError, Network } from "@plexus/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { subsystem } from "./Subsystem.js";
import type { SubsystemInPort } from "./SubsystemInPort.js";
import type { SubsystemOutPort } from "./SubsystemOutPort.js";

function plant(): Network<{ u: 2 }, { x: 1 }> {
  const net = new Network({ label: "plant", inputs: { u: 2 }, outputs: { x: 1 } });
  const e = net.ensemble({ nNeurons: 20, dimensions: 2 });
  net.connect(net.in.u, e, { synapse: 0.005 });
  net.connect(e, net.out.x, { synapse: null, function: (v) => defined(v[0]) + defined(v[1]) });
  return net;
}

describe("Subsystem", () => {
  it("keeps the network's port types and knows its latencies", () => {
    const net = plant();
    const s = subsystem(net, { dtMultiple: 2, seed: 3 });
    expectTypeOf(s.in.u).toEqualTypeOf<SubsystemInPort<2>>();
    expectTypeOf(s.out.x).toEqualTypeOf<SubsystemOutPort<1>>();
    expect(s.in.u.port).toBe(net.in.u);
    expect(s.in.u.dimensions).toBe(2);
    expect(String(s.out.x)).toBe("Subsystem 'plant'.out.x");
    expect(s.latencies).toEqual({ u: { x: 1 } });
    expect(s.latency(s.in.u, s.out.x)).toBe(1);
    expect(s.latency("u", net.out.x)).toBe(1);
    expect([s.dtMultiple, s.seed, s.label]).toEqual([2, 3, "plant"]);
  });

  it("rejects a bad dtMultiple or seed, and unknown ports", () => {
    expect(() => subsystem(plant(), { dtMultiple: 0 })).toThrow(CouplingError);
    expect(() => subsystem(plant(), { dtMultiple: 1.5 })).toThrow(/dtMultiple: must be an integer >= 1/);
    expect(() => subsystem(plant(), { seed: 0.5 })).toThrow(/seed/);
    expect(() => subsystem(plant(), { label: "p" }).latency("nope", "x")).toThrow("Subsystem 'p': has no input port 'nope'");
  });
});
