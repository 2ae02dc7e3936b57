import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

describe("safetensors", () => {
  it("writes the standard layout: u64 LE header length, padded JSON header, LE float64 data", () => {
    const bytes = encodeSafetensors(
      [
        ["a.encoders", { shape: [2, 1], values: Float64Array.from([1.5, -2]) }],
        ["b.weights", { shape: [], values: Float64Array.of(Math.PI) }],
      ],
      { k: "v" },
    );
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: number[] }
    > & { __metadata__: unknown };
    expect(header.__metadata__).toEqual({ k: "v" });
    expect(header["a.encoders"]).toEqual({ dtype: "F64", shape: [2, 1], data_offsets: [0, 16] });
    expect(header["b.weights"]).toEqual({ dtype: "F64", shape: [], data_offsets: [16, 24] });
    expect(view.getFloat64(8 + n + 16, true)).toBe(Math.PI);
    const back = decodeSafetensors(bytes);
    expect("kind" in back).toBe(false);
    if ("kind" in back) return;
    expect(Array.from(defined(back.tensors.get("a.encoders"), "tensor a.encoders").values)).toEqual([1.5, -2]);
    expect(back.metadata).toEqual({ k: "v" });
  });

  it("reports truncation and bad headers", () => {
    const bytes = encodeSafetensors([["x", { shape: [3], values: Float64Array.from([1, 2, 3]) }]], {});
    expect(decodeSafetensors(bytes.subarray(0, 5))).toMatchObject({ kind: "truncated" });
    expect(decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toMatchObject({ kind: "truncated" });
    const bad = Uint8Array.from(bytes);
    bad[8] = "[".charCodeAt(0);
    expect(decodeSafetensors(bad)).toMatchObject({ kind: "header" });
  });
});
