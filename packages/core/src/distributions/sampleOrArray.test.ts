import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { sampleOrArray } from "./sampleOrArray.js";
import { Uniform } from "./Uniform.js";

describe("sampleOrArray", () => {
  it("samples a distribution", () => {
    const x = sampleOrArray(new Uniform(0, 1), 4, 3, new Rng(1), "Ensemble 'a'.encoders");
    expect(x).toEqual(new Uniform(0, 1).sample(4, 3, new Rng(1)));
  });

  it("takes a number, flat values and nested rows", () => {
    const rng = new Rng(0);
    expect(sampleOrArray(2, 2, 2, rng, "x")).toEqual(Float64Array.of(2, 2, 2, 2));
    expect(sampleOrArray([1, 2, 3], 3, 1, rng, "x")).toEqual(Float64Array.of(1, 2, 3));
    expect(sampleOrArray(Float64Array.of(1, 2, 3, 4), 2, 2, rng, "x")).toEqual(Float64Array.of(1, 2, 3, 4));
    expect(
      sampleOrArray(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        3,
        2,
        rng,
        "x",
      ),
    ).toEqual(Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(sampleOrArray([], 0, 2, rng, "x")).toEqual(new Float64Array(0));
  });

  it("names the parameter and both shapes when the shape is wrong", () => {
    const rng = new Rng(0);
    try {
      sampleOrArray(
        [
          [1, 2],
          [3, 4],
        ],
        3,
        2,
        rng,
        "Ensemble 'a'.encoders",
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).attr).toBe("encoders");
      expect((e as Error).message).toBe("Ensemble 'a'.encoders: expected shape (3, 2), got (2, 2)");
    }
    expect(() => sampleOrArray([1, 2], 3, 1, rng, "Ensemble 'a'.intercepts")).toThrow(/expected shape \(3, 1\).*got \(2,\)/);
    expect(() => sampleOrArray([[1, 2], [3]], 2, 2, rng, "x")).toThrow(/row 1/);
    expect(() => sampleOrArray([1, Number.NaN], 2, 1, rng, "x")).toThrow(/entry 1/);
    expect(() => sampleOrArray("a" as unknown as number, 2, 1, rng, "x")).toThrow(ValidationError);
  });
});
