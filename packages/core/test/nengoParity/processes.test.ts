// Nengo 4.1 process parity: PresentInput and Piecewise outputs at t = dt..N·dt (runSteps) for the
// cases of ../shared/reference/nengo/processes_nodes.json. The processes' parameters are read
// from each case's `definition` (Nengo's Python source of the case), not copied here.
import { describe, expect, it } from "vitest";
import { expectAllClose, flat, loadReference } from "../../../../test/support/reference.js";
import { elemAt } from "../../src/internal/checked.js";
import { Piecewise, type PiecewiseInterpolation, type PiecewiseValue } from "../../src/processes/Piecewise.js";
import { PresentInput } from "../../src/processes/PresentInput.js";
import type { Process } from "../../src/processes/Process.js";
import { Rng } from "../../src/Rng.js";

interface ProcessCase {
  definition: string;
  rule: string;
  trange: number[];
  [probe: string]: unknown;
}

const ref = loadReference<{ dt: number; cases: Record<string, ProcessCase> }>("nengo/processes_nodes.json");
const dt = ref.dt;
const tol = { rtol: 1e-9, atol: 1e-12 };

/** Python callables named in the definitions. */
const callables: Record<string, (t: number) => number> = { "numpy.cos": Math.cos, "np.cos": Math.cos };

/** `PresentInput(inputs=[[...]], presentation_time=x)` → the process. */
function parsePresentInput(definition: string): PresentInput {
  const m = /PresentInput\(inputs=(\[.*?\]\]),\s*presentation_time=([0-9.eE+-]+)\)/.exec(definition);
  if (m === null) throw new Error(`no PresentInput in: ${definition}`);
  return new PresentInput({ inputs: JSON.parse(elemAt(m, 1)) as number[][], presentationTime: Number(m[2]) });
}

/** Every `Piecewise({key: value, ...}[, interpolation='...'])` in a definition, in order. */
function parsePiecewise(definition: string): Piecewise[] {
  const out: Piecewise[] = [];
  for (const m of definition.matchAll(/Piecewise\(\{(.*?)\}(?:,\s*interpolation='(\w+)')?\)/g)) {
    const data = new Map<number, PiecewiseValue>();
    for (const entry of elemAt(m, 1).split(/,\s*(?=-?[0-9.]+\s*:)/)) {
      const colon = entry.indexOf(":");
      const key = Number(entry.slice(0, colon));
      const text = entry.slice(colon + 1).trim();
      const fn = callables[text];
      data.set(key, fn ?? (JSON.parse(text) as number | number[]));
    }
    out.push(new Piecewise(data, m[2] === undefined ? {} : { interpolation: m[2] as PiecewiseInterpolation }));
  }
  if (out.length === 0) throw new Error(`no Piecewise in: ${definition}`);
  return out;
}

function run(process: Process, nSteps: number): Float64Array {
  return process.runSteps(nSteps, dt, new Rng(0));
}

describe("Nengo parity: processes", () => {
  for (const [name, c] of Object.entries(ref.cases)) {
    const nSteps = c.trange.length;

    it(`${name}: the probe times are t = dt..N·dt`, () => {
      expectAllClose(
        c.trange,
        Float64Array.from({ length: nSteps }, (_, k) => (k + 1) * dt),
        { ...tol, what: "trange" },
      );
    });

    if (name.startsWith("present_input")) {
      it(`${name}: ${c.definition}`, () => {
        const p = parsePresentInput(c.definition);
        expect(name).toContain(`pt${p.presentationTime}`);
        expectAllClose(run(p, nSteps), flat(c["probe"]), { ...tol, what: name });
      });
    } else if (name.startsWith("piecewise")) {
      it(`${name}: ${c.definition}`, () => {
        const pieces = parsePiecewise(c.definition);
        const probes = Object.keys(c)
          .filter((k) => k.startsWith("probe"))
          .sort();
        expect(probes.length).toBe(pieces.length);
        probes.forEach((probe, i) => {
          const p = elemAt(pieces, i);
          const expected = flat(c[probe]);
          expect(expected.length).toBe(nSteps * p.defaultSizeOut);
          expectAllClose(run(p, nSteps), expected, { ...tol, what: `${name}.${probe}` });
        });
      });
    }
    // Any other case (callable Nodes with inputs) needs the simulator: its parity suite
    // (packages/simulator/test/nengoParity) matches it.
  }
});
