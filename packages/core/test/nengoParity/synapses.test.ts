// Nengo 4.1 synapse parity: discretisation, step class, FIR taps, step and impulse responses of
// filt() for every case of ../shared/reference/nengo/synapses.json.
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReference } from "../../../../test/support/reference.js";
import { elemAt } from "../../src/internal/checked.js";
import { Alpha } from "../../src/synapses/Alpha.js";
import { LinearFilter } from "../../src/synapses/LinearFilter.js";
import { Lowpass } from "../../src/synapses/Lowpass.js";
import type { Synapse } from "../../src/synapses/Synapse.js";
import { Triangle } from "../../src/synapses/Triangle.js";

interface SynapseCase {
  num?: number[];
  den?: number[];
  analog?: boolean;
  method?: string;
  discrete_ss?: { A: number[][]; B: number[][]; C: number[][]; D: number[] };
  step_class?: string;
  fir_taps?: number[];
  step_response: number[];
  impulse_response: number[];
  sim_step_response: number[];
  sim_impulse_response: number[];
  sim_probe_step_equals_filt_delayed_1_step: boolean;
  sim_connection_step_equals_filt_delayed_1_step: boolean;
  sim_probe_impulse_equals_filt_delayed_1_step: boolean;
  sim_connection_impulse_equals_filt_delayed_1_step: boolean;
}

interface SynapsesReference {
  cases: Record<string, { dt: number; n_steps: number; synapses: Record<string, SynapseCase> }>;
}

const ref = loadReference<SynapsesReference>("nengo/synapses.json");
const tol = { rtol: 1e-9, atol: 1e-12 };

/** Builds the synapse a case names, e.g. "Lowpass(0.005)" or "LinearFilter([1],[0.0002,0.03,1])". */
function synapseFor(name: string, c: SynapseCase): Synapse {
  const arg = (prefix: string): number => Number(name.slice(prefix.length, -1));
  if (name.startsWith("Lowpass(")) return new Lowpass(arg("Lowpass("));
  if (name.startsWith("Alpha(")) return new Alpha(arg("Alpha("));
  if (name.startsWith("Triangle(")) return new Triangle(arg("Triangle("));
  if (name.startsWith("LinearFilter(")) {
    if (c.num === undefined || c.den === undefined) throw new Error(`${name}: no num/den in the reference`);
    return new LinearFilter(c.num, c.den, { analog: c.analog ?? true, method: "zoh" });
  }
  throw new Error(`no synapse for reference case ${name}`);
}

function delayedOneStep(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  out.set(x.subarray(0, x.length - 1), 1);
  return out;
}

describe("Nengo parity: synapses", () => {
  for (const [dtKey, group] of Object.entries(ref.cases)) {
    const { dt, n_steps: nSteps } = group;
    const step = new Float64Array(nSteps).fill(1);
    const impulse = new Float64Array(nSteps);
    impulse[0] = 1 / dt;

    describe(dtKey, () => {
      it("covers every reference case", () => {
        expect(Object.keys(group.synapses).length).toBeGreaterThan(0);
        expect(step.length).toBe(defined(group.synapses[elemAt(Object.keys(group.synapses), 0)]).step_response.length);
      });

      for (const [name, c] of Object.entries(group.synapses)) {
        describe(name, () => {
          const syn = synapseFor(name, c);

          if (c.analog !== undefined && syn instanceof LinearFilter) {
            it("has the reference coefficients", () => {
              expect(syn.num).toEqual(c.num);
              expect(syn.den).toEqual(c.den);
              expect(syn.analog).toBe(c.analog);
              expect(syn.method).toBe(c.method);
            });
          }

          if (c.discrete_ss !== undefined) {
            const ss = c.discrete_ss;
            it("discretises to the reference A, B, C, D", () => {
              const f = syn.discretize(dt);
              const a = flat(ss.A);
              expect(f.order).toBe(Math.round(Math.sqrt(a.length)));
              expectAllClose(f.a, a, { ...tol, what: "A" });
              expectAllClose(f.b, flat(ss.B), { ...tol, what: "B" });
              expectAllClose(f.c, flat(ss.C), { ...tol, what: "C" });
              expectAllClose([f.d], flat(ss.D), { ...tol, what: "D" });
            });
          }

          if (c.step_class !== undefined) {
            const stepClass = c.step_class;
            it(`runs Nengo's ${stepClass} step`, () => {
              if (!(syn instanceof LinearFilter)) throw new Error(`${name} is not a LinearFilter`);
              expect(syn.stepClass(dt, 1)).toBe(stepClass);
              const stepper = syn.makeStepper(dt, 1) as { stepClass?: string };
              expect(stepper.stepClass).toBe(stepClass);
            });
          }

          if (c.fir_taps !== undefined) {
            const taps = c.fir_taps;
            it("has the reference FIR taps", () => {
              if (!(syn instanceof Triangle)) throw new Error(`${name} is not a Triangle`);
              expect(syn.nTaps(dt)).toBe(taps.length);
              expectAllClose(syn.taps(dt), taps, { ...tol, what: "fir_taps" });
            });
          }

          it("filt: step response", () => {
            expectAllClose(syn.filt(step, 1, dt), c.step_response, { ...tol, what: "step_response" });
          });

          it("filt: impulse response", () => {
            expectAllClose(syn.filt(impulse, 1, dt), c.impulse_response, { ...tol, what: "impulse_response" });
          });

          it("sim_* responses are filt delayed by one step", () => {
            expect(c.sim_probe_step_equals_filt_delayed_1_step).toBe(true);
            expect(c.sim_connection_step_equals_filt_delayed_1_step).toBe(true);
            expect(c.sim_probe_impulse_equals_filt_delayed_1_step).toBe(true);
            expect(c.sim_connection_impulse_equals_filt_delayed_1_step).toBe(true);
            expectAllClose(delayedOneStep(syn.filt(step, 1, dt)), c.sim_step_response, { ...tol, what: "sim_step_response" });
            expectAllClose(delayedOneStep(syn.filt(impulse, 1, dt)), c.sim_impulse_response, {
              ...tol,
              what: "sim_impulse_response",
            });
          });

          it("filters several channels independently, as one channel each", () => {
            const dims = 3;
            const u = new Float64Array(nSteps * dims);
            for (let k = 0; k < nSteps; k++) {
              u[k * dims] = elemAt(step, k);
              u[k * dims + 1] = elemAt(impulse, k);
              u[k * dims + 2] = -2 * elemAt(step, k);
            }
            const y = syn.filt(u, dims, dt);
            const col = (j: number): Float64Array => Float64Array.from({ length: nSteps }, (_, k) => elemAt(y, k * dims + j));
            expectAllClose(col(0), c.step_response, { ...tol, what: "channel 0" });
            expectAllClose(col(1), c.impulse_response, { ...tol, what: "channel 1" });
            expectAllClose(
              col(2),
              c.step_response.map((v) => -2 * v),
              { ...tol, what: "channel 2" },
            );
          });
        });
      }
    });
  }
});
