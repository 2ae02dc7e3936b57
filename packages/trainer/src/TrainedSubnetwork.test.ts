import { Network, PortError, Sigmoid } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { freeze } from "./freeze.js";
import type { sealToken } from "./internal/interior.js";
import { TrainedSubnetwork } from "./TrainedSubnetwork.js";

const run = { trainer: "test", epochs: 0, trainLoss: NaN };

/** y = delayed(u) + 2·v: a direct path from v, a one-step synapse from u. */
function mixer(): Network<{ u: 1; v: 1 }, { y: 1 }> {
  const net = new Network({ label: "mixer", inputs: { u: 1, v: 1 }, outputs: { y: 1 } });
  net.connect(net.in.u, net.out.y, { synapse: 0 });
  net.connect(net.in.v, net.out.y, { synapse: null, transform: 2 });
  return net;
}

const seq = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), shape: [rows.length, defined(rows[0], "the first example").length, 1] as const });

describe("TrainedSubnetwork", () => {
  const data = {
    inputs: {
      u: seq([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      v: seq([
        [10, 20, 30],
        [40, 50, 60],
      ]),
    },
    targets: {
      y: seq([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    },
  };

  it("predict feeds row k at step k + 1, reads the output after that step, and resets between examples", () => {
    const t = freeze(mixer(), { parameters: {}, data, run });
    const y = t.predict({ u: data.inputs.u, v: data.inputs.v }).y;
    expect(y.shape).toEqual([2, 3, 1]);
    // v reaches y within the step; u one step later (Lowpass(0) is a one-step delay); example 1 starts from rest.
    expect(Array.from(y.data)).toEqual([20, 41, 62, 80, 104, 125]);
    expect(t.latency("u", "y")).toBe(1);
    expect(t.latency(t.in.v, t.out.y)).toBe(0);
  });

  it("reports the deployed loss of the same run", () => {
    const t = freeze(mixer(), { parameters: {}, data, run });
    const y = [20, 41, 62, 80, 104, 125];
    expect(t.report.deployedLoss).toBeCloseTo(y.reduce((s, v) => s + v * v, 0) / 6, 9);
  });

  it("steps through its ports with a runner", () => {
    const t = freeze(mixer(), { parameters: {}, data, run });
    const r = t.runner();
    r.writeInput("u", [1]);
    r.writeInput(t.in.v, [10]);
    r.runSteps();
    expect(Array.from(r.readOutput("y"))).toEqual([20]);
    r.runSteps();
    expect(Array.from(r.readOutput(t.out.y))).toEqual([21]);
    expect(r.step).toBe(2);
    r.reset();
    expect(r.step).toBe(0);
    expect(() => r.writeInput("u", [1, 2])).toThrow(PortError);
    expect(() => r.readOutput("nope" as "y")).toThrow(/has no output port 'nope'; its output ports are y \(1\)/);
  });

  it("is sealed: frozen, the network unreachable, parameters and report read-only copies", () => {
    const net = new Network({ label: "channel", seed: 0, inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 5, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
    net.connect(net.in.u, x, { synapse: null });
    net.connect(x, net.out.y, { synapse: null });
    const u = Float64Array.from([0.1, 0.2]);
    const t = freeze(net, { parameters: { "Connection[0].weights": { shape: [], values: [0.5] } }, data: { inputs: { u }, targets: { y: u } }, run });
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.in)).toBe(true);
    expect(Object.isFrozen(t.report)).toBe(true);
    const reachable = new Set<unknown>();
    const walk = (v: unknown, depth: number): void => {
      if (typeof v !== "object" || v === null || reachable.has(v) || depth > 6) return;
      reachable.add(v);
      for (const k of Reflect.ownKeys(v)) walk((v as Record<string | symbol, unknown>)[k], depth + 1);
    };
    walk(t, 0);
    expect(reachable.has(net)).toBe(false);
    expect(reachable.has(x)).toBe(false);
    expect(t.in.u).toMatchObject({ name: "u", dimensions: 1, subnetwork: t });
    expect(t.ports).toEqual({ inputs: { u: 1 }, outputs: { y: 1 } });
    const p = defined(t.parameters["Connection[0].weights"], "parameter Connection[0].weights");
    expect(p).toMatchObject({ shape: [], trainable: true });
    p.values[0] = 99;
    expect(t.parameters["Connection[0].weights"]?.values[0]).toBe(0.5);
    expect(() => new TrainedSubnetwork(Symbol("fake") as typeof sealToken, null as never, null as never)).toThrow(TypeError);
  });

  it("predict throws PortError for an unknown or missing port and a wrong shape", () => {
    const t = freeze(mixer(), { parameters: {}, data, run });
    expect(() => t.predict({ u: data.inputs.u } as never)).toThrow(PortError);
    expect(() => t.predict({ u: data.inputs.u, v: data.inputs.v, w: data.inputs.u } as never)).toThrow(/inputs\.w names no input port/);
    expect(() => t.predict({ u: [[[1, 2]]], v: [[[1]]] })).toThrow(/expected shape \(1, 1, 1\), got 2 values/);
    expect(() => t.latency("w" as "u", "y")).toThrow(PortError);
  });
});
