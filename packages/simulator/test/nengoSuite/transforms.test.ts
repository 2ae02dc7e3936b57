// Nengo 4.1's nengo/tests/test_transforms.py and test_transforms_conv.py, translated. Each `it`
// names the Nengo tests it translates. Nengo compares with pytest-allclose's defaults (rtol 1e-5,
// atol 1e-8); so do these. The convolution oracle is a direct (loop) convolution written here, as
// Nengo's test uses its own numpy conv2d / conv2d_gradx; it shares no code with the simulator.
// Not translated: test_sparse's scipy variants (Plexus takes a dense matrix where Nengo takes a
// scipy.sparse one, covered by the dense-init case), test_sparseinitparam_errors (a Python
// descriptor), test_convolution_shape (needs TensorFlow; output shapes are in core's
// transforms.test.ts), NoTransform.sample (Plexus transforms have no sample method).
// test_convolution_group_shape compares with TensorFlow in Nengo; here the output shapes come from
// Nengo itself (reference/convolution_group_shape.json, made by gen_convolution_group_shape.py) and
// the values from the direct convolution below.
import { ChannelShape, Convolution, ConvolutionTranspose, Dense, Network, NoTransform, Rng, Sparse, Uniform, ValidationError, WhiteSignal } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, loadReferenceBeside } from "../nengoParity/support.js";

const opts = { progress: false } as const;
const nengoTol = { rtol: 1e-5, atol: 1e-8 } as const;

/**
 * Nengo's test_*_nef: a connection from `a` (decoded, or its neurons) to `b` (encoded, or its
 * neurons) through `transform` is refused only when decoded; otherwise it builds.
 */
function expectRefusedOnlyWhenDecoded(net: Network, transform: Sparse | Convolution, sizeIn: number, decoders: boolean, encoders: boolean): void {
  const a = net.ensemble({ nNeurons: sizeIn, dimensions: sizeIn });
  const b = net.ensemble({ nNeurons: 2, dimensions: 2 });
  const make = () => net.connect(decoders ? a : a.neurons, encoders ? b : b.neurons, { transform });
  if (decoders) {
    expect(make).toThrow(/decoded|decoders/);
  } else {
    make();
    expect(() => build(net)).not.toThrow();
  }
}

