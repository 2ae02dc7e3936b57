// Translated from Nengo 4.1's nengo/tests/test_neurons.py, with Nengo's tolerances.
//   test_lif_min_voltage            → "test_lif_min_voltage[...]"
//   test_lif_zero_tau_ref           → "test_lif_zero_tau_ref"
//   test_alif_rate                  → "test_alif_rate"
//   test_alif                       → "test_alif"
//   test_izhikevich                 → "test_izhikevich"
//   test_sigmoid_response_curves    → "test_sigmoid_response_curves[...]"
//   test_tanh_invalid, test_sigmoid_invalid → "test_tanh_invalid", "test_sigmoid_invalid"
//   test_amplitude                  → "test_amplitude[type]"
//   test_reset                      → "test_reset[type]"
//   test_direct_mode_nonfinite_value → "test_direct_mode_nonfinite_value"
//   test_gain_bias (generic=False)  → "test_gain_bias[type]"
//   test_dt_dependence              → "test_dt_dependence[type]"
//   test_lif_builtin, test_lif      → "test_lif_builtin", "test_lif[dt]"
//   test_invalid_generic_gain_bias, test_current, test_rates_shaping → the same names
//   test_bad_initial_state, test_spikes_to_spikes_warning → the same names
// Covered elsewhere: test_direct_max_rates_intercepts, test_direct_step_error (core's
// Direct.test.ts: Direct has no max rates or intercepts, a BuildError, where Nengo returns None);
// test_ratestospikes_state_overlap (core's RegularSpiking.test.ts). Not translated: test_step_math
// (Nengo's deprecated `step_math` alias, which Plexus never had).
// (test_spiking_types is in ../spikingTypes.test.ts; Nengo-exact gain/bias, rates and steps are in
// packages/core/test/nengoParity/neurons.test.ts.) The oracles are analytic, or one neuron model
// against another, as in Nengo; seeds are fixed where Nengo takes its `seed` fixture.
import {
  AdaptiveLIF,
  AdaptiveLIFRate,
  BuildError,
  Choice,
  Direct,
  Izhikevich,
  LIF,
  LIFRate,
  Lowpass,
  LstsqL2nz,
  Network,
  type NeuronKind,
  type NeuronStateSpec,
  NeuronType,
  type NeuronTypeOptions,
  PoissonSpiking,
  RectifiedLinear,
  Rng,
  Sigmoid,
  SimulationError,
  SpikingRectifiedLinear,
  Tanh,
  Uniform,
  ValidationError,
  WhiteSignal,
} from "@plexus/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { captureWarnings } from "../../../../test/support/warnings.js";
import { build } from "../../src/build.js";
import { Simulator } from "../../src/Simulator.js";
import { allcloseExcess, NON_DIRECT_TYPES, rmsDiff } from "./support.js";

const SEED = 2;

/** A deterministic stand-in for Nengo's `rng.uniform(lo, hi, size=n)` (any spread of values does). */
function spread(n: number, lo: number, hi: number, phase: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => lo + (hi - lo) * (0.5 + 0.5 * Math.sin(1.7 * i + phase)));
}

function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

describe("test_neurons.py: LIF", () => {
  for (const minVoltage of [-Infinity, -1, 0]) {
    it(`test_lif_min_voltage[${minVoltage}]: the voltage floor is minVoltage (or far below -10 when unbounded)`, () => {
      const net = new Network({ seed: SEED });
      const stim = net.node({ output: (t: number) => Math.sin(t * 4 * Math.PI) });
      const ens = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new LIF({ minVoltage }) });
      net.connect(stim, ens, { synapse: null });
      net.probe(ens, { synapse: 0.01 });
      const pV = net.probe(ens.neurons, { attr: "voltage" });
      const sim = new Simulator(net, { progress: false });
      sim.run(0.5);
      const lowest = Math.min(...sim.data(pV).data);
      if (minVoltage < -10) expect(lowest).toBeLessThan(-10);
      else expect(lowest).toBe(minVoltage);
    });
  }

  it("test_lif_zero_tau_ref: with tauRef 0 a neuron reaches the rate 1/dt", () => {
    const dt = 1e-3;
    const maxRate = 1 / dt;
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 1, dimensions: 1, encoders: [[1]], maxRates: [maxRate], neuronType: new LIF({ tauRef: 0 }) });
    net.connect(net.node({ output: 10 }), ens);
    const p = net.probe(ens.neurons);
    const sim = new Simulator(net, { progress: false });
    sim.run(0.02);
    expect(allcloseExcess(sim.data(p).data.subarray(1), [maxRate], 1e-8, 1e-5)).toBeLessThanOrEqual(0);
  });
});

