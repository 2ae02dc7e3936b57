import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { PresentInput } from "./PresentInput.js";

describe("PresentInput", () => {
  it("shows each row for presentationTime and wraps around", () => {
    const p = new PresentInput([[1, 2], [3, 4]], 0.002);
    expect(p.defaultSizeOut).toBe(2);
    expect([...p.runSteps(6, 0.001, new Rng(0))]).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2]);
  });

  it("treats a flat list as scalar inputs and flattens nested rows", () => {
    expect([...new PresentInput([5, 6, 7], 0.001).runSteps(4, 0.001, new Rng(0))]).toEqual([5, 6, 7, 5]);
    expect(new PresentInput([[[1, 2], [3, 4]]], 1).defaultSizeOut).toBe(4);
  });

  it("validates inputs, presentation time and sizes", () => {
    expect(() => new PresentInput([], 1)).toThrow(ValidationError);
    expect(() => new PresentInput([[1, 2], [3]], 1)).toThrow(/input 1 has 1 values/);
    expect(() => new PresentInput([1], 0)).toThrow(/presentationTime/);
    expect(() => new PresentInput([1], 1).makeStep(0, 2, 0.001, new Rng(0))).toThrow(/sizeOut/);
  });
});