describe("test_transforms.py", () => {
  for (const useDist of [false, true]) {
    for (const denseInit of useDist ? [false] : [false, true]) {
      const name = useDist ? "a Uniform init" : denseInit ? "a dense matrix init" : "a vector init";
      it(`test_sparse[${name}]: a Sparse transform gives what the equal Dense matrix gives`, () => {
        const seed = 3;
        const shape = [2, 4] as const;
        const inds: [number, number][] = [
          [0, 0],
          [1, 1],
          [0, 2],
          [1, 3],
        ];
        const rng = new Rng(seed);
        const weights = inds.map(() => rng.uniform(0.25, 0.75));
        const full = new Float64Array(8);
        inds.forEach(([r, c], i) => {
          full[r * 4 + c] = defined(weights[i]);
        });
        const make = (transform: Sparse | Dense) => {
          const net = new Network({ seed });
          const u = net.node({ output: new WhiteSignal(1, 10, { seed: seed + 1 }), sizeOut: 4 });
          const a = net.ensemble({ nNeurons: 100, dimensions: 2 });
          const conn = net.connect(u, a, { synapse: null, transform });
          const ap = net.probe(a, { synapse: 0.03 });
          return { net, conn, ap };
        };
        const sparse = useDist
          ? new Sparse({ shape, indices: inds, init: new Uniform(0.25, 0.75) })
          : denseInit
            ? new Sparse({ shape, init: [Array.from(full.subarray(0, 4)), Array.from(full.subarray(4))] })
            : new Sparse({ shape, indices: inds, init: weights });
        const s = make(sparse);
        const sim = new Simulator(s.net, opts);
        sim.run(1);
        const built = defined(sim.plan.built.connections.get(s.conn));
        if (useDist) {
          // the drawn values sit at the given indices; the reference uses them
          expect(Array.from(built.denseWeights).map((v) => v !== 0)).toEqual(Array.from(full).map((v) => v !== 0));
          full.set(built.denseWeights);
        }
        const r = make(new Dense({ shape, init: [Array.from(full.subarray(0, 4)), Array.from(full.subarray(4))] }));
        const refSim = new Simulator(r.net, opts);
        refSim.run(1);
        expectAllClose(sim.data(s.ap).data, refSim.data(r.ap).data, { ...nengoTol, what: "probe" });
      });
    }
  }

  for (const decoders of [true, false]) {
    for (const encoders of [true, false]) {
      it(`test_sparse_nef[decoders=${decoders}, encoders=${encoders}]: Sparse is refused only on a decoded connection`, () => {
        const net = new Network();
        const transform = new Sparse({
          shape: [2, 2],
          indices: [
            [0, 1],
            [1, 0],
          ],
        });
        expectRefusedOnlyWhenDecoded(net, transform, 2, decoders, encoders);
      });
    }
  }

  it("test_sparse_validation_errors: Sparse needs indices or a full init, and one value per index", () => {
    expect(() => new Sparse({ shape: [1, 1] })).toThrow(ValidationError);
    new Sparse({
      shape: [3, 3],
      indices: [
        [0, 0],
        [1, 2],
      ],
      init: [1, 2],
    });
    expect(
      () =>
        new Sparse({
          shape: [3, 3],
          indices: [
            [0, 0],
            [1, 2],
          ],
          init: [1, 2, 3],
        }),
    ).toThrow(ValidationError);
  });

  it("test_notransform: NoTransform's sizeIn equals its sizeOut", () => {
    const t = new NoTransform({ sizeIn: 3 });
    expect(t.sizeIn).toBe(3);
    expect(t.sizeOut).toBe(3);
  });

  it("test_dense (Dense shape errors): a matrix of the wrong shape, or a Dense that does not fit the connection, is refused", () => {
    expect(() => new Dense({ shape: [2, 3], init: [[1, 2, 3]] })).toThrow(ValidationError);
    expect(() => new Dense({ shape: [2, 3], init: [1, 2] })).toThrow(ValidationError);
    const net = new Network();
    const a = net.node({ output: [0, 0, 0] });
    const b = net.node({ sizeIn: 2 });
    expect(() => net.connect(a, b, { transform: new Dense({ shape: [2, 2] }) })).toThrow(ValidationError);
    expect(() => net.connect(a, b, { transform: new Dense({ shape: [3, 3] }) })).toThrow(ValidationError);
  });
});

/** An image: `spatial` sizes and `channels`, stored channels-last, flat. */
interface Image {
  readonly spatial: readonly number[];
  readonly channels: number;
  readonly data: Float64Array;
}

const idx2 = (img: { spatial: readonly number[]; channels: number }, i: number, j: number, c: number) => (i * (img.spatial[1] ?? 1) + j) * img.channels + c;

/** TensorFlow-style padding before the data: `[outSize, padBefore]` for one spatial axis. */
function padFor(padding: "same" | "valid", n: number, k: number, s: number): [number, number] {
  if (padding === "valid") return [Math.floor((n - k) / s) + 1, 0];
  const out = Math.ceil(n / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - n, 0) / 2)];
}

/** Direct correlation, kernel `[kh, kw, cin/groups, cout]` flat (kw = 1 for one spatial axis). */
function directConv(x: Image, w: Float64Array, ks: readonly number[], cout: number, groups: number, padding: "same" | "valid", stride = 1): Image {
  const kh = defined(ks[0]);
  const kw = ks[1] ?? 1;
  const h = defined(x.spatial[0]);
  const wd = x.spatial[1] ?? 1;
  const [oh, ph] = padFor(padding, h, kh, stride);
  const [ow, pw] = x.spatial.length > 1 ? padFor(padding, wd, kw, stride) : [1, 0];
  const cg = x.channels / groups;
  const og = cout / groups;
  const spatial = x.spatial.length > 1 ? [oh, ow] : [oh];
  const y: Image = { spatial, channels: cout, data: new Float64Array(oh * ow * cout) };
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++)
      for (let o = 0; o < cout; o++) {
        const g = Math.floor(o / og);
        let s = 0;
        for (let a = 0; a < kh; a++)
          for (let b = 0; b < kw; b++) {
            const ii = i * stride + a - ph;
            const jj = j * stride + b - pw;
            if (ii < 0 || ii >= h || jj < 0 || jj >= wd) continue;
            for (let c = 0; c < cg; c++) s += defined(x.data[idx2(x, ii, jj, g * cg + c)]) * defined(w[((a * kw + b) * cg + c) * cout + o]);
          }
        y.data[idx2(y, i, j, o)] = s;
      }
  return y;
}

