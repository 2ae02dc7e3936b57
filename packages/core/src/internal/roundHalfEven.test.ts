import { describe, expect, it } from "vitest";
import { roundHalfEven } from "./roundHalfEven.js";

describe("roundHalfEven", () => {
  it("rounds ties to even, as numpy", () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map((x) => roundHalfEven(x) + 0)).toEqual([0, 2, 2, 4, 0, -2, -2, 2, 3]);
    expect(roundHalfEven(0.0025 / 0.001)).toBe(2);
    expect(roundHalfEven(0.0035 / 0.001)).toBe(4);
  });

  it("keeps numpy's signed zero and large integers", () => {
    // numpy: np.round(-0.3) is -0.0; np.round(2**52 + 1) is itself
    expect(Object.is(roundHalfEven(-0.3), -0)).toBe(true);
    expect(Object.is(roundHalfEven(0.3), 0)).toBe(true);
    expect(roundHalfEven(2 ** 52 + 1)).toBe(2 ** 52 + 1);
    expect(roundHalfEven(0.49999999999999994)).toBe(0);
  });
});
