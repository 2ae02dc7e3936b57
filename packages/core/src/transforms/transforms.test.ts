import { describe, expect, it } from "vitest";
import { Gaussian } from "../distributions/Gaussian.js";
import { Uniform } from "../distributions/Uniform.js";
import { ValidationError } from "../errors.js";
import { f64At, i32At, numAt } from "../internal/checked.js";
import { PES } from "../learning/PES.js";
import { Network } from "../Network.js";
import { LIF } from "../neurons/LIF.js";
import { Rng } from "../Rng.js";
import { ChannelShape } from "./ChannelShape.js";
import { Convolution } from "./Convolution.js";
import { ConvolutionTranspose } from "./ConvolutionTranspose.js";
import { convolutionTaps } from "./convolutionTaps.js";
import { Dense } from "./Dense.js";
import { NoTransform } from "./NoTransform.js";
import { Sparse } from "./Sparse.js";

const thrown = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("did not throw");
};

describe("Dense", () => {
  it("takes a matrix, or for a square shape a scalar or diagonal (Nengo's init shapes)", () => {
    expect(
      new Dense({
        shape: [2, 3],
        init: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      }).sizeOut,
    ).toBe(2);
    expect(new Dense({ shape: [3, 3], init: 2 }).sample(new Rng(0)).shape).toEqual([]);
    expect(new Dense({ shape: [3, 3], init: [1, 2, 3] }).sample(new Rng(0)).shape).toEqual([3]);
    const e = thrown(() => new Dense({ shape: [2, 3], init: 2 }));
    expect(e.message).toBe("Dense.init: shape of the initial value () does not match the expected shape (2, 3)");
    expect(thrown(() => new Dense({ shape: [2, 0] })).attr).toBe("shape");
  });

  it("draws a distribution init with the generator given: the same seed gives the same matrix", () => {
    const d = new Dense({ shape: [4, 5], init: new Uniform(-0.5, 0.5) });
    const a = d.sample(new Rng(3));
    expect(a.shape).toEqual([4, 5]);
    expect(Array.from(a.data)).toEqual(Array.from(d.sample(new Rng(3)).data));
    expect(Array.from(a.data)).not.toEqual(Array.from(d.sample(new Rng(4)).data));
    expect(a.data.every((v) => v >= -0.5 && v < 0.5)).toBe(true);
  });
});

describe("Sparse", () => {
  it("stores COO entries from indices (pairs or flat) and a value, vector or distribution", () => {
    const s = new Sparse({
      shape: [3, 4],
      indices: [
        [0, 1],
        [2, 3],
      ],
      init: [5, 6],
    });
    expect([Array.from(s.rows), Array.from(s.cols), Array.from(s.init as Float64Array)]).toEqual([
      [0, 2],
      [1, 3],
      [5, 6],
    ]);
    expect(Array.from(new Sparse({ shape: [3, 4], indices: [0, 1, 2, 3] }).init as Float64Array)).toEqual([1, 1]);
    const g = new Sparse({
      shape: [3, 4],
      indices: [
        [0, 1],
        [2, 3],
        [1, 1],
      ],
      init: new Gaussian(0, 1),
    });
    expect(g.sample(new Rng(1)).data.length).toBe(3);
  });

  it("takes the nonzeros of a dense-shaped init (row-major order)", () => {
    const s = new Sparse({
      shape: [2, 3],
      init: [
        [0, 1.5, 0],
        [-2, 0, 0],
      ],
    });
    expect([Array.from(s.rows), Array.from(s.cols), Array.from(s.init as Float64Array)]).toEqual([
      [0, 1],
      [1, 0],
      [1.5, -2],
    ]);
    expect(Array.from(Sparse.toDense(s.shape, s.sample(new Rng(0))))).toEqual([0, 1.5, 0, -2, 0, 0]);
  });

  it("refuses indices out of range, a wrong number of values, and a scalar init without indices", () => {
    expect(thrown(() => new Sparse({ shape: [2, 2], indices: [[2, 0]] })).message).toBe("Sparse.indices: entry 0: row 2 is not an integer in [0, 2)");
    expect(
      thrown(
        () =>
          new Sparse({
            shape: [2, 2],
            indices: [
              [0, 0],
              [1, 1],
            ],
            init: [1, 2, 3],
          }),
      ).message,
    ).toBe("Sparse.init: must be a vector of the same length as indices (2, got 3)");
    expect(thrown(() => new Sparse({ shape: [2, 2], init: 1 })).attr).toBe("init");
  });
});

