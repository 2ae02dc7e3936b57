// Nengo 4.1's nengo/tests/test_connection.py, translated. Each `it` names the Nengo tests it
// translates. Nengo's tolerances are kept (pytest-allclose's defaults, rtol 1e-5 and atol 1e-8,
// where a test gives none); the seeds are Plexus's own, as its RNG is not numpy's.
// Deliberate differences: a connection from a node with `LstsqL2({ weights: true })` warns in Nengo
// (test_set_weight_solver) and is covered by test/solverWeights.test.ts; arity checks of functions
// (test_dimensionality_errors' "must accept a single argument") have no JavaScript counterpart.
// Not translated: test_function_names (Python's str(conn) naming the function; Plexus names a
// connection by label or index) and test_is_decoded_deprecation (a Python DeprecationWarning).
import {
  Alpha,
  BCM,
  Choice,
  type Connection,
  type ConnectionFunction,
  type ConnectionOptions,
  type ConnectionSource,
  type ConnectionTarget,
  Dense,
  Direct,
  Gaussian,
  LIF,
  LIFRate,
  LstsqL2,
  Network,
  type NeuronType,
  NoSolver,
  NoTransform,
  Oja,
  PES,
  Piecewise,
  PlexusError,
  RectifiedLinear,
  Rng,
  type Slice,
  Uniform,
  UniformHypersphere,
  ValidationError,
  WhiteSignal,
} from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it, vi } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { captureWarnings } from "../../../../test/support/warnings.js";
import { expectAllClose } from "../nengoParity/support.js";

const opts = { progress: false } as const;
/** Nengo's PositiveNeuronType fixture (a spiking and a rate type). */
const positiveTypes: [string, () => NeuronType][] = [
  ["LIF", () => new LIF()],
  ["LIFRate", () => new LIFRate()],
  ["RectifiedLinear", () => new RectifiedLinear()],
];

/** Row-major `rows × cols` data's rows from `first` on, flattened. */
function tail(data: ArrayLike<number>, cols: number, nRows: number): number[] {
  return Array.from(data).slice(data.length - nRows * cols);
}

/** Column `col` of row-major data with `cols` columns. */
function column(data: ArrayLike<number>, cols: number, col: number): number[] {
  const out: number[] = [];
  for (let i = col; i < data.length; i += cols) out.push(defined(data[i]));
  return out;
}

/** Nengo's `Lowpass(tau).filt(x, dt)` of each column (zero-order hold, y0 = 0). */
function lowpassFilt(x: ArrayLike<number>, cols: number, tau: number, dt: number): number[] {
  const a = Math.exp(-dt / tau);
  const y = new Array<number>(x.length);
  const prev = new Array<number>(cols).fill(0);
  for (let i = 0; i < x.length; i++) {
    const c = i % cols;
    prev[c] = a * defined(prev[c]) + (1 - a) * defined(x[i]);
    y[i] = defined(prev[c]);
  }
  return y;
}

/** nengo.utils.testing.signals_allclose: targets[buf : T - delay] against signals[buf + delay :]. */
function expectSignalsClose(
  dt: number,
  targets: readonly number[],
  signals: ArrayLike<number>,
  cols: number,
  { atol = 1e-8, rtol = 1e-5, buf = 0, delay = 0 }: { atol?: number; rtol?: number; buf?: number; delay?: number },
): void {
  const b = Math.round(buf / dt);
  const d = Math.round(delay / dt);
  const steps = targets.length / cols;
  const want = targets.slice(b * cols, (steps - d) * cols);
  const got = Array.from(signals).slice((b + d) * cols);
  expectAllClose(got, want, { atol, rtol, what: "signals" });
}

/** `net.connect` without the compile-time size check, for connections Nengo sizes by a config default or refuses at run time. */
function connectUnchecked(net: Network, pre: ConnectionSource, post: ConnectionTarget, options: ConnectionOptions = {}): Connection {
  return (net.connect as (pre: ConnectionSource, post: ConnectionTarget, options: ConnectionOptions) => Connection).call(net, pre, post, options);
}

/** The `n × n` identity matrix. */
function eye(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Each case, on a fresh `make()`, is a ValidationError matching its message when made or built. */
function expectRefusedAtBuild<M extends { readonly net: Network }>(make: () => M, cases: readonly (readonly [string, RegExp, (m: M) => unknown])[]): void {
  for (const [what, message, f] of cases) {
    const m = make();
    const err = errorOf(() => {
      f(m);
      build(m.net);
    });
    expect(err, what).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message), what).toMatch(message);
  }
}

