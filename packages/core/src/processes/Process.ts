import type { Rng } from "../Rng.js";

/**
 * The step function of a process: at time `t` (seconds, the step's time k·dt), with input `x`
 * (length sizeIn, empty when sizeIn is 0), writes the output into `out` (length sizeOut).
 * Allocates nothing.
 */
export type ProcessStep = ((t: number, x: Float64Array, out: Float64Array) => void) & {
  /**
   * What the step keeps between calls besides its generator (e.g. a filter's state), as one
   * array that the step reads and writes in place: simulator snapshots save and restore it with
   * the generator's state. A step whose only memory is its `rng` (or none) has no `state`; one
   * that keeps other memory in its closure must expose it here to be snapshotted exactly.
   */
  readonly state?: Float64Array;
};

/**
 * A process (Nengo's `nengo.Process`): a possibly stateful, possibly random signal generator
 * that drives a Node. Randomness comes only from the `rng` given to `makeStep`.
 */
export abstract class Process {
  abstract readonly kind: string;
  /** Output size when the Node does not say (Nengo's `default_size_out`). */
  abstract readonly defaultSizeOut: number;
  /** Input size when the Node does not say. */
  readonly defaultSizeIn: number = 0;
  /** Seed fixed by the user; otherwise the Node's derived seed is used. */
  readonly seed: number | undefined;

  constructor(options: { seed?: number | undefined } = {}) {
    this.seed = options.seed;
  }

  abstract makeStep(sizeIn: number, sizeOut: number, dt: number, rng: Rng): ProcessStep;

  /** Runs the process alone for `nSteps` steps (t = dt..nSteps·dt) and returns `nSteps × sizeOut`. */
  runSteps(nSteps: number, dt: number, rng: Rng, sizeOut: number = this.defaultSizeOut): Float64Array {
    const step = this.makeStep(this.defaultSizeIn, sizeOut, dt, rng);
    const out = new Float64Array(nSteps * sizeOut);
    const x = new Float64Array(this.defaultSizeIn);
    for (let k = 0; k < nSteps; k++) step((k + 1) * dt, x, out.subarray(k * sizeOut, (k + 1) * sizeOut));
    return out;
  }
}