describe("ChannelShape", () => {
  it("has Nengo's spatial shape, channels, size and string", () => {
    const a = new ChannelShape([28, 28, 3]);
    const b = ChannelShape.fromSpaceAndChannels([28, 28], 3, { channelsLast: false });
    expect([a.spatialShape, a.nChannels, a.dimensions, a.size, a.toString()]).toEqual([[28, 28], 3, 2, 2352, "(28, 28, ch=3)"]);
    expect([b.shape, b.toString(), a.equals(b)]).toEqual([[3, 28, 28], "(ch=3, 28, 28)", false]);
    expect(a.index([1, 2], 1)).toBe((1 * 28 + 2) * 3 + 1);
    expect(b.index([1, 2], 1)).toBe(1 * 784 + 1 * 28 + 2);
  });
});

describe("Convolution", () => {
  it("has Nengo's output shapes for valid and same padding and strides", () => {
    expect(new Convolution({ nFilters: 8, inputShape: [28, 28, 1] }).outputShape.shape).toEqual([26, 26, 8]);
    expect(
      new Convolution({ nFilters: 2, inputShape: [3, 7, 6], channelsLast: false, kernelSize: [3, 2], strides: [2, 2], padding: "same" }).outputShape.shape,
    ).toEqual([2, 4, 3]);
    expect(new Convolution({ nFilters: 2, inputShape: [10, 3], kernelSize: [4], strides: [3] }).outputShape.shape).toEqual([3, 2]);
  });

  it("defaults to a Uniform(-1, 1) kernel of shape kernelSize + [inChannels / groups, nFilters]", () => {
    const c = new Convolution({ nFilters: 4, inputShape: [5, 5, 2], groups: 2 });
    expect(c.init).toBeInstanceOf(Uniform);
    expect(c.kernelShape).toEqual([3, 3, 1, 4]);
    const k = c.sample(new Rng(0));
    expect(k.length).toBe(36);
    expect(k.every((v) => v >= -1 && v < 1)).toBe(true);
    expect(Array.from(k)).toEqual(Array.from(c.sample(new Rng(0))));
  });

  it("refuses what Nengo refuses, naming the attribute", () => {
    expect(thrown(() => new Convolution({ nFilters: 1, inputShape: [5, 5, 1], kernelSize: [3] })).attr).toBe("kernelSize");
    expect(thrown(() => new Convolution({ nFilters: 1, inputShape: [5, 5, 1], strides: [1] })).attr).toBe("strides");
    expect(thrown(() => new Convolution({ nFilters: 1, inputShape: [2, 5, 1] })).attr).toBe("padding");
    expect(thrown(() => new Convolution({ nFilters: 3, inputShape: [5, 5, 2], groups: 2 })).attr).toBe("groups");
    expect(thrown(() => new Convolution({ nFilters: 1, inputShape: [5, 5, 1], init: [[1, 2]] })).message).toContain(
      "does not match the expected shape (3, 3, 1, 1)",
    );
  });
});

