import { TrainingError } from "@plexus/core";

/**
 * Calls a callback the user gave `fit` (`onEpochEnd`, `onBatchEnd`): its throw or rejection ends
 * training with a TrainingError naming the trainer, the callback and where, the thrown value as
 * its cause (not the bare value, which names nothing).
 */
export async function userCallback(trainer: string, what: string, call: () => void | Promise<void>): Promise<void> {
  try {
    await call();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new TrainingError(
      `${trainer} fit: callbacks.${what} threw: ${why}; training stopped there (to stop it and keep what it learned, abort its signal instead: partialResult(error))`,
      { label: `callbacks.${what.split(" ")[0]}`, cause: e },
    );
  }
}
