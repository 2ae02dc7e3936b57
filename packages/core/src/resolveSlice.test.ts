import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { ValidationError } from "./errors.js";
import { Network } from "./Network.js";
import { resolveSlice, type Slice } from "./resolveSlice.js";

const r = (s: Slice, size: number): number[] => Array.from(defined(resolveSlice(s, size)));

describe("resolveSlice", () => {
  it("takes index lists (negative from the end), boolean masks and Python slices", () => {
    expect(r([0, -1, 2], 4)).toEqual([0, 3, 2]);
    expect(r([true, false, true, true], 4)).toEqual([0, 2, 3]);
    expect(r([false, false], 2)).toEqual([]);
    expect(r({ start: 1 }, 5)).toEqual([1, 2, 3, 4]);
    expect(r({ start: -2 }, 5)).toEqual([3, 4]);
    expect(r({ step: 2 }, 5)).toEqual([0, 2, 4]);
    expect(r({ step: -1 }, 4)).toEqual([3, 2, 1, 0]);
    expect(r({ start: 3, stop: 0, step: -2 }, 5)).toEqual([3, 1]);
    expect(r({ stop: -1, step: -1 }, 4)).toEqual([]);
    // out-of-range slice bounds are clipped, as Python does
    expect(r({ start: -100, stop: 100 }, 3)).toEqual([0, 1, 2]);
    expect(r({ start: 100, step: -1 }, 3)).toEqual([2, 1, 0]);
    expect(resolveSlice(undefined, 3)).toBeNull();
  });

  it.each<[string, Slice, RegExp]>([
    ["NaN index", [NaN], /entry 0 is NaN; indices must be integers/],
    ["fractional index", [0, 1.5], /entry 1 is 1.5; indices must be integers/],
    ["infinite index", [Infinity], /entry 0 is Infinity/],
    ["index past the end", [3], /index 3 is out of range for size 3/],
    ["index before the start", [-4], /index -4 is out of range for size 3/],
    ["step 0", { step: 0 }, /step cannot be 0/],
    ["infinite stop", { stop: Infinity }, /stop must be an integer \(got Infinity\)/],
    ["NaN start", { start: NaN }, /start must be an integer \(got NaN\)/],
    ["fractional step", { step: 0.5 }, /step must be an integer/],
    ["mask of the wrong length", [true, false], /a boolean mask needs one entry per dimension \(3\), got 2/],
    ["mixed mask", [true, 1, false] as unknown as Slice, /a mask holds booleans only/],
    ["unknown field", { begin: 1 } as unknown as Slice, /'begin' is not a slice field/],
    ["string", "0:2" as unknown as Slice, /must be a list of indices/],
  ])("refuses a %s with a ValidationError", (_name, slice, message) => {
    expect(() => resolveSlice(slice, 3, "Connection 'c'", "preSlice")).toThrow(ValidationError);
    expect(() => resolveSlice(slice, 3, "Connection 'c'", "preSlice")).toThrow(message);
  });

  it("makes connect() refuse a bad slice at once, naming the connection and the attribute", () => {
    const net = new Network({});
    const a = net.node({ output: [1, 2, 3] });
    const b = net.node({ sizeIn: 3 });
    expect(() => net.connect(a, b, { preSlice: [NaN], label: "c" })).toThrow("Connection 'c'.preSlice: entry 0 is NaN; indices must be integers");
    expect(() => net.connect(a, b, { postSlice: { step: 0 } })).toThrow(/^Connection from Node\[0\] to Node\[1\]\.postSlice: step cannot be 0/);
    expect(() => net.connect(a, b, { preSlice: { stop: Infinity } })).toThrow(ValidationError);
    expect(net.connections).toEqual([]);
    const c = net.connect(a, b, { preSlice: [true, false, true], postSlice: [false, true, true] });
    expect(Array.from(defined(c.preSlice))).toEqual([0, 2]);
    expect(Array.from(defined(c.postSlice))).toEqual([1, 2]);
  });
});
