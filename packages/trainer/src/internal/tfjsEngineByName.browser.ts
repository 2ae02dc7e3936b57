// The browser's stand-in for tfjsEngineByName.ts (the package.json `browser` field swaps it in):
// browser bundles of the trainer carry no TensorFlow.js by default. The engine `"tfjs"` is not
// loaded by name there; code that wants it imports TfjsEngine and passes an instance.
import { BuildError } from "@plexus/core";
import type { Engine } from "../engine/CompiledModel.js";

/** Fails with a BuildError naming the fix: in browsers, pass `engine: new TfjsEngine()` (from `@plexus/trainer/tfjs`). */
export async function tfjsEngineByName(): Promise<Engine> {
  throw new BuildError(
    `GradientTrainer.engine: "tfjs" is not loaded by name in the browser build of @plexus/trainer (it would put TensorFlow.js in every bundle); import { TfjsEngine } from "@plexus/trainer/tfjs" and pass engine: new TfjsEngine(), or use engine: "typed"`,
    { label: "GradientTrainer" },
  );
}
