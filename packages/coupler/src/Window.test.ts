import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { smallInteger, Window } from "./Window.js";

const bits = (a: Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe("Window", () => {
  const tricky = Float64Array.of(1.5, -0, NaN, Infinity, -Infinity, 5e-324, Math.PI, -1e308);

  it("is stamped with its first and last step and views rows", () => {
    const w = new Window(5, 4, 2, Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(w.end).toBe(8);
    expect(Array.from(w.row(6))).toEqual([3, 4]);
    expect(String(w)).toBe("Window(steps 5..8, 2-D)");
    expect(new Window(1, 3, 2).data).toEqual(new Float64Array(6));
  });

  it("round-trips through bytes bit for bit (-0, NaN, infinities, subnormals)", () => {
    const w = new Window(123456789, 4, 2, tricky.slice());
    const back = Window.fromBytes(w.toBytes());
    expect([back.start, back.steps, back.dims]).toEqual([123456789, 4, 2]);
    expect(bits(back.data)).toEqual(bits(w.data));
  });

  it("writes little-endian float64 after a 32-byte header, and reads bytes at any offset (a NaN payload kept)", () => {
    const data = Float64Array.of(1.5, 0);
    new DataView(data.buffer).setUint32(8, 0x7ff80000 + 0x1234, true); // data[1]: low word
    new DataView(data.buffer).setUint32(12, 0x7ff80001, true); // a NaN with a payload
    const bytes = new Window(3, 1, 2, data).toBytes();
    expect([...bytes.subarray(32, 40)]).toEqual([0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
    expect(new DataView(bytes.buffer).getFloat64(32, true)).toBe(1.5);
    const unaligned = new Uint8Array(bytes.length + 3);
    unaligned.set(bytes, 3);
    const back = Window.fromBytes(unaligned.subarray(3));
    expect([back.start, back.steps, back.dims]).toEqual([3, 1, 2]);
    expect(bits(back.data)).toEqual(bits(data));
  });

  it("round-trips through a plain object and structured clone bit for bit", () => {
    const w = new Window(7, 2, 4, tricky.slice());
    const back = Window.fromObject(structuredClone(w.toObject()));
    expect(bits(back.data)).toEqual(bits(w.data));
    const finite = new Window(1, 2, 1, Float64Array.of(0.1 + 0.2, -1 / 3));
    expect(bits(Window.fromObject(JSON.parse(JSON.stringify(finite.toObject()))).data)).toEqual(bits(finite.data));
  });

  it("rejects inconsistent sizes and malformed bytes with a CouplingError", () => {
    expect(() => new Window(1, 2, 2, new Float64Array(3))).toThrow(CouplingError);
    expect(() => new Window(1.5, 2, 2)).toThrow(/integers >= 0/);
    const bytes = new Window(1, 1, 1, Float64Array.of(1)).toBytes();
    expect(() => Window.fromBytes(bytes.subarray(0, 10))).toThrow(/shorter than/);
    expect(() => Window.fromBytes(bytes.subarray(0, bytes.length - 1))).toThrow(/expected 40/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => Window.fromBytes(bad)).toThrow(/magic/);
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(() => Window.fromBytes(v2)).toThrow(/version 2/);
    expect(() => Window.fromObject({ start: 1, steps: 1, dims: 1, data: [1, 2] })).toThrow(CouplingError);
  });
});

describe("smallInteger", () => {
  it("is the same number for every integer a window header holds, small or not", () => {
    const xs = [0, 1, 5, 1023, 0x3fffffff, 0x40000000, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER];
    for (const x of xs) expect(Object.is(smallInteger(x), x)).toBe(true);
    // and a window through bytes keeps a start past 32 bits
    const w = Window.fromBytes(new Window(2 ** 33 + 1, 2, 1, Float64Array.of(1, 2)).toBytes());
    expect([w.start, w.end, w.steps, w.dims]).toEqual([2 ** 33 + 1, 2 ** 33 + 2, 2, 1]);
  });
});
