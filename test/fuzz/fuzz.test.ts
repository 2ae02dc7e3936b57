// Fuzzing in the suite: random networks, slices, synapses, inputs, training data and coupled
// systems, valid and invalid (NaN, Inf, fractional, negative, huge), each of which must end in a
// typed Plexus error or finite output: never a TypeError, a RangeError, a hang or a crash.
// `npm run fuzz -- --runs N` runs it longer (PLEXUS_FUZZ_RUNS, PLEXUS_FUZZ_SEED).
import { PlexusError } from "@plexus/core";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { arbNetworkCase, runNetworkCase } from "./networkCase.js";
import { arbCouplingCase, arbTrainingCase, runCouplingCase, runTrainingCase } from "./trainingCase.js";
import { type Outcome, Tally, tagsOf } from "./values.js";

const RUNS = Number(process.env["PLEXUS_FUZZ_RUNS"] ?? 300);
const SEED = Number(process.env["PLEXUS_FUZZ_SEED"] ?? 20261207);
const tally = new Tally();

/** The outcome of running `f`, or an error naming what went wrong (an untyped error, a non-finite output). */
async function outcome(f: () => unknown): Promise<Outcome> {
  let out: unknown;
  try {
    out = await f();
  } catch (e) {
    if (e instanceof PlexusError) return "typed error";
    throw new Error(`not a typed Plexus error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, { cause: e });
  }
  const flat: number[] = (out as unknown[]).flatMap((x) => (typeof x === "number" ? [x] : Array.from(x as ArrayLike<number>)));
  const bad = flat.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`non-finite output ${flat[bad]} at index ${bad}`);
  return "finite output";
}

function classes(kind: string, spec: unknown): string[] {
  return [kind, ...tagsOf(spec).map((t) => `${kind}: ${t}`)];
}

describe("fuzz: every input ends in a typed error or finite output", () => {
  afterAll(() => {
    console.info(`fuzz (seed ${SEED}, ${RUNS} network cases):\n${tally.table()}`);
  });

  it("networks: node outputs, ensembles, slices, synapses, transforms, functions, dt, run length", async () => {
    await fc.assert(
      fc.asyncProperty(arbNetworkCase, async (c) => {
        tally.add(classes("network", c), await outcome(() => runNetworkCase(c)));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  it("training: data, epochs, minibatches and learning rates for the least-squares and gradient trainers", async () => {
    await fc.assert(
      fc.asyncProperty(arbTrainingCase, async (c) => {
        tally.add(classes("training", c), await outcome(() => runTrainingCase(c)));
      }),
      { seed: SEED, numRuns: Math.max(10, Math.round(RUNS / 3)), endOnFailure: true },
    );
  });

  it("coupling: input arrays and wire delays", async () => {
    await fc.assert(
      fc.asyncProperty(arbCouplingCase, async (c) => {
        tally.add(classes("coupling", c), await outcome(() => runCouplingCase(c)));
      }),
      { seed: SEED, numRuns: Math.max(10, Math.round(RUNS / 3)), endOnFailure: true },
    );
    expect(RUNS).toBeGreaterThan(0);
  });
});