describe("test_neurons.py: adaptive LIF", () => {
  const n = 100;
  const eparams = {
    nNeurons: n,
    dimensions: 1,
    maxRates: new Float64Array(n).fill(50),
    intercepts: linspace(-0.99, 0.99, n),
    encoders: Array.from({ length: n }, () => [1]),
  };

  it("test_alif_rate: the first step's rates are the tuning curve at 0.5; rates in the firing region fall every step", () => {
    const net = new Network();
    const u = net.node({ output: 0.5 });
    const a = net.ensemble({ ...eparams, neuronType: new AdaptiveLIFRate() });
    net.connect(u, a, { synapse: null });
    const ap = net.probe(a.neurons);
    const sim = new Simulator(net, { progress: false });
    sim.run(2.0);
    const rates = sim.data(ap).data;
    const built = defined(sim.plan.built.ensembles.get(a));
    const ref = a.neuronType.rates(new Float64Array(n).fill(0.5), built.gain, built.bias);
    expect(allcloseExcess(rates.subarray(n, 2 * n), ref, 0.1, 1e-3)).toBeLessThanOrEqual(0);
    const steps = rates.length / n;
    let rising = 0;
    for (let s = 2; s < steps; s++) {
      for (let i = 0; i < n; i++) {
        if (defined(eparams.intercepts[i]) >= 0.4) continue;
        if (!(defined(rates[s * n + i]) - defined(rates[(s - 1) * n + i]) < 0)) rising++;
      }
    }
    expect(rising).toBe(0);
  });

  it("test_alif: AdaptiveLIF's filtfilt-ed spikes follow AdaptiveLIFRate's rates (relative RMSE < 0.07 on 0.1–1.7 s)", () => {
    const nparams = { tauN: 1, incN: 0.01 };
    const net = new Network();
    const u = net.node({ output: 0.5 });
    const a = net.ensemble({ ...eparams, neuronType: new AdaptiveLIFRate(nparams) });
    const b = net.ensemble({ ...eparams, neuronType: new AdaptiveLIF(nparams) });
    net.connect(u, a, { synapse: 0 });
    net.connect(u, b, { synapse: 0 });
    const ap = net.probe(a.neurons);
    const bp = net.probe(b.neurons);
    const sim = new Simulator(net, { progress: false });
    sim.run(2.0);
    const t = sim.trange();
    const aRates = sim.data(ap).data;
    const spikes = Float64Array.from(sim.data(bp).data);
    // Nengo's filtfilt: filter forwards, then filter the reversed result and reverse it back.
    const lp = new Lowpass(0.04);
    const reverseRows = (x: Float64Array) => {
      const out = new Float64Array(x.length);
      const rows = x.length / n;
      for (let r = 0; r < rows; r++) out.set(x.subarray(r * n, (r + 1) * n), (rows - 1 - r) * n);
      return out;
    };
    const bRates = reverseRows(lp.filt(reverseRows(lp.filt(spikes, n, sim.dt)), n, sim.dt));
    const keep: number[] = [];
    const ref: number[] = [];
    const zero: number[] = [];
    t.forEach((ti, s) => {
      if (!(ti > 0.1 && ti < 1.7)) return;
      for (let i = 0; i < n; i++) {
        keep.push(defined(bRates[s * n + i]));
        ref.push(defined(aRates[s * n + i]));
        zero.push(0);
      }
    });
    expect(rmsDiff(keep, ref) / rmsDiff(ref, zero)).toBeLessThan(0.07);
  });
});