/** The adjoint of a stride-1 correlation: scatters each input through the kernel `[kh, kw, cin, cout]`. */
function directConvTranspose(x: Image, w: Float64Array, ks: readonly number[], cout: number, outSpatial: readonly number[], padding: "same" | "valid"): Image {
  const kh = defined(ks[0]);
  const kw = ks[1] ?? 1;
  const oh = defined(outSpatial[0]);
  const ow = outSpatial[1] ?? 1;
  const ph = padFor(padding, oh, kh, 1)[1];
  const pw = outSpatial.length > 1 ? padFor(padding, ow, kw, 1)[1] : 0;
  const y: Image = { spatial: outSpatial, channels: cout, data: new Float64Array(oh * ow * cout) };
  const h = defined(x.spatial[0]);
  const wd = x.spatial[1] ?? 1;
  for (let i = 0; i < h; i++)
    for (let j = 0; j < wd; j++)
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++) {
          const ii = i + a - ph;
          const jj = j + b - pw;
          if (ii < 0 || ii >= oh || jj < 0 || jj >= ow) continue;
          for (let c = 0; c < x.channels; c++)
            for (let o = 0; o < cout; o++) {
              y.data[idx2(y, ii, jj, o)] =
                defined(y.data[idx2(y, ii, jj, o)]) + defined(x.data[idx2(x, i, j, c)]) * defined(w[((a * kw + b) * x.channels + c) * cout + o]);
            }
        }
  return y;
}

/** Moves the channel axis: channels-first flat data to channels-last, or back (`toLast` false). */
function moveChannels(data: Float64Array, positions: number, channels: number, toLast: boolean): Float64Array {
  const out = new Float64Array(data.length);
  for (let p = 0; p < positions; p++)
    for (let c = 0; c < channels; c++) {
      if (toLast) out[p * channels + c] = defined(data[c * positions + p]);
      else out[c * positions + p] = defined(data[p * channels + c]);
    }
  return out;
}

interface ConvCase {
  readonly dimensions: 1 | 2;
  readonly padding: "same" | "valid";
  readonly channelsLast: boolean;
  readonly fixedKernel: boolean;
  readonly transpose: boolean;
  readonly groups: number;
  readonly outputChannels: number;
}

/** Nengo's `_test_convolution`: builds the transform, runs one step, compares with the direct oracle. */
function checkConvolution(c: ConvCase): void {
  const rng = new Rng(7);
  const inputD = 4;
  const inputChannels = 2;
  const kernelD = 3;
  const outputD = c.padding === "same" ? inputD : inputD + (c.transpose ? 1 : -1) * (Math.floor(kernelD / 2) * 2);
  const kernelSize = c.dimensions === 1 ? [kernelD] : [kernelD, kernelD];
  const spatialIn = c.dimensions === 1 ? [inputD] : [inputD, inputD];
  const spatialOut = c.dimensions === 1 ? [outputD] : [outputD, outputD];
  const kernelShape = [...kernelSize, inputChannels / c.groups, c.outputChannels];
  const inputShape = c.channelsLast ? [...spatialIn, inputChannels] : [inputChannels, ...spatialIn];
  const outputShape = c.channelsLast ? [...spatialOut, c.outputChannels] : [c.outputChannels, ...spatialOut];
  const nIn = inputShape.reduce((p, v) => p * v, 1);
  const x = rng.fillNormal(new Float64Array(nIn));
  const w = c.fixedKernel ? Array.from(rng.fillNormal(new Float64Array(kernelShape.reduce((p, v) => p * v, 1)))) : new Uniform(-0.1, 0.1);
  const common = {
    nFilters: c.outputChannels,
    inputShape,
    init: w,
    padding: c.padding,
    kernelSize,
    strides: kernelSize.map(() => 1),
    channelsLast: c.channelsLast,
  };
  const transform = c.transpose ? new ConvolutionTranspose(common) : new Convolution({ ...common, groups: c.groups });
  expect(transform.outputShape.shape).toEqual(outputShape);
  expect(transform.kernelShape).toEqual(kernelShape);

  const net = new Network({ seed: 5 });
  const a = net.node({ output: Array.from(x) });
  const nOut = outputShape.reduce((p, v) => p * v, 1);
  const b = net.node({ sizeIn: nOut });
  const conn = net.connect(a, b, { synapse: null, transform });
  const p = net.probe(b);
  expect(() => net.connect(net.node({ output: [0] }), b, { transform })).toThrow(ValidationError);
  expect(() => net.connect(a, net.node({ sizeIn: 5 }), { transform })).toThrow(ValidationError);
  const sim = new Simulator(net, opts);
  sim.step();
  const weights = defined(sim.plan.built.connections.get(conn)).weights;
  const nPos = spatialIn.reduce((q, v) => q * v, 1);
  const img: Image = { spatial: spatialIn, channels: inputChannels, data: c.channelsLast ? x : moveChannels(x, nPos, inputChannels, true) };
  const truth = c.transpose
    ? directConvTranspose(img, weights, kernelSize, c.outputChannels, spatialOut, c.padding)
    : directConv(img, weights, kernelSize, c.outputChannels, c.groups, c.padding);
  const nOutPos = spatialOut.reduce((q, v) => q * v, 1);
  const expected = c.channelsLast ? truth.data : moveChannels(truth.data, nOutPos, c.outputChannels, false);
  expectAllClose(sim.data(p).data.subarray(0, nOut), expected, { ...nengoTol, what: "output" });
}

