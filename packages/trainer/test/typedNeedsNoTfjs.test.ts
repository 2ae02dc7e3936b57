// The typed engine needs no TensorFlow.js: in a child process where every @tensorflow/* import is
// unresolvable, the trainer's entry loads and trains with the typed engine without trying one, and
// asking for the tfjs engine there is a TrainingError (the same hook does catch tfjs's imports).
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

interface Outcome {
  readonly typedEngine: string;
  readonly typedLoss: number;
  readonly afterTyped: { readonly attempts: string[]; readonly cjs: string[] };
  readonly tfjsError: { readonly name: string; readonly message: string } | null;
  readonly afterTfjs: { readonly attempts: string[]; readonly cjs: string[] };
}

describe("the typed engine without TensorFlow.js", () => {
  it("imports no @tensorflow module; the tfjs engine there fails with a TrainingError naming what to reinstall", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@plexus/source", resolve(here, "fixtures/tfjsUnresolvable.ts")], {
      encoding: "utf8",
      cwd: resolve(here, "../../.."),
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Outcome;
    expect(out.typedEngine).toBe("typed");
    expect(Number.isFinite(out.typedLoss)).toBe(true);
    expect(out.afterTyped).toEqual({ attempts: [], cjs: [] });
    expect(out.tfjsError?.name).toBe("TrainingError");
    expect(out.tfjsError?.message).toMatch(/TensorFlow\.js could not load: Cannot find package '@tensorflow\/tfjs-core'.*reinstall it/);
    expect(out.afterTfjs.attempts).toContain("@tensorflow/tfjs-core");
  });
});