describe("test_neurons.py: other types", () => {
  it("test_izhikevich: the six parameter sets of Izhikevich's paper simulate with finite outputs and some spikes", () => {
    const net = new Network();
    const u = net.node({ output: new WhiteSignal(0.6, 10), sizeOut: 1 });
    const types = [
      new Izhikevich(),
      new Izhikevich({ resetVoltage: -55, resetRecovery: 4 }),
      new Izhikevich({ resetVoltage: -50, resetRecovery: 2 }),
      new Izhikevich({ tauRecovery: 0.1 }),
      new Izhikevich({ coupling: 0.25 }),
      new Izhikevich({ tauRecovery: 0.1, coupling: 0.26 }),
    ];
    const probes = types.map((neuronType) => {
      const ens = net.ensemble({ nNeurons: 4, dimensions: 1, seed: SEED, neuronType });
      net.connect(u, ens);
      return [net.probe(ens, { synapse: 0.05 }), net.probe(ens.neurons)] as const;
    });
    const sim = new Simulator(net, { seed: SEED + 1, progress: false });
    sim.run(0.6);
    for (const [out, spikes] of probes) {
      expect(sim.data(out).data.every(Number.isFinite)).toBe(true);
      expect(sim.data(spikes).data.some((s) => s > 0)).toBe(true);
    }
  });

  for (const [maxRate, intercept] of [
    [300, 0],
    [100, 1.1],
  ] as const) {
    it(`test_sigmoid_response_curves[${maxRate}, ${intercept}]: the response curve on [-1, 1] is positive, increasing, and peaks at the max rate`, () => {
      const net = new Network();
      const e = net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Sigmoid(), maxRates: [maxRate], intercepts: [intercept] });
      const built = defined(build(net).built.ensembles.get(e));
      const y = e.neuronType.rates(linspace(-1, 1, 50), built.gain, built.bias);
      expect(allcloseExcess([Math.max(...y)], [maxRate], 1e-8, 1e-5)).toBeLessThanOrEqual(0);
      expect(y.every((v) => v > 0)).toBe(true);
      for (let i = 1; i < y.length; i++) expect(defined(y[i])).toBeGreaterThan(defined(y[i - 1]));
    });
  }

  it("test_tanh_invalid: a max rate at or above 1/tauRef is a ValidationError", () => {
    expect(() => new Tanh({ tauRef: 0.5 }).gainBias([100], [0])).toThrow(ValidationError);
  });

  it("test_sigmoid_invalid: a max rate above 1/tauRef is a ValidationError; curves needing a negative gain are BuildErrors", () => {
    expect(() => new Sigmoid({ tauRef: 0.5 }).gainBias([100], [0])).toThrow(ValidationError);
    for (const [maxRate, intercept] of [
      [300, 1.1],
      [300, 1.0],
      [100, 0.9],
      [100, 1.0],
    ] as const) {
      const net = new Network();
      net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new Sigmoid(), maxRates: [maxRate], intercepts: [intercept], label: "s" });
      expect(() => build(net), `${maxRate}, ${intercept}`).toThrow(BuildError);
      expect(() => build(net), `${maxRate}, ${intercept}`).toThrow(/negative/);
    }
  });

  it("test_direct_mode_nonfinite_value: 1/x across a Direct ensemble at x = 0 stops the run with a SimulationError", () => {
    const net = new Network();
    const e1 = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Direct() });
    const e2 = net.ensemble({ nNeurons: 10, dimensions: 1 });
    net.connect(e1, e2, { function: (x) => 1 / defined(x[0]) });
    const sim = new Simulator(net, { progress: false });
    expect(() => sim.run(0.01)).toThrow(SimulationError);
  });
});

