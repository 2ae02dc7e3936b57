// Snapshots: a run continued from a snapshot equals the uninterrupted run bit for bit (fast-check
// over neuron types, synapses, processes, PES, input kinds, step split and simulator options).
import {
  AdaptiveLIF,
  AdaptiveLIFRate,
  Alpha,
  BrownNoise,
  Direct,
  FilteredNoise,
  Izhikevich,
  LIF,
  LIFRate,
  LinearFilter,
  Network,
  type NeuronType,
  PES,
  Piecewise,
  PoissonSpiking,
  PortError,
  PresentInput,
  type Probe,
  type Process,
  RectifiedLinear,
  RegularSpiking,
  Sigmoid,
  SnapshotError,
  SoftLIFRate,
  SpikingRectifiedLinear,
  StochasticSpiking,
  type SynapseLike,
  Tanh,
  Triangle,
  WhiteNoise,
  WhiteSignal,
} from "@plexus/core";
import { build, type Plan, Simulator, type SimulatorOptions } from "@plexus/simulator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { wasmPathsNetwork } from "./support/wasmPathsNetwork.js";

const neuronTypes: Record<string, () => NeuronType> = {
  LIF: () => new LIF(),
  LIFRate: () => new LIFRate(),
  AdaptiveLIF: () => new AdaptiveLIF({ tauN: 0.05, incN: 0.5 }),
  AdaptiveLIFRate: () => new AdaptiveLIFRate({ tauN: 0.05, incN: 0.5 }),
  RectifiedLinear: () => new RectifiedLinear(),
  SpikingRectifiedLinear: () => new SpikingRectifiedLinear(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  Izhikevich: () => new Izhikevich(),
  SoftLIFRate: () => new SoftLIFRate(),
  RegularSpiking: () => new RegularSpiking(new LIFRate()),
  PoissonSpiking: () => new PoissonSpiking(new LIFRate()),
  StochasticSpiking: () => new StochasticSpiking(new RectifiedLinear()),
  Direct: () => new Direct(),
};

const synapses: Record<string, () => SynapseLike> = {
  none: () => null,
  lowpass: () => 0.005,
  alpha: () => new Alpha(0.004),
  triangle: () => new Triangle(0.004),
  linearFilter: () => new LinearFilter([1], [0.001, 0.05, 1]),
};

const processes: Record<string, (seed: number | undefined) => Process | null> = {
  none: () => null,
  white: (seed) => new WhiteNoise({ seed }),
  filtered: (seed) => new FilteredNoise({ seed }),
  brown: (seed) => new BrownNoise({ seed }),
  whiteSignal: (seed) => new WhiteSignal(0.05, 40, { seed }),
};

const arbSpec = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  type: fc.constantFrom(...Object.keys(neuronTypes)),
  synapse: fc.constantFrom(...Object.keys(synapses)),
  noise: fc.constantFrom(...Object.keys(processes)),
  stim: fc.constantFrom("whiteSignal", "brown", "presentInput", "piecewise", "function"),
  processSeed: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  pes: fc.boolean(),
  input: fc.constantFrom("array", "function", "constant", "manual"),
  total: fc.integer({ min: 1, max: 60 }),
  split: fc.double({ min: 0, max: 1, noNaN: true }),
  fused: fc.boolean(),
  simd: fc.boolean(),
  dtype: fc.constantFrom("float64", "float32"),
  probeData: fc.boolean(),
});

type Spec = typeof arbSpec extends fc.Arbitrary<infer T> ? T : never;

