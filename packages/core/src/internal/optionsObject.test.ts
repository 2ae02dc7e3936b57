import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { labelText, optionsObject } from "./optionsObject.js";

describe("optionsObject", () => {
  it("gives {} for undefined and the object itself otherwise", () => {
    expect(optionsObject(undefined, "X")).toEqual({});
    const o = { a: 1 };
    expect(optionsObject(o, "X")).toBe(o);
  });

  it.each([null, 3, "a", [1], () => 1, Symbol("s"), 10n, true])("refuses %s with a ValidationError naming the object and 'options'", (bad) => {
    let caught: unknown;
    try {
      optionsObject(bad as unknown as object, "Ensemble 'a'");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).attr).toBe("options");
    expect((caught as Error).message).toMatch(/^Ensemble 'a'\.options: must be an options object/);
  });
});

describe("labelText", () => {
  it("passes strings and undefined, refuses symbols and numbers", () => {
    expect(labelText("a", "X")).toBe("a");
    expect(labelText(undefined, "X")).toBeUndefined();
    expect(() => labelText(Symbol("s"), "Node")).toThrow(ValidationError);
    expect(() => labelText(3, "Node")).toThrow(/Node\.label: must be a string \(got a number\)/);
  });
});
