import { describe, expect, it } from "vitest";
import { InternalError } from "../errors.js";
import { elemAt, f32At, f64At, i32At, numAt } from "./checked.js";

describe("checked element reads", () => {
  it("return the element inside the array, -0 and NaN included", () => {
    expect(Object.is(f64At(Float64Array.of(1, -0), 1), -0)).toBe(true);
    expect(f64At(Float64Array.of(Number.NaN), 0)).toBeNaN();
    expect(f32At(Float32Array.of(0.5), 0)).toBe(0.5);
    expect(i32At(Int32Array.of(7, -3), 1)).toBe(-3);
    expect(numAt([2, 4], 1)).toBe(4);
    expect(elemAt([null, "b"], 0)).toBe(null);
  });

  it("throw InternalError naming the index and the length outside it", () => {
    expect(() => f64At(new Float64Array(3), 3)).toThrow(InternalError);
    expect(() => f64At(new Float64Array(3), 3)).toThrow("Float64Array index 3 is outside [0, 3)");
    expect(() => f32At(new Float32Array(1), -1)).toThrow("Float32Array index -1 is outside [0, 1)");
    expect(() => i32At(new Int32Array(0), 0)).toThrow(InternalError);
    expect(() => numAt([1], 1.5)).toThrow("array index 1.5 is outside [0, 1)");
    expect(() => elemAt([{}], 2)).toThrow(InternalError);
  });
});
