import { Distribution } from "../distributions/Distribution.js";
import { ValidationError } from "../errors.js";
import { optionsObject } from "../internal/optionsObject.js";
import { firstNonFinite, fmtShape, type NumericLike, type Shaped, toShaped } from "../internal/shape.js";
import type { Rng } from "../Rng.js";
import { checkShape } from "./shapeChecks.js";
import { Transform } from "./Transform.js";

export interface DenseOptions {
  /** `[sizeOut, sizeIn]`. */
  readonly shape: readonly [number, number] | readonly number[];
  /**
   * The matrix (`sizeOut × sizeIn`), or a Distribution sampled at build with the connection's
   * seed; a square matrix may also be given as a scalar (`init · I`) or a vector (its diagonal).
   * Default 1.
   */
  readonly init?: NumericLike | Distribution;
}

/**
 * A dense matrix transform (Nengo's `nengo.transforms.Dense`). Connections given numbers as
 * their transform hold one of these.
 */
export class Dense extends Transform {
  readonly kind = "Dense" as const;
  /** `[sizeOut, sizeIn]`. */
  readonly shape: readonly [number, number];
  /** The values as given (shape `[]`, `[n]` or `[sizeOut, sizeIn]`), or the distribution to sample. */
  readonly init: Shaped | Distribution;

  /** @throws ValidationError naming `Dense` when the shape or the init's shape is wrong. */
  constructor(options: DenseOptions) {
    super();
    const opts = optionsObject(options, new.target.name);
    const [rows, cols] = checkShape("Dense", "shape", opts.shape, 2, 1) as [number, number];
    this.shape = [rows, cols];
    this.init = denseInit(opts.init ?? 1, rows, cols);
  }

  get sizeIn(): number {
    return this.shape[1];
  }

  get sizeOut(): number {
    return this.shape[0];
  }

  /**
   * The values: `init` as given, or `sizeOut × sizeIn` draws of the distribution from `rng`
   * (Nengo's `Dense.sample`).
   */
  sample(rng: Rng): Shaped {
    if (this.init instanceof Distribution) {
      const data = this.init.sample(this.shape[0], this.shape[1], rng);
      if (data.length !== this.shape[0] * this.shape[1]) {
        throw new ValidationError({
          object: "Dense",
          attr: "init",
          message: `${String(this.init)} returned ${data.length} values, expected ${this.shape[0] * this.shape[1]}`,
        });
      }
      return { data, shape: [...this.shape] };
    }
    return { data: Float64Array.from(this.init.data), shape: [...this.init.shape] };
  }
}

function denseInit(init: NumericLike | Distribution, rows: number, cols: number): Shaped | Distribution {
  if (init instanceof Distribution) return init;
  const fail = (message: string): never => {
    throw new ValidationError({ object: "Dense", attr: "init", message });
  };
  const s = toShaped(init);
  if (typeof s === "string") return fail(s);
  const bad = firstNonFinite(s.data);
  if (bad >= 0) fail(`entry ${bad} is ${s.data[bad]}; transforms must be finite`);
  const expected = rows !== cols || s.shape.length === 2 ? [rows, cols] : s.shape.length === 1 ? [rows] : [];
  if (s.shape.length !== expected.length || s.shape.some((v, i) => v !== expected[i])) {
    fail(`shape of the initial value ${fmtShape(s.shape)} does not match the expected shape ${fmtShape(expected)}`);
  }
  return s;
}