describe("test_connection.py: what connections compute", () => {
  for (const [name, type] of positiveTypes) {
    it(`test_node_to_neurons (${name}): inhibiting the neurons from a node silences the decoded value`, () => {
      const n = 50;
      const net = new Network({ seed: 1 });
      net.config.ensemble.neuronType = type();
      const a = net.ensemble({ nNeurons: n, dimensions: 1 });
      const inn = net.node({ output: Math.sin });
      const inh = net.node({ output: new Piecewise({ 0: 0, 0.5: 1 }) });
      net.connect(inn, a);
      net.connect(inh, a.neurons, { transform: Array.from({ length: n }, () => [-5]) });
      const ap = net.probe(a, { attr: "decoded", synapse: 0.1 });
      const sim = new Simulator(net, opts);
      sim.run(1.0);
      expectAllClose(tail(sim.data(ap).data, 1, 10), new Array(10).fill(0), { atol: 0.1, rtol: 0.01, what: "a" });
    });

    it(`test_ensemble_to_neurons (${name}): inhibiting the neurons from an ensemble silences the decoded value`, () => {
      const net = new Network({ seed: 2 });
      net.config.ensemble.neuronType = type();
      const ens = net.ensemble({ nNeurons: 40, dimensions: 1 });
      const inhibitor = net.ensemble({ nNeurons: 40, dimensions: 1 });
      const stim = net.node({ output: Math.sin });
      const inhibition = net.node({ output: new Piecewise({ 0: 0, 0.5: 1 }) });
      net.connect(stim, ens);
      net.connect(inhibition, inhibitor);
      net.connect(inhibitor, ens.neurons, { transform: Array.from({ length: 40 }, () => [-10]) });
      const ensP = net.probe(ens, { synapse: 0.05 });
      const inhibitorP = net.probe(inhibitor, { synapse: 0.05 });
      const sim = new Simulator(net, opts);
      sim.run(1.0);
      expectAllClose(tail(sim.data(ensP).data, 1, 10), new Array(10).fill(0), { atol: 0.1, rtol: 0.01, what: "ens" });
      expectAllClose(tail(sim.data(inhibitorP).data, 1, 10), new Array(10).fill(1), { atol: 0.1, rtol: 0.01, what: "inhibitor" });
    });

    it(`test_neurons_to_neurons (${name}): all-negative neuron-to-neuron weights silence the post ensemble`, () => {
      const net = new Network({ seed: 3 });
      net.config.ensemble.neuronType = type();
      const a = net.ensemble({ nNeurons: 50, dimensions: 1 });
      const b = net.ensemble({ nNeurons: 80, dimensions: 1 });
      const inp = net.node({ output: 1 });
      net.connect(inp, a);
      net.connect(a.neurons, b.neurons, { transform: Array.from({ length: 80 }, () => new Array(50).fill(-1)) });
      const aP = net.probe(a, { synapse: 0.1 });
      const bP = net.probe(b, { synapse: 0.1 });
      const sim = new Simulator(net, opts);
      sim.run(0.6);
      expectAllClose(tail(sim.data(aP).data, 1, 10), new Array(10).fill(1), { atol: 0.1, rtol: 0.01, what: "a" });
      expectAllClose(tail(sim.data(bP).data, 1, 10), new Array(10).fill(0), { atol: 0.1, rtol: 0.01, what: "b" });
    });

    it(`test_neurons_to_node (${name}): a node fed the neurons' output (no synapse) records the same activity`, () => {
      const n = 5;
      const net = new Network({ seed: 4 });
      net.config.ensemble.neuronType = type();
      const a = net.ensemble({ nNeurons: n, dimensions: 1, encoders: Array.from({ length: n }, () => [1]) });
      const out = net.node({ output: (_t, x) => Array.from(x), sizeIn: n });
      net.connect(net.node({ output: 1 }), a);
      net.connect(a.neurons, out, { synapse: null });
      const aSpikes = net.probe(a.neurons, { synapse: 0.005 });
      const outP = net.probe(out, { synapse: 0.005 });
      const sim = new Simulator(net, opts);
      sim.run(0.1);
      expectAllClose(sim.data(outP).data, sim.data(aSpikes).data, { rtol: 1e-5, atol: 1e-8, what: "activity" });
    });
  }

  it("test_function_and_transform: a function then a transform ([1, -1]·a²)", () => {
    const net = new Network({ seed: 5 });
    const u = net.node({ output: (t) => Math.sin(6 * t) });
    const a = net.ensemble({ nNeurons: 100, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 200, dimensions: 2, radius: 1.5 });
    net.connect(u, a);
    net.connect(a, b, { function: (x) => [defined(x[0]) ** 2], transform: [[1.0], [-1.0]] });
    const ap = net.probe(a, { synapse: 0.03 });
    const bp = net.probe(b, { synapse: 0.03 });
    const sim = new Simulator(net, opts);
    sim.run(0.8);
    const a2 = Array.from(sim.data(ap).data, (v) => v * v);
    const y = sim.data(bp).data;
    expectAllClose(column(y, 2, 0), a2, { atol: 0.1, rtol: 0.01, what: "b[0]" });
    expectAllClose(
      column(y, 2, 1),
      a2.map((v) => -v),
      { atol: 0.1, rtol: 0.01, what: "b[1]" },
    );
  });

  it("test_weights: LstsqL2({ weights: true }) between ensembles computes the transform of the input", () => {
    const func = (t: number) => [Math.sin(4 * t), Math.cos(12 * t)];
    const transform = [0.6, -0.4];
    for (const [name, type] of [...positiveTypes, ["Direct", () => new Direct()] as [string, () => NeuronType]]) {
      const net = new Network({ label: "test_weights", seed: 6 });
      net.config.ensemble.neuronType = type();
      const u = net.node({ output: func });
      const a = net.ensemble({ nNeurons: 100, dimensions: 2, radius: 1.4 });
      const b = net.ensemble({ nNeurons: 50, dimensions: 1 });
      const bp = net.probe(b);
      net.connect(u, a);
      const conn = net.connect(a, b, { synapse: 0.01, transform: [transform], solver: new LstsqL2({ weights: true }) });
      const sim = new Simulator(net, opts);
      sim.run(1.0);
      if (name !== "Direct") expect([...defined(sim.plan.built.connections.get(conn)).weightsShape], name).toEqual([50, 100]);
      const y = Array.from(sim.trange(), (t) => {
        const x = func(t);
        return defined(transform[0]) * defined(x[0]) + defined(transform[1]) * defined(x[1]);
      });
      const z = lowpassFilt(sim.data(bp).data, 1, 0.01, sim.dt);
      expectSignalsClose(sim.dt, y, z, 1, { atol: 0.15, buf: 0.1, delay: 0.025 });
    }
  });

  it("test_function_output_size: a function returning a number or an array is used either way", () => {
    const net = new Network({ seed: 7 });
    const u = net.node({ output: (t) => (t - 0.1) * 10 });
    const a = net.ensemble({ nNeurons: 100, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 100, dimensions: 1 });
    net.connect(u, a, { synapse: null });
    net.connect(a, b, { synapse: null, function: (x) => (defined(x[0]) > 0 ? x : 0) });
    const up = net.probe(u);
    const bp = net.probe(b, { synapse: 0.03 });
    const sim = new Simulator(net, opts);
    sim.run(0.2);
    const x = lowpassFilt(
      Array.from(sim.data(up).data, (v) => Math.max(v, 0)),
      1,
      0.03,
      sim.dt,
    );
    expectAllClose(sim.data(bp).data, x, { atol: 0.1, rtol: 1e-5, what: "b" });
  });

  for (const [name, type] of [...positiveTypes, ["Direct", () => new Direct()] as [string, () => NeuronType]]) {
    it(`test_slicing (${name}): Python slices and index lists on both ends, with decoders and with weights`, () => {
      const x = [-1, -0.25, 1];
      const cases: { pre: Slice; post: Slice; t: number[] | number[][]; y: number[] }[] = [
        // y1[[2, 0]] = T1 · x[1::-1] = T1 · [x1, x0]: y1[2] is its first row, y1[0] its second
        {
          pre: { start: 1, step: -1 },
          post: [2, 0],
          t: [
            [-1, 0.5],
            [2, 0.25],
          ],
          y: [2 * -0.25 + 0.25 * -1, 0, -1 * -0.25 + 0.5 * -1],
        },
        // y2[0:2] = T2 · x[[0, 2]]
        {
          pre: [0, 2],
          post: { start: 0, stop: 2 },
          t: [
            [-0.5, 0.25],
            [0.5, 0.75],
          ],
          y: [-0.5 * -1 + 0.25 * 1, 0.5 * -1 + 0.75 * 1, 0],
        },
        // y3[[0, 2]] = diag(T3) · x[[2, 0]]
        { pre: [2, 0], post: [0, 2], t: [0.5, 0.75], y: [0.5 * 1, 0, 0.75 * -1] },
      ];
      const net = new Network({ seed: 16 });
      net.config.ensemble.neuronType = type();
      const u = net.node({ output: x });
      const a = net.ensemble({ nNeurons: 300, dimensions: 3, radius: 1.7 });
      net.connect(u, a);
      const probes = cases.map((c) => {
        const b = net.ensemble({ nNeurons: 300, dimensions: 3, radius: 1.7 });
        net.connect(a, b, { preSlice: c.pre, postSlice: c.post, transform: c.t });
        const w = net.ensemble({ nNeurons: 300, dimensions: 3, radius: 1.7 });
        net.connect(a, w, { preSlice: c.pre, postSlice: c.post, transform: c.t, solver: new LstsqL2({ weights: true }) });
        return [net.probe(b, { synapse: 0.03 }), net.probe(w, { synapse: 0.03 })] as const;
      });
      const sim = new Simulator(net, opts);
      sim.run(0.25);
      const atol = name === "Direct" ? 0.01 : 0.1;
      cases.forEach((c, i) => {
        const want = Array.from({ length: 20 }, () => c.y).flat();
        const [p, wp] = defined(probes[i]);
        expectAllClose(tail(sim.data(p).data, 3, 20), want, { atol, rtol: 1e-5, what: `Failed ${i}` });
        expectAllClose(tail(sim.data(wp).data, 3, 20), want, { atol, rtol: 1e-5, what: `Weights ${i}` });
      });
    });
  }

  for (const negative of [false, true]) {
    it(`test_list_indexing (negative indices ${negative}): list pre and post slices, repeated indices summing`, () => {
      const net = new Network({ seed: 8 });
      const u = net.node({ output: [-1, 1] });
      const a = net.ensemble({ nNeurons: 50, dimensions: 1 });
      const b = net.ensemble({ nNeurons: 50, dimensions: 1, radius: 2.2 });
      const c = net.ensemble({ nNeurons: 100, dimensions: 2, radius: 1.3 });
      const d = net.ensemble({ nNeurons: 100, dimensions: 2, radius: 1.3 });
      if (negative) {
        net.connect(u, a, { preSlice: [0, 1], postSlice: [0, -1] });
        net.connect(u, b, { preSlice: [1, -1], postSlice: [0, -1] });
        net.connect(u, c, { preSlice: [0, 1], postSlice: [0, 1] });
        net.connect(u, d, { preSlice: [1, -1], postSlice: [0, 1] });
      } else {
        net.connect(u, a, { preSlice: [0, 1], postSlice: [0, 0] });
        net.connect(u, b, { preSlice: [1, 1], postSlice: [0, 0] });
        net.connect(u, c, { preSlice: [0, 1], postSlice: [0, 1] });
        net.connect(u, d, { preSlice: [1, 1], postSlice: [0, 1] });
      }
      const probes = [a, b, c, d].map((e) => net.probe(e, { synapse: 0.03 }));
      const sim = new Simulator(net, opts);
      sim.run(0.4);
      const late = Array.from(sim.trange()).filter((t) => t > 0.3).length;
      const expected = [[0], [2], [-1, 1], [1, 1]];
      probes.forEach((p, i) => {
        const want = defined(expected[i]);
        const got = tail(sim.data(p).data, want.length, late);
        expectAllClose(got, Array.from({ length: late }, () => want).flat(), { atol: 0.2, rtol: 1e-5, what: `ensemble ${i}` });
      });
    });
  }

  it("test_boolean_indexing: boolean masks as pre and post slices", () => {
    const dims = 10;
    const mu = Array.from({ length: dims }, (_, i) => i % 2 === 0);
    const mv = Array.from({ length: dims }, (_, i) => i % 2 === 1);
    const rng = new Rng(9);
    const x = Array.from({ length: dims }, () => rng.uniform(-1, 1));
    const y = new Array<number>(dims).fill(0);
    for (let i = 0; i < dims / 2; i++) y[2 * i + 1] = defined(x[2 * i]);
    const net = new Network();
    const u = net.node({ output: x });
    const v = net.node({ sizeIn: dims });
    net.connect(u, v, { preSlice: mu, postSlice: mv, synapse: null });
    const vProbe = net.probe(v);
    const sim = new Simulator(net, opts);
    sim.run(0.01);
    const rows = sim.data(vProbe).shape[0];
    expectAllClose(Array.from(sim.data(vProbe).data).slice(dims), Array.from({ length: rows - 1 }, () => y).flat(), { atol: 1e-5, rtol: 1e-3, what: "v" });
  });

  it("test_neuron_advanced_indexing: repeated neuron indices in a post slice add up", () => {
    const net = new Network();
    const node = net.node({ output: [1, 1, 1] });
    const ens = net.ensemble({ nNeurons: 5, dimensions: 1, bias: new Choice([0]), gain: new Choice([1]) });
    net.connect(node, ens.neurons, { postSlice: [0, 0, 2], synapse: null });
    const p = net.probe(ens.neurons, { attr: "input" });
    const sim = new Simulator(net, opts);
    sim.run(0.001);
    expectAllClose(sim.data(p).data, [2, 0, 1, 0, 0], { what: "input" });
  });

  it("test_zerofilter: a Direct self-loop with synapse 0 builds; unfiltered LIF spikes take two values", () => {
    const net = new Network({ seed: 10 });
    const a = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct() });
    net.connect(a, a, { synapse: 0 });
    const b = net.ensemble({ nNeurons: 3, dimensions: 1, intercepts: [-0.9, -0.8, -0.7], neuronType: new LIF() });
    const bp = net.probe(b.neurons);
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    expect(new Set(sim.data(bp).data).size).toBe(2);
  });

  it("test_function_points: a function given as target points at given eval points", () => {
    const rng = new Rng(11);
    const x = Array.from({ length: 1000 }, () => [rng.uniform(-1, 1)]);
    const y = x.map(([v]) => [-defined(v)]);
    const net = new Network({ seed: 11 });
    const u = net.node({ output: new WhiteSignal(1.0, 9, { rms: 0.3 }) });
    const a = net.ensemble({ nNeurons: 100, dimensions: 1 });
    const v = net.node({ sizeIn: 1 });
    net.connect(u, a, { synapse: null });
    net.connect(a, v, { evalPoints: x, function: y });
    const up = net.probe(u, { synapse: new Alpha(0.01) });
    const vp = net.probe(v, { synapse: new Alpha(0.01) });
    const sim = new Simulator(net, { ...opts, seed: 11 });
    sim.run(1.0);
    const target = Array.from(sim.data(up).data, (s) => -s);
    expectSignalsClose(sim.dt, target, sim.data(vp).data, 1, { buf: 0.01, delay: 0.005, atol: 5e-2, rtol: 3e-2 });
  });
});

