import type { Network, PortDims } from "@plexus/core";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { TrainingData } from "./TrainingData.js";

/** Options every trainer's `fit` accepts. */
export interface FitOptions {
  /** Stops training: `fit` rejects with a `TrainingError` whose partial result `partialResult(error)` returns. */
  readonly signal?: AbortSignal;
  /**
   * Receives warnings (e.g. the trainer's own loss of its final parameters differs from the
   * deployed loss, an output no gradient reaches, parameters left to a learning rule).
   * Default: `console.warn`.
   */
  readonly onWarning?: (message: string) => void;
}

/**
 * One way of training a subnetwork: gradient descent, least squares, PES, CMA-ES, ... Every trainer
 * takes the network and data keyed by its ports (`[batch][steps][dims]`) and returns a sealed
 * {@link TrainedSubnetwork}: the same network with its trained parameters, and a report whose
 * `deployedLoss` is the loss of that frozen subnetwork run by the simulator through its ports.
 *
 * The network is not modified: trained parameters are kept as overrides by name. The trained
 * subnetwork is sealed: a trainer copies the network when `fit` is called (`freeze` copies it for a
 * trainer written elsewhere) and trains and keeps that copy, so nothing done to the network
 * afterwards, or while training runs, changes what the subnetwork computes, reports or saves.
 */
export interface Trainer<Options extends FitOptions = FitOptions> {
  /** The trainer's name, as reports and saved bundles give it (e.g. `"GradientTrainer"`). */
  readonly name: string;
  /**
   * Trains `network` on `data`.
   * @throws TrainingError naming the port: unknown port, wrong shape (expected vs got), a
   *   non-finite value (where), a loss that became NaN (which epoch; the last good parameters are
   *   kept in `partialResult(error)`), an aborted `signal`, or a callback that threw (its cause the
   *   thrown value; what was learned until then kept in `partialResult(error)`).
   */
  fit<const I extends PortDims, const O extends PortDims>(
    network: Network<I, O>,
    data: TrainingData<I, O>,
    options?: Options,
  ): Promise<TrainedSubnetwork<I, O>>;
}
