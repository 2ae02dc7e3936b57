import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { testScheduler, win } from "../../test/support/marbles.js";
import { delaySteps } from "./delaySteps.js";

describe("delaySteps", () => {
  it("emits d zeros on subscription, then each window d steps later", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("--a--b|", { a: win(1, 1, 2), b: win(3, 3) });
      expectObservable(source.pipe(delaySteps(2, 1))).toBe("z-a--b|", { z: win(1, 0, 0), a: win(3, 1, 2), b: win(5, 3) });
    });
  });

  it("is the identity for 0 steps and keeps errors", () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold("-a-#", { a: win(1, 7) });
      expectObservable(source.pipe(delaySteps(0, 1))).toBe("-a-#", { a: win(1, 7) });
      expectObservable(source.pipe(delaySteps(1, 1))).toBe("za-#", { z: win(1, 0), a: win(2, 7) });
    });
  });

  it("shares the values (no copy) and rejects bad arguments", () => {
    const w = win(1, 5);
    let seen: Float64Array | undefined;
    testScheduler().run(({ cold }) => {
      cold("a|", { a: w })
        .pipe(delaySteps(3, 1))
        .subscribe((x) => {
          if (x.start === 4) seen = x.data;
        });
    });
    expect(seen).toBe(w.data);
    expect(() => delaySteps(-1, 1)).toThrow(CouplingError);
    expect(() => delaySteps(1.5, 1)).toThrow(/integer >= 0/);
  });
});
