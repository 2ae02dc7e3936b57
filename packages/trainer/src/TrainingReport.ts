/** What `onEpochEnd` receives and `report.history` keeps for each epoch. */
export interface EpochLogs {
  /** The epoch, counted from 0. */
  readonly epoch: number;
  /**
   * The running average of the minibatch losses over this epoch (each minibatch's mean loss,
   * weighted by its size), computed while the parameters changed: the number Keras and tfjs
   * print as `loss`. Not the loss of the parameters at the end of the epoch.
   */
  readonly loss: number;
  /** The loss on `validationData` with the parameters at the end of the epoch (when given). */
  readonly valLoss?: number;
}

/** What `onBatchEnd` receives for each minibatch. */
export interface BatchLogs {
  /** The minibatch within its epoch, counted from 0. */
  readonly batch: number;
  /** The epoch, counted from 0. */
  readonly epoch: number;
  /** Number of examples in this minibatch. */
  readonly size: number;
  /** The mean loss of this minibatch, before the optimiser step it led to. */
  readonly loss: number;
}

/** Why training ended before its last epoch. */
export interface EarlyStop {
  /** The loss became NaN or infinite; the run's `signal` was aborted; a callback (`onEpochEnd`, `onBatchEnd`) threw or rejected. */
  readonly reason: "nonFiniteLoss" | "aborted" | "callbackThrew";
  /** The epoch (from 0) during which it stopped. */
  readonly epoch: number;
  /** The minibatch (from 0) of that epoch during which it stopped. */
  readonly batch: number;
  /** A sentence saying what happened and which parameters were kept. */
  readonly message: string;
}

/**
 * The report of a training run: what the trainer saw, and what the frozen subnetwork does when
 * the simulator runs it through its ports on the same data.
 */
export interface TrainingReport {
  /** The trainer's name, e.g. `"GradientTrainer"`. */
  readonly trainer: string;
  /** The engine that computed the training (`"typed"`, `"tfjs"`, ...; a trainer's own name where it has none). */
  readonly engine: string;
  /** The engine's backend that ran, where it has several (the tfjs engine: `"tensorflow"`, `"wasm"` or `"cpu"`). */
  readonly backend?: string;
  /** The loss function, e.g. `"mse"`. */
  readonly loss: string;
  /** Epochs completed. */
  readonly epochs: number;
  /**
   * The running average of the minibatch losses over the last epoch: the number Keras and tfjs
   * print. The parameters changed while it was summed, and gradient trainers may train spiking
   * neurons through a rate approximation, so it is NOT the loss of the subnetwork you deploy;
   * that is `deployedLoss`. NaN when no epoch completed.
   */
  readonly trainLoss: number;
  /**
   * The loss of the frozen subnetwork, run by `@plexus/simulator` through its ports on the
   * training data (every example from a reset simulator): the loss you deploy.
   */
  readonly deployedLoss: number;
  /**
   * The trainer's own loss of the final parameters on the training data: a gradient trainer's
   * engine in inference mode, a least-squares fit's loss, CMA-ES's best candidate's. It must equal
   * `deployedLoss` to 1e-4 relative (`lossesAgree`). NaN when the trainer computes none (PES,
   * a solve on eval points).
   */
  readonly finalLoss: number;
  /**
   * Whether `finalLoss` equals `deployedLoss` to 1e-4 relative: what must hold when the trainer
   * and the simulator compute the same network (a warning says so when it does not). null when
   * there is no `finalLoss` to compare.
   */
  readonly lossesAgree: boolean | null;
  /** One entry per completed epoch. */
  readonly history: readonly EpochLogs[];
  /** Time step (s) of the deployed simulation. */
  readonly dt: number;
  /** Seed of the deployed build (non-trained parameters and neuron states are drawn from it). */
  readonly seed: number;
  /** Present when training stopped early (the parameters kept are described there). */
  readonly stopped?: EarlyStop;
}
