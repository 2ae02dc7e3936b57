import { ValidationError } from "../errors.js";
import { FrozenObject } from "../FrozenObject.js";
import { seedNumber } from "../IRObject.js";
import { optionsObject } from "../internal/optionsObject.js";
import { Rng } from "../Rng.js";

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
export abstract class Process extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a process";
  }

  abstract readonly kind: string;
  /** Output size when the Node does not say (Nengo's `default_size_out`). */
  abstract readonly defaultSizeOut: number;
  /** Input size when the Node does not say. */
  readonly defaultSizeIn: number = 0;
  /** Seed fixed by the user; otherwise the Node's derived seed is used. */
  readonly seed: number | undefined;

  /** @throws ValidationError when `options` is not an object or the seed not a finite integer */
  constructor(options: { seed?: number | undefined } = {}) {
    super();
    this.seed = seedNumber(optionsObject(options, new.target.name).seed, new.target.name);
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

  /** The step times of `nSteps` steps at `dt` (Nengo's `ntrange`): dt, 2·dt, …, nSteps·dt. */
  ntrange(nSteps: number, dt = 0.001): Float64Array {
    if (!(Number.isInteger(nSteps) && nSteps >= 0)) {
      throw new ValidationError({ object: this.kind, attr: "nSteps", message: `must be an integer >= 0 (got ${nSteps})` });
    }
    return Float64Array.from({ length: nSteps }, (_, i) => dt * (i + 1));
  }

  /** The step times of a run of `duration` seconds at `dt` (Nengo's `trange`: round(duration/dt) steps, half to even). */
  trange(duration: number, dt = 0.001): Float64Array {
    if (!(Number.isFinite(duration) && duration >= 0 && Number.isFinite(dt) && dt > 0)) {
      throw new ValidationError({ object: this.kind, attr: "duration", message: `needs a finite duration >= 0 and dt > 0 (got ${duration}, ${dt})` });
    }
    const q = duration / dt;
    const r = Math.round(q);
    return this.ntrange(Math.abs(q - Math.trunc(q)) === 0.5 && r % 2 !== 0 ? r - 1 : r, dt);
  }

  /**
   * Runs the process outside a simulator (Nengo's `apply`), step i at t = (i+1)·dt: on an input
   * signal `x` (`nSteps × sizeIn`, row-major; `sizeIn` default `defaultSizeIn`) or, for a process
   * without input, for `x` steps. Returns `nSteps × sizeOut` (`sizeOut` default
   * `defaultSizeOut`). Random processes draw from `rng` (default: one seeded with the process's
   * seed, or 0).
   */
  apply(x: Float64Array | number, options: { sizeIn?: number; sizeOut?: number; dt?: number; rng?: Rng } = {}): Float64Array {
    const { sizeIn = this.defaultSizeIn, sizeOut = this.defaultSizeOut, dt = 0.001 } = options;
    const input = typeof x === "number" ? new Float64Array(0) : x;
    const nSteps = typeof x === "number" ? x : sizeIn > 0 ? x.length / sizeIn : NaN;
    if (typeof x === "number" ? sizeIn !== 0 : !(Number.isInteger(sizeIn) && sizeIn >= 1)) {
      throw new ValidationError({
        object: this.kind,
        attr: "x",
        message: `give ${sizeIn === 0 ? "a step count (this process takes no input)" : `an input signal of rows of ${sizeIn}`}`,
      });
    }
    if (!(Number.isInteger(nSteps) && nSteps >= 0)) {
      throw new ValidationError({
        object: this.kind,
        attr: "x",
        message: `must be a whole number of steps (got ${typeof x === "number" ? x : `${input.length} values in rows of ${sizeIn}`})`,
      });
    }
    const step = this.makeStep(sizeIn, sizeOut, dt, options.rng ?? new Rng(this.seed ?? 0));
    const out = new Float64Array(nSteps * sizeOut);
    for (let i = 0; i < nSteps; i++) step((i + 1) * dt, input.subarray(i * sizeIn, (i + 1) * sizeIn), out.subarray(i * sizeOut, (i + 1) * sizeOut));
    return out;
  }
}