describe("test_neurons.py: amplitude", () => {
  for (const [name, make] of [
    ["LIF", (o?: { amplitude: number }) => new LIF(o)],
    ["LIFRate", (o?: { amplitude: number }) => new LIFRate(o)],
    ["RectifiedLinear", (o?: { amplitude: number }) => new RectifiedLinear(o)],
    ["SpikingRectifiedLinear", (o?: { amplitude: number }) => new SpikingRectifiedLinear(o)],
  ] as const) {
    it(`test_amplitude[${name}]: amplitude 0.1 scales the rate curve, and the simulated mean rates (relative RMSE < 0.02)`, () => {
      const amp = 0.1;
      const neuron0 = make();
      const neuron = make({ amplitude: amp });
      const x = linspace(-5, 30, 50);
      const ones = [1];
      const zeros = [0];
      const y2 = neuron.rates(x, ones, zeros);
      const y = neuron0.rates(x, ones, zeros).map((v) => amp * v);
      expect(allcloseExcess(y, y2, 1e-5, 1e-5)).toBeLessThanOrEqual(0);

      const n = 100;
      const maxRates = spread(n, 20, 200, 0.3);
      const intercepts = spread(n, -1, 0.8, 1.1);
      const net = new Network({ seed: SEED });
      const ins = net.node({ output: 1 });
      const ens = net.ensemble({ nNeurons: n, dimensions: 1, neuronType: neuron, encoders: Array.from({ length: n }, () => [1]), maxRates, intercepts });
      net.connect(ins, ens, { synapse: null });
      const p = net.probe(ens.neurons);
      const dt = 0.001;
      const tFinal = 0.5;
      const sim = new Simulator(net, { dt, progress: false });
      sim.run(tFinal);
      const spikes = sim.data(p).data;
      const r = new Float64Array(n);
      for (let i = 0; i < spikes.length; i++) r[i % n] = defined(r[i % n]) + defined(spikes[i]) * (dt / tFinal);
      const { gain, bias } = neuron0.gainBias(maxRates, intercepts);
      const r0 = neuron0.rates(new Float64Array(n).fill(1), gain, bias).map((v) => amp * v);
      expect(rmsDiff(r, r0) / rmsDiff(r0, new Float64Array(n))).toBeLessThan(0.02);
    });
  }
});

function squareNet(make: () => NeuronType): { net: Network; probe: ReturnType<Network["probe"]> } {
  const net = new Network({ seed: SEED });
  const u = net.node({ output: new WhiteSignal(0.3, 10), sizeOut: 2 });
  const ens = net.ensemble({ nNeurons: 60, dimensions: 2, neuronType: make() });
  const square = net.ensemble({ nNeurons: 60, dimensions: 2, neuronType: make() });
  net.connect(u, ens);
  net.connect(ens, square, { function: (x) => [defined(x[0]) ** 2, defined(x[1]) ** 2], solver: new LstsqL2nz({ weights: true }) });
  return { net, probe: net.probe(square, { synapse: 0.01 }) };
}

describe("test_neurons.py: per neuron type", () => {
  for (const [name, make] of NON_DIRECT_TYPES) {
    it(`test_reset[${name}]: after reset(), a run repeats the first run's times and data`, () => {
      const { net, probe } = squareNet(make);
      const sim = new Simulator(net, { seed: SEED + 1, progress: false });
      sim.run(0.1);
      sim.run(0.2);
      const t1 = Float64Array.from(sim.trange());
      const square1 = Float64Array.from(sim.data(probe).data);
      sim.reset();
      sim.run(0.3);
      expect(allcloseExcess(sim.trange(), t1, 1e-8, 1e-5)).toBeLessThanOrEqual(0);
      expect(sim.data(probe).data.length).toBe(square1.length);
      expect(allcloseExcess(sim.data(probe).data, square1, 1e-8, 1e-5)).toBeLessThanOrEqual(0);
    });

    it(`test_gain_bias[${name}] (generic=False): gainBias gives the max rates at x = 1 and the intercepts as thresholds, and inverts`, () => {
      const n = 100;
      const maxRates = spread(n, 300, 400, 0.2);
      const intercepts = spread(n, -0.5, 0.5, 2.3);
      const type = make();
      const tolerance = 1e-8;
      const { gain, bias } = type.gainBias(maxRates, intercepts);
      expect(allcloseExcess(type.rates(new Float64Array(n).fill(1), gain, bias), maxRates, tolerance, 1e-5)).toBeLessThanOrEqual(0);
      const threshold = type instanceof Sigmoid ? 0.5 / type.tauRef : 0;
      const below = type.rates(
        intercepts.map((c) => c - tolerance),
        gain,
        bias,
      );
      const above = type.rates(
        intercepts.map((c) => c + tolerance),
        gain,
        bias,
      );
      expect(below.every((v) => v <= threshold)).toBe(true);
      expect(above.every((v) => v > threshold)).toBe(true);
      const back = type.maxRatesIntercepts(gain, bias);
      expect(allcloseExcess(back.maxRates, maxRates, tolerance, 1e-5)).toBeLessThanOrEqual(0);
      expect(allcloseExcess(back.intercepts, intercepts, tolerance, 1e-5)).toBeLessThanOrEqual(0);
    });

    it(`test_dt_dependence[${name}]: activities and the decoded square barely change from dt 1 ms to 0.1 ms`, () => {
      const freq = 10 * 2 * Math.PI;
      const net = new Network({ seed: SEED });
      const u = net.node({ output: (t: number) => [Math.sin(freq * t), Math.cos(freq * t)], sizeOut: 2 });
      const pre = net.ensemble({ nNeurons: 80, dimensions: 2, neuronType: make() });
      const square = net.ensemble({ nNeurons: 80, dimensions: 2, neuronType: make() });
      net.connect(u, pre);
      net.connect(pre, square, { function: (x) => [defined(x[0]) ** 2, defined(x[1]) ** 2] });
      const activityP = net.probe(square.neurons, { synapse: 0.05, sampleEvery: 0.001 });
      const outP = net.probe(square, { synapse: 0.05, sampleEvery: 0.001 });
      const runs = [0.0001, 0.001].map((dt) => {
        const sim = new Simulator(net, { dt, seed: SEED + 1, progress: false });
        sim.run(0.1);
        return { activity: Float64Array.from(sim.data(activityP).data), out: Float64Array.from(sim.data(outP).data) };
      });
      const [fine, coarse] = runs as [(typeof runs)[0], (typeof runs)[0]];
      expect(fine.activity.length).toBe(coarse.activity.length);
      expect(rmsDiff(fine.activity, coarse.activity)).toBeLessThan((1 / 0.001) * 0.01);
      expect(allcloseExcess(fine.out, coarse.out, 0.05, 1e-5)).toBeLessThanOrEqual(0);
    });
  }
});