describe("test_connection.py: what connections build", () => {
  it("test_dist_transform: a Distribution as the default transform is sampled to each connection's shape, from its seed", () => {
    const n = 300;
    const make = () => {
      const net = new Network({ seed: 12 });
      net.config.connection.transform = new Gaussian(0.5, 1);
      const a = net.node({ output: new Array(n).fill(0) });
      const b = net.node({ sizeIn: n + 1 });
      return { net, a, b, conn1: net.connect(a, b) };
    };
    const { net, b, conn1 } = make();
    const c = net.ensemble({ nNeurons: n + 2, dimensions: 10 });
    const d = net.ensemble({ nNeurons: n + 3, dimensions: 11 });
    const conn2 = net.connect(b, c);
    const conn3 = net.connect(b, c.neurons);
    const conn4 = net.connect(b, c, { preSlice: { stop: 2 }, postSlice: [2] });
    const conn5 = connectUnchecked(net, c, d, { solver: new LstsqL2({ weights: true }) });
    const built = build(net).built.connections;
    const w = defined(built.get(conn1)).weights;
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean - 0.5)).toBeLessThanOrEqual(0.01 + 1e-5 * 0.5);
    expect(Math.abs(std - 1)).toBeLessThanOrEqual(0.01 + 1e-5);
    expect([...defined(built.get(conn1)).weightsShape]).toEqual([n + 1, n]);
    expect([...defined(built.get(conn2)).weightsShape]).toEqual([10, n + 1]);
    expect([...defined(built.get(conn3)).weightsShape]).toEqual([n + 2, n + 1]);
    expect([...defined(built.get(conn4)).weightsShape]).toEqual([1, 2]);
    expect([...defined(built.get(conn5)).weightsShape]).toEqual([n + 3, n + 2]);

    const again = make();
    expectAllClose(defined(build(again.net).built.connections.get(again.conn1)).weights, w, { what: "same seed, same transform" });
  });

  for (const sample of [false, true]) {
    for (const radius of [0.5, 1.0, 1.5]) {
      for (const scale of [false, true]) {
        it(`test_eval_points_scaling (sample ${sample}, radius ${radius}, scale ${scale}): eval points lie within the radius when scaled, else 1`, () => {
          const rng = new Rng(13);
          const dist = new UniformHypersphere();
          const evalPoints = sample ? Array.from({ length: 500 }, (_, i) => Array.from(dist.sample(500, 3, rng).subarray(3 * i, 3 * i + 3))) : dist;
          const net = new Network({ seed: 13 });
          const a = net.ensemble({ nNeurons: 1, dimensions: 3, encoders: [[1, 1, 1]], intercepts: new Choice([-1]), radius });
          const b = net.ensemble({ nNeurons: 1, dimensions: 3 });
          const con = net.connect(a, b, { evalPoints, scaleEvalPoints: scale });
          const ep = defined(defined(build(net).built.connections.get(con)).evalPoints);
          const dists = Array.from({ length: ep.length / 3 }, (_, i) => Math.hypot(defined(ep[3 * i]), defined(ep[3 * i + 1]), defined(ep[3 * i + 2])));
          const limit = scale ? radius : 1.0;
          expect(Math.max(...dists)).toBeLessThanOrEqual(limit + 1e-12);
          expect(dists.some((v) => v >= 0.9 * limit)).toBe(true);
        });
      }
    }
  }

  it("test_decoder_probe, test_transform_probe: the weights of every kind of connection can be probed", () => {
    const net = new Network({ seed: 14 });
    const pre = net.ensemble({ nNeurons: 10, dimensions: 10 });
    const post = net.ensemble({ nNeurons: 10, dimensions: 10 });
    const ones = new Float64Array(100).fill(1);
    const cEns = net.connect(pre, post, { solver: new NoSolver({ values: ones }) });
    const cEnsNeurons = net.connect(pre, post.neurons, { solver: new NoSolver({ values: ones }) });
    const cNeuronsEns = net.connect(pre.neurons, post, { transform: 1 });
    const cNeurons = net.connect(pre.neurons, post.neurons, { transform: 1 });
    const probes = [cNeuronsEns, cNeurons, cEns, cEnsNeurons].map((c) => net.probe(c, { attr: "weights" }));
    const sim = new Simulator(net, opts);
    sim.step();
    probes.forEach((p, i) => {
      const d = sim.data(p).data;
      expect(d.length, `probe ${i}`).toBeGreaterThan(0);
      expectAllClose(d, new Array(d.length).fill(1), { what: `probe ${i}` });
    });
  });
});

