import { describe, expect, it } from "vitest";
import { testScheduler, win } from "../../test/support/marbles.js";
import { averageRate } from "./averageRate.js";

describe("averageRate", () => {
  it("averages base steps (k-1)·m+1 .. k·m for local step k, across window boundaries", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("-a-b-c|", { a: win(1, 1, 2), b: win(3, 4, 8, 16), c: win(6, 32, 64, 128, 256) });
      // m = 3: (1+2+4)/3, (8+16+32)/3, (64+128+256)/3
      expectObservable(source.pipe(averageRate(3))).toBe("---b-c|", { b: win(1, 7 / 3), c: win(2, 56 / 3, 448 / 3) });
    });
  });

  it("sums in step order from the first value, then divides by m", () => {
    const values = [0.1, 0.2, 0.3, 1e16, -1e16, 0.7];
    const out: number[] = [];
    testScheduler().run(({ cold }) => {
      cold("a|", { a: win(1, ...values) })
        .pipe(averageRate(3))
        .subscribe((w) => out.push(...w.data));
    });
    expect(out).toEqual([(0.1 + 0.2 + 0.3) / 3, (1e16 + -1e16 + 0.7) / 3]);
  });

  it("is the identity for m = 1", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold("a|", { a: win(1, -0) }).pipe(averageRate(1))).toBe("a|", { a: win(1, -0) });
    });
    expect(() => averageRate(0)).toThrow(/integer >= 1/);
  });
});
