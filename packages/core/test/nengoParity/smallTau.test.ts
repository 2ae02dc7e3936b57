// Lowpass and Alpha with time constants down to far below dt: finite for every tau >= 0, equal
// to scipy's zero-order hold (./reference/small_tau.json, made by gen_small_tau.py with Nengo
// 4.1 and scipy), to Nengo's own step where Nengo's is accurate, and no filter in the limit.
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, loadReferenceBeside } from "../../../../test/support/reference.js";
import { elemAt } from "../../src/internal/checked.js";
import { Alpha } from "../../src/synapses/Alpha.js";
import { Lowpass } from "../../src/synapses/Lowpass.js";

interface SmallTauCase {
  synapse: "Lowpass" | "Alpha";
  tau: number;
  dt: number;
  nengo_output: number[] | null;
  nengo_step: string;
  nengo_finite: boolean;
  scipy_output: number[] | null;
}

const ref = loadReferenceBeside<{ input: number[]; cases: SmallTauCase[] }>(import.meta.url, "./reference/small_tau.json");

function run(c: SmallTauCase): number[] {
  const syn = c.synapse === "Lowpass" ? new Lowpass(c.tau) : new Alpha(c.tau);
  const stepper = syn.makeStepper(c.dt, 1);
  const out = new Float64Array(1);
  return ref.input.map((u) => {
    stepper.step(Float64Array.of(u), out);
    return elemAt(out, 0);
  });
}

describe("Lowpass and Alpha with a tiny tau (Nengo 4.1 / scipy reference)", () => {
  it("covers the taus where Nengo itself gives NaN or fails", () => {
    expect(ref.cases.some((c) => !c.nengo_finite && c.scipy_output !== null)).toBe(true);
    expect(ref.cases.some((c) => c.scipy_output === null)).toBe(true);
  });

  for (const c of ref.cases) {
    it(`${c.synapse}(${c.tau}) at dt ${c.dt}: finite, as scipy's zoh${c.scipy_output === null ? " (overflows: no filter)" : ""}`, () => {
      const y = run(c);
      expect(y.every(Number.isFinite)).toBe(true);
      if (c.scipy_output !== null) expectAllClose(y, c.scipy_output, { rtol: 1e-9, atol: 1e-12, what: "vs scipy" });
      // scipy overflows too: the limit, no filter (a -> 0, b -> 1)
      else expectAllClose(y, ref.input, { rtol: 1e-15, atol: 0, what: "vs no filter" });
      // Nengo's vendored expm loses digits for an Alpha far faster than dt (2e-6 at tau 1e-12);
      // where it is accurate, Plexus gives Nengo's numbers
      if (c.nengo_finite && (c.synapse === "Lowpass" || c.tau >= c.dt / 100)) {
        expectAllClose(y, defined(c.nengo_output), { rtol: 1e-9, atol: 1e-12, what: "vs Nengo" });
      }
    });
  }

  it("is no filter for tau down to the smallest double, and a gain of 1 at tau 0", () => {
    for (const tau of [1e-300, 5e-324, 0]) {
      for (const syn of [new Lowpass(tau), new Alpha(tau)]) {
        const s = syn.makeStepper(0.001, 2);
        const out = new Float64Array(2);
        s.step(Float64Array.of(3, -1), out);
        s.step(Float64Array.of(0.5, 2), out);
        expectAllClose(out, [0.5, 2], { rtol: 1e-15, atol: 0, what: `${syn}` });
      }
    }
  });
});
