import { Worker } from "node:worker_threads";
import { Direct, LIF, LIFRate, Network, PortError, Process, type ProcessStep, Rng, Sigmoid, SimulationError, ValidationError, WhiteNoise } from "@plexus/core";
import { describe, expect, it, vi } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { wasmPathsNetwork } from "../test/support/wasmPathsNetwork.js";
import { build } from "./build.js";
import { helperAvailable } from "./internal/stepHelper.js";
import { Simulator, type SimulatorOptions } from "./Simulator.js";

const opts = { progress: false } as const;

function commChannel(seed: number): {
  net: Network;
  probes: { a: ReturnType<Network["probe"]>; b: ReturnType<Network["probe"]>; spikes: ReturnType<Network["probe"]> };
} {
  const net = new Network({ seed });
  const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) });
  const a = net.ensemble({ nNeurons: 30, dimensions: 1 });
  const b = net.ensemble({ nNeurons: 30, dimensions: 1 });
  net.connect(stim, a);
  net.connect(a, b, { function: (x) => defined(x[0]) ** 2 });
  return { net, probes: { a: net.probe(a, { synapse: 0.01 }), b: net.probe(b, { synapse: 0.01 }), spikes: net.probe(b.neurons) } };
}

describe("Simulator: compiled step", () => {
  it("runs one compiled function, reused across steps, that allocates nothing by construction", () => {
    const { net } = commChannel(1);
    const sim = new Simulator(net, opts);
    const fn = sim.stepFunction;
    expect(fn.name).toBe("plexusStep");
    sim.runSteps(10);
    sim.step();
    expect(sim.stepFunction).toBe(fn);
    // the generated code only indexes the arena and calls bound functions: no allocation sites
    expect(sim.source).not.toMatch(/\bnew\b|subarray|\.slice\(|Array\(|\.map\(|=>/);
  });

  it("gives the same bits fused and unfused", () => {
    const { net, probes } = commChannel(2);
    const plan = build(net);
    const s1 = new Simulator(plan, opts);
    const s2 = new Simulator(plan, { ...opts, fused: false });
    s1.runSteps(200);
    s2.runSteps(200);
    for (const p of Object.values(probes)) expect(Array.from(s1.data(p).data)).toEqual(Array.from(s2.data(p).data));
  });

  it("gives the same bits with and without the WebAssembly SIMD kernels, fused and unfused", () => {
    const { probes, plan } = wasmPathsNetwork();
    const runs = [{}, { simd: false }, { fused: false }, { fused: false, simd: false }].map((o) => {
      const sim = new Simulator(plan, { ...opts, ...o });
      sim.runSteps(150);
      return probes.map((p) => Array.from(sim.data(p).data));
    });
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
  });

  it("shares large dense products with a helper thread, with the same bits as one thread", () => {
    // encoders of 4100 × 64 (fused with the bias) and a 600 × 600 rate product (set target)
    const net = new Network({ seed: 3 });
    const stim = net.node({ output: (t: number) => Array.from({ length: 64 }, (_, i) => 0.3 * Math.sin(3 * t + i)) });
    const big = net.ensemble({ nNeurons: 4100, dimensions: 64, nEvalPoints: 300 });
    const rates = net.ensemble({ nNeurons: 600, dimensions: 1, neuronType: new LIFRate() });
    net.connect(stim, big);
    net.connect(big, big, { synapse: 0.1, transform: 0.5 });
    const rng = new Rng(8);
    net.connect(rates.neurons, rates.neurons, { transform: Array.from({ length: 600 }, () => Array.from({ length: 600 }, () => 0.0005 * rng.normal())) });
    net.connect(stim, rates, { transform: [[1, ...new Array(63).fill(0)]] });
    const probes = [net.probe(big, { synapse: null }), net.probe(big.neurons, { attr: "input" }), net.probe(rates.neurons)];
    const plan = build(net);
    if (helperAvailable()) expect(new Simulator(plan, opts).source).toMatch(/shared_\d+\(\)/);
    const runs = [{}, { threads: false }, { simd: false }].map((o) => {
      const sim = new Simulator(plan, { ...opts, ...o });
      sim.runSteps(400);
      return probes.map((p) => Array.from(sim.data(p).data));
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it("float32 mode: stores every buffer in float32; JS and WebAssembly kernels, fused or not, agree; close to float64", () => {
    const net = new Network({ seed: 12 });
    const stim = net.node({ output: (t: number) => Array.from({ length: 12 }, (_, i) => Math.sin(2 * Math.PI * (i + 1) * t)) });
    const a = net.ensemble({ nNeurons: 405, dimensions: 12 }); // encoders in blocks
    const b = net.ensemble({ nNeurons: 60, dimensions: 1, neuronType: new Sigmoid() });
    net.connect(stim, a);
    net.connect(a, b, { function: (x) => defined(x[0]) * defined(x[1]) });
    const rng = new Rng(2);
    net.connect(a.neurons, a.neurons, { transform: Array.from({ length: 405 }, () => Array.from({ length: 405 }, () => 0.002 * rng.normal())) });
    net.connect(a, a, { synapse: 0.05, transform: 0.5 });
    const probes = [net.probe(a, { synapse: 0.01 }), net.probe(b, { synapse: 0.01 }), net.probe(a.neurons), net.probe(a.neurons, { attr: "voltage" })];
    const plan = build(net);
    const run = (o: SimulatorOptions) => {
      const sim = new Simulator(plan, { ...opts, ...o });
      sim.runSteps(300);
      return probes.map((p) => Array.from(sim.data(p).data));
    };
    const f32 = run({ dtype: "float32" });
    for (const o of [{ simd: false }, { fused: false }, { fused: false, simd: false }] as const) expect(run({ dtype: "float32", ...o })).toEqual(f32);
    for (const v of defined(f32[3])) expect(Math.fround(v)).toBe(v); // stored values are floats
    const f64 = run({});
    expect(f32).not.toEqual(f64);
    const err = (k: number) => Math.hypot(...defined(f32[k]).map((v, i) => v - defined(defined(f64[k])[i]))) / Math.hypot(...defined(f64[k]));
    expect(err(0)).toBeLessThan(0.05);
    expect(err(1)).toBeLessThan(0.05);
    expect(() => new Simulator(plan, { ...opts, dtype: "float16" as "float32" })).toThrow(ValidationError);
  });

  it("splits a large network's step into chunks (V8 optimizes functions up to a size), with the same bits", () => {
    const net = new Network({ seed: 9 });
    let prev: Parameters<Network["connect"]>[0] = net.node({ output: (t: number) => Math.sin(20 * t) });
    for (let i = 0; i < 60; i++) {
      const e = net.ensemble({ nNeurons: 8, dimensions: 1, evalPoints: [[-1], [-0.5], [0], [0.5], [1]] });
      net.connect(prev, e);
      prev = e;
    }
    const p = net.probe(prev as ReturnType<Network["ensemble"]>, { synapse: 0.01 });
    const plan = build(net);
    const fused = new Simulator(plan, opts);
    const unfused = new Simulator(plan, { ...opts, fused: false });
    expect(fused.source).toMatch(/plexusChunk1/);
    fused.runSteps(100);
    unfused.runSteps(100);
    expect(Array.from(fused.data(p).data)).toEqual(Array.from(unfused.data(p).data));
  });

  it("reuses views: readOutput returns the same array, updated in place", () => {
    const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    net.connect(net.in.u, net.out.y, { synapse: null, transform: 2 });
    const sim = new Simulator(net, opts);
    const y = sim.readOutput("y");
    expect(sim.readOutput(net.out.y)).toBe(y);
    for (let k = 1; k <= 3; k++) {
      sim.writeInput("u", [k]);
      sim.step();
      expect(y[0]).toBe(2 * k);
    }
  });
});

describe("Simulator: runs, time and reset", () => {
  it("repeats the same bits after reset and with the same seed; different seeds differ", () => {
    const r1 = commChannel(3);
    const sim = new Simulator(r1.net, opts);
    sim.runSteps(100);
    const first = Float64Array.from(sim.data(r1.probes.b).data);
    sim.reset();
    expect(sim.nSteps).toBe(0);
    expect(sim.data(r1.probes.b).shape).toEqual([0, 1]);
    sim.runSteps(100);
    expect(Array.from(sim.data(r1.probes.b).data)).toEqual(Array.from(first));
    const r2 = commChannel(3);
    const sim2 = new Simulator(r2.net, opts);
    sim2.runSteps(100);
    expect(Array.from(sim2.data(r2.probes.b).data)).toEqual(Array.from(first));
    const r3 = commChannel(4);
    const sim3 = new Simulator(r3.net, opts);
    sim3.runSteps(100);
    expect(Array.from(sim3.data(r3.probes.b).data)).not.toEqual(Array.from(first));
  });

  it("uses the simulator's seed when the network has none, the network's seed otherwise", () => {
    const make = (seed?: number) => {
      const net = new Network(seed === undefined ? {} : { seed });
      const e = net.ensemble({ nNeurons: 10, dimensions: 1 });
      return { net, e };
    };
    const a = make();
    const b = make();
    const c = make(7);
    const ga = defined(build(a.net, { seed: 5 }).built.ensembles.get(a.e)).gain;
    const gb = defined(build(b.net, { seed: 6 }).built.ensembles.get(b.e)).gain;
    expect(Array.from(ga)).not.toEqual(Array.from(gb));
    expect(Array.from(defined(build(c.net, { seed: 5 }).built.ensembles.get(c.e)).gain)).toEqual(
      Array.from(defined(build(c.net, { seed: 6 }).built.ensembles.get(c.e)).gain),
    );
  });

  it("restarts processes at reset, with a new seed when given", () => {
    const net = new Network({ seed: 1 });
    const n = net.node({ output: new WhiteNoise() });
    const p = net.probe(n);
    const sim = new Simulator(net, opts);
    sim.runSteps(20);
    const a = Float64Array.from(sim.data(p).data);
    sim.reset();
    sim.runSteps(20);
    expect(Array.from(sim.data(p).data)).toEqual(Array.from(a));
    sim.reset(99);
    sim.runSteps(20);
    expect(Array.from(sim.data(p).data)).not.toEqual(Array.from(a));
    expect(sim.seed).toBe(99);
  });

  it("rejects bad run lengths", () => {
    const sim = new Simulator(new Network(), opts);
    expect(() => sim.run(-1)).toThrow(ValidationError);
    expect(() => sim.run(NaN)).toThrow(ValidationError);
    expect(() => sim.runSteps(1.5)).toThrow(ValidationError);
    sim.run(0.0004);
    expect(sim.nSteps).toBe(0);
  });

  it("rejects a dt that differs from the plan's", () => {
    const plan = build(new Network(), { dt: 0.002 });
    expect(() => new Simulator(plan, { dt: 0.001 })).toThrow(ValidationError);
    expect(new Simulator(plan, opts).dt).toBe(0.002);
  });
});

describe("Simulator: node errors", () => {
  const failing = (output: (t: number) => unknown, sizeOut = 1) => {
    const net = new Network();
    const ok = net.node({ output: (t: number) => t, label: "ok" });
    const bad = net.node({ output: output as (t: number) => number, sizeOut, label: "bad" });
    return { net, pOk: net.probe(ok), bad };
  };

  for (const [what, f] of [
    [
      "throws",
      (t: number) =>
        t > 0.0035
          ? (() => {
              throw new Error("boom");
            })()
          : 0,
    ],
    ["returns NaN", (t: number) => (t > 0.0035 ? NaN : 0)],
    ["returns the wrong size", (t: number) => (t > 0.0035 ? [1, 2] : 0)],
    ["returns a string", (t: number) => (t > 0.0035 ? "x" : 0)],
    ["returns undefined", (t: number) => (t > 0.0035 ? undefined : 0)],
  ] as const) {
    it(`a node function that ${what} raises SimulationError naming the node and step; earlier data stays`, () => {
      const { net, pOk } = failing(f);
      const sim = new Simulator(net, opts);
      let err: unknown;
      try {
        sim.runSteps(10);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SimulationError);
      const se = err as SimulationError;
      expect(se.step).toBe(4);
      expect(se.message).toContain("Node 'bad'");
      expect(se.message).toContain("step 4");
      expect(sim.nSteps).toBe(3);
      expect(Array.from(sim.data(pOk).data)).toEqual([0.001, 0.002, 0.003]);
    });
  }

  it("a connection function that fails is named too", () => {
    const net = new Network();
    const a = net.node({ output: (t: number) => t });
    const b = net.node({ sizeIn: 1 });
    net.connect(a, b, { function: (x) => (defined(x[0]) > 0.0015 ? Infinity : defined(x[0])), synapse: null, label: "c" });
    const sim = new Simulator(net, opts);
    expect(() => sim.runSteps(5)).toThrow(/Connection 'c' at step 2/);
  });
});

describe("Simulator: input and output ports", () => {
  const make = () => {
    const net = new Network({ inputs: { u: 2 }, outputs: { y: 1 } });
    const ens = net.ensemble({ nNeurons: 1, dimensions: 2, neuronType: new Direct() });
    net.connect(net.in.u, ens, { synapse: null });
    net.connect(ens, net.out.y, { synapse: null, transform: [[1, 10]] });
    const pu = net.probe(net.in.u);
    const py = net.probe(net.out.y);
    return { net, pu, py };
  };

  it("an undriven input port reads zeros, as Nengo's Node(size_in) with no input (unused ports need no source)", () => {
    const { net, pu, py } = make();
    const sim = new Simulator(net, opts);
    sim.runSteps(3);
    expect(Array.from(sim.data(pu).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(sim.data(py).data)).toEqual([0, 0, 0]);
    // driven later, from then on
    sim.writeInput("u", [1, 2]);
    sim.step();
    expect(Array.from(sim.readOutput("y"))).toEqual([21]);
  });

  it("takes an nSteps × dims array (row k-1 at step k) and fails past its end", () => {
    const { net, py } = make();
    const sim = new Simulator(net, opts);
    sim.setInput("u", Float64Array.of(1, 2, 3, 4, 5, 6));
    sim.runSteps(3);
    expect(Array.from(sim.data(py).data)).toEqual([21, 43, 65]);
    expect(() => sim.step()).toThrow(SimulationError);
    sim.reset();
    sim.runSteps(1);
    expect(Array.from(sim.data(py).data)).toEqual([21]);
  });

  it("takes a function of t, a constant, or values written before each step", () => {
    const { net, py, pu } = make();
    const sim = new Simulator(net, opts);
    sim.setInput(net.in.u, (t) => [t, 2 * t]);
    sim.runSteps(2);
    expect(Array.from(sim.data(pu).data)).toEqual([0.001, 0.002, 0.002, 0.004]);
    sim.setInput("u", 0.5);
    sim.step();
    expect(sim.data(py).data[2]).toBe(5.5);
    sim.writeInput("u", [1, -1]);
    sim.step();
    sim.step();
    expect(Array.from(sim.data(py).data.subarray(3))).toEqual([-9, -9]);
    expect(Array.from(sim.readOutput("y"))).toEqual([-9]);
  });

  it("checks port names and sizes", () => {
    const { net } = make();
    const sim = new Simulator(net, opts);
    expect(() => sim.setInput("v", 1)).toThrow(PortError);
    expect(() => sim.writeInput("u", [1])).toThrow(PortError);
    expect(() => sim.setInput("u", Float64Array.of(1, 2, 3))).toThrow(PortError);
    expect(() => sim.readOutput("z")).toThrow(PortError);
    sim.setInput("u", (t) => [t]);
    expect(() => sim.step()).toThrow(/returned 1 values, expected 2/);
  });

  it("connects subnetworks through their ports, with no delay", () => {
    const net = new Network();
    const sub = net.network({ inputs: { u: 1 }, outputs: { y: 1 }, label: "sub" });
    const inner = sub.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct() });
    sub.connect(sub.in.u, inner, { synapse: null });
    sub.connect(inner, sub.out.y, { synapse: null, transform: 3 });
    const src = net.node({ output: (t: number) => t });
    const dst = net.node({ sizeIn: 1 });
    net.connect(src, sub.in.u, { synapse: null });
    net.connect(sub.out.y, dst, { synapse: null });
    const p = net.probe(dst);
    const sim = new Simulator(net, opts);
    sim.runSteps(3);
    expect(Array.from(sim.data(p).data)).toEqual([1, 2, 3].map((k) => 3 * (k * 0.001)));
    expect(Array.from(sim.readOutput(sub.out.y))).toEqual([3 * 0.003]);
  });

  it("rejects an inner input port with nothing connected into it", () => {
    const net = new Network();
    const sub = net.network({ inputs: { u: 1 }, outputs: { y: 1 } });
    sub.connect(sub.in.u, sub.out.y, { synapse: null });
    expect(() => build(net)).toThrow(/nothing is connected into this input port/);
  });
});

describe("Simulator: processes and probes", () => {
  it("adds ensemble noise to the input current", () => {
    class Constant extends Process {
      readonly kind = "Constant";
      readonly defaultSizeOut = 1;
      makeStep(_i: number, sizeOut: number, _dt: number, _rng: Rng): ProcessStep {
        return (_t, _x, out) => out.fill(0.25, 0, sizeOut);
      }
    }
    const net = new Network();
    const ens = net.ensemble({
      nNeurons: 3,
      dimensions: 1,
      gain: [1, 1, 1],
      bias: [0, 1, 2],
      encoders: [[1], [1], [1]],
      noise: new Constant(),
      neuronType: new LIF(),
    });
    const p = net.probe(ens.neurons, { attr: "input" });
    const sim = new Simulator(net, opts);
    sim.runSteps(2);
    expect(Array.from(sim.data(p).data)).toEqual([0.25, 1.25, 2.25, 0.25, 1.25, 2.25]);
  });

  it("records connection input, output and weights", () => {
    const net = new Network();
    const a = net.node({ output: [1, 2] });
    const b = net.node({ sizeIn: 1 });
    const c = net.connect(a, b, { transform: [[3, 4]], synapse: 0 });
    const pin = net.probe(c, { attr: "input" });
    const pout = net.probe(c, { attr: "output" });
    const pw = net.probe(c, { attr: "weights" });
    const sim = new Simulator(net, opts);
    sim.runSteps(2);
    expect(Array.from(sim.data(pin).data)).toEqual([1, 2, 1, 2]);
    // as Nengo: the filtered signal is recorded after the step, i.e. after the synapse's update
    expect(Array.from(sim.data(pout).data)).toEqual([11, 11]);
    expect(sim.data(pw).shape).toEqual([2, 2]);
    expect(Array.from(sim.data(pw).data)).toEqual([3, 4, 3, 4]);
  });

  it("rejects probes of another network", () => {
    const other = new Network();
    const p = other.probe(other.node({ output: 1 }));
    const sim = new Simulator(new Network(), opts);
    expect(() => sim.data(p)).toThrow(ValidationError);
  });
});

describe("Simulator: close", () => {
  it("stops its helper thread, then refuses steps, resets, restores and inputs with a SimulationError; data, outputs and snapshots stay readable", async () => {
    const net = new Network({ seed: 3, inputs: { u: 1 }, outputs: { y: 64 } });
    const stim = net.node({ output: (t: number) => Array.from({ length: 64 }, (_, i) => 0.3 * Math.sin(3 * t + i)) });
    const big = net.ensemble({ nNeurons: 4100, dimensions: 64, nEvalPoints: 300 });
    net.connect(stim, big);
    net.connect(net.in.u, big, { transform: [[1], ...new Array(63).fill([0])] });
    net.connect(big, net.out.y, { synapse: 0.01 });
    const p = net.probe(big, { synapse: 0.01 });
    const plan = build(net);
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    try {
      const sim = new Simulator(plan, { ...opts, threads: true });
      sim.setInput("u", 0.2);
      sim.runSteps(20);
      const before = terminate.mock.calls.length;
      const exits = terminate.mock.results.length;
      sim.close();
      sim.close(); // idempotent
      expect(sim.isClosed).toBe(true);
      if (helperAvailable()) {
        expect(terminate.mock.calls.length).toBe(before + 1);
        // the worker really exits
        await expect(defined(terminate.mock.results[exits]).value).resolves.toBeTypeOf("number");
      }
      for (const call of [
        () => sim.step(),
        () => sim.runSteps(1),
        () => sim.run(0.01),
        () => sim.reset(),
        () => sim.setInput("u", 1),
        () => sim.writeInput("u", [1]),
      ]) {
        expect(call).toThrow(SimulationError);
      }
      expect(() => sim.step()).toThrow(/Simulator\.step: the simulator is closed/);
      expect(sim.nSteps).toBe(20);
      expect(sim.data(p).shape).toEqual([20, 64]);
      expect(sim.readOutput("y").length).toBe(64);
      // a closed simulator's snapshot continues the run in a new one, with the bits of an uninterrupted run
      const bytes = sim.snapshot();
      expect(() => sim.restore(bytes)).toThrow(SimulationError);
      using resumed = new Simulator(plan, { ...opts, threads: false, from: bytes });
      resumed.setInput("u", 0.2);
      resumed.runSteps(10);
      const whole = new Simulator(plan, { ...opts, threads: false });
      whole.setInput("u", 0.2);
      whole.runSteps(30);
      expect(Array.from(resumed.data(p).data)).toEqual(Array.from(whole.data(p).data));
      whole.close();
    } finally {
      terminate.mockRestore();
    }
  });

  it("closes at the end of a using block", () => {
    const net = new Network({ seed: 1 });
    net.ensemble({ nNeurons: 5, dimensions: 1 });
    let outer: Simulator | undefined;
    {
      using sim = new Simulator(net, opts);
      sim.runSteps(2);
      outer = sim;
      expect(outer.isClosed).toBe(false);
    }
    expect(outer.isClosed).toBe(true);
    expect(() => defined(outer).step()).toThrow(SimulationError);
  });
});

describe("Simulator: input and size checks", () => {
  const make = () => {
    const net = new Network({ inputs: { u: 2 } });
    const ens = net.ensemble({ nNeurons: 10, dimensions: 2, neuronType: new LIF(), seed: 2 });
    net.connect(net.in.u, ens);
    return { net, p: net.probe(ens, { synapse: 0.01 }), pu: net.probe(net.in.u) };
  };

  it("refuses NaN or Inf in setInput data, naming the port, the step and the index, and keeps the previous source and the data", () => {
    const { net, p } = make();
    const sim = new Simulator(net, opts);
    const good = Float64Array.from({ length: 20 }, (_, i) => 0.1 * i);
    sim.setInput("u", good);
    sim.runSteps(3);
    const before = Array.from(sim.data(p).data);
    const bad = good.slice();
    bad[7] = Number.NaN; // row 3 (step 4), index 1
    expect(() => sim.setInput("u", bad)).toThrow(SimulationError);
    let err: SimulationError | undefined;
    try {
      sim.setInput("u", Float64Array.of(1, 2, 3, Number.POSITIVE_INFINITY));
    } catch (e) {
      err = e as SimulationError;
    }
    expect(err?.message).toMatch(/in\.u: input data holds the non-finite value Infinity at step 2 \(row 1\), index 1/);
    expect(err?.step).toBe(2);
    expect(err?.label).toMatch(/in\.u/);
    expect(Array.from(sim.data(p).data)).toEqual(before);
    // the previous source goes on: the same bits as a run that never saw the bad data
    sim.runSteps(5);
    const clean = new Simulator(net, opts);
    clean.setInput("u", good);
    clean.runSteps(8);
    expect(Array.from(sim.data(p).data)).toEqual(Array.from(clean.data(p).data));
  });

  it("refuses NaN or Inf in writeInput, naming the port, the step and the index; nothing is written", () => {
    const { net, p, pu } = make();
    const sim = new Simulator(net, opts);
    sim.writeInput("u", [0.5, -0.5]);
    sim.runSteps(2);
    expect(() => sim.writeInput("u", [0.1, Number.NEGATIVE_INFINITY])).toThrow(/in\.u: writeInput got the non-finite value -Infinity at index 1 for step 3/);
    expect(() => sim.writeInput("u", [Number.NaN, 0])).toThrow(SimulationError);
    sim.runSteps(2);
    expect(Array.from(sim.data(pu).data)).toEqual([0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]);
    for (const v of sim.data(p).data) expect(Number.isFinite(v)).toBe(true);
  });

  it("refuses a run whose probe data cannot be held, naming the probe and the bytes, before any step; the data so far is kept", () => {
    const net = new Network({ inputs: { u: 8 } });
    const ens = net.ensemble({ nNeurons: 20, dimensions: 8, seed: 2 });
    net.connect(net.in.u, ens);
    const p = net.probe(ens, { synapse: 0.01 });
    const sim = new Simulator(net, opts);
    sim.setInput("u", 0.3);
    sim.runSteps(4);
    const before = Array.from(sim.data(p).data);
    let err: SimulationError | undefined;
    try {
      sim.runSteps(1e9);
    } catch (e) {
      err = e as SimulationError;
    }
    expect(err).toBeInstanceOf(SimulationError);
    expect(err?.message).toMatch(
      /Probe.*recording 1000000000 more steps \(1000000000 rows of 8 values, from step 5\) needs 64000000256 bytes \(59\.6 GiB\) of probe data in all, more than one JavaScript typed array holds/,
    );
    expect(err?.step).toBe(5);
    expect(sim.nSteps).toBe(4);
    expect(Array.from(sim.data(p).data)).toEqual(before);
    sim.runSteps(1);
    expect(sim.data(p).shape).toEqual([5, 8]);
  });
});