/** A network with a top-level input port, a stimulus process or function, a recurrent ensemble with noise, optionally a PES-learned connection. */
function makeNetwork(spec: Spec): { net: Network; probes: Probe[] } {
  const net = new Network({ seed: spec.seed, inputs: { u: 2 }, outputs: { y: 1 } });
  const type = defined(neuronTypes[spec.type])();
  const direct = type.kind === "Direct";
  const stim =
    spec.stim === "function"
      ? net.node({ output: (t: number) => [Math.sin(20 * t), Math.cos(13 * t)] })
      : spec.stim === "presentInput"
        ? net.node({
            output: new PresentInput({
              inputs: [
                [0.5, -0.2],
                [-0.4, 0.9],
                [0.1, 0.3],
              ],
              presentationTime: 0.007,
            }),
          })
        : spec.stim === "piecewise"
          ? net.node({ output: new Piecewise({ 0: [0.2, -0.3], 0.013: [-0.6, 0.5], 0.03: [0.7, 0.1] }) })
          : net.node({
              output: spec.stim === "brown" ? new BrownNoise({ seed: spec.processSeed }) : new WhiteSignal(0.1, 20, { seed: spec.processSeed }),
              sizeOut: 2,
            });
  const noise = direct ? null : defined(processes[spec.noise])(spec.processSeed);
  const a = net.ensemble({ nNeurons: 12, dimensions: 2, neuronType: type, ...(noise === null ? {} : { noise }) });
  const b = net.ensemble({ nNeurons: 9, dimensions: 1, neuronType: direct ? new LIF() : defined(neuronTypes[spec.type])() });
  const syn = defined(synapses[spec.synapse])();
  net.connect(stim, a, { synapse: syn });
  net.connect(net.in.u, a, { synapse: 0.003, transform: 0.5 });
  net.connect(a, a, {
    synapse: syn ?? 0.01,
    transform: [
      [0.3, -0.2],
      [0.1, 0.4],
    ],
  });
  // a node function pure in t and x
  const f = net.node({ output: (t: number, x: Float64Array) => [Math.tanh(defined(x[0]) + t)], sizeIn: 2 });
  net.connect(a, f, { synapse: 0.005 });
  const learned = net.connect(a, b, {
    synapse: 0.005,
    function: (x: Float64Array) => [defined(x[0]) * defined(x[1])],
    ...(spec.pes && !direct ? { learningRule: new PES({ learningRate: 5e-4 }) } : {}),
  });
  if (spec.pes && !direct && learned.learningRule !== undefined && learned.learningRule !== null) {
    net.connect(b, learned.learningRule, { synapse: 0.01 });
    net.connect(f, learned.learningRule, { synapse: 0.01, transform: -1 });
  }
  net.connect(b, net.out.y, { synapse: null });
  const probes = [net.probe(a, { synapse: 0.01 }), net.probe(b), net.probe(f), net.probe(net.out.y), net.probe(net.in.u)];
  if (!direct) probes.push(net.probe(a.neurons), net.probe(a.neurons, { attr: "input", sampleEvery: 0.003 }));
  return { net, probes };
}

/** Drives port u as the spec says; the array is indexed by step from the start of the run. */
function drive(sim: Simulator, spec: Spec): void {
  if (spec.input === "array")
    sim.setInput(
      "u",
      Float64Array.from({ length: 2 * spec.total }, (_, i) => Math.sin(0.37 * i)),
    );
  else if (spec.input === "function") sim.setInput("u", (t) => [Math.cos(31 * t), t]);
  else if (spec.input === "constant") sim.setInput("u", 0.25);
}

/** Runs steps from..to, writing port u before each step when the spec drives it by hand. */
function runTo(sim: Simulator, spec: Spec, to: number): void {
  if (spec.input !== "manual") {
    sim.runSteps(to - sim.nSteps);
    return;
  }
  while (sim.nSteps < to) {
    const k = sim.nSteps + 1;
    // written every other step (the value in the arena carries over in between)
    if (k % 2 === 1) sim.writeInput("u", [Math.sin(k), -0.5 * Math.cos(k)]);
    sim.step();
  }
}

/** Every probe's rows of the steps after `from`, as bytes (so -0, +0 and NaN payloads count). */
function bytesFrom(sim: Simulator, probes: readonly Probe[], plan: Plan, from: number): string[] {
  return probes.map((p) => {
    const { data, shape } = sim.data(p);
    const period = defined(plan.probes.get(p)).period;
    const keep = countRows(sim.nSteps, period) - countRows(from, period);
    expect(shape[0]).toBeGreaterThanOrEqual(keep);
    const start = shape[0] - keep;
    return Buffer.from(data.buffer, data.byteOffset + start * shape[1] * 8, keep * shape[1] * 8).toString("hex");
  });
}

/** The rows a probe of period `period` records in steps 1..n (Nengo's rule `k % period < 1`). */
function countRows(n: number, period: number): number {
  let c = 0;
  for (let k = 1; k <= n; k++) if (k % period < 1) c++;
  return c;
}

