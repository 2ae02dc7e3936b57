import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { Alpha } from "./Alpha.js";
import { Lowpass } from "./Lowpass.js";
import { toSynapse } from "./toSynapse.js";

describe("toSynapse", () => {
  it("turns a number into a Lowpass, keeps synapses and null", () => {
    const s = toSynapse(0.005);
    expect(s).toBeInstanceOf(Lowpass);
    expect((s as Lowpass).tau).toBe(0.005);
    expect((toSynapse(0) as Lowpass).tau).toBe(0);
    const a = new Alpha(0.01);
    expect(toSynapse(a)).toBe(a);
    expect(toSynapse(null)).toBeNull();
  });

  it("rejects negative and non-finite time constants, naming the attribute", () => {
    expect(() => toSynapse(-0.1)).toThrow(ValidationError);
    expect(() => toSynapse(Number.NaN)).toThrow(ValidationError);
    try {
      toSynapse(Number.POSITIVE_INFINITY, "Connection[3].synapse");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).attr).toBe("synapse");
      expect((e as Error).message).toMatch(/^Connection\[3\]\.synapse: /);
    }
  });
});
