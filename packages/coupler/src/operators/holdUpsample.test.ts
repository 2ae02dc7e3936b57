import { describe, expect, it } from "vitest";
import { testScheduler, win } from "../../test/support/marbles.js";
import { holdUpsample } from "./holdUpsample.js";

describe("holdUpsample", () => {
  it("emits the zeros before the first step at once, then holds local step j from base step j·m", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("-a-b|", { a: win(1, 10, 20), b: win(3, 30) });
      // m = 3: local 1 at base 3, local 2 at base 6, local 3 at base 9
      expectObservable(source.pipe(holdUpsample(3, 1))).toBe("za-b|", {
        z: win(1, 0, 0),
        a: win(3, 10, 10, 10, 20, 20, 20),
        b: win(9, 30, 30, 30),
      });
    });
  });

  it("is the identity for m = 1", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold("a|", { a: win(1, 1) }).pipe(holdUpsample(1, 1))).toBe("a|", { a: win(1, 1) });
    });
    expect(() => holdUpsample(0, 1)).toThrow(/integer >= 1/);
  });
});