describe("Simulator snapshots", () => {
  it("a run continued from a snapshot equals the uninterrupted run, bit for bit", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const { net, probes } = makeNetwork(spec);
        const plan = build(net);
        const options: SimulatorOptions = { progress: false, fused: spec.fused, simd: spec.simd, dtype: spec.dtype as "float64" | "float32" };
        const whole = new Simulator(plan, options);
        drive(whole, spec);
        runTo(whole, spec, spec.total);

        const split = Math.floor(spec.split * spec.total);
        const first = new Simulator(plan, options);
        drive(first, spec);
        runTo(first, spec, split);
        const bytes = first.snapshot({ probeData: spec.probeData });
        // the first simulator goes on and must not change the snapshot
        runTo(first, spec, spec.total);

        const resumed = new Simulator(plan, { ...options, from: bytes });
        expect(resumed.nSteps).toBe(split);
        drive(resumed, spec);
        runTo(resumed, spec, spec.total);
        const from = spec.probeData ? 0 : split;
        expect(bytesFrom(resumed, probes, plan, from)).toEqual(bytesFrom(whole, probes, plan, from));
        expect(bytesFrom(first, probes, plan, 0)).toEqual(bytesFrom(whole, probes, plan, 0));
        const bytesOf = (v: Float64Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        expect(bytesOf(resumed.readOutput("y")).equals(bytesOf(whole.readOutput("y")))).toBe(true);

        // restore into a simulator that ran something else (same plan): the same again
        const other = new Simulator(plan, options);
        drive(other, spec);
        runTo(other, spec, Math.min(spec.total, 3));
        other.restore(bytes);
        drive(other, spec);
        runTo(other, spec, spec.total);
        expect(bytesFrom(other, probes, plan, from)).toEqual(bytesFrom(whole, probes, plan, from));
      }),
      { seed: 20261207, numRuns: 80 },
    );
  });
});

