import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { sampleShape } from "./sampleShape.js";
import { valueRows } from "./valueRows.js";

/** Options of {@link Choice}. */
export interface ChoiceOptions {
  /** Relative probability of each option (normalised; >= 0, positive sum). Default: equal. */
  readonly weights?: ArrayLike<number>;
}

/**
 * A discrete distribution over given options (Nengo's `nengo.dists.Choice`): each draw is one
 * option (a number, or a row when the options are vectors), option i with probability
 * `weights[i] / sum(weights)`.
 */
export class Choice extends Distribution {
  readonly kind = "Choice";
  /** The options, `nOptions × dimensions` row-major. */
  readonly options: Float64Array;
  readonly nOptions: number;
  /** 0 for scalar options (Nengo's convention), else the length of each option. */
  readonly dimensions: number;
  /** The weights as given (Nengo's `weights`): all 1 when none were. */
  readonly weights: Float64Array;
  /** Normalised probabilities. */
  readonly p: Float64Array;
  private readonly cumulative: Float64Array;

  /** @throws ValidationError for no options, ragged or non-finite options, or bad weights. */
  constructor(options: ArrayLike<number> | ArrayLike<ArrayLike<number>>, choiceOptions: ChoiceOptions = {}) {
    super();
    const choiceOpts = optionsObject(choiceOptions, new.target.name);
    const rows = valueRows("Choice", "options", options, "option");
    const n = rows.count;
    this.options = rows.data;
    this.dimensions = rows.dimensions;
    this.nOptions = n;

    const weights = choiceOpts.weights === undefined ? new Float64Array(n).fill(1) : Float64Array.from(choiceOpts.weights);
    if (weights.length !== n) {
      throw new ValidationError({
        object: "Choice",
        attr: "weights",
        message: `number of weights (${weights.length}) must match number of options (${n})`,
      });
    }
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new ValidationError({ object: "Choice", attr: "weights", message: `all weights must be finite and non-negative (got ${w})` });
      }
      total += w;
    }
    if (!(total > 0)) throw new ValidationError({ object: "Choice", attr: "weights", message: `sum of weights must be positive (got ${total})` });
    this.weights = weights;
    this.p = weights.map((w) => w / total);
    this.cumulative = new Float64Array(n);
    let c = 0;
    for (let i = 0; i < n; i++) {
      c += f64At(this.p, i);
      this.cumulative[i] = c;
    }
    if (new.target === Choice) freezeParameters(this);
  }

  /**
   * Draws `n` options. `d` must be the options' length (1 or omitted for scalar options); omitted,
   * it is the options' length.
   * @throws ValidationError when `d` does not match the options.
   */
  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const width = Math.max(this.dimensions, 1);
    const dd = sampleShape("Choice", n, d ?? width);
    if (dd !== width) {
      throw new ValidationError({
        object: "Choice",
        attr: "options",
        message: `options must be of dimensionality ${dd} (got ${this.dimensions})`,
      });
    }
    const out = new Float64Array(n * width);
    const last = this.nOptions - 1;
    for (let k = 0; k < n; k++) {
      const u = rng.random();
      // numpy.searchsorted(cumsum(p), u): the first i with cumsum[i] >= u
      let lo = 0;
      let hi = last;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (f64At(this.cumulative, mid) >= u) hi = mid;
        else lo = mid + 1;
      }
      out.set(this.options.subarray(lo * width, lo * width + width), k * width);
    }
    return out;
  }

  override toString(): string {
    return `Choice(nOptions=${this.nOptions}, dimensions=${this.dimensions})`;
  }
}
