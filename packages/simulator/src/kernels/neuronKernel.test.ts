import { LIF, type NeuronType, Rng, Sigmoid, Tanh } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { compile } from "../internal/compile.js";
import { simdArena } from "../internal/simdKernels.js";
import { Signal } from "../Signal.js";
import { dotIncKernel } from "./dotIncKernel.js";
import type { NeuronKernelBuilder } from "./neuronKernel.js";
import { lifKernel, sigmoidKernel } from "./neuronKernel.js";
import { setTarget } from "./Target.js";

const dt = 0.001;

/** Steps `type` for `steps` steps through `builder` and through `type.step`; returns both outputs and states, bit patterns. */
function both(
  builder: NeuronKernelBuilder,
  type: NeuronType,
  n: number,
  steps: number,
  currents: (k: number, i: number) => number,
  engine: "js" | "simd" = "js",
): [bigint[], bigint[]] {
  const rng = new Rng(7);
  const init = type.makeState(n, rng);
  const signals: Signal[] = [];
  const ctx = {
    dt,
    signal: (name: string, size: number, initial?: Float64Array) => {
      const s = Signal.base(name, size, initial ?? null);
      signals.push(s);
      return s;
    },
  };
  const J = ctx.signal("J", n);
  const out = ctx.signal("out", n);
  const state: Record<string, Signal> = {};
  for (const [k, v] of Object.entries(init)) state[k] = ctx.signal(k, n, Float64Array.from(v));
  const kernel = builder({ neuronType: type, nNeurons: n, input: J, output: out, state, owner: "t" }, ctx);
  const kernels = [kernel];
  let off = 0;
  for (const s of signals) {
    s.place(off);
    off += s.size;
  }
  const wasm = engine === "js" ? null : simdArena(off);
  if (engine !== "js" && wasm === null) throw new Error("no WebAssembly SIMD in this runtime");
  const arena = wasm?.arena ?? new Float64Array(off);
  for (const s of signals) if (s.initial !== null) arena.set(s.initial, s.offset);
  const compiled = compile(kernels, [], arena, dt, 0, true, wasm);
  // with a WebAssembly part, LIF's rare events run in the shared functions (events.ts)
  expect(compiled.source.includes("lifEvents")).toBe(engine === "simd" && type instanceof LIF);
  const step = compiled.step;
  const refState: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(init)) refState[k] = Float64Array.from(v);
  const refJ = new Float64Array(n);
  const refOut = new Float64Array(n);
  const got: bigint[] = [];
  const want: bigint[] = [];
  const bits = (a: ArrayLike<number>): bigint[] => Array.from(new BigUint64Array(Float64Array.from(a).buffer));
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) refJ[i] = arena[J.offset + i] = currents(k, i);
    step(k + 1, (k + 1) * dt);
    type.step(dt, refJ, refOut, refState);
    got.push(...bits(arena.subarray(out.offset, out.offset + n)));
    want.push(...bits(refOut));
    for (const [name, s] of Object.entries(state)) {
      got.push(...bits(arena.subarray(s.offset, s.offset + n)));
      want.push(...bits(defined(refState[name])));
    }
  }
  return [got, want];
}

/** LIF's outputs and states in float32 mode over `steps` steps: in WebAssembly with the shared event functions, or all in generated JS on a Float32Array. */
function lifFloat32(type: LIF, n: number, steps: number, currents: (k: number, i: number) => number, engine: "js" | "simd"): number[] {
  const signals: Signal[] = [];
  const signal = (name: string, size: number, initial?: Float64Array): Signal => {
    const s = Signal.base(name, size, initial ?? null);
    signals.push(s);
    return s;
  };
  const init = type.makeState(n, new Rng(7));
  const J = signal("J", n);
  const out = signal("out", n);
  const state = {
    voltage: signal("voltage", n, Float64Array.from(defined(init["voltage"]))),
    refractoryTime: signal("refractoryTime", n, Float64Array.from(defined(init["refractoryTime"]))),
  };
  const kernel = lifKernel({ neuronType: type, nNeurons: n, input: J, output: out, state, owner: "t" }, { dt, signal });
  let off = 0;
  for (const s of signals) {
    s.place(off);
    off += s.size;
  }
  const wasm = engine === "simd" ? simdArena(off, false, 4) : null;
  if (engine === "simd" && wasm === null) throw new Error("no WebAssembly SIMD in this runtime");
  const arena = wasm?.arena ?? new Float32Array(off);
  for (const s of signals) if (s.initial !== null) arena.set(s.initial, s.offset);
  const compiled = compile([kernel], [], arena, dt, 0, true, wasm);
  expect(compiled.source.includes("lifEvents")).toBe(engine === "simd");
  const got: number[] = [];
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < n; i++) arena[J.offset + i] = currents(k, i);
    compiled.step(k + 1, (k + 1) * dt);
    for (const s of [out, state.voltage, state.refractoryTime]) got.push(...arena.subarray(s.offset, s.offset + n));
  }
  return got;
}

