import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { sampleShape } from "./sampleShape.js";
import { valueRows } from "./valueRows.js";

/**
 * A fixed set of samples used where a distribution is expected (Nengo's `nengo.dists.Samples`):
 * `sample(n, d)` returns them as they are, and refuses an `n` or `d` that does not match them
 * (`n` samples of `d` numbers; numbers given as a flat list are `d` 1 or omitted). Draws nothing
 * from the generator.
 */
export class Samples extends Distribution {
  readonly kind = "Samples";
  /** The samples, `nSamples × dimensions` row-major (`dimensions` 0: a flat list of numbers). */
  readonly samples: Float64Array;
  readonly nSamples: number;
  /** 0 when the samples were given as numbers (Nengo's 1-D array), else the length of each. */
  readonly dimensions: number;

  /** @throws ValidationError for no samples, ragged rows, or entries that are not numbers. */
  constructor(samples: ArrayLike<number> | ArrayLike<ArrayLike<number>>) {
    super();
    const rows = valueRows("Samples", "samples", samples, "sample");
    this.samples = rows.data;
    this.nSamples = rows.count;
    this.dimensions = rows.dimensions;
    if (new.target === Samples) freezeParameters(this);
  }

  /**
   * The samples, when `n` is their count and `d` their length (omitted: numbers given flat, rows
   * of length 1, or a single row of `n` numbers, as Nengo squeezes them).
   * @throws ValidationError when `n` or `d` does not match the samples.
   */
  sample(n: number, d: number | undefined, _rng: Rng): Float64Array {
    sampleShape("Samples", n, d);
    const { nSamples, dimensions } = this;
    // Nengo's shape: (count,) for flat numbers or, with d omitted, a squeezed (count, 1) or (1, k)
    const flat = dimensions === 0 || (d === undefined && (dimensions === 1 || nSamples === 1));
    const count = flat ? this.samples.length : nSamples;
    const width = flat ? 1 : dimensions;
    if (count !== n) {
      throw new ValidationError({ object: "Samples", attr: "samples", message: `Wrong number of samples requested; got ${n}, should be ${count}` });
    }
    if (d === undefined ? !flat : d !== width) {
      throw new ValidationError({
        object: "Samples",
        attr: "samples",
        message: `Wrong sample dimensionality requested; got ${d === undefined ? "undefined" : d}, should be ${width}`,
      });
    }
    return this.samples.slice();
  }

  override toString(): string {
    return `Samples(nSamples=${this.nSamples}, dimensions=${this.dimensions})`;
  }
}