describe("test_connection.py: errors", () => {
  it("test_dimensionality_errors: sizes that do not line up are ValidationErrors", () => {
    const n = 10;
    const base = () => {
      const net = new Network({ seed: 15 });
      const n01 = net.node({ output: [1] });
      const n02 = net.node({ output: [1, 1] });
      const n21 = net.node({ output: () => [1], sizeIn: 2 });
      const e1 = net.ensemble({ nNeurons: n, dimensions: 1 });
      const e2 = net.ensemble({ nNeurons: n, dimensions: 2 });
      return { net, n01, n02, n21, e1, e2 };
    };
    // these should work
    const { net, n01, n02, n21, e1, e2 } = base();
    const rng = new Rng(15);
    net.connect(n01, e1);
    net.connect(n02, e2);
    net.connect(e2, n21);
    net.connect(n21, e1);
    net.connect(e1.neurons, n21, { transform: Array.from({ length: 2 }, () => Array.from({ length: n }, () => rng.normal())) });
    net.connect(e2, e1, { function: (x) => defined(x[0]) });
    net.connect(e2, e2, { transform: [1, 1] });
    build(net);

    const one = new Choice([1.0]);
    const ones22 = [
      [1, 1],
      [1, 1],
    ];
    const bad: [string, (m: ReturnType<typeof base>) => unknown][] = [
      ["n02 -> e1", (m) => m.net.connect(m.n02, m.e1)],
      ["e1 -> e2", (m) => connectUnchecked(m.net, m.e1, m.e2)],
      ["transform input size", (m) => m.net.connect(m.e2.neurons, m.e1, { transform: new Dense({ shape: [1, n + 1], init: one }) })],
      ["transform output size", (m) => m.net.connect(m.e2.neurons, m.e1, { transform: new Dense({ shape: [2, n], init: one }) })],
      ["function output size", (m) => m.net.connect(m.e2, m.e1, { function: (x) => x, transform: new Dense({ shape: [1, 1] }) })],
      ["node output vs transform", (m) => m.net.connect(m.n21, m.e2, { transform: new Dense({ shape: [2, 2] }) })],
      ["3-d transform", (m) => m.net.connect(m.e2, m.e2, { transform: [ones22, ones22] as unknown as number[][] })],
      ["Dense 3x3 on 1 -> 2", (m) => m.net.connect(m.e1, m.e2, { transform: new Dense({ shape: [3, 3], init: [1, 1, 1] }) })],
      ["n02[0] -> e2 via 2x2", (m) => m.net.connect(m.n02, m.e2, { preSlice: [0], transform: new Dense({ shape: [2, 2] }) })],
      ["n02 -> e2[0] via 2x2", (m) => m.net.connect(m.n02, m.e2, { postSlice: [0], transform: new Dense({ shape: [2, 2] }) })],
      ["n02[1] -> e2[0] via 2x2", (m) => m.net.connect(m.n02, m.e2, { preSlice: [1], postSlice: [0], transform: new Dense({ shape: [2, 2] }) })],
      ["n02 -> e2[0] via 2x1", (m) => m.net.connect(m.n02, m.e2, { postSlice: [0], transform: new Dense({ shape: [2, 1], init: one }) })],
      ["e2[0] -> e2 via 1x2", (m) => m.net.connect(m.e2, m.e2, { preSlice: [0], transform: new Dense({ shape: [1, 2], init: one }) })],
    ];
    for (const [what, f] of bad) {
      const m = base();
      const err = errorOf(() => {
        f(m);
        build(m.net);
      });
      expect(err, what).toBeInstanceOf(ValidationError);
    }
  });

  it("repeated indices with a 2-D transform (Nengo refuses them, 'repeated indices'; Plexus computes the expanded product)", () => {
    const net = new Network();
    const u = net.node({ output: [1, 2] });
    const v = net.node({ sizeIn: 2 });
    const w = net.node({ sizeIn: 2 });
    const t = [
      [1, 2],
      [3, 4],
    ];
    net.connect(u, v, { preSlice: [0, 0], transform: t, synapse: null });
    net.connect(u, w, { postSlice: [1, 1], transform: t, synapse: null });
    const pv = net.probe(v);
    const pw = net.probe(w);
    const sim = new Simulator(net, opts);
    sim.runSteps(1);
    // v = T·[u0, u0] = [1 + 2, 3 + 4]; w[1] += (T·u)[0] + (T·u)[1] = 5 + 11
    expectAllClose(sim.data(pv).data, [3, 7], { what: "v" });
    expectAllClose(sim.data(pw).data, [0, 16], { what: "w" });
  });

  it("test_set_eval_points: eval points on a connection from neurons are a ValidationError", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 2, encoders: new Choice([[1, 1]]), intercepts: new Uniform(-1, -0.1) });
    const b = net.ensemble({ nNeurons: 10, dimensions: 2 });
    net.connect(a, b, {
      evalPoints: [
        [0, 0],
        [0.5, 1],
      ],
    });
    net.connect(a, b, { evalPoints: new Uniform(0, 1) });
    build(net);
    const err = errorOf(() => {
      net.connect(a.neurons, b, {
        evalPoints: [
          [0, 0],
          [0.5, 1],
        ],
        transform: Array.from({ length: 2 }, () => new Array(10).fill(1)),
      });
      build(net);
    });
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/evalPoints|eval points/);
  });

  it("test_shortfilter: synapse-0 loops between ensembles build at dt 0.01; a Direct self-loop with synapse null does not", () => {
    for (const type of [() => new LIF(), () => new LIFRate(), () => new RectifiedLinear(), () => new Direct()]) {
      const net = new Network();
      net.config.ensemble.neuronType = type();
      const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
      net.connect(a, a, { synapse: 0 });
      const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
      net.connect(a, b, { synapse: 0 });
      net.connect(b, a, { synapse: 0 });
      new Simulator(net, { ...opts, dt: 0.01 });
      const d = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct() });
      net.connect(d, d, { synapse: null });
      expect(() => new Simulator(net, { ...opts, dt: 0.01 })).toThrow(PlexusError);
    }
  });

  it("test_prepost_errors: connecting a non-object or a connection is refused; objects outside the network fail the build", () => {
    const net = new Network();
    const x = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const y = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const c = net.connect(x, y);
    type Pre = Parameters<Network["connect"]>[0];
    type Post = Parameters<Network["connect"]>[1];
    for (const [what, f] of [
      ["from a number", () => net.connect(3 as unknown as Pre, x)],
      ["to a number", () => net.connect(x, 3 as unknown as Post)],
      ["from a connection", () => net.connect(c as unknown as Pre, x)],
      ["to a connection", () => net.connect(x, c as unknown as Post)],
    ] as const) {
      expect(errorOf(f), what).toBeInstanceOf(ValidationError);
    }

    const other = new Network();
    const a = other.ensemble({ nNeurons: 10, dimensions: 1 });
    const model1 = new Network();
    model1.connect(a, model1.ensemble({ nNeurons: 10, dimensions: 1 }));
    const model2 = new Network();
    model2.connect(model2.ensemble({ nNeurons: 10, dimensions: 1 }), a);
    const model3 = new Network();
    model3.probe(a);
    for (const [what, m] of [
      ["non-existent pre", model1],
      ["non-existent post", model2],
      ["probe of a non-existent object", model3],
    ] as const) {
      expect(
        errorOf(() => new Simulator(m, opts)),
        what,
      ).toBeInstanceOf(PlexusError);
    }
  });

  it("test_directneurons: connecting to or from a Direct ensemble's neurons is a ValidationError (Plexus: at build)", () => {
    for (const dir of ["to", "from"] as const) {
      const net = new Network();
      const a = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new LIF() });
      const b = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Direct(), label: "b" });
      const err = errorOf(() => {
        if (dir === "to") net.connect(a, b.neurons);
        else net.connect(b.neurons, a);
        build(net);
      });
      expect(err, dir).toBeInstanceOf(ValidationError);
      expect(String((err as Error).message), dir).toMatch(/Direct/);
    }
  });

  it("test_zero_activities_error: decoding from an ensemble whose activities are all zero is a BuildError", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1, gain: new Array(10).fill(0), bias: new Array(10).fill(0) });
    net.connect(a, net.node({ sizeIn: 1 }));
    const err = errorOf(() => build(net));
    expect(err).toBeInstanceOf(PlexusError);
    expect(String((err as Error).message)).toMatch(/zero/);
  });

  it("test_function_returns_none_error: a connection function that returns nothing at an eval point fails the build", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    net.connect(a, net.node({ sizeIn: 1 }), {
      evalPoints: [[0], [1]],
      function: ((x: Float64Array) => (defined(x[0]) < 0.5 ? x : undefined)) as (x: Float64Array) => Float64Array,
    });
    expect(errorOf(() => build(net))).toBeInstanceOf(PlexusError);
  });
});

