import { BuildError } from "@plexus/core";
import type { Engine } from "../engine/CompiledModel.js";
import { tfjsEngineByName } from "./tfjsEngineByName.js";

/** The engines built in: the planned typed-array engine and TensorFlow.js. */
export type EngineName = "typed" | "tfjs";

let tfjs: Engine | undefined;

/**
 * The engine for a name, or the engine given. Loaded on first use; `"tfjs"` is a `TfjsEngine` with
 * its default backend (the first installed of tfjs-node, tfjs-backend-wasm and tfjs-backend-cpu,
 * optional peer dependencies that it imports when it compiles). The typed engine imports no tfjs.
 */
export async function resolveEngine(spec: EngineName | Engine): Promise<Engine> {
  if (typeof spec !== "string") return spec;
  switch (spec) {
    case "typed":
      return (await import("../engine/TypedEngine.js")).typedEngine;
    case "tfjs":
      tfjs ??= await tfjsEngineByName();
      return tfjs;
    default:
      throw new BuildError(`GradientTrainer.engine: must be "typed", "tfjs" or an Engine (got ${JSON.stringify(spec)})`, { label: "GradientTrainer" });
  }
}
