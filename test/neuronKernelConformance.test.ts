// One conformance suite for the neuron kernels: every backend's kernel for every neuron type, run
// against the type's reference maths (`step` and `rateFromCurrent` in @plexus/core) on the same
// data. Bits are equal where Plexus promises bits (the simulator's generated JS and WebAssembly
// steps, fused or not; the typed-adjoint engine's inference rates); elsewhere a stated tolerance
// (tfjs computes in float32; training derivatives against central differences).
import {
  AdaptiveLIF,
  AdaptiveLIFRate,
  type BuiltinNeuronKind,
  type InitialState,
  Izhikevich,
  LIF,
  LIFRate,
  Network,
  type NeuronType,
  PoissonSpiking,
  RectifiedLinear,
  RegularSpiking,
  Rng,
  Sigmoid,
  SoftLIFRate,
  SpikingRectifiedLinear,
  StochasticSpiking,
  Tanh,
} from "@plexus/core";
import { defaultNeuronKernels, type RateCurve, type TfOps } from "@plexus/kernels";
import { Simulator } from "@plexus/simulator";
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { defined } from "./support/defined.js";

const dt = 0.001;
const N = 40; // at least 32, so that LIF takes its WebAssembly path
const STEPS = 150;

/**
 * Every built-in kind (the Record makes a new kind a compile error here until it is covered): a
 * factory taking the initial state, or null with the reason it is not stepped.
 */
const types: Record<
  BuiltinNeuronKind,
  ((init: InitialState) => NeuronType) | { readonly notStepped: string } | { readonly stochastic: (init: InitialState) => NeuronType }
> = {
  LIF: (initialState) => new LIF({ tauRc: 0.02, tauRef: 0.002, minVoltage: -0.5, amplitude: 1.5, initialState }),
  LIFRate: (initialState) => new LIFRate({ tauRc: 0.03, tauRef: 0.001, amplitude: 2, initialState }),
  AdaptiveLIF: (initialState) => new AdaptiveLIF({ tauN: 0.5, incN: 0.02, initialState }),
  AdaptiveLIFRate: (initialState) => new AdaptiveLIFRate({ tauN: 0.5, incN: 0.02, initialState }),
  SoftLIFRate: (initialState) => new SoftLIFRate({ sigma: 0.05, initialState }),
  Izhikevich: (initialState) => new Izhikevich({ initialState }),
  RectifiedLinear: (initialState) => new RectifiedLinear({ amplitude: 2, initialState }),
  SpikingRectifiedLinear: (initialState) => new SpikingRectifiedLinear({ amplitude: 0.5, initialState }),
  Sigmoid: (initialState) => new Sigmoid({ tauRef: 0.0025, initialState }),
  Tanh: (initialState) => new Tanh({ tauRef: 0.0025, initialState }),
  RegularSpiking: (initialState) => new RegularSpiking(new LIFRate(), { initialState }),
  PoissonSpiking: { stochastic: (initialState) => new PoissonSpiking(new LIFRate(), { initialState }) },
  StochasticSpiking: { stochastic: (initialState) => new StochasticSpiking(new Tanh(), { initialState }) },
  Direct: { notStepped: "Direct-mode ensembles have no neurons: their input is their output" },
};

/** The shared data: currents per step and neuron around each type's threshold (-1.5 .. 6), seeded. */
function currents(): Float64Array[] {
  const rng = new Rng(7);
  return Array.from({ length: STEPS }, (_, k) =>
    Float64Array.from({ length: N }, (_, i) => (i % 10 === 0 ? 1 : -1.5 + 7.5 * rng.uniform()) + 0.5 * Math.sin(k / 9)),
  );
}

/**
 * The initial state: the type's defaults drawn from a seeded generator, with refractory times
 * spread over [0, 2dt) so that neurons leave their refractory period mid-step.
 */
function initialState(make: (init: InitialState) => NeuronType): InitialState {
  const state = make({}).makeState(N, new Rng(11));
  const rng = new Rng(13);
  const refractory = state["refractoryTime"];
  if (refractory !== undefined) for (let i = 0; i < N; i++) refractory[i] = i % 3 === 0 ? 2 * dt * rng.uniform() : 0;
  return state;
}

