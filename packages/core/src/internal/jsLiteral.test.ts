import { describe, expect, it } from "vitest";
import { lit } from "./jsLiteral.js";

describe("lit", () => {
  it("reads back to the same double, -0 and non-finite values included", () => {
    for (const x of [0, -0, 1.5, -2.25, 1 / 3, -Math.PI, 5e-324, -1.7976931348623157e308, NaN, Infinity, -Infinity]) {
      const back = new Function(`return ${lit(x)};`)() as number;
      expect(Object.is(back, x)).toBe(true);
    }
  });

  it("parenthesises negative numbers so that they can follow a minus sign", () => {
    expect(new Function(`return 1 - ${lit(-2)};`)()).toBe(3);
  });
});
