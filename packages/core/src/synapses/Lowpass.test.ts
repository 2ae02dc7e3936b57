import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { elemAt } from "../internal/checked.js";
import { encodeObject, rebuildObject } from "../serialize/networkSpec.js";
import { Alpha } from "./Alpha.js";
import { Lowpass } from "./Lowpass.js";

describe("Lowpass", () => {
  it("steps y[k] = a y[k-1] + (1 - a) u[k]", () => {
    const dt = 0.001;
    const tau = 0.005;
    const a = Math.exp(-dt / tau);
    const u = Float64Array.of(1, 0, 2, -1, 0.5);
    const y = new Lowpass(tau).filt(u, 1, dt);
    let prev = 0;
    for (let k = 0; k < u.length; k++) {
      prev = a * prev + (1 - a) * elemAt(u, k);
      expect(y[k]).toBeCloseTo(prev, 15);
    }
    expect(new Lowpass(tau).kind).toBe("Lowpass");
    expect(String(new Lowpass(tau))).toBe("Lowpass(0.005)");
  });

  it("is a stateless unit gain for tau = 0", () => {
    const f = new Lowpass(0);
    expect(f.discretize(0.001).stepKind).toBe("noX");
    expect(f.stateSize(0.001)).toBe(0);
    expect(f.filt(Float64Array.of(3, -1), 1, 0.001)).toEqual(Float64Array.of(3, -1));
  });

  it("rejects negative and non-finite tau", () => {
    expect(() => new Lowpass(-0.1)).toThrow(ValidationError);
    expect(() => new Lowpass(Number.POSITIVE_INFINITY)).toThrow(/tau/);
  });
});

describe("Alpha", () => {
  it("has the alpha-function impulse response (t / tau²) exp(-t / tau) with unit area", () => {
    const dt = 0.0001;
    const tau = 0.01;
    const n = 2000;
    const u = new Float64Array(n);
    u[0] = 1 / dt;
    const y = new Alpha(tau).filt(u, 1, dt);
    let area = 0;
    for (const v of y) area += v * dt;
    expect(area).toBeCloseTo(1 - Math.exp(-(n * dt) / tau) * (1 + (n * dt) / tau), 3);
    const peak = y.indexOf(Math.max(...y));
    expect(Math.abs(peak * dt - tau)).toBeLessThan(2 * dt);
    expect(new Alpha(tau).discretize(dt).stepKind).toBe("noD");
    expect(() => new Alpha(-1)).toThrow(ValidationError);
  });
});

describe("Lowpass and Alpha: tau is frozen, as in Nengo", () => {
  it("assigning tau throws a ValidationError and changes nothing; the object still encodes and rebuilds with its tau", () => {
    for (const synapse of [new Lowpass(0.005), new Alpha(0.005)]) {
      const name = synapse.kind;
      // before: the assignment passed, the object kept filtering with 0.005 while its toString, saved
      // bundles and worker hosts (which rebuild it from tau) used 0.5
      const assign = (): void => {
        (synapse as { tau: number }).tau = 0.5;
      };
      expect(assign).toThrow(ValidationError);
      expect(assign).toThrow(new RegExp(`^${name}\\.tau: is read-only: a synapse is frozen once made, as in Nengo \\(assigned 0\\.5\\)`));
      expect(synapse.tau).toBe(0.005);
      expect(synapse.toString()).toBe(`${name}(0.005)`);
      const rebuilt = rebuildObject(encodeObject(synapse).json) as Lowpass | Alpha;
      expect(rebuilt).toBeInstanceOf(synapse.constructor);
      expect([rebuilt.tau, Object.keys(rebuilt)]).toEqual([0.005, Object.keys(synapse)]);
      expect(Object.keys(synapse)).toContain("tau");
    }
  });
});
