import { LearningRule, LIF, Network, PES, Sigmoid } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { richData, richNetwork } from "../test/parity/richNetwork.js";
import { freeze } from "./freeze.js";
import { frozenCopy } from "./frozenCopy.js";

const run = { trainer: "test", epochs: 0, trainLoss: NaN };

describe("frozenCopy", () => {
  it("builds to what predict runs, bit for bit (overridden parameters, subnetwork, every synapse kind)", () => {
    const net = richNetwork();
    const data = richData(2, 40);
    const bias = Float64Array.from({ length: 30 }, (_, i) => 0.1 * Math.sin(i));
    const trained = freeze(net, {
      parameters: {
        "Connection[0].weights": { shape: [2, 2], values: [3, -0.5, 0.25, 2] },
        "a.bias": { shape: [30], values: bias },
      },
      data: { inputs: { u: { data: defined(data.inputs["u"]), shape: [2, 40, 2] } }, targets: { y: { data: defined(data.targets["y"]), shape: [2, 40, 1] } } },
      run,
      dt: 0.002,
      onWarning: () => {},
    });
    const copy = frozenCopy(trained);
    expect(copy.network).not.toBe(net);
    expect(copy.network.seed).toBe(7);
    expect([copy.dt, copy.seed]).toEqual([0.002, 7]);
    expect([...copy.overrides.keys()]).toEqual(["Connection[0].weights", "a.bias"]);
    expect(copy.network.inPorts.map((p) => [p.name, p.dimensions])).toEqual([["u", 2]]);

    const u = defined(data.inputs["u"]).subarray(0, 80);
    const expected = trained.predict({ u: { data: u, shape: [1, 40, 2] } });
    const sim = new Simulator(build(copy.network, { dt: copy.dt, seed: copy.seed, overrides: copy.overrides }), { dt: copy.dt, progress: false });
    const y = new Float64Array(40);
    const z = new Float64Array(80);
    for (let k = 0; k < 40; k++) {
      sim.writeInput("u", u.subarray(2 * k, 2 * k + 2));
      sim.step();
      y[k] = defined(sim.readOutput("y")[0]);
      z.set(sim.readOutput("z"), 2 * k);
    }
    expect(y).toEqual(expected.y.data);
    expect(z).toEqual(expected.z.data);
  });

  it("is a new, independent copy each call, seeded with the deployed seed", () => {
    const net = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
    net.connect(net.in.u, x, { synapse: null });
    net.connect(x, net.out.y, { synapse: 0.01 });
    const u = Float64Array.from([0.5, -0.5, 0.25]);
    const trained = freeze(net, {
      parameters: { "Connection[0].weights": { shape: [], values: [3] } },
      data: { inputs: { u }, targets: { y: u } },
      run,
      seed: 4,
      onWarning: () => {},
    });
    const before = trained.predict({ u }).y.data;
    const a = frozenCopy(trained);
    const b = frozenCopy(trained);
    expect(a.network).not.toBe(b.network);
    expect(a.network.seed).toBe(4);
    expect(net.seed).toBeUndefined();
    defined(a.overrides.get("Connection[0].weights"))[0] = 99;
    expect(defined(b.overrides.get("Connection[0].weights"))[0]).toBe(3);
    expect(defined(trained.parameters["Connection[0].weights"]).values[0]).toBe(3);
    expect(trained.predict({ u }).y.data).toEqual(before);
  });

  it("carries learning rules, so the copy keeps learning as predict does", () => {
    const net = new Network({ label: "learner", inputs: { u: 1, err: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new LIF(), label: "x" });
    net.connect(net.in.u, x, { synapse: null });
    const c = net.connect(x, net.out.y, { synapse: 0.01, learningRule: new PES({ learningRate: 1e-3 }) });
    net.connect(net.in.err, defined(c.learningRule), { synapse: null });
    const u = Float64Array.from({ length: 30 }, (_, k) => Math.sin(k / 5));
    const err = u.map((v) => 0.5 * v);
    const trained = freeze(net, { parameters: {}, data: { inputs: { u, err }, targets: { y: u } }, run, onWarning: () => {} });
    const copy = frozenCopy(trained);
    expect(copy.network.all("node").filter((n) => n instanceof LearningRule)).toHaveLength(1);
    const expected = trained.predict({ u: { data: u, shape: [1, 30, 1] }, err: { data: err, shape: [1, 30, 1] } }).y.data;
    const sim = new Simulator(build(copy.network, { dt: copy.dt, seed: copy.seed, overrides: copy.overrides }), { dt: copy.dt, progress: false });
    const y = new Float64Array(30);
    for (let k = 0; k < 30; k++) {
      sim.writeInput("u", [defined(u[k])]);
      sim.writeInput("err", [defined(err[k])]);
      sim.step();
      y[k] = defined(sim.readOutput("y")[0]);
    }
    expect(y).toEqual(expected);
  });
});
