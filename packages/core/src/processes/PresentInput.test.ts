import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Rng } from "../Rng.js";
import { PresentInput } from "./PresentInput.js";

describe("PresentInput", () => {
  it("shows each row for presentationTime and wraps around", () => {
    const p = new PresentInput({
      inputs: [
        [1, 2],
        [3, 4],
      ],
      presentationTime: 0.002,
    });
    expect(p.defaultSizeOut).toBe(2);
    expect([...p.runSteps(6, 0.001, new Rng(0))]).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2]);
  });

  it("treats a flat list as scalar inputs and flattens nested rows", () => {
    expect([...new PresentInput({ inputs: [5, 6, 7], presentationTime: 0.001 }).runSteps(4, 0.001, new Rng(0))]).toEqual([5, 6, 7, 5]);
    expect(
      new PresentInput({
        inputs: [
          [
            [1, 2],
            [3, 4],
          ],
        ],
        presentationTime: 1,
      }).defaultSizeOut,
    ).toBe(4);
  });

  it("validates inputs, presentation time and sizes", () => {
    expect(() => new PresentInput({ inputs: [], presentationTime: 1 })).toThrow(ValidationError);
    expect(() => new PresentInput({ inputs: [[1, 2], [3]], presentationTime: 1 })).toThrow(/input 1 has 1 values/);
    expect(() => new PresentInput({ inputs: [1], presentationTime: 0 })).toThrow(/presentationTime/);
    expect(() => new PresentInput({ inputs: [1], presentationTime: 1 }).makeStep(0, 2, 0.001, new Rng(0))).toThrow(/sizeOut/);
  });

  it("takes one options object; the old positional form gets a ValidationError that shows the new one", () => {
    const positional = PresentInput as unknown as new (...args: unknown[]) => PresentInput;
    expect(() => new positional([[1], [2]], 0.1)).toThrow(ValidationError);
    expect(() => new positional([[1], [2]], 0.1)).toThrow(/takes one options object, e\.g\. new PresentInput\(\{ inputs: /);
  });
});
