// The engine `"tfjs"` names, loaded on first use (tfjs is large). Browsers get
// tfjsEngineByName.browser.ts instead (the package.json `browser` field swaps it in), so that a
// browser bundle of the trainer carries no TensorFlow.js unless its code imports TfjsEngine.
import type { Engine } from "../engine/CompiledModel.js";

/** A `TfjsEngine` with its default backend. */
export async function tfjsEngineByName(): Promise<Engine> {
  return new (await import("../tfjs/TfjsEngine.js")).TfjsEngine();
}
