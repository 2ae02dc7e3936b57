import { ValidationError } from "./errors.js";
import { IRObject } from "./IRObject.js";
import { firstNonFinite } from "./internal/shape.js";
import { sizeProblem } from "./internal/sizeLimit.js";
import { Process } from "./processes/Process.js";

/**
 * A callable node output: called once per step with the step's time `t` and summed input `x`.
 * `x` is one array reused from step to step (the simulator writes each step's input into it, as
 * Nengo passes a view): copy it (`Float64Array.from(x)`) to keep a step's values. A returned array
 * is copied out at once, so the function may reuse its own.
 */
export type NodeFunction = (t: number, x: Float64Array) => number | ArrayLike<number>;

/**
 * What a Node outputs: a constant (number or array), a function of time and input, a Process, or
 * `null` for a pass-through node whose output is its summed input.
 */
export type NodeOutput = number | ArrayLike<number> | NodeFunction | Process | null;

export interface NodeOptions {
  /** Output: constant, function `(t, x) => ...`, Process, or null (pass-through). Default null. */
  readonly output?: NodeOutput;
  /** Input dimensions (default 0, or sizeOut for a pass-through node). */
  readonly sizeIn?: number;
  /** Output dimensions (default: inferred as Nengo does, from one call at t = 0). */
  readonly sizeOut?: number;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * Provides non-neural input or output (Nengo's `nengo.Node`). A callable output is called once at
 * construction (t = 0, x = zeros) to infer `sizeOut` unless it is given, then once per step.
 */
export class Node extends IRObject {
  readonly kind = "node" as const;
  readonly output: NodeOutput;
  readonly sizeIn: number;
  readonly sizeOut: number;

  constructor(options: NodeOptions = {}) {
    super(options);
    const output = options.output ?? null;
    this.output = output;
    const where = options.label !== undefined ? `Node '${options.label}'` : "Node";
    const checkSize = (attr: string, v: number | undefined): void => {
      const problem = v === undefined ? null : sizeProblem(v, 0);
      if (problem !== null) throw new ValidationError({ object: where, attr, message: problem });
    };
    checkSize("sizeIn", options.sizeIn);
    checkSize("sizeOut", options.sizeOut);

    if (output === null) {
      const n = options.sizeIn ?? options.sizeOut;
      if (n === undefined) {
        throw new ValidationError({
          object: where,
          attr: "sizeIn",
          message: "a pass-through node (output null) needs sizeIn (its output is its summed input)",
        });
      }
      if (options.sizeOut !== undefined && options.sizeOut !== n) {
        throw new ValidationError({
          object: where,
          attr: "sizeOut",
          message: `must equal sizeIn for a pass-through node (got ${options.sizeOut}, sizeIn ${n})`,
        });
      }
      this.sizeIn = n;
      this.sizeOut = n;
    } else if (typeof output === "number" || isArrayLike(output)) {
      const values = typeof output === "number" ? [output] : output;
      const bad = firstNonFinite(values);
      if (bad >= 0) {
        throw new ValidationError({ object: where, attr: "output", message: `entry ${bad} is ${values[bad]}; constant outputs must be finite` });
      }
      if ((options.sizeIn ?? 0) !== 0) {
        throw new ValidationError({
          object: where,
          attr: "sizeIn",
          message: `a constant node takes no input (got sizeIn ${options.sizeIn}); use a function (t, x) => ...`,
        });
      }
      if (options.sizeOut !== undefined && options.sizeOut !== values.length) {
        throw new ValidationError({ object: where, attr: "sizeOut", message: `is ${options.sizeOut} but the constant output has ${values.length} entries` });
      }
      this.sizeIn = 0;
      this.sizeOut = values.length;
    } else if (output instanceof Process) {
      this.sizeIn = options.sizeIn ?? output.defaultSizeIn;
      this.sizeOut = options.sizeOut ?? output.defaultSizeOut;
    } else if (typeof output === "function") {
      this.sizeIn = options.sizeIn ?? 0;
      if (options.sizeOut !== undefined) {
        this.sizeOut = options.sizeOut;
      } else {
        let probe: number | ArrayLike<number>;
        try {
          probe = output(0, new Float64Array(this.sizeIn));
        } catch (cause) {
          throw new ValidationError(
            { object: where, attr: "output", message: `calling output(0, zeros(${this.sizeIn})) to infer sizeOut threw; give sizeOut or fix the function` },
            { cause },
          );
        }
        if (probe === undefined || probe === null) {
          this.sizeOut = 0;
        } else if (typeof probe === "number") {
          this.sizeOut = 1;
        } else if (isArrayLike(probe)) {
          const entry = Array.from(probe as ArrayLike<unknown>).findIndex((v) => typeof v !== "number");
          if (entry >= 0) {
            // Nengo: "Node output must be a vector (got shape (1, 2))"
            throw new ValidationError({
              object: where,
              attr: "output",
              message: `the function returned a non-number at index ${entry} (a nested array?); return a number or a flat array of numbers`,
            });
          }
          this.sizeOut = probe.length;
        } else {
          throw new ValidationError({
            object: where,
            attr: "output",
            message: `the function returned ${typeof probe}; return a number or an array of numbers`,
          });
        }
      }
    } else {
      throw new ValidationError({ object: where, attr: "output", message: "must be a number, an array, a function (t, x) => ..., a Process or null" });
    }
  }

  /** True for a pass-through node (output = summed input). */
  get passthrough(): boolean {
    return this.output === null;
  }
}

function isArrayLike(x: unknown): x is ArrayLike<number> {
  return Array.isArray(x) || ArrayBuffer.isView(x);
}