describe("test_connection.py: more of what connections compute", () => {
  for (const [name, type] of positiveTypes) {
    it(`test_node_to_ensemble (${name}): functions of a node's output (sliced or not) match a Direct ensemble computing them`, () => {
      const n = 50;
      const net = new Network({ seed: 17 });
      net.config.ensemble.neuronType = type();
      const input = net.node({ output: (t) => [Math.sin(t * 3), Math.cos(t * 3)] });
      const a = net.ensemble({ nNeurons: n, dimensions: 1 });
      const b = net.ensemble({ nNeurons: n, dimensions: 1 });
      const c = net.ensemble({ nNeurons: 2 * n, dimensions: 2 });
      const d = net.ensemble({ nNeurons: n, dimensions: 3, neuronType: new Direct() });
      net.connect(input, a, { function: (x) => -defined(x[0]) });
      net.connect(input, b, { preSlice: { stop: 1 }, function: (x) => Array.from(x, (v) => -v) });
      net.connect(input, c, { function: (x) => Array.from(x, (v) => -(v ** 2)) });
      net.connect(input, d, { function: (x) => [-defined(x[0]), -(defined(x[0]) ** 2), -(defined(x[1]) ** 2)] });
      const [ap, bp, cp, dp] = [a, b, c, d].map((e) => net.probe(e, { attr: "decoded", synapse: 0.01 }));
      const sim = new Simulator(net, opts);
      sim.run(2.0);
      const dd = tail(sim.data(defined(dp)).data, 3, 10);
      const d0 = column(dd, 3, 0);
      const d12 = Array.from({ length: 10 }, (_, i) => [defined(dd[3 * i + 1]), defined(dd[3 * i + 2])]).flat();
      expectAllClose(tail(sim.data(defined(ap)).data, 1, 10), d0, { atol: 0.1, rtol: 0.01, what: "a" });
      expectAllClose(tail(sim.data(defined(bp)).data, 1, 10), d0, { atol: 0.1, rtol: 0.01, what: "b" });
      expectAllClose(tail(sim.data(defined(cp)).data, 2, 10), d12, { atol: 0.1, rtol: 0.01, what: "c" });
    });

    it(`test_neurons_to_ensemble (${name}): negative weights from neurons drive the decoded value below zero`, () => {
      const n = 20;
      const net = new Network({ seed: 18 });
      net.config.ensemble.neuronType = type();
      const a = net.ensemble({ nNeurons: 2 * n, dimensions: 2 });
      const b = net.ensemble({ nNeurons: n, dimensions: 1 });
      const c = net.ensemble({ nNeurons: n, dimensions: 2 * n });
      net.connect(a.neurons, b, { transform: [new Array(2 * n).fill(-5)] });
      net.connect(a.neurons, c);
      const bp = net.probe(b, { attr: "decoded", synapse: 0.01 });
      net.probe(c, { attr: "decoded", synapse: 0.01 });
      const sim = new Simulator(net, opts);
      sim.run(0.1);
      for (const v of tail(sim.data(bp).data, 1, 10)) expect(v).toBeLessThan(0);
    });
  }

  it("test_configure_weight_solver: a configured weights: true solver gives full weights between ensembles and is ignored elsewhere", () => {
    const [n1, n2] = [100, 101];
    const net = new Network({ seed: 19 });
    net.config.connection.solver = new LstsqL2({ weights: true });
    const u = net.node({ output: (t) => Math.sin(8 * t) });
    const a = net.ensemble({ nNeurons: n1, dimensions: 1 });
    const b = net.ensemble({ nNeurons: n2, dimensions: 1 });
    const v = net.node({ sizeIn: 1 });
    const up = net.probe(u, { synapse: new Alpha(0.01) });
    const vp = net.probe(v, { synapse: new Alpha(0.01) });
    const warnings = captureWarnings();
    let ensConn: Connection;
    try {
      net.connect(u, a);
      ensConn = net.connect(a, b, { function: (x) => Array.from(x, (s) => s ** 2) });
      net.connect(b, v);
    } finally {
      vi.restoreAllMocks();
    }
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    // Nengo warns for u -> a and b -> v (its test filters those warnings), so does Plexus
    expect(warnings.filter((w) => /weights: true has no effect/.test(w))).toHaveLength(2);
    expect([...defined(sim.plan.built.connections.get(ensConn)).weightsShape]).toEqual([n2, n1]);
    const y = Array.from(sim.data(up).data, (s) => s ** 2);
    expectSignalsClose(sim.dt, y, sim.data(vp).data, 1, { buf: 0.01, delay: 0.015, atol: 0.05, rtol: 0.05 });
  });

  it("test_neuron_slicing: sliced neuron-to-neuron weights drive the post neurons at the rates their input gives", () => {
    const n = 6;
    const pre: Slice = { step: 2 };
    const post: Slice = { step: -2 };
    const preIdx = [0, 2, 4];
    const postIdx = [5, 3, 1];
    const rng = new Rng(20);
    // Nengo sets c.transform after constructing c; Plexus's connection is immutable, so it is given at construction
    const t = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => 1e-3 * rng.normal()));
    const net = new Network({ seed: 20 });
    net.config.ensemble.neuronType = new LIFRate();
    const u = net.node({ output: [-1, -0.25, 1] });
    const a = net.ensemble({ nNeurons: n, dimensions: 3, radius: 1.7 });
    const b = net.ensemble({ nNeurons: n, dimensions: 3, radius: 1.7 });
    net.connect(u, a);
    net.connect(a.neurons, b.neurons, { preSlice: pre, postSlice: post, transform: t });
    const ap = net.probe(a.neurons, { synapse: 0.03 });
    const bp = net.probe(b.neurons, { synapse: 0.03 });
    const sim = new Simulator(net, opts);
    sim.run(0.2);
    const built = defined(sim.plan.built.ensembles.get(b));
    const x = sim.data(ap).data;
    const steps = x.length / n;
    const y: number[] = [];
    for (let s = 0; s < steps; s++) {
      const input = new Array<number>(n).fill(0);
      postIdx.forEach((j, r) => {
        input[j] = preIdx.reduce((acc, i, k) => acc + defined(defined(t[r])[k]) * defined(x[s * n + i]), 0);
      });
      // Nengo's LIFRate.rates (tauRc 0.02, tauRef 0.002), written out as the oracle
      input.forEach((v, j) => {
        const current = defined(built.gain[j]) * v + defined(built.bias[j]);
        y.push(current > 1 ? 1 / (0.002 + 0.02 * Math.log1p(1 / (current - 1))) : 0);
      });
    }
    expectAllClose(tail(sim.data(bp).data, n, 10), y.slice(y.length - 10 * n), { atol: 3.0, rtol: 0, what: "b rates" });
  });

  it("test_slicing_function: a pre slice then a function", () => {
    const n = 300;
    const fX = (x: number): number[] => [x, -(x ** 2)];
    const net = new Network({ seed: 21 });
    const u = net.node({ output: (t) => [Math.cos(3 * t), Math.sin(3 * t)] });
    const a = net.ensemble({ nNeurons: n, dimensions: 2, radius: Math.SQRT2 });
    const b = net.ensemble({ nNeurons: n, dimensions: 2, radius: Math.SQRT2 });
    net.connect(u, a);
    net.connect(a, b, { preSlice: [1], function: (x) => fX(defined(x[0])) });
    const up = net.probe(u, { synapse: 0.05 });
    const bp = net.probe(b, { synapse: 0.05 });
    const sim = new Simulator(net, opts);
    sim.run(1.0);
    const w = column(sim.data(up).data, 2, 1).flatMap(fX);
    expectAllClose(sim.data(bp).data, w, { atol: 0.1, rtol: 1e-5, what: "b" });
  });

  it("test_function_with_no_name: a function without a name (Nengo: a functools.partial) builds", () => {
    const add = (x: Float64Array, val: number): number[] => Array.from(x, (v) => v + val);
    const fn = [(x: Float64Array) => add(x, 2)][0];
    expect(defined(fn).name).toBe("");
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 11, dimensions: 1 });
    net.connect(a, b, { function: defined(fn) });
    expect(new Simulator(net, opts)).toBeDefined();
  });
});

