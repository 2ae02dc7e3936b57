import { BuildError } from "@plexus/core";
import type { Engine } from "../engine/CompiledModel.js";

/** The engines built in: the planned typed-array engine and TensorFlow.js. */
export type EngineName = "typed" | "tfjs";

/** The engine for a name (loaded on first use: tfjs is large), or the engine given. */
export async function resolveEngine(spec: EngineName | Engine): Promise<Engine> {
  if (typeof spec !== "string") return spec;
  switch (spec) {
    case "typed":
      return (await import("../engine/TypedEngine.js")).typedEngine;
    case "tfjs":
      throw new BuildError(`GradientTrainer.engine: the '${spec}' engine is not available yet`, { label: "GradientTrainer" });
    default:
      throw new BuildError(`GradientTrainer.engine: must be "typed", "tfjs" or an Engine (got ${JSON.stringify(spec)})`, { label: "GradientTrainer" });
  }
}
