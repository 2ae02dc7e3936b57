import { describe, expect, it } from "vitest";
import { testScheduler, win } from "../../test/support/marbles.js";
import { holdRate } from "./holdRate.js";

describe("holdRate", () => {
  it("samples base step k·m for local step k, emitting when a local step completes", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("-a-b-c|", { a: win(1, 1, 2, 3), b: win(4, 4), c: win(5, 5, 6, 7, 8, 9) });
      // m = 2: local 1 <- base 2, local 2 <- base 4, 3 <- 6, 4 <- 8
      expectObservable(source.pipe(holdRate(2))).toBe("-a-b-c|", { a: win(1, 2), b: win(2, 4), c: win(3, 6, 8) });
    });
  });

  it("emits nothing for a window that completes no local step", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("ab|", { a: win(1, 1), b: win(2, 2, 3, 4) });
      expectObservable(source.pipe(holdRate(4))).toBe("-b|", { b: win(1, 4) });
    });
    expect(() => holdRate(2.5)).toThrow(/integer >= 1/);
  });
});
