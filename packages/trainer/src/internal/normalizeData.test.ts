import { Network, TrainingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { normalizeData, normalizePorts, sliceBatch } from "./normalizeData.js";

const fail = (message: string, label: string): Error => new TrainingError(message, { label });

function channel() {
  return new Network({ label: "channel", inputs: { u: 1, v: 2 }, outputs: { y: 1 } });
}

function caught(fn: () => unknown): TrainingError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TrainingError);
    return e as TrainingError;
  }
  throw new Error("expected a TrainingError");
}

describe("normalizeData", () => {
  it("flattens nested arrays, {data, shape} and bare single-step Float64Arrays to batch × steps × dims", () => {
    const d = normalizeData(
      channel(),
      {
        inputs: {
          u: [
            [[1], [2]],
            [[3], [4]],
          ],
          v: { data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), shape: [2, 2, 2] },
        },
        targets: { y: { data: new Float64Array(4), shape: [2, 2, 1] } },
      },
      fail,
    );
    expect(d.batchSize).toBe(2);
    expect(d.steps).toBe(2);
    expect(Array.from(defined(d.inputs["u"]))).toEqual([1, 2, 3, 4]);
    expect(Array.from(defined(d.inputs["v"]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const single = normalizePorts(new Network({ inputs: { u: 2 } }), { u: Float64Array.from([1, 2, 3, 4, 5, 6]) }, "inputs", fail, { requireAll: true });
    expect(single.batchSize).toBe(3);
    expect(single.steps).toBe(1);
  });

  it("copies the data, so later changes by the caller do not leak in", () => {
    const x = Float64Array.from([1, 2]);
    const d = normalizePorts(new Network({ inputs: { u: 1 } }), { u: x }, "inputs", fail, { requireAll: true });
    x[0] = 99;
    expect(defined(d.arrays["u"])[0]).toBe(1);
  });

  it("names an unknown port and lists the ports there are", () => {
    const e = caught(() => normalizeData(channel(), { inputs: { u: [[[0]]], v: [[[0, 0]]], w: [[[0]]] }, targets: { y: [[[0]]] } }, fail));
    expect(e.message).toMatch(/inputs\.w names no input port; the input ports of Network 'channel' are u \(1\), v \(2\)/);
    expect(e.label).toBe("in.w");
    const t = caught(() => normalizeData(channel(), { inputs: { u: [[[0]]], v: [[[0, 0]]] }, targets: { z: [[[0]]] } }, fail));
    expect(t.message).toMatch(/targets\.z names no output port/);
  });

  it("says expected vs got for a wrong shape", () => {
    const e = caught(() => normalizeData(channel(), { inputs: { u: [[[0, 1]]], v: [[[0, 0]]] }, targets: { y: [[[0]]] } }, fail));
    expect(e.message).toMatch(/inputs\.u: expected shape \(1, 1, 1\), got 2 values at \[0\]\[0\]/);
    expect(e.label).toBe("in.u");
    const f = caught(() =>
      normalizeData(channel(), { inputs: { u: { data: new Float64Array(6), shape: [3, 1, 2] }, v: [[[0, 0]]] }, targets: { y: [[[0]]] } }, fail),
    );
    expect(f.message).toMatch(/expected shape \(batch, steps, 1\), got \(3, 1, 2\)/);
    const g = caught(() => normalizePorts(new Network({ inputs: { u: 2 } }), { u: new Float64Array(3) }, "inputs", fail, { requireAll: true }));
    expect(g.message).toMatch(/multiple of 2 \(got 3\)/);
    const h = caught(() => normalizeData(channel(), { inputs: { u: [[[0]], [[0], [1]]], v: [[[0, 0]], [[0, 0]]] }, targets: { y: [[[0]]] } }, fail));
    expect(h.message).toMatch(/inputs\.u\[1\]: has 2 steps, expected 1/);
  });

  it("requires the same batch and steps on every port, and data for every input port", () => {
    const e = caught(() => normalizeData(channel(), { inputs: { u: [[[0]], [[1]]], v: [[[0, 0]], [[0, 0]]] }, targets: { y: [[[0]]] } }, fail));
    expect(e.message).toMatch(/targets\.y: has 1 example of 1 step, but inputs\.u has 2 examples of 1 step/);
    const m = caught(() => normalizeData(channel(), { inputs: { u: [[[0]]] }, targets: { y: [[[0]]] } }, fail));
    expect(m.message).toMatch(/inputs\.v is missing/);
    expect(m.label).toBe("in.v");
    const t = caught(() => normalizeData(channel(), { inputs: { u: [[[0]]], v: [[[0, 0]]] }, targets: {} }, fail));
    expect(t.message).toMatch(/targets is empty/);
  });

  it("says where a NaN or infinity is", () => {
    const e = caught(() => normalizeData(channel(), { inputs: { u: [[[0]], [[NaN]]], v: [[[0, 0]], [[0, 0]]] }, targets: { y: [[[0]], [[0]]] } }, fail));
    expect(e.message).toMatch(/inputs\.u: value \[1\]\[0\]\[0\] \(example 1, step 0, dimension 0\) is NaN; data must be finite/);
    const f = caught(() =>
      normalizeData(channel(), { inputs: { u: [[[0]]], v: [[[0, 0]]] }, targets: { y: { data: Float64Array.of(Infinity), shape: [1, 1, 1] } } }, fail),
    );
    expect(f.message).toMatch(/targets\.y: value \[0\]\[0\]\[0\].* is Infinity/);
    expect(f.label).toBe("out.y");
  });

  it("slices minibatches in a given order", () => {
    const d = normalizeData(
      new Network({ inputs: { u: 1 }, outputs: { y: 1 } }),
      { inputs: { u: Float64Array.from([0, 1, 2, 3]) }, targets: { y: Float64Array.from([10, 11, 12, 13]) } },
      fail,
    );
    const mb = sliceBatch(d, Int32Array.from([3, 1, 0, 2]), 1, 3);
    expect(mb.batchSize).toBe(2);
    expect(Array.from(defined(mb.inputs["u"]))).toEqual([1, 0]);
    expect(Array.from(defined(mb.targets["y"]))).toEqual([11, 10]);
  });
});
