// Sparse, Convolution and ConvolutionTranspose transforms against Nengo 4.1's own runs
// (reference/transforms.json, made by reference/gen_transforms.py).
import { type ConnectionTransform, Convolution, ConvolutionTranspose, LIF, Network, Sparse } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReferenceBeside } from "./support.js";

type Arr = unknown;
interface ConvCase {
  kind: "Convolution" | "ConvolutionTranspose";
  n_filters: number;
  input_shape: number[];
  given_output_shape?: number[] | null;
  kernel_size: number[];
  strides: number[];
  padding: "valid" | "same";
  channels_last: boolean;
  groups?: number;
  kernel: Arr;
  output_shape: number[];
  size_in: number;
  size_out: number;
  built_weights: Arr;
  output: Arr;
}
interface SparseCase {
  kind: "Sparse";
  shape: [number, number];
  indices?: [number, number][];
  init?: number[];
  dense_init?: number[][];
  output: Arr;
  built_rows?: number[];
  built_cols?: number[];
  built_data: number[];
  built_dense: Arr;
}
interface LifCase {
  kind: "Sparse" | "Convolution";
  n_a: number;
  n_b: number;
  gain_a: number[];
  bias_a: number[];
  gain_b: number[];
  bias_b: number[];
  voltage_a: number[];
  voltage_b: number[];
  steps: number;
  b_input: Arr;
  b_spike_counts: number[];
  // Sparse
  shape?: [number, number];
  indices?: [number, number][];
  init?: number[];
  // Convolution
  n_filters?: number;
  input_shape?: number[];
  kernel_size?: number[];
  strides?: number[];
  kernel?: Arr;
}
interface TransformsRef {
  dt: number;
  steps: number;
  cases: Record<string, ConvCase | SparseCase | LifCase>;
}

const ref = loadReferenceBeside<TransformsRef>(import.meta.url, "./reference/transforms.json");
const RTOL = 1e-12;
const ATOL = 1e-12;

function convolution(c: ConvCase): Convolution | ConvolutionTranspose {
  const common = {
    nFilters: c.n_filters,
    inputShape: c.input_shape,
    kernelSize: c.kernel_size,
    strides: c.strides,
    padding: c.padding,
    channelsLast: c.channels_last,
    init: c.kernel as number[][][][],
  };
  if (c.kind === "Convolution") return new Convolution({ ...common, groups: c.groups ?? 1 });
  return new ConvolutionTranspose({ ...common, ...(c.given_output_shape ? { outputShape: c.given_output_shape } : {}) });
}

function sparse(c: SparseCase): Sparse {
  return c.indices !== undefined
    ? new Sparse({ shape: c.shape, indices: c.indices, init: defined(c.init) })
    : new Sparse({ shape: c.shape, init: defined(c.dense_init) });
}

/** Node(x_i(t) = sin(0.37 i + 31 t) + 0.05 i) -> transform -> Node, synapse None; the probe of the post node. */
function runNodeCase(t: ConnectionTransform) {
  const net = new Network({ seed: 0 });
  const n = t.sizeIn;
  const u = net.node({ output: (time: number) => Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 31 * time) + 0.05 * i) });
  const v = net.node({ sizeIn: t.sizeOut });
  const conn = net.connect(u, v, { transform: t, synapse: null });
  const p = net.probe(v);
  const sim = new Simulator(net, { dt: ref.dt, progress: false });
  sim.runSteps(ref.steps);
  return { out: sim.data(p), built: defined(sim.plan.built.connections.get(conn)) };
}

describe("transforms (Nengo 4.1 reference)", () => {
  for (const [name, raw] of Object.entries(ref.cases)) {
    if (name.startsWith("lif_")) continue;
    const c = raw as SparseCase | ConvCase;
    if (c.kind === "Sparse") {
      it(`${name}: Sparse outputs and built values`, () => {
        const { out, built } = runNodeCase(sparse(c));
        expect(out.shape).toEqual([ref.steps, c.shape[0]]);
        expectAllClose(out.data, flat(c.output), { rtol: RTOL, atol: ATOL, what: `${name} output` });
        expectAllClose(built.denseWeights, flat(c.built_dense), { rtol: 0, atol: 0, what: `${name} dense weights` });
        if (c.built_rows !== undefined) {
          expect(Array.from(defined(built.sparseIndices).rows)).toEqual(c.built_rows);
          expect(Array.from(defined(built.sparseIndices).cols)).toEqual(c.built_cols);
        }
        expectAllClose(built.weights, c.built_data.length === built.weights.length ? c.built_data : defined(c.init), {
          rtol: 0,
          atol: 0,
          what: `${name} values`,
        });
      });
    } else {
      const cc = c;
      it(`${name}: ${cc.kind} output shape, outputs and built kernel`, () => {
        const t = convolution(cc);
        expect([...t.outputShape.shape]).toEqual(cc.output_shape);
        expect([t.sizeIn, t.sizeOut]).toEqual([cc.size_in, cc.size_out]);
        const { out, built } = runNodeCase(t);
        expectAllClose(out.data, flat(cc.output), { rtol: RTOL, atol: ATOL, what: `${name} output` });
        expect(built.weightsShape).toEqual([...t.kernelShape]);
        expectAllClose(built.weights, flat(cc.built_weights), { rtol: 0, atol: 0, what: `${name} kernel` });
      });
    }
  }

  for (const name of ["lif_sparse", "lif_convolution"]) {
    it(`${name}: between LIF neurons (spiking input), the post currents and spike counts`, () => {
      const c = ref.cases[name] as LifCase;
      const t =
        c.kind === "Sparse"
          ? new Sparse({ shape: defined(c.shape), indices: defined(c.indices), init: defined(c.init) })
          : new Convolution({
              nFilters: defined(c.n_filters),
              inputShape: defined(c.input_shape),
              kernelSize: defined(c.kernel_size),
              strides: defined(c.strides),
              init: c.kernel as number[][][][],
            });
      const net = new Network({ seed: 0 });
      const u = net.node({ output: (time: number) => [Math.sin(7 * time)] });
      const ones = (n: number) => Array.from({ length: n }, () => [1]);
      const a = net.ensemble({
        nNeurons: c.n_a,
        dimensions: 1,
        encoders: ones(c.n_a),
        gain: c.gain_a,
        bias: c.bias_a,
        neuronType: new LIF({ initialState: { voltage: c.voltage_a } }),
      });
      const b = net.ensemble({
        nNeurons: c.n_b,
        dimensions: 1,
        encoders: ones(c.n_b),
        gain: c.gain_b,
        bias: c.bias_b,
        neuronType: new LIF({ initialState: { voltage: c.voltage_b } }),
      });
      net.connect(u, a, { synapse: null });
      net.connect(a.neurons, b.neurons, { transform: t, synapse: 0.005 });
      const pIn = net.probe(b.neurons, { attr: "input" });
      const pOut = net.probe(b.neurons);
      const sim = new Simulator(net, { dt: ref.dt, progress: false });
      sim.runSteps(c.steps);
      expectAllClose(sim.data(pIn).data, flat(c.b_input), { rtol: 1e-9, atol: 1e-9, what: `${name} b input` });
      const spikes = sim.data(pOut);
      const counts = Array.from({ length: c.n_b }, (_, j) => {
        let k = 0;
        for (let s = 0; s < c.steps; s++) if (defined(spikes.data[s * c.n_b + j]) > 0) k++;
        return k;
      });
      expect(counts).toEqual(c.b_spike_counts);
    });
  }
});
