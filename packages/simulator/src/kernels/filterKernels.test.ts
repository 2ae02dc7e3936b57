import { Alpha, LinearFilter, Lowpass, Rng, type Synapse, Triangle } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { compile } from "../internal/compile.js";
import { defaultRegistry } from "../Registry.js";
import { Signal } from "../Signal.js";
import { linearFilterKernel, stepperKernel } from "./filterKernels.js";

const dt = 0.001;

/** Runs a synapse kernel over `steps` random inputs and returns its outputs (steps × dims). */
function runKernel(synapse: Synapse, dims: number, inputs: Float64Array, generic: boolean): Float64Array {
  const signals: Signal[] = [];
  const ctx = {
    dt,
    signal: (name: string, size: number) => {
      const s = Signal.base(name, size);
      signals.push(s);
      return s;
    },
  };
  const u = ctx.signal("u", dims);
  const y = ctx.signal("y", dims);
  const spec = { synapse, input: u, output: y, owner: "test" };
  const kernel = generic ? stepperKernel(spec, ctx, defaultRegistry) : linearFilterKernel(spec, ctx, defaultRegistry);
  let off = 0;
  for (const s of signals) {
    s.place(off);
    off += s.size;
  }
  const arena = new Float64Array(off);
  const c = compile([kernel], [], arena, dt, 0, true);
  const steps = inputs.length / dims;
  const out = new Float64Array(inputs.length);
  for (let n = 1; n <= steps; n++) {
    arena.set(inputs.subarray((n - 1) * dims, n * dims), u.offset);
    c.step(n, n * dt);
    out.set(arena.subarray(y.offset, y.offset + dims), (n - 1) * dims);
  }
  return out;
}

const synapses: [string, () => Synapse][] = [
  ["Lowpass(0.005)", () => new Lowpass(0.005)],
  ["Lowpass(0)", () => new Lowpass(0)],
  ["Alpha(0.01)", () => new Alpha(0.01)],
  ["LinearFilter 2nd order", () => new LinearFilter([1], [0.0002, 0.03, 1])],
  ["LinearFilter lead-lag (General)", () => new LinearFilter([0.02, 1], [0.01, 1])],
  ["LinearFilter discrete", () => new LinearFilter([0.5], [1, -0.5], { analog: false })],
  ["LinearFilter 3rd order", () => new LinearFilter([1, 2, 1], [0.001, 0.01, 0.1, 1])],
];

describe("synapse kernels", () => {
  for (const [name, make] of synapses) {
    for (const dims of [1, 3, 7]) {
      it(`${name}, ${dims} channels: inline kernel = the synapse's own stepper, bit for bit`, () => {
        const rng = new Rng(dims);
        const u = rng.fillNormal(new Float64Array(50 * dims));
        const expected = make().filt(u, dims, dt);
        expect(Array.from(runKernel(make(), dims, u, false))).toEqual(Array.from(expected));
        expect(Array.from(runKernel(make(), dims, u, true))).toEqual(Array.from(expected));
      });
    }
  }

  it("Triangle runs through its stepper with the state in the arena", () => {
    const u = new Rng(3).fillNormal(new Float64Array(40 * 2));
    const expected = new Triangle(0.01).filt(u, 2, dt);
    expect(Array.from(runKernel(new Triangle(0.01), 2, u, true))).toEqual(Array.from(expected));
  });
});