interface GroupShapeCase {
  readonly padding: "same" | "valid";
  readonly stride: number;
  readonly k_size: number;
  readonly x_mul: number;
  readonly groups: number;
  readonly out_channels: number;
  readonly input_shape: readonly number[];
  readonly output_shape: readonly number[];
}
const groupShapeRef = loadReferenceBeside<{ cases: GroupShapeCase[] }>(import.meta.url, "./reference/convolution_group_shape.json");

/** Nengo's `_test_convolution_shape` for one input size: the output shape is Nengo's, the values the direct convolution's. */
function checkGroupShape(c: GroupShapeCase): void {
  const rng = new Rng(c.input_shape[0] ?? 0);
  const [size, , channels] = c.input_shape.map((v) => defined(v));
  const ks = [c.k_size, c.k_size];
  const x = rng.fillUniform(new Float64Array(defined(size) * defined(size) * defined(channels)), -1, 1);
  const kernel = rng.fillUniform(new Float64Array(c.k_size * c.k_size * (defined(channels) / c.groups) * c.out_channels), -1, 1);
  const transform = new Convolution({
    nFilters: c.out_channels,
    inputShape: c.input_shape,
    kernelSize: ks,
    strides: [c.stride, c.stride],
    padding: c.padding,
    groups: c.groups,
    init: Array.from(kernel),
  });
  expect(transform.outputShape.shape).toEqual(c.output_shape);
  const truth = directConv(
    { spatial: [defined(size), defined(size)], channels: defined(channels), data: x },
    kernel,
    ks,
    c.out_channels,
    c.groups,
    c.padding,
    c.stride,
  );
  expect([...truth.spatial, truth.channels]).toEqual(c.output_shape);
  const net = new Network();
  const a = net.node({ output: Array.from(x) });
  const b = net.node({ sizeIn: transform.sizeOut });
  net.connect(a, b, { synapse: null, transform });
  const p = net.probe(b);
  const sim = new Simulator(net, opts);
  sim.step();
  expectAllClose(sim.data(p).data, truth.data, { ...nengoTol, what: "output" });
}