/** Output and state per step from the reference `step`, given the currents J per step. */
function reference(type: NeuronType, init: InitialState, J: readonly Float64Array[]): Record<string, Float64Array[]> {
  const state: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(init)) state[name] = Float64Array.from(v as ArrayLike<number>);
  const out: Record<string, Float64Array[]> = { output: [] };
  for (const name of Object.keys(state)) out[name] = [];
  for (const j of J) {
    const o = new Float64Array(N);
    type.step(dt, Float64Array.from(j), o, state);
    defined(out["output"]).push(o);
    for (const [name, v] of Object.entries(state)) defined(out[name]).push(Float64Array.from(v));
  }
  return out;
}

type Drive = "neurons" | "encoders";

/** The simulator's run: J (as probed) and the recorded output and state per step. */
function simulate(
  type: NeuronType,
  drive: Drive,
  options: { simd: boolean; fused: boolean; seed?: number },
): { J: Float64Array[]; probed: Record<string, Float64Array[]> } {
  const data = currents();
  const net = new Network({ label: "conformance" });
  const rng = new Rng(3);
  const gain = Array.from({ length: N }, () => 0.5 + rng.uniform());
  const bias = Array.from({ length: N }, () => -0.5 + rng.uniform());
  const encoders = Array.from({ length: N }, (_, i) => [i % 2 === 0 ? 1 : -1]);
  const ens = net.ensemble({ nNeurons: N, dimensions: 1, gain, bias, encoders, neuronType: type });
  if (drive === "neurons") {
    const node = net.node({ output: (t: number) => defined(data[Math.min(STEPS - 1, Math.round(t / dt) - 1)]), sizeOut: N });
    net.connect(node, ens.neurons, { synapse: null });
  } else {
    const node = net.node({ output: (t: number) => [2 * Math.sin(20 * t)] });
    net.connect(node, ens, { synapse: null });
  }
  const probes = Object.fromEntries(["input", ...type.probeable].map((attr) => [attr, net.probe(ens.neurons, { attr })]));
  const sim = new Simulator(net, { dt, seed: options.seed ?? 1, simd: options.simd, fused: options.fused, threads: false, progress: false });
  sim.runSteps(STEPS);
  const rows = (attr: string): Float64Array[] => {
    const d = sim.data(defined(probes[attr])).data;
    return Array.from({ length: STEPS }, (_, k) => d.slice(k * N, (k + 1) * N));
  };
  const probed: Record<string, Float64Array[]> = {};
  for (const attr of type.probeable) probed[attr] = rows(attr);
  return { J: rows("input"), probed };
}

function firstDifference(a: readonly Float64Array[], b: readonly Float64Array[]): string | null {
  for (let k = 0; k < a.length; k++) {
    for (let i = 0; i < N; i++) if (!Object.is(defined(a[k])[i], defined(b[k])[i])) return `step ${k}, neuron ${i}: ${defined(a[k])[i]} vs ${defined(b[k])[i]}`;
  }
  return null;
}

describe("neuron kernel conformance: the simulator (generated JS, WebAssembly SIMD, or the reference step) against the reference", () => {
  for (const [kind, make] of Object.entries(types) as [BuiltinNeuronKind, (typeof types)[BuiltinNeuronKind]][]) {
    if ("notStepped" in make) {
      it(`${kind}: no simulator kernel (${make.notStepped})`, () => {
        expect(defaultNeuronKernels[kind]).toBeUndefined();
      });
      continue;
    }
    if ("stochastic" in make) {
      // its step draws from a generator the simulator seeds: every way of running it gives the
      // same bits for one seed, and other bits for another (its maths: statistical tests in core)
      it(`${kind} (reference step, seeded): the same bits driven through neurons and encoders, SIMD on or off, fused or not; another seed differs`, () => {
        expect(defaultNeuronKernels[kind]?.simulator).toBeUndefined();
        const init = initialState(make.stochastic);
        for (const drive of ["neurons", "encoders"] as const) {
          const runs = [true, false].flatMap((simd) =>
            [true, false].map((fused) => defined(simulate(make.stochastic(init), drive, { simd, fused }).probed["output"])),
          );
          for (const run of runs.slice(1)) expect(firstDifference(run, defined(runs[0]))).toBeNull();
          const other = defined(simulate(make.stochastic(init), drive, { simd: true, fused: true, seed: 99 }).probed["output"]);
          expect(firstDifference(other, defined(runs[0]))).not.toBeNull();
          expect(defined(runs[0]).some((r) => r.some((x) => x !== 0))).toBe(true);
        }
      });
      continue;
    }
    const backend =
      defaultNeuronKernels[kind]?.simulator !== undefined
        ? defaultNeuronKernels[kind]?.wasm !== undefined
          ? "generated JS + WebAssembly"
          : "generated JS"
        : "reference step";
    for (const drive of ["neurons", "encoders"] as const) {
      for (const simd of [false, true]) {
        for (const fused of [true, false]) {
          it(`${kind} (${backend}), driven through ${drive}, simd ${simd}, fused ${fused}: the same bits as ${kind}.step`, () => {
            const init = initialState(make);
            const type = make(init);
            const { J, probed } = simulate(type, drive, { simd, fused });
            const want = reference(make(init), init, J);
            for (const attr of type.probeable) expect(firstDifference(defined(probed[attr]), defined(want[attr])), `${attr}`).toBeNull();
            // the data reached the interesting cases: some neurons fire, some do not
            const out = defined(probed["output"]).flatMap((r) => Array.from(r));
            expect(out.some((x) => x !== 0)).toBe(true);
            expect(out.some((x) => x === 0) || type.negative || kind === "Sigmoid" || kind === "SoftLIFRate").toBe(true);
          });
        }
      }
    }
  }
});

