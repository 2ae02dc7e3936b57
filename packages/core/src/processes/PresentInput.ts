import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { elemAt, f64At } from "../internal/checked.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { requirePositive, requireSize } from "./checkProcess.js";
import { Process, type ProcessStep } from "./Process.js";

/** An input of {@link PresentInput}: a number or (nested) numbers, flattened row-major. */
export type PresentInputValue = number | ArrayLike<PresentInputValue>;

/** Options of {@link PresentInput}. */
export interface PresentInputOptions {
  /** One input per row (rows are flattened; a flat list of numbers is one scalar input per entry). */
  readonly inputs: ArrayLike<PresentInputValue>;
  /** Seconds each input is shown (> 0). */
  readonly presentationTime: number;
  /** A fixed seed (unused: the process is deterministic). */
  readonly seed?: number | undefined;
}

/**
 * Presents a series of inputs, each for `presentationTime` seconds, cycling (Nengo's
 * `nengo.processes.PresentInput`). At time t the output is `inputs[i mod n]` with
 * `i = trunc((t - dt) / presentationTime + 1e-7)`: the first input shows for t = dt ..
 * presentationTime.
 */
export class PresentInput extends Process {
  readonly kind = "PresentInput";
  /** The inputs, `nInputs × size` row-major (each row flattened). */
  readonly inputs: Float64Array;
  readonly nInputs: number;
  /** Seconds each input is shown. */
  readonly presentationTime: number;
  readonly defaultSizeOut: number;

  /**
   * @example new PresentInput({ inputs: [[0, 1], [1, 0]], presentationTime: 0.1 })
   * @throws ValidationError for no inputs, rows of different sizes, non-numbers, or a
   *   presentation time that is not > 0; and for arguments that are not one options object.
   */
  constructor(options: PresentInputOptions) {
    if (typeof options !== "object" || options === null || Array.isArray(options) || arguments.length > 1) {
      throw new ValidationError({
        object: "PresentInput",
        message:
          "takes one options object, e.g. new PresentInput({ inputs: [[0, 1], [1, 0]], presentationTime: 0.1 }) (the positional form (inputs, presentationTime) is gone)",
      });
    }
    super({ seed: options.seed });
    const { inputs, presentationTime } = options;
    this.presentationTime = requirePositive("PresentInput", "presentationTime", presentationTime);
    const n = inputs?.length ?? 0;
    if (n === 0) throw new ValidationError({ object: "PresentInput", attr: "inputs", message: "must hold at least one input (got none)" });
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) {
      const row = inputs[i];
      rows.push(typeof row === "number" ? [row] : flatten(row));
    }
    const size = elemAt(rows, 0).length;
    const flatRows = new Float64Array(n * size);
    rows.forEach((row, i) => {
      if (row.length !== size) {
        throw new ValidationError({
          object: "PresentInput",
          attr: "inputs",
          message: `input ${i} has ${row.length} values, but input 0 has ${size}`,
        });
      }
      for (const v of row) {
        if (typeof v !== "number") {
          throw new ValidationError({ object: "PresentInput", attr: "inputs", message: `must be numbers (got ${showValue(v)})` });
        }
      }
      flatRows.set(row, i * size);
    });
    this.inputs = flatRows;
    this.nInputs = n;
    this.defaultSizeOut = size;
    if (new.target === PresentInput) freezeParameters(this);
  }

  makeStep(sizeIn: number, sizeOut: number, dt: number, _rng: Rng): ProcessStep {
    requireSize("PresentInput", "sizeIn", sizeIn, 0);
    requireSize("PresentInput", "sizeOut", sizeOut, this.defaultSizeOut);
    const { inputs, nInputs: n, presentationTime } = this;
    const size = sizeOut;
    return (t, _x, out) => {
      const i = Math.trunc((t - dt) / presentationTime + 1e-7);
      const row = ((i % n) + n) % n;
      for (let j = 0; j < size; j++) out[j] = f64At(inputs, row * size + j);
    };
  }
}

function flatten(x: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "object" && v !== null && typeof (v as ArrayLike<unknown>).length === "number") {
      const a = v as ArrayLike<unknown>;
      for (let i = 0; i < a.length; i++) walk(a[i]);
    } else out.push(v as number);
  };
  walk(x);
  return out;
}
