// tfjs-core's gradient registrations (its dist/register_all_gradients.js, the file the full
// @tensorflow/tfjs bundle includes), which the engine's tape needs: loaded once, on first use.
import { TrainingError } from "@plexus/core";
import { inNode } from "./platform.js";

let loading: Promise<void> | undefined;

async function load(): Promise<void> {
  if (inNode()) {
    const node = await import("./nodeSupport.js");
    if (!node.canRegisterHooks) {
      throw new TrainingError(`TfjsEngine: loading tfjs-core's gradients needs Node 20.6 or later (module.register); this is Node ${process.versions.node}`, {
        label: "TfjsEngine",
      });
    }
    node.allowTfjsCoreModules();
  }
  try {
    await import("@tensorflow/tfjs-core/dist/register_all_gradients.js");
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new TrainingError(
      `TfjsEngine: @tensorflow/tfjs-core's gradients (dist/register_all_gradients.js) failed to load: ${why} (the error is this one's cause); reinstall @tensorflow/tfjs-core 4.22`,
      { label: "TfjsEngine", cause },
    );
  }
}

/**
 * Registers tfjs-core's gradients with tfjs's (global) gradient registry, once per thread.
 * @throws TrainingError when they cannot load (the loader's error kept as the cause).
 */
export function registerGradients(): Promise<void> {
  loading ??= load();
  return loading;
}
