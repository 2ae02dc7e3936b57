import { describe, expect, it } from "vitest";
import { PlexusError } from "../errors.js";
import { Network } from "../Network.js";
import { showValue } from "./showValue.js";

describe("showValue", () => {
  it("shows values String can and objects it cannot, without throwing", () => {
    expect(showValue(3.5)).toBe("3.5");
    expect(showValue({ toString: null })).toBe("[object Object]");
    expect(showValue(Object.create(null))).toBe("[object Object]");
  });

  it("keeps a bad size a typed error naming the object (fast-check's counterexample { toString: null })", () => {
    const bad = [{ toString: null }, Object.create(null), Symbol("n")];
    for (const n of bad) {
      expect(() => new Network().ensemble({ nNeurons: n as number, dimensions: 1, label: "x" })).toThrow(PlexusError);
      expect(() => new Network().ensemble({ nNeurons: n as number, dimensions: 1, label: "x" })).toThrow(/Ensemble 'x'\.nNeurons/);
    }
  });
});
