// Nengo 4.1's nengo/tests/test_synapses.py, the tests that need a simulator (the others are in
// packages/core/test/nengoSuite/synapses.test.ts). Each `it` starts with the Nengo test's name:
//   test_lowpass, test_alpha, test_decoders, test_linearfilter, test_synapse_subclass.
// Nengo checks a probe's filtered signal against `synapse.filt` of the unfiltered one, one step
// later. Here the oracle is the filter's difference equation written out in the test (the zero-order
// hold discretisations of Lowpass and Alpha in closed form, the Butterworth filter's own
// coefficients), independent of Plexus's discretisation; tolerances are Nengo's.
import { Alpha, BuildError, LinearFilter, Lowpass, Network, Synapse, WhiteSignal } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { signalsExcess } from "./support.js";

const SEED = 3;
const dt = 1e-3;

// scipy.signal.butter(4, 0.1, analog=False), as in Nengo's test
const butterNum = [0.0004166, 0.0016664, 0.0024996, 0.0016664, 0.0004166];
const butterDen = [1.0, -3.18063855, 3.86119435, -2.11215536, 0.43826514];

/** Nengo's `run_synapse`: white noise (or an ensemble's decoding of it), probed raw and through `synapse`. */
function runSynapse(synapse: Synapse, nNeurons?: number): { x: Float64Array; yhat: Float64Array } {
  const runtime = 0.2;
  const net = new Network({ seed: SEED });
  const u = net.node({ output: new WhiteSignal(runtime, 100) });
  let target: ReturnType<Network["node"]> | ReturnType<Network["ensemble"]> = u;
  if (nNeurons !== undefined) {
    target = net.ensemble({ nNeurons, dimensions: 1 });
    net.connect(u, target, { synapse: null });
  }
  const ref = net.probe(target);
  const filtered = net.probe(target, { synapse });
  const sim = new Simulator(net, { dt, seed: SEED + 1, progress: false });
  sim.run(runtime);
  return { x: Float64Array.from(sim.data(ref).data), yhat: Float64Array.from(sim.data(filtered).data) };
}

/** y[k] = (Σ num[i]·x[k-i] − Σ_{i≥1} den[i]·y[k-i]) / den[0], from rest. */
function differenceEquation(num: readonly number[], den: readonly number[], x: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    let s = 0;
    for (let i = 0; i < num.length && i <= k; i++) s += defined(num[i]) * defined(x[k - i]);
    for (let i = 1; i < den.length && i <= k; i++) s -= defined(den[i]) * defined(y[k - i]);
    y[k] = s / defined(den[0]);
  }
  return y;
}

/** Lowpass(tau) held over each step: y[k] = a·y[k-1] + (1 − a)·x[k], a = exp(−dt/tau). */
function lowpassOracle(tau: number, x: Float64Array): Float64Array {
  const a = Math.exp(-dt / tau);
  return differenceEquation([1 - a], [1, -a], x);
}

/** 1/(tau·s + 1)² held over each step: (b1 + b2·z⁻¹) / (1 − a·z⁻¹)², r = dt/tau. */
function alphaOracle(tau: number, x: Float64Array): Float64Array {
  const r = dt / tau;
  const a = Math.exp(-r);
  return differenceEquation([1 - a - r * a, a * a - a + r * a], [1, -2 * a, a * a], x);
}

describe("test_synapses.py, in a simulator", () => {
  it("test_lowpass: a probe through Lowpass(0.03) is the lowpassed signal, one step later", () => {
    const { x, yhat } = runSynapse(new Lowpass(0.03));
    expect(signalsExcess(lowpassOracle(0.03, x), yhat, 1, { atol: 1e-8, rtol: 1e-5, delay: 1 })).toBeLessThanOrEqual(0);
  });

  it("test_alpha: a probe through Alpha(0.03) is LinearFilter([1], [tau², 2tau, 1]) of the signal, one step later (atol 5e-6)", () => {
    const tau = 0.03;
    const { x, yhat } = runSynapse(new Alpha(tau));
    expect(signalsExcess(alphaOracle(tau, x), yhat, 1, { atol: 5e-6, rtol: 1e-5, delay: 1 })).toBeLessThanOrEqual(0);
    // and Nengo's own oracle, the LinearFilter of the same transfer function
    const lf = new LinearFilter([1], [tau ** 2, 2 * tau, 1]).filt(x, 1, dt);
    expect(signalsExcess(lf, yhat, 1, { atol: 5e-6, rtol: 1e-5, delay: 1 })).toBeLessThanOrEqual(0);
  });

  it("test_decoders: a probe on an ensemble through Lowpass(0.01) is its lowpassed decoded output, one step later", () => {
    const { x, yhat } = runSynapse(new Lowpass(0.01), 100);
    expect(signalsExcess(lowpassOracle(0.01, x), yhat, 1, { atol: 1e-8, rtol: 1e-5, delay: 1 })).toBeLessThanOrEqual(0);
  });

  it("test_linearfilter: a probe through a digital Butterworth LinearFilter is its difference equation, one step later", () => {
    const { x, yhat } = runSynapse(new LinearFilter(butterNum, butterDen, { analog: false }));
    expect(signalsExcess(differenceEquation(butterNum, butterDen, x), yhat, 1, { atol: 1e-8, rtol: 1e-5, delay: 1 })).toBeLessThanOrEqual(0);
  });

  it("test_synapse_subclass: a Synapse subclass that does not implement its filter is a BuildError naming it", () => {
    // @ts-expect-error: TypeScript refuses the subclass too (kind, discretize and makeStepper are abstract)
    class MySynapse extends Synapse {}
    const net = new Network();
    const a = net.node({ output: [0] });
    const b = net.node({ sizeIn: 1 });
    net.connect(a, b, { synapse: new MySynapse() });
    expect(() => new Simulator(net, { progress: false })).toThrow(BuildError);
    expect(() => new Simulator(net, { progress: false })).toThrow(/MySynapse must implement discretize and makeStepper/);
  });
});