describe("test_transforms_conv.py", () => {
  for (const dimensions of [1, 2] as const)
    for (const padding of ["same", "valid"] as const)
      for (const channelsLast of [true, false])
        for (const fixedKernel of [true, false])
          for (const transpose of [true, false]) {
            const name = `dims=${dimensions}, ${padding}, channelsLast=${channelsLast}, fixed=${fixedKernel}, transpose=${transpose}`;
            it(`test_convolution[${name}]: one step equals a direct convolution with the built kernel`, () => {
              checkConvolution({ dimensions, padding, channelsLast, fixedKernel, transpose, groups: 1, outputChannels: 5 });
            });
          }

  for (const dimensions of [1, 2] as const)
    for (const channelsLast of [true, false])
      for (const groups of [1, 2])
        for (const outputChannels of [2, 4]) {
          const name = `dims=${dimensions}, channelsLast=${channelsLast}, groups=${groups}, out=${outputChannels}`;
          it(`test_convolution_groups[${name}]: grouped convolution equals a direct grouped convolution`, () => {
            checkConvolution({ dimensions, padding: "same", channelsLast, fixedKernel: true, transpose: false, groups, outputChannels });
            checkConvolution({ dimensions, padding: "same", channelsLast, fixedKernel: false, transpose: false, groups, outputChannels });
          });
        }

  it("test_convolution (strides): strided 'same' and 'valid' convolutions equal the direct one", () => {
    for (const padding of ["same", "valid"] as const)
      for (const stride of [2, 3]) {
        const rng = new Rng(stride);
        const spatial = [7, 6];
        const x = rng.fillNormal(new Float64Array(7 * 6 * 2));
        const kernel = rng.fillNormal(new Float64Array(3 * 3 * 2 * 3));
        const transform = new Convolution({
          nFilters: 3,
          inputShape: [7, 6, 2],
          kernelSize: [3, 3],
          strides: [stride, stride],
          padding,
          init: Array.from(kernel),
        });
        const truth = directConv({ spatial, channels: 2, data: x }, kernel, [3, 3], 3, 1, padding, stride);
        expect(transform.outputShape.shape).toEqual([...truth.spatial, 3]);
        const net = new Network();
        const a = net.node({ output: Array.from(x) });
        const b = net.node({ sizeIn: transform.sizeOut });
        net.connect(a, b, { synapse: null, transform });
        const p = net.probe(b);
        const sim = new Simulator(net, opts);
        sim.step();
        expectAllClose(sim.data(p).data, truth.data, { ...nengoTol, what: `${padding} stride ${stride}` });
      }
  });

  for (const decoders of [true, false]) {
    for (const encoders of [true, false]) {
      it(`test_convolution_nef[decoders=${decoders}, encoders=${encoders}]: a convolution is refused only on a decoded connection`, () => {
        const net = new Network();
        const transform = new Convolution({ nFilters: 2, inputShape: [3, 3, 1] });
        expectRefusedOnlyWhenDecoded(net, transform, 9, decoders, encoders);
      });
    }
  }

  it("test_convolution_validation_errors: what Nengo refuses, Plexus refuses", () => {
    const inputShape = new ChannelShape([2, 3, 4], { channelsLast: true });
    expect(() => new Convolution({ nFilters: 4, inputShape, channelsLast: false })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 4, inputShape, kernelSize: [3, 3, 3] })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 4, inputShape, strides: [1, 1, 1] })).toThrow(ValidationError);
    const s5 = new ChannelShape([5, 5, 4], { channelsLast: true });
    const ones = (n: number) => new Array<number>(n).fill(1);
    new Convolution({ nFilters: 4, inputShape: s5, init: ones(3 * 3 * 4 * 4) });
    expect(() => new Convolution({ nFilters: 4, inputShape: s5, init: ones(9 * 9 * 4 * 4) })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 4, inputShape: s5, init: ones(3 * 3 * 7 * 4) })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 4, inputShape: s5, init: ones(3 * 3 * 4 * 5) })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 2, inputShape: [3, 2, 1] })).toThrow(/spatial size|exceeds/);
    expect(() => new Convolution({ nFilters: 3, inputShape: [3, 2, 1], groups: 3 })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 3, inputShape: [3, 3, 5], groups: 3 })).toThrow(ValidationError);
    expect(() => new Convolution({ nFilters: 4, inputShape: [3, 3, 3], groups: 3 })).toThrow(ValidationError);
    new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 2, 1], outputShape: [5, 4, 2] });
    expect(() => new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 2, 1], outputShape: [5, 4, 2, 1] })).toThrow(ValidationError);
    expect(() => new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 2, 1], outputShape: [5, 4, 3] })).toThrow(ValidationError);
    expect(() => new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 2, 1], outputShape: [6, 4, 2] })).toThrow(ValidationError);
  });

  const groupShapeCombos = new Map<string, GroupShapeCase[]>();
  for (const c of groupShapeRef.cases) {
    const key = `${c.padding}, stride=${c.stride}, k=${c.k_size}, x_mul=${c.x_mul}, groups=${c.groups}, out=${c.out_channels}`;
    groupShapeCombos.set(key, [...(groupShapeCombos.get(key) ?? []), c]);
  }
  for (const [name, cases] of groupShapeCombos) {
    it(`test_convolution_group_shape[${name}]: Nengo's output shape for each input size, and one step equals the direct grouped convolution`, () => {
      for (const c of cases) checkGroupShape(c);
    });
  }
});