describe("test_connection.py: more errors", () => {
  it("test_set_learning_rule: PES from an ensemble or its neurons, Oja between neurons; PES from a node is refused", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 2 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 2 });
    net.connect(a, b, { learningRule: new PES() });
    net.connect(a, b, { learningRule: new PES(), solver: new LstsqL2({ weights: true }) });
    net.connect(a.neurons, b.neurons, { learningRule: new Oja(), transform: Array.from({ length: 10 }, () => new Array(10).fill(1)) });
    // Nengo accepts PES on neurons with transform=1 here and refuses it at build ("'transform' must be a
    // 2-dimensional array for learning"); Plexus refuses it when the connection is made
    const scalar = errorOf(() => net.connect(a.neurons, b.neurons, { learningRule: new PES(), transform: 1 }));
    expect(scalar).toBeInstanceOf(ValidationError);
    expect(String((scalar as Error).message)).toMatch(/2-dimensional/);
    const n = net.node({ output: (t, x) => Array.from(x, (v) => t * v), sizeIn: 2 });
    const err = errorOf(() => net.connect(n, a, { learningRule: new PES() }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/pre object must be an ensemble.*got Node/);
  });

  it("test_set_function: functions from neurons, of the wrong size, or from a pass-through node are refused", () => {
    const make = () => {
      const net = new Network();
      const a = net.ensemble({ nNeurons: 10, dimensions: 2 });
      const b = net.ensemble({ nNeurons: 10, dimensions: 2 });
      const c = net.ensemble({ nNeurons: 10, dimensions: 1 });
      const d = net.node({ sizeIn: 1 });
      return { net, a, b, c, d };
    };
    const refused: [string, RegExp, (m: ReturnType<typeof make>) => unknown][] = [
      // Nengo refuses these when the connection is made; Plexus's validate() refuses them at build
      ["function from neurons", /function.*from neurons/, (m) => m.net.connect(m.a.neurons, m.b, { function: (x) => x })],
      [
        "function output 1, transform 2x2",
        /transform.*expected \(2, 1\)/,
        (m) => m.net.connect(m.a, m.b, { function: (x) => defined(x[0]) * defined(x[1]), transform: eye(2) }),
      ],
      ["function from a pass-through node", /function.*pass-through/, (m) => m.net.connect(m.d, m.c, { function: () => [1] })],
    ];
    expectRefusedAtBuild(make, refused);
    // Nengo then assigns conn.function on built connections; Plexus's connections are immutable, so each
    // function is given to a fresh connection, and both networks build
    for (const [f2, f1] of [
      [undefined, (x: Float64Array) => defined(x[0]) * defined(x[1])],
      [(x: Float64Array) => Array.from(x, (v) => v ** 2), (x: Float64Array) => defined(x[0]) + defined(x[1])],
    ] as const) {
      const { net, a, b, c } = make();
      if (f2 === undefined) net.connect(a, b);
      else net.connect(a, b, { function: f2 });
      net.connect(b, c, { function: f1 });
      expect(new Simulator(net, opts)).toBeDefined();
    }
  });

  it("test_solverparam: the solver defaults to LstsqL2 without weights; a non-solver is a ValidationError", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    expect(net.connect(a, a).solver).toBeInstanceOf(LstsqL2);
    expect(net.connect(a, a).solver.weights).toBe(false);
    const given = new LstsqL2();
    expect(net.connect(a, a, { solver: given }).solver).toBe(given);
    const err = errorOf(() => net.connect(a, a, { solver: "a" as unknown as LstsqL2 }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).attr).toBe("solver");
  });

  it("test_connectionlearningruletypeparam: BCM between ensembles is refused, with or without a neuron-shaped transform", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 11, dimensions: 1 });
    const err = errorOf(() => net.connect(a, b, { learningRule: new BCM() }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/can only be applied on connections to neurons/);
    // Nengo: "does not match expected shape" (the transform is checked first there); both refuse it
    const shaped = errorOf(() => {
      net.connect(a, b, { transform: Array.from({ length: 10 }, () => new Array(11).fill(1)), learningRule: new BCM() });
      build(net);
    });
    expect(shaped).toBeInstanceOf(ValidationError);
  });

  it("test_connectionfunctionparam_array: target points need explicit eval points, 2-D, one row each, of the post's size", () => {
    const zeros = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
    const make = () => {
      const net = new Network({ seed: 22 });
      return { net, a: net.ensemble({ nNeurons: 10, dimensions: 1 }), b: net.ensemble({ nNeurons: 10, dimensions: 1 }) };
    };
    const refused: [string, RegExp, (m: ReturnType<typeof make>) => unknown][] = [
      ["no eval points", /evalPoints/, (m) => m.net.connect(m.a, m.b, { function: zeros(100, 1) })],
      ["1-D targets", /2-D/, (m) => m.net.connect(m.a, m.b, { evalPoints: zeros(100, 1), function: new Array(100).fill(0) as unknown as number[][] })],
      [
        "50 eval points, 100 targets",
        /number of eval points must match the number of function points/,
        (m) => m.net.connect(m.a, m.b, { evalPoints: zeros(50, 1), function: zeros(100, 1) }),
      ],
      // Nengo refuses this one when the connection is made; Plexus's validate() at build
      ["2 outputs into 1 dimension", /transform/, (m) => m.net.connect(m.a, m.b, { evalPoints: zeros(100, 1), function: zeros(100, 2) })],
    ];
    expectRefusedAtBuild(make, refused);
    const { net, a, b } = make();
    net.connect(a, b, { evalPoints: zeros(100, 1), function: zeros(100, 1) });
    net.connect(a, b, { evalPoints: zeros(100, 1), function: zeros(100, 2), transform: [[1, 1]] });
    expect(new Simulator(net, opts)).toBeDefined();
  });

  it("test_transform_none: transform null is a NoTransform", () => {
    const net = new Network();
    const conn = net.connect(net.node({ output: [0] }), net.node({ sizeIn: 1 }), { transform: null });
    expect(conn.transformObject).toBeInstanceOf(NoTransform);
  });

  it("test_learning_rule_equality: a connection's rule is one stable handle; rules are equal by connection and rule type", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const lr = new PES();
    const conn0 = net.connect(ens, ens, { learningRule: lr });
    expect(conn0.learningRule).toBe(conn0.learningRule);
    expect(conn0.learningRule).not.toBe(lr);
    const conn1 = net.connect(ens, ens, { learningRule: [lr, new PES()] });
    const [r0, r1] = conn1.learningRules.map((r) => defined(r));
    expect(r0).not.toBe(conn0.learningRule);
    expect((conn1.learningRuleType as readonly unknown[])[0]).toBe(conn0.learningRuleType);
    // Nengo's LearningRule.__eq__: the same connection and equal rule types (two default PES)
    expect(defined(r0).connection).toBe(defined(r1).connection);
    expect(defined(r0).rule.equals(defined(r1).rule)).toBe(true);
  });

  it("test_learning_transform_shape_error: BCM between neurons with a scalar transform is refused (Nengo: BuildError at build; Plexus: ValidationError when made)", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 2 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 2 });
    const err = errorOf(() => {
      net.connect(a.neurons, b.neurons, { transform: 1, learningRule: new BCM() });
      build(net);
    });
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/2-dimensional/);
  });

  it("test_bad_function_type: a function that is neither callable nor target points is a ValidationError saying so", () => {
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 10, dimensions: 1 });
    for (const bad of ["hi", 3, {}]) {
      const err = errorOf(() => net.connect(ens, ens, { function: bad as unknown as ConnectionFunction }));
      expect(err, String(bad)).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).attr).toBe("function");
      expect(String((err as Error).message), String(bad)).toMatch(/must be a function .* or target points/);
    }
  });
});
