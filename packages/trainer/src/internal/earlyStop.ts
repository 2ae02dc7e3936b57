import { TrainingError } from "@plexus/core";
import { attachPartialResult } from "../partialResult.js";
import type { TrainedSubnetwork } from "../TrainedSubnetwork.js";
import type { EarlyStop } from "../TrainingReport.js";

/** A callback the user gave `fit` that threw or rejected: which one, where, and what it threw. */
export interface CallbackThrew {
  /** `callbacks.onEpochEnd`, `callbacks.onBatchEnd`. */
  readonly label: string;
  /** The value it threw (the TrainingError's cause). */
  readonly cause: unknown;
  /** `callbacks.onEpochEnd (epoch 1) threw: boom`. */
  readonly what: string;
}

/**
 * Calls a callback the user gave `fit` (`onEpochEnd`, `onBatchEnd`, named with where in `what`);
 * returns what it threw or rejected with, for the trainer to stop there and keep what it learned
 * (see {@link callbackStop}), or undefined when it returned.
 */
export async function userCallback(what: string, call: () => void | Promise<void>): Promise<CallbackThrew | undefined> {
  try {
    await call();
    return undefined;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    return { label: `callbacks.${what.split(" ")[0]}`, cause, what: `callbacks.${what} threw: ${why}` };
  }
}

/** The early stop of a fit whose callback threw after `epoch`/`batch`; `kept` says what the partial result holds. */
export function callbackStop(threw: CallbackThrew, epoch: number, batch: number, kept: string): EarlyStop {
  return { reason: "callbackThrew", epoch, batch, message: `${threw.what}; training stopped there and ${kept} were kept` };
}

/** What a fit that stopped early names: the signal, the callback that threw, or the outputs whose loss went non-finite. */
export interface StopContext {
  readonly signal: AbortSignal | undefined;
  readonly callback: CallbackThrew | undefined;
  /** The label of a non-finite loss (the output ports, `out.y`). */
  readonly outputs: string;
}

/**
 * The TrainingError a fit that stopped early rejects with: its message the stop's (after `subject`, the network), its label and
 * cause the signal (and its reason), the callback (and what it threw) or the outputs; the
 * subnetwork trained so far attached for `partialResult(error)`.
 */
export function earlyStopError(subject: string, stopped: EarlyStop, trained: TrainedSubnetwork, context: StopContext): TrainingError {
  const { signal, callback } = context;
  const [label, caused] =
    stopped.reason === "aborted"
      ? ["signal", signal === undefined ? {} : { cause: signal.reason }]
      : stopped.reason === "callbackThrew"
        ? [callback?.label ?? "callbacks", callback === undefined ? {} : { cause: callback.cause }]
        : [context.outputs, {}];
  const error = new TrainingError(`${subject}: ${stopped.message}; partialResult(error) returns them`, { label, ...caused });
  attachPartialResult(error, trained);
  return error;
}

/** The label of a non-finite loss: the output ports with targets (`out.y,out.z`). */
export function outputsLabel(data: { readonly targets: Readonly<Record<string, unknown>> }): string {
  return Object.keys(data.targets)
    .map((t) => `out.${t}`)
    .join(",");
}