describe("test_neurons.py: initial state", () => {
  for (const [name, make] of [
    ["LIF", (o: NeuronTypeOptions) => new LIF(o)],
    ["SpikingRectifiedLinear", (o: NeuronTypeOptions) => new SpikingRectifiedLinear(o)],
  ] as const) {
    it(`test_initial_state[${name}]: voltage from Uniform(0, 1) is spread evenly; Choice and an array are the first step's voltage`, () => {
      const n = 50;
      const initial = { uniform: new Uniform(0, 1), choice: new Choice([0.5]), linspace: linspace(0.1, 0.9, n) };
      const net = new Network({ seed: SEED });
      const probes = Object.entries(initial).map(([key, voltage]) => {
        const a = net.ensemble({ nNeurons: n, dimensions: 1, neuronType: make({ initialState: { voltage } }), gain: new Choice([1]), bias: new Choice([0]) });
        return [key, net.probe(a.neurons, { attr: "voltage" })] as const;
      });
      const sim = new Simulator(net, { progress: false });
      sim.run(0.1);
      for (const [key, probe] of probes) {
        // LIF's voltage decays for one step before it is first probed: undo that decay.
        const undo = name === "LIF" ? Math.exp(sim.dt / 0.02) : 1;
        const v0 = Array.from(sim.data(probe).data.subarray(0, n), (v) => v * undo);
        if (key === "uniform") {
          const histogram = new Array<number>(10).fill(0);
          for (const v of v0) histogram[Math.min(9, Math.floor(v * 10))] = defined(histogram[Math.min(9, Math.floor(v * 10))]) + 1;
          const mean = n / 10;
          expect(histogram.reduce((s, h) => s + Math.abs(h / mean - 1), 0) / 10).toBeLessThan(0.5);
        } else {
          const expected = key === "choice" ? new Float64Array(n).fill(0.5) : initial.linspace;
          expect(allcloseExcess(v0, expected, 1e-5, 1e-5)).toBeLessThanOrEqual(0);
        }
      }
    });
  }
});

/** `n` draws from Uniform(lo, hi), as Nengo's `rng.uniform(lo, hi, size=n)`. */
function uniform(rng: Rng, n: number, lo: number, hi: number): Float64Array {
  return rng.fillUniform(new Float64Array(n), lo, hi);
}

/** The rows of `points` repeated for each of `n` neurons: Nengo broadcasting a 1-D `x` against the gains. */
function perNeuron(points: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(points.length * n);
  for (let p = 0; p < points.length; p++) out.fill(defined(points[p]), p * n, (p + 1) * n);
  return out;
}