describe("ConvolutionTranspose", () => {
  it("defaults to the smallest output shape and checks a given one maps back", () => {
    expect(new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 3, 2], strides: [2, 2], padding: "same" }).outputShape.shape).toEqual([5, 5, 2]);
    expect(new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 3, 2], strides: [2, 2], padding: "same", outputShape: [6, 5, 2] }).sizeOut).toBe(60);
    expect(thrown(() => new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 3, 2], strides: [2, 2], padding: "same", outputShape: [7, 5, 2] })).attr).toBe(
      "outputShape",
    );
    expect(thrown(() => new ConvolutionTranspose({ nFilters: 2, inputShape: [3, 3, 2], outputShape: [5, 5, 3] })).attr).toBe("outputShape");
  });

  it("is the transpose of the Convolution with the same kernel: its taps are that convolution's, swapped", () => {
    const kernel = Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.sin(i));
    const fwd = new Convolution({ nFilters: 2, inputShape: [6, 5, 3], strides: [2, 2], padding: "same", init: kernel.map((_, i) => numAt(kernel, i)) });
    // the transpose's kernel: its input channels (2) before its filters (3)
    const tk = new Float64Array(kernel.length);
    for (let p = 0; p < 9; p++) for (let c = 0; c < 3; c++) for (let f = 0; f < 2; f++) tk[(p * 2 + f) * 3 + c] = numAt(kernel, (p * 3 + c) * 2 + f);
    const tr = new ConvolutionTranspose({ nFilters: 3, inputShape: fwd.outputShape.shape, outputShape: [6, 5, 3], strides: [2, 2], padding: "same", init: tk });
    const dense = (t: Convolution | ConvolutionTranspose, k: ArrayLike<number>): Float64Array => {
      const taps = convolutionTaps(t);
      const m = new Float64Array(t.sizeOut * t.sizeIn);
      for (let o = 0; o < t.sizeOut; o++)
        for (let q = i32At(taps.rowPtr, o); q < i32At(taps.rowPtr, o + 1); q++) {
          const at = o * t.sizeIn + i32At(taps.inputIndex, q);
          m[at] = f64At(m, at) + numAt(k, i32At(taps.kernelIndex, q));
        }
      return m;
    };
    const a = dense(fwd, kernel);
    const b = dense(tr, tk);
    for (let i = 0; i < fwd.sizeOut; i++) for (let j = 0; j < fwd.sizeIn; j++) expect(b[j * fwd.sizeOut + i]).toBe(a[i * fwd.sizeIn + j]);
  });
});

describe("transforms on connections", () => {
  const net = new Network();
  const a = net.ensemble({ nNeurons: 12, dimensions: 1, neuronType: new LIF() });
  const b = net.ensemble({ nNeurons: 8, dimensions: 1, neuronType: new LIF() });
  const sp = new Sparse({ shape: [8, 12], indices: [[0, 0]] });

  it("checks the transform's sizes against the connection's when it is made", () => {
    expect(thrown(() => net.connect(a.neurons, b.neurons, { transform: new Sparse({ shape: [8, 11], indices: [[0, 0]] }) })).message).toContain(
      "Sparse takes 11 values but the pre object gives 12",
    );
    expect(thrown(() => net.connect(a.neurons, b.neurons, { transform: new NoTransform({ sizeIn: 12 }) })).message).toContain(
      "NoTransform gives 12 values but the post object takes 8",
    );
  });

  it("refuses a Sparse or convolution transform after decoders, and learning on it (as Nengo)", () => {
    expect(thrown(() => net.connect(a, net.node({ sizeIn: 1 }), { transform: new Sparse({ shape: [1, 1], indices: [[0, 0]] }) })).message).toContain(
      "cannot follow decoders",
    );
    expect(
      thrown(() => net.connect(a.neurons, b, { transform: new Sparse({ shape: [1, 12], indices: [[0, 0]] }), learningRule: new PES() })).message,
    ).toContain("learning on connections with Sparse transforms is not supported");
  });

  it("a Distribution means Dense([post, mid]); transform reads refuse what has no dense values", () => {
    const c = net.connect(a.neurons, b.neurons, { transform: new Gaussian(0, 0.1) });
    expect(c.transformObject.kind).toBe("Dense");
    expect((c.transformObject as Dense).shape).toEqual([8, 12]);
    expect(c.denseTransform).toBeNull();
    expect(thrown(() => c.transform).message).toContain("is a Dense transform drawn from a distribution at build");
    const s = net.connect(a.neurons, b.neurons, { transform: sp });
    expect(thrown(() => s.transform).attr).toBe("transform");
    expect(
      net.connect(a.neurons, b.neurons, { transform: [[...new Array(12).fill(0)], ...new Array(7).fill(new Array(12).fill(1))] }).transformObject.kind,
    ).toBe("Dense");
  });
});
