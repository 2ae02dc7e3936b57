import { describe, expect, it } from "vitest";
import { contiguous, lit } from "./codegen.js";

describe("lit", () => {
  it("writes literals that read back to the same double", () => {
    for (const x of [0, -0, 1, -1.5, 0.1, 1 / 3, -1e-300, 5e-324, 1.7976931348623157e308, Infinity, -Infinity, NaN]) {
      const back = new Function(`return ${lit(x)};`)() as number;
      expect(Object.is(back, x)).toBe(true);
    }
  });
});

describe("contiguous", () => {
  it("detects ranges", () => {
    expect(contiguous([3, 4, 5])).toBe(true);
    expect(contiguous([3, 5])).toBe(false);
    expect(contiguous([])).toBe(true);
  });
});