/** The typed engine's generated code of a curve as a function of J: [rate, derivative]. */
function typed(curve: RateCurve, deriv: boolean): (j: number) => [number, number] {
  return new Function("exp", "log1p", "tanh", `return (j) => { let rv = 0, dv = 0; ${curve.code(deriv)} return [rv, dv]; };`)(
    Math.exp,
    Math.log1p,
    Math.tanh,
  ) as (j: number) => [number, number];
}

const grid = Float64Array.from({ length: 600 }, (_, i) => -5 + i * 0.0175 + 1e-3);

describe("neuron kernel conformance: the gradient engines' kernels against the reference", () => {
  for (const [kind, make] of Object.entries(types) as [BuiltinNeuronKind, (typeof types)[BuiltinNeuronKind]][]) {
    const gradient = defaultNeuronKernels[kind]?.gradient;
    if (gradient === undefined || typeof make !== "function") {
      it(`${kind}: the gradient engines have no kernel (refused by name)`, () => {
        expect(gradient).toBeUndefined();
      });
      continue;
    }
    const type = make({});
    const param = (name: string): number => defined((type as unknown as Record<string, number>)[name]);
    const plan = gradient.plan(type, { approximation: "softlif", sigma: 0.02, param });
    const reference = new Float64Array(grid.length);
    type.rateFromCurrent(grid, reference);

    if (plan.infer !== null) {
      const infer = plan.infer;
      it(`${kind}: typed-adjoint inference rates are ${kind}.rateFromCurrent's, bit for bit`, () => {
        const f = typed(infer, false);
        for (let i = 0; i < grid.length; i++) expect(f(defined(grid[i]))[0]).toBe(reference[i]);
      });

      it(`${kind}: tfjs rates are ${kind}.rateFromCurrent's within float32 (relative 2e-6 of the largest rate)`, async () => {
        await tf.setBackend("cpu");
        const ops: TfOps<tf.Tensor> = tf;
        const got = tf.tidy(() => infer.rate(ops, tf.tensor1d(Array.from(grid))).dataSync());
        const scale = Math.max(...Array.from(reference, Math.abs));
        for (let i = 0; i < grid.length; i++) expect(Math.abs(defined(got[i]) - defined(reference[i]))).toBeLessThanOrEqual(2e-6 * scale);
      });
    }

    it(`${kind}: the training curve's typed derivative matches central differences, and tfjs's derivative the typed one within float32`, async () => {
      const f = typed(plan.train, true);
      await tf.setBackend("cpu");
      const ops: TfOps<tf.Tensor> = tf;
      const tfd = tf.tidy(() => plan.train.derivative(ops, tf.tensor1d(Array.from(grid))).dataSync());
      let scale = 0;
      for (const j of grid) scale = Math.max(scale, Math.abs(f(j)[1]));
      for (let i = 0; i < grid.length; i++) {
        const j = defined(grid[i]);
        const [, d] = f(j);
        expect(Math.abs(defined(tfd[i]) - d)).toBeLessThanOrEqual(1e-4 * scale);
        if (Math.abs(j - 1) < 1e-3 || Math.abs(j) < 1e-3) continue; // the kinks of LIFRate and ReLU
        const h = 1e-6;
        const fd = (f(j + h)[0] - f(j - h)[0]) / (2 * h);
        expect(Math.abs(d - fd)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)) + 1e-4 * Math.abs(fd));
      }
    });
  }
});