describe("test_neurons.py: LIF dynamics against its rates", () => {
  it("test_lif_builtin: LIF.step on a grid of currents spikes at the analytic rates (atol 1, rtol 0.02)", () => {
    const dt = 1e-3;
    const nSteps = 1000;
    const n = 10;
    const rng = new Rng(SEED);
    const lif = new LIF();
    const { gain, bias } = lif.gainBias(uniform(rng, n, 80, 100), uniform(rng, n, -1, 1));
    const x = perNeuron(
      Array.from({ length: 40 }, (_, i) => -2 + 0.1 * i),
      n,
    );
    const j = lif.current(x, gain, bias);
    const state = { voltage: new Float64Array(j.length), refractoryTime: new Float64Array(j.length) };
    const output = new Float64Array(j.length);
    const mean = new Float64Array(j.length);
    for (let s = 0; s < nSteps; s++) {
      lif.step(dt, j, output, state);
      for (let i = 0; i < j.length; i++) mean[i] = defined(mean[i]) + defined(output[i]) / nSteps;
    }
    expect(allcloseExcess(mean, lif.rates(x, gain, bias), 1, 0.02)).toBeLessThanOrEqual(0);
  });

  for (const dt of [0.001, 0.002]) {
    it(`test_lif[${dt}]: 5000 simulated LIF neurons fire at the analytic rates; voltage and refractoryTime probes change; counts stay within 1 of rate·t`, () => {
      const n = 5000;
      const x = 0.5;
      const rng = new Rng(SEED);
      const maxRates = uniform(rng, n, 10, 200);
      const intercepts = uniform(rng, n, -1, 1);
      const net = new Network();
      const ins = net.node({ output: x });
      const ens = net.ensemble({ nNeurons: n, dimensions: 1, neuronType: new LIF(), encoders: Array.from({ length: n }, () => [1]), maxRates, intercepts });
      net.connect(ins, ens.neurons, { transform: Array.from({ length: n }, () => [1]), synapse: null });
      const spikeP = net.probe(ens.neurons);
      const voltageP = net.probe(ens.neurons, { attr: "voltage" });
      const refP = net.probe(ens.neurons, { attr: "refractoryTime" });
      const tFinal = 1.0;
      const sim = new Simulator(net, { dt, progress: false });
      sim.run(tFinal);

      const { gain, bias } = ens.neuronType.gainBias(maxRates, intercepts);
      const mathRates = ens.neuronType.rates(new Float64Array(n).fill(x), gain, bias);
      expect(mathRates.filter((r) => r > 0).length).toBeGreaterThan(0.5 * n);
      const spikes = sim.data(spikeP).data;
      const t = sim.trange();
      const counts = new Float64Array(n);
      let worstCount = 0;
      for (let s = 0; s < t.length; s++) {
        for (let i = 0; i < n; i++) {
          if (defined(spikes[s * n + i]) > 0) counts[i] = defined(counts[i]) + 1;
          worstCount = Math.max(worstCount, Math.abs(defined(counts[i]) - defined(t[s]) * defined(mathRates[i])));
        }
      }
      expect(
        allcloseExcess(
          counts.map((c) => c / tFinal),
          mathRates,
          1,
          0.02,
        ),
      ).toBeLessThanOrEqual(0);
      expect(worstCount).toBeLessThan(1);
      for (const p of [voltageP, refP]) {
        const d = sim.data(p).data;
        let change = 0;
        for (let i = n; i < d.length; i++) change += Math.abs(defined(d[i]) - defined(d[i - n]));
        expect(change).toBeGreaterThan(1);
      }
    });
  }
});

/** A generic neuron type (Nengo's subclass of `NeuronType` in its tests): a constant rate, no state. */
class ConstantRate extends NeuronType {
  readonly kind: NeuronKind = "custom:ConstantRate";
  readonly spiking: boolean = false;
  constructor(readonly rate: number) {
    super();
  }
  get stateSpec(): NeuronStateSpec {
    return {};
  }
  rateFromCurrent(_j: Float64Array, out: Float64Array): void {
    out.fill(this.rate);
  }
  step(_dt: number, _j: Float64Array, output: Float64Array): void {
    output.fill(this.rate);
  }
}

