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
  type NeuronType,
  type NeuronTypeOptions,
  RectifiedLinear,
  Sigmoid,
  SimulationError,
  SpikingRectifiedLinear,
  Tanh,
  Uniform,
  ValidationError,
  WhiteSignal,
} from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
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