describe("Simulator snapshots: refusals", () => {
  const small = (seed: number, nNeurons = 20) => {
    const net = new Network({ seed, inputs: { u: 1 } });
    const a = net.ensemble({ nNeurons, dimensions: 1, noise: new WhiteNoise() });
    net.connect(net.in.u, a);
    const p = net.probe(a, { synapse: 0.01 });
    return { net, p, plan: build(net) };
  };
  const opts = { progress: false } as const;
  const taken = () => {
    const { plan, p } = small(1);
    const sim = new Simulator(plan, opts);
    sim.setInput("u", (t) => Math.sin(10 * t));
    sim.runSteps(25);
    return { plan, p, sim, bytes: sim.snapshot() };
  };
  /** Restoring `bad` into `sim` throws a SnapshotError matching `why` and changes nothing. */
  const refused = (sim: Simulator, p: Probe, bad: unknown, why: RegExp): void => {
    const before = { n: sim.nSteps, data: Array.from(sim.data(p).data), snap: sim.snapshot() };
    let err: unknown;
    try {
      sim.restore(bad as Uint8Array);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as Error).message).toMatch(why);
    expect(sim.nSteps).toBe(before.n);
    expect(Array.from(sim.data(p).data)).toEqual(before.data);
    expect(Buffer.from(sim.snapshot()).equals(Buffer.from(before.snap))).toBe(true);
  };

  it("refuses what is not a snapshot, naming why", () => {
    const { sim, p } = taken();
    refused(sim, p, new Uint8Array(0), /truncated: 0 bytes/);
    refused(sim, p, new TextEncoder().encode("PK\u0003\u0004 a zip file, not a snapshot at all"), /not a Plexus simulator snapshot/);
    refused(sim, p, "PLXSNAP", /expected the Uint8Array/);
    refused(sim, p, null, /expected the Uint8Array/);
  });

  it("refuses a truncated snapshot at every cut and a snapshot with bytes appended", () => {
    const { sim, p, bytes } = taken();
    const cuts = [1, 7, 8, 20, 31, 32, 40, 100, bytes.length - 9, bytes.length - 1];
    for (const cut of cuts) refused(sim, p, bytes.subarray(0, cut), /truncated/);
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    refused(sim, p, longer, /too many/);
  });

  it("refuses a corrupted snapshot (one bit flipped anywhere) and another format version", () => {
    const { sim, p, bytes } = taken();
    const positions = [8, 16, 24, 33, 60, Math.floor(bytes.length / 2), bytes.length - 1];
    for (const at of positions) {
      const bad = bytes.slice();
      bad[at] = defined(bad[at]) ^ 0x10;
      refused(sim, p, bad, at < 12 ? /format version/ : at < 24 ? /another plan|corrupted|truncated/ : /corrupted|truncated/);
    }
  });

  it("refuses a snapshot of another plan (another seed, another size, another dt) or another dtype", () => {
    const { bytes } = taken();
    for (const other of [small(2).plan, small(1, 21).plan, build(small(1).net, { dt: 0.002 })]) {
      const sim = new Simulator(other, opts);
      expect(() => sim.restore(bytes)).toThrow(/another plan/);
      expect(() => new Simulator(other, { ...opts, from: bytes })).toThrow(SnapshotError);
    }
    const f32 = new Simulator(small(1).plan, { ...opts, dtype: "float32" });
    expect(() => f32.restore(bytes)).toThrow(/taken in float64; this simulator runs in float32/);
  });

  it("restores into a rebuilt plan of the same network and seed, unfused or JS-only, with the same bits", () => {
    const { sim, p, bytes } = taken();
    sim.runSteps(30);
    const whole = Buffer.from(sim.data(p).data.slice().buffer);
    for (const o of [{}, { fused: false }, { simd: false }]) {
      const rebuilt = small(1);
      const resumed = new Simulator(rebuilt.plan, { ...opts, ...o, from: bytes });
      resumed.setInput("u", (t) => Math.sin(10 * t));
      resumed.runSteps(30);
      // the rebuilt network's probe stands for the original's (probes are matched by position)
      expect(Buffer.from(resumed.data(rebuilt.p).data.slice().buffer).equals(whole)).toBe(true);
    }
  });

  it("restores from a view at any offset of a larger buffer (a Node Buffer from the pool, a subarray), the same bits", () => {
    const { plan, p, sim, bytes } = taken();
    sim.setInput("u", (t) => Math.sin(10 * t));
    sim.runSteps(30);
    const whole = Buffer.from(sim.data(p).data.slice().buffer);
    const padded = new Uint8Array(bytes.length + 13);
    padded.set(bytes, 5);
    const views = [padded.subarray(5, 5 + bytes.length), Buffer.concat([Buffer.alloc(3), Buffer.from(bytes)]).subarray(3)];
    for (const view of views) {
      expect(view.byteOffset).not.toBe(0);
      const resumed = new Simulator(plan, { ...opts, from: view });
      resumed.setInput("u", (t) => Math.sin(10 * t));
      resumed.runSteps(30);
      expect(Buffer.from(resumed.data(p).data.slice().buffer).equals(whole)).toBe(true);
    }
  });

  it("asks again for an input source set with setInput before the snapshot; written values carry over", () => {
    const { plan, bytes } = taken();
    const resumed = new Simulator(plan, { ...opts, from: bytes });
    expect(() => resumed.step()).toThrow(PortError);
    expect(() => resumed.step()).toThrow(/in\.u: no input at step 26: this simulator was restored from a snapshot/);
    const manual = new Simulator(plan, opts);
    manual.writeInput("u", [0.75]);
    manual.runSteps(3);
    const again = new Simulator(plan, { ...opts, from: manual.snapshot() });
    again.runSteps(2);
    manual.runSteps(2);
    expect(Array.from(again.data(defined([...plan.probes.keys()][0])).data)).toEqual(Array.from(manual.data(defined([...plan.probes.keys()][0])).data));
  });
});

describe("Simulator snapshots: the WebAssembly paths", () => {
  it("continues bit for bit through event-driven spike products, SIMD LIF and dense blocks, at several steps", () => {
    // the SIMD test's network, with noise: LIF spikes listed for the event-driven products, blocks
    const { probes, plan } = wasmPathsNetwork(new WhiteNoise());
    for (const options of [{}, { dtype: "float32" as const }]) {
      const whole = new Simulator(plan, { progress: false, ...options });
      whole.runSteps(120);
      const expected = probes.map((p) => Buffer.from(whole.data(p).data.slice().buffer).toString("hex"));
      for (const split of [1, 37, 119]) {
        const first = new Simulator(plan, { progress: false, ...options });
        first.runSteps(split);
        const resumed = new Simulator(plan, { progress: false, ...options, from: first.snapshot() });
        resumed.runSteps(120 - split);
        expect(probes.map((p) => Buffer.from(resumed.data(p).data.slice().buffer).toString("hex"))).toEqual(expected);
        first.close();
        resumed.close();
      }
      whole.close();
    }
  });
});
