// Nengo 4.1's nengo/tests/test_probe.py, translated. Each `it` names the Nengo tests it translates.
// Nengo compares with pytest-allclose's defaults (rtol 1e-5, atol 1e-8) unless a test says
// otherwise; so do these. test_solver_defaults has no counterpart: Plexus probes take no solver.
import { Network, Rng, ValidationError } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../nengoParity/support.js";

const opts = { progress: false } as const;
const nengoTol = { rtol: 1e-5, atol: 1e-8 } as const;

/** Column `col` of a row-major matrix with `cols` columns, every `every`-th row from `first`. */
function column(data: ArrayLike<number>, cols: number, col: number, first = 0, every = 1): number[] {
  const out: number[] = [];
  for (let r = first; r * cols < data.length; r += every) out.push(defined(data[r * cols + col]));
  return out;
}

/** Rows `first, first + every, ...` of a row-major matrix with `cols` columns, flattened. */
function rows(data: ArrayLike<number>, cols: number, first: number, every: number): number[] {
  const out: number[] = [];
  for (let r = first; r * cols < data.length; r += every) for (let c = 0; c < cols; c++) out.push(defined(data[r * cols + c]));
  return out;
}

describe("test_probe.py", () => {
  it("test_multirun: trange stays dt·(1..n) over runs of random lengths, and ends at the summed run time", () => {
    const rng = new Rng(7);
    const sim = new Simulator(new Network({ label: "Multi-run" }), opts);
    let tSum = 0;
    for (let i = 0; i < 10; i++) {
      const ti = sim.dt * (100 + rng.integer(1900));
      sim.run(ti);
      const t = Array.from(sim.trange());
      expectAllClose(
        t,
        t.map((_, k) => sim.dt * (k + 1)),
        { rtol: 1e-4, atol: 1e-8, what: "trange" },
      );
      tSum += ti;
      expect(Math.abs(defined(t.at(-1)) - tSum)).toBeLessThanOrEqual(1e-8 + 1e-4 * tSum);
    }
  });

  it("test_dts: for random dt, sampleEvery >= dt and run times, trange(sampleEvery) has one time per recorded row", () => {
    const rng = new Rng(11);
    for (let i = 0; i < 100; i++) {
      const dt = rng.uniform(0.001, 0.1);
      const dt2 = rng.uniform(dt, 0.15);
      const tend = rng.uniform(0.2, 0.3);
      const net = new Network({ seed: 0 });
      const a = net.node({ output: 0 });
      const ap = net.probe(a, { sampleEvery: dt2 });
      const sim = new Simulator(net, { ...opts, dt });
      sim.run(tend);
      const what = `dt=${dt}, dt2=${dt2}, tend=${tend}`;
      expect(sim.data(ap).shape[0], what).toBe(sim.trange(dt2).length);
    }
  });

  it("test_large: ten probes of 9-wide callable nodes record the function of t", () => {
    const inputFn = () => [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const net = new Network({ label: "test_large_probes", seed: 0 });
    const probes = Array.from({ length: 10 }, (_, i) => net.probe(net.node({ label: `x${i}`, output: inputFn }), { attr: "output" }));
    const sim = new Simulator(net, opts);
    sim.run(2.483);
    const t = Array.from(sim.trange());
    expect(t.length).toBe(2483);
    const x = t.flatMap(inputFn);
    for (const p of probes) {
      expect([...sim.data(p).shape]).toEqual([2483, 9]);
      expectAllClose(sim.data(p).data, x, { ...nengoTol, what: "x" });
    }
  });

  it("test_defaults: a probe's default attr is the node's output, the ensemble's decoded value, the connection's output", () => {
    const net = new Network({ label: "test_defaults" });
    const node = net.node({ output: 0.5 });
    const ens = net.ensemble({ nNeurons: 20, dimensions: 1 });
    const conn = net.connect(node, ens);
    expect(net.probe(node).attr).toBe("output");
    expect(net.probe(ens).attr).toBe("decoded");
    expect(net.probe(conn).attr).toBe("output");
    expect(net.probe(ens.neurons).attr).toBe("output");
    new Simulator(net, opts).run(0.01);
  });

  it("test_simulator_dt: without sampleEvery a probe records every step of the simulator's dt", () => {
    const net = new Network({ seed: 0 });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
    net.connect(a, b);
    const bp = net.probe(b);
    const sim = new Simulator(net, { ...opts, dt: 0.01 });
    sim.run(1.0);
    expect([...sim.data(bp).shape]).toEqual([100, 1]);
  });

  it("test_multiple_probes: probes of one ensemble every 1, 10 and 100 steps record the same values at the shared steps", () => {
    const dt = 1e-3;
    const f = 10;
    const net = new Network({ seed: 0 });
    const ens = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const p001 = net.probe(ens, { sampleEvery: dt });
    const p01 = net.probe(ens, { sampleEvery: f * dt });
    const p1 = net.probe(ens, { sampleEvery: f ** 2 * dt });
    const sim = new Simulator(net, { ...opts, dt });
    sim.run(1.0);
    expect(sim.data(p01).shape[0]).toBe(100);
    expect(sim.data(p1).shape[0]).toBe(10);
    expectAllClose(rows(sim.data(p001).data, 1, f - 1, f), sim.data(p01).data, { ...nengoTol, what: "every 10" });
    expectAllClose(rows(sim.data(p01).data, 1, f - 1, f), sim.data(p1).data, { ...nengoTol, what: "every 100" });
  });

  it("test_input_probe: an ensemble's input probe records the sum of its synapse-less inputs", () => {
    const net = new Network({ seed: 0 });
    const ens = net.ensemble({ nNeurons: 100, dimensions: 1 });
    const n1 = net.node({ output: Math.sin });
    const n2 = net.node({ output: 0.5 });
    net.connect(n1, ens, { synapse: null });
    net.connect(n2, ens, { synapse: null });
    const inputProbe = net.probe(ens, { attr: "input" });
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    const t = Array.from(sim.trange());
    expectAllClose(
      sim.data(inputProbe).data,
      t.map((v) => Math.sin(v) + 0.5),
      { ...nengoTol, what: "input" },
    );
  });

  it("test_conn_output: a connection's output probe records its transform and function of its input", () => {
    const net = new Network();
    const n1 = net.node({ output: Math.sin });
    const n2 = net.node({ output: 0.5 });
    const nOut = net.node({ sizeIn: 1 });
    const c1 = net.connect(n1, nOut, { transform: -1, synapse: null });
    const c2 = net.connect(n2, nOut, { function: (x) => defined(x[0]) ** 2, synapse: null });
    const p1 = net.probe(c1, { attr: "output", synapse: null });
    const p2 = net.probe(c2, { attr: "output", synapse: null });
    const sim = new Simulator(net, opts);
    sim.run(0.2);
    const t = Array.from(sim.trange());
    expectAllClose(
      sim.data(p1).data,
      t.map((v) => -Math.sin(v)),
      { ...nengoTol, what: "c1" },
    );
    expectAllClose(
      sim.data(p2).data,
      t.map(() => 0.25),
      { ...nengoTol, what: "c2" },
    );
  });

  it("test_slice, test_neuron_probe: probes of slices record the same values as the slices of whole probes", () => {
    const net = new Network({ seed: 0 });
    const a = net.node({ output: (t) => [Math.cos(t), Math.sin(t)] });
    const b = net.ensemble({ nNeurons: 100, dimensions: 2 });
    net.connect(a, b);
    const bp = net.probe(b, { synapse: 0.03 });
    const bp0a = net.probe(b, { slice: [0], synapse: 0.03 });
    const bp0b = net.probe(b, { slice: { stop: 1 }, synapse: 0.03 });
    const bp1a = net.probe(b, { slice: [1], synapse: 0.03 });
    const bp1b = net.probe(b, { slice: { start: 1 }, synapse: 0.03 });
    const bpv = net.probe(b.neurons, { attr: "voltage" });
    const bpvA = net.probe(b.neurons, { slice: { step: 2 }, attr: "voltage" });
    const pSpikes = net.probe(b.neurons);
    const pSlice = net.probe(b.neurons, { slice: { step: 2 } });
    const pAdv = net.probe(b.neurons, { slice: Array.from({ length: 50 }, (_, i) => 2 * i) });
    const sim = new Simulator(net, opts);
    sim.run(0.5);
    const whole = sim.data(bp).data;
    expectAllClose(sim.data(bp0a).data, column(whole, 2, 0), { ...nengoTol, what: "b[0]" });
    expectAllClose(sim.data(bp0b).data, column(whole, 2, 0), { ...nengoTol, what: "b[:1]" });
    expectAllClose(sim.data(bp1a).data, column(whole, 2, 1), { ...nengoTol, what: "b[1]" });
    expectAllClose(sim.data(bp1b).data, column(whole, 2, 1), { ...nengoTol, what: "b[1:]" });
    const evens = (data: ArrayLike<number>) =>
      Array.from({ length: data.length / 100 }, (_, r) => Array.from({ length: 50 }, (_, i) => defined(data[r * 100 + 2 * i]))).flat();
    expectAllClose(sim.data(bpvA).data, evens(sim.data(bpv).data), { ...nengoTol, what: "voltage[::2]" });
    expectAllClose(sim.data(pSlice).data, evens(sim.data(pSpikes).data), { ...nengoTol, what: "neurons[::2]" });
    expectAllClose(sim.data(pAdv).data, sim.data(pSlice).data, { ...nengoTol, what: "neurons[list]" });
  });

  it("test_ensemble_encoders: a scaledEncoders probe records the built scaled encoders, encoders · gain / radius", () => {
    const net = new Network({ seed: 0 });
    const ens = net.ensemble({ nNeurons: 10, dimensions: 2, radius: 1.5 });
    const pEnc = net.probe(ens, { attr: "scaledEncoders" });
    const sim = new Simulator(net, opts);
    sim.run(0.001);
    const built = defined(sim.plan.built.ensembles.get(ens));
    const probed = sim.data(pEnc).data;
    expectAllClose(probed, built.scaledEncoders, { ...nengoTol, what: "scaled encoders" });
    const fromProbe = Array.from(probed, (v, i) => v / (defined(built.gain[Math.floor(i / 2)]) / 1.5));
    expectAllClose(fromProbe, built.encoders, { ...nengoTol, what: "encoders" });
  });

  it("test_update_timing: a neuron input probe with synapse 0 lags one step (0, then gain·x + bias = 2)", () => {
    const net = new Network();
    const inp = net.node({ output: [1] });
    const ens = net.ensemble({
      nNeurons: 10,
      dimensions: 1,
      encoders: Array.from({ length: 10 }, () => [1]),
      gain: new Array(10).fill(1),
      bias: new Array(10).fill(1),
    });
    net.connect(inp, ens, { synapse: null });
    const sigP = net.probe(ens.neurons, { attr: "input", synapse: 0 });
    const sim = new Simulator(net, opts);
    sim.run(0.003);
    const d = sim.data(sigP).data;
    expectAllClose(d.subarray(0, 10), new Array(10).fill(0), { ...nengoTol, what: "first step" });
    expectAllClose(d.subarray(10), new Array(20).fill(2), { ...nengoTol, what: "later steps" });
  });

  it("test_not_probeable_error: probing an attribute the target does not have is a ValidationError", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 10, dimensions: 1 });
    let err: unknown;
    try {
      net.probe(ens, { attr: "badattr" });
      new Simulator(net, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/badattr/);
  });

  it("test_solver_defaults (with sampleEvery, as Plexus probes take no solver): probe defaults come from the nearest config", () => {
    const makeProbe = (net: Network) => net.probe(net.ensemble({ nNeurons: 10, dimensions: 1 }));
    const model = new Network();
    const a = makeProbe(model);
    model.config.probe.sampleEvery = 0.002;
    const b = makeProbe(model);
    const inner = model.network();
    const c = makeProbe(inner);
    inner.config.probe.sampleEvery = 0.005;
    const d = makeProbe(inner);
    expect(a.sampleEvery ?? null).toBeNull();
    expect(b.sampleEvery).toBe(0.002);
    expect(c.sampleEvery).toBe(0.002);
    expect(d.sampleEvery).toBe(0.005);
  });
});