describe("test_neurons.py: the NeuronType base", () => {
  it("test_invalid_generic_gain_bias: the generic gainBias reports a curve that never reaches the max rate, or never stops firing", () => {
    expect(() => new ConstantRate(0).gainBias([1], [0])).toThrow(ValidationError);
    expect(() => new ConstantRate(0).gainBias([1], [0])).toThrow(/Could not find max current/);
    expect(() => new ConstantRate(1).gainBias([1], [0])).toThrow(ValidationError);
    expect(() => new ConstantRate(1).gainBias([1], [0])).toThrow(/Could not find firing threshold/);
  });

  // Plexus takes x flat and row-major (nPoints × nNeurons): Nengo's 1-D x of samples is given as rows
  // of one value each, and a shape error shows as a length that is not a multiple of nNeurons.
  const n = 20;
  const rng = new Rng(SEED);
  const gain = uniform(rng, n, 0, 1);
  const bias = uniform(rng, n, 0, 1);

  it("test_current: J = gain·x + bias for 3 samples shared by all neurons and for 10 samples per neuron; a wrong shape is a ValidationError", () => {
    const type = new ConstantRate(0);
    const shared = perNeuron(uniform(rng, 3, 0, 1), n);
    const perEach = uniform(rng, 10 * n, 0, 1);
    for (const x of [shared, perEach]) {
      const current = type.current(x, gain, bias);
      expect(current.length).toBe(x.length);
      const expected = x.map((v, i) => defined(gain[i % n]) * v + defined(bias[i % n]));
      expect(allcloseExcess(current, expected, 1e-8, 1e-5)).toBeLessThanOrEqual(0);
    }
    expect(() => type.current(uniform(rng, 10 * 3, 0, 1), gain, bias)).toThrow(ValidationError);
  });

  for (const [name, make] of NON_DIRECT_TYPES) {
    it(`test_rates_shaping[${name}]: rates give one value per sample and neuron; a wrong shape is a ValidationError`, () => {
      const type = make();
      expect(type.rates(perNeuron(uniform(rng, 3, 0, 1), n), gain, bias).length).toBe(3 * n);
      expect(type.rates(uniform(rng, 10 * n, 0, 1), gain, bias).length).toBe(10 * n);
      expect(() => type.rates(uniform(rng, 10 * 3, 0, 1), gain, bias)).toThrow(ValidationError);
    });
  }
});

/** Nengo's `MyLIF` of test_bad_initial_state: a LIF whose state clashes with the builder's. */
class BadStateLIF extends LIF {
  constructor(private readonly bad: "overlap" | "notArray") {
    super();
  }
  override get stateSpec(): NeuronStateSpec {
    return this.bad === "overlap" ? { ...super.stateSpec, output: new Choice([0]) } : super.stateSpec;
  }
  override makeState(nNeurons: number, rng: Rng): Record<string, Float64Array> {
    return this.bad === "notArray" ? ({ dict: {} } as unknown as Record<string, Float64Array>) : super.makeState(nNeurons, rng);
  }
}

describe("test_neurons.py: state", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("test_bad_initial_state: an unknown or malformed initial state is a ValidationError; a state clashing with the neurons' signals, or not an array, a BuildError", () => {
    expect(() => new LIF({ initialState: { rates: new Choice([0]) } })).toThrow(ValidationError);
    expect(() => new LIF({ initialState: { rates: new Choice([0]) } })).toThrow(/State variable 'rates' not recognized/);
    expect(() => new LIF({ initialState: { voltage: "voltage" as unknown as number } })).toThrow(/State variable 'voltage' must be a/);
    for (const [bad, message] of [
      ["overlap", /state name 'output' overlaps/],
      ["notArray", /state 'dict' is an object \(Object\)/],
    ] as const) {
      const net = new Network();
      net.ensemble({ nNeurons: 1, dimensions: 1, neuronType: new BadStateLIF(bad) });
      expect(() => new Simulator(net, { progress: false }), bad).toThrow(BuildError);
      expect(() => new Simulator(net, { progress: false }), bad).toThrow(message);
    }
  });

  it("test_spikes_to_spikes_warning: a spiking base type warns", () => {
    const emitted = captureWarnings();
    new PoissonSpiking(new LIFRate());
    expect(emitted).toEqual([]);
    new PoissonSpiking(new LIF());
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatch(/'LIF' is a spiking neuron type/);
  });
});