describe("inlined neuron kernels: the same bits as the type's own step", () => {
  const rng = new Rng(3);
  const noise = Float64Array.from({ length: 64 * 300 }, () => rng.normal());
  const currents = (k: number, i: number): number => {
    const x = defined(noise[(k * 64 + i) % noise.length]);
    // sub-threshold, firing, strongly driven, negative, exactly 1, and non-finite inputs
    if (i === 0) return 1;
    if (i === 1) return k % 50 === 0 ? NaN : 3;
    if (i === 2) return k % 70 === 0 ? Infinity : 1.5;
    if (i === 3) return 5000; // spikes in the step its refractory period ends
    if (i === 4) return k % 2 === 0 ? 300 : -300;
    return i % 3 === 0 ? 20 * x : 1 + 4 * x;
  };
  for (const [name, type] of [
    ["LIF", new LIF()],
    ["LIF with a voltage floor, amplitude and other time constants", new LIF({ minVoltage: -0.5, tauRc: 0.05, tauRef: 0.0013, amplitude: 0.3 })],
    ["LIF without a floor", new LIF({ minVoltage: -Infinity, tauRef: 0 })],
  ] as const) {
    for (const engine of ["js", "simd"] as const) {
      it(`${name} (${engine})`, () => {
        const [got, want] = both(lifKernel, type, 64, 300, currents, engine);
        expect(got).toEqual(want);
      });
    }
  }
  it("LIF in float32 mode: WebAssembly with the shared event functions gives the generated JS's bits (the voltage at a spike as stored)", () => {
    const type = new LIF({ minVoltage: -0.5, tauRef: 0.0013 });
    const js = lifFloat32(type, 64, 300, currents, "js");
    expect(js.some((x) => x > 0)).toBe(true);
    expect(lifFloat32(type, 64, 300, currents, "simd")).toEqual(js);
  });
  for (const engine of ["js", "simd"] as const) {
    it(`LIF lists its spikes in ascending order for event-driven products, also spikes as a refractory period ends (${engine})`, () => {
      const n = 64;
      const R = 9;
      const type = new LIF();
      const init = type.makeState(n, new Rng(1));
      const sig = (name: string, size: number, initial: Float64Array | null = null, ro = false) => Signal.base(name, size, initial, ro);
      const J = sig("J", n);
      const out = sig("out", n);
      const state = {
        voltage: sig("voltage", n, Float64Array.from(defined(init["voltage"]))),
        refractoryTime: sig("refractoryTime", n, Float64Array.from(defined(init["refractoryTime"]))),
      };
      const rng = new Rng(9);
      const W = rng.fillNormal(new Float64Array(R * n)); // column-major: column j at j·R
      const w = sig("w", R * n, W, true);
      const y = sig("y", R);
      const signals = [J, out, state.voltage, state.refractoryTime, w, y];
      let off = 0;
      for (const s of signals) {
        s.place(off);
        off += s.size;
      }
      const wasm = engine === "js" ? null : simdArena(off);
      const arena = wasm?.arena ?? new Float64Array(off);
      for (const s of signals) if (s.initial !== null) arena.set(s.initial, s.offset);
      const ctx = {
        dt,
        signal: () => {
          throw new Error("unused");
        },
      };
      const kernels = [
        lifKernel({ neuronType: type, nNeurons: n, input: J, output: out, state, owner: "t" }, ctx),
        dotIncKernel({ weights: w, rows: R, cols: n, layout: "columns", x: out, dst: setTarget(y), eventDriven: true, owner: "t" }),
      ];
      const compiled = compile(kernels, [], arena, dt, 0, true, wasm);
      expect(compiled.source.includes("lifEvents")).toBe(engine === "simd");
      const step = compiled.step;
      let lateSpikes = 0;
      for (let k = 0; k < 200; k++) {
        for (let i = 0; i < n; i++) arena[J.offset + i] = currents(k, i);
        const wasRefractory = Array.from({ length: n }, (_, i) => defined(arena[state.refractoryTime.offset + i]) > dt);
        step(k + 1, (k + 1) * dt);
        const want = new Float64Array(R);
        for (let j = 0; j < n; j++) {
          const a = defined(arena[out.offset + j]);
          if (a === 0) continue;
          if (wasRefractory[j]) lateSpikes++;
          for (let i = 0; i < R; i++) want[i] = defined(want[i]) + defined(W[j * R + i]) * a;
        }
        expect(Array.from(arena.subarray(y.offset, y.offset + R))).toEqual(Array.from(want));
      }
      expect(lateSpikes).toBeGreaterThan(0);
    });
  }

  it("Sigmoid", () => {
    const [got, want] = both(sigmoidKernel, new Sigmoid({ tauRef: 0.0025 }), 64, 20, currents);
    expect(got).toEqual(want);
  });
  it("other classes run their own step (Tanh under the Sigmoid entry, a LIF subclass under the LIF entry)", () => {
    class Doubled extends LIF {
      override step(d: number, j: Float64Array, o: Float64Array, s: Readonly<Record<string, Float64Array>>): void {
        super.step(d, j, o, s);
        o.forEach((v, i) => (o[i] = v * 2));
      }
    }
    for (const [builder, type] of [
      [sigmoidKernel, new Tanh()],
      [lifKernel, new Doubled()],
    ] as const) {
      const [got, want] = both(builder, type, 16, 30, currents);
      expect(got).toEqual(want);
    }
  });
});
