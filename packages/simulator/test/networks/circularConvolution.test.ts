// CircularConvolution against Nengo 4.1 (reference/networks.json from gen_networks.py) and the
// ported tests of nengo/networks/tests/test_circularconv.py.
import { CircularConvolution, circconv, circconvTransformIn, circconvTransformOut, Direct, LIFRate, Network, Rng } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat } from "../../../../test/support/reference.js";
import { maxAbsDiff, networksRef, rms, type StructureRef, structureOf, structureOfRef } from "./support.js";

interface CaseRef {
  n_neurons: number;
  dimensions: number;
  invert_a: boolean;
  invert_b: boolean;
  transform_a: number[][];
  transform_b: number[][];
  transform_out: number[][];
  structure: StructureRef;
  a: number[];
  b: number[];
  circconv: number[];
  output: number[][];
}
const cases = networksRef["circular_convolution"] as CaseRef[];
const opts = { progress: false } as const;

function matVec(m: readonly (readonly number[])[], x: ArrayLike<number>): Float64Array {
  return Float64Array.from(m, (row) => row.reduce((s, v, j) => s + v * defined(x[j]), 0));
}

describe("CircularConvolution against Nengo 4.1", () => {
  for (const c of cases) {
    const name = `d=${c.dimensions} invertA=${c.invert_a} invertB=${c.invert_b}`;
    it(`has Nengo's Fourier transforms and structure (${name})`, () => {
      expectAllClose(flat(circconvTransformIn(c.dimensions, "A", c.invert_a)), flat(c.transform_a), { rtol: 0, atol: 1e-14, what: "transform_in A" });
      expectAllClose(flat(circconvTransformIn(c.dimensions, "B", c.invert_b)), flat(c.transform_b), { rtol: 0, atol: 1e-14, what: "transform_in B" });
      expectAllClose(flat(circconvTransformOut(c.dimensions)), flat(c.transform_out), { rtol: 0, atol: 1e-14, what: "transform_out" });
      const parent = new Network({ seed: 1 });
      const net = parent.addNetwork(CircularConvolution, { nNeurons: c.n_neurons, dimensions: c.dimensions, invertA: c.invert_a, invertB: c.invert_b });
      expect(structureOf(net)).toEqual(structureOfRef(c.structure));
      expectAllClose(circconv(c.a, c.b, c.invert_a, c.invert_b), c.circconv, { rtol: 0, atol: 1e-14, what: "circconv" });
    });

    it(`computes Nengo's Direct-mode output (${name})`, () => {
      const net = new Network({ seed: 0 });
      net.config.ensemble.neuronType = new Direct();
      const cc = net.addNetwork(CircularConvolution, { nNeurons: c.n_neurons, dimensions: c.dimensions, invertA: c.invert_a, invertB: c.invert_b });
      net.connect(net.node({ output: c.a }), cc.inputA, { synapse: null });
      net.connect(net.node({ output: c.b }), cc.inputB, { synapse: null });
      const p = net.probe(cc.output, { synapse: null });
      const sim = new Simulator(net, { ...opts, dt: networksRef.dt });
      sim.runSteps(networksRef.steps);
      const got = sim.data(p).data;
      const want = flat(c.output);
      expect(maxAbsDiff(got, want)).toBeLessThan(1e-12);
    });
  }
});

describe("nengo/networks/tests/test_circularconv.py", () => {
  const normals = (rng: Rng, n: number, scale: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal(0, scale));

  for (const invertA of [true, false]) {
    for (const invertB of [true, false]) {
      it(`test_circularconv_transforms[invert_a=${invertA}, invert_b=${invertB}]`, () => {
        const dims = 100;
        const rng = new Rng(11);
        const x = normals(rng, dims, 1);
        const y = normals(rng, dims, 1);
        const z0 = circconv(x, y, invertA, invertB);
        const xa = matVec(circconvTransformIn(dims, "A", invertA), x);
        const yb = matVec(circconvTransformIn(dims, "B", invertB), y);
        const z1 = matVec(
          circconvTransformOut(dims),
          xa.map((v, i) => v * defined(yb[i])),
        );
        expectAllClose(z1, z0, { rtol: 1e-5, atol: 1e-8, what: "circular convolution by transforms" });
      });
    }
  }

  function lifRateCircconv(dims: number, a: Float64Array, b: Float64Array, magnitudes: number[], seed: number): Float64Array[] {
    const model = new Network({ label: "circular conv", seed });
    model.config.ensemble.neuronType = new LIFRate();
    const inA = model.node({ output: a });
    const inB = model.node({ output: b });
    const probes = magnitudes.map((inputMagnitude) => {
      const cc = model.addNetwork(CircularConvolution, { nNeurons: 128, dimensions: dims, inputMagnitude });
      model.connect(inA, cc.inputA, { synapse: null });
      model.connect(inB, cc.inputB, { synapse: null });
      return model.probe(cc.output);
    });
    const sim = new Simulator(model, opts);
    sim.run(0.01);
    return probes.map((p) => {
      const d = sim.data(p).data;
      return d.slice(d.length - dims);
    });
  }

  it("test_input_magnitude", () => {
    const dims = 16;
    const magnitude = 10;
    const rng = new Rng(5);
    const a = normals(rng, dims, Math.sqrt(1 / dims)).map((v) => v * magnitude);
    const b = normals(rng, dims, Math.sqrt(1 / dims)).map((v) => v * magnitude);
    const result = circconv(a, b);
    const [good, bad] = lifRateCircconv(dims, a, b, [magnitude, 1], 5);
    const err = (y: Float64Array): number => rms(result.map((v, i) => v - defined(y[i]))) / magnitude ** 2;
    expect(err(defined(good))).toBeLessThan(0.1);
    expect(err(defined(bad))).toBeGreaterThan(0.1);
  }, 20_000);

  for (const dims of [16, 32]) {
    it(`test_neural_accuracy[dims=${dims}]`, () => {
      const rng = new Rng(dims);
      const a = normals(rng, dims, Math.sqrt(1 / dims));
      const b = normals(rng, dims, Math.sqrt(1 / dims));
      const result = circconv(a, b);
      const [y] = lifRateCircconv(dims, a, b, [1], dims + 1);
      expect(rms(result.map((v, i) => v - defined(defined(y)[i])))).toBeLessThan(0.1);
    }, 20_000);
  }

  it("test_transform_in_align_error", () => {
    expect(() => circconvTransformIn(3, "badval" as "A", false)).toThrow(/'align' must be either/);
  });

  it("refuses dimensions that are not a positive integer, naming the network", () => {
    expect(() => new CircularConvolution({ nNeurons: 10, dimensions: 0 })).toThrow(/CircularConvolution 'Circular convolution'.*dimensions/s);
  });
});
