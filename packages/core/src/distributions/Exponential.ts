import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { Distribution } from "./Distribution.js";
import { exponentialVariate } from "./randomVariates.js";
import { sampleShape } from "./sampleShape.js";

/**
 * An exponential distribution, shifted and optionally clipped (Nengo's
 * `nengo.dists.Exponential`): `x = shift + Exp(scale)`, with values at or above `high` clipped to
 * the largest double below `high`.
 */
export class Exponential extends Distribution {
  readonly kind = "Exponential";
  /** The scale (mean of the unshifted distribution, 1 / rate), > 0. */
  readonly scale: number;
  /** Smallest value. Default 0. */
  readonly shift: number;
  /** Values >= high are clipped to just below it. Default Infinity. */
  readonly high: number;

  /** @throws ValidationError when `scale` is not a finite number > 0, or `shift`/`high` are NaN. */
  constructor(scale: number, shift = 0, high = Number.POSITIVE_INFINITY) {
    super();
    if (typeof scale !== "number" || !(scale > 0) || !Number.isFinite(scale)) {
      throw new ValidationError({ object: "Exponential", attr: "scale", message: `must be a finite number > 0 (got ${showValue(scale)})` });
    }
    if (typeof shift !== "number" || !Number.isFinite(shift)) {
      throw new ValidationError({ object: "Exponential", attr: "shift", message: `must be a finite number (got ${showValue(shift)})` });
    }
    if (typeof high !== "number" || Number.isNaN(high)) {
      throw new ValidationError({ object: "Exponential", attr: "high", message: `must be a number (got ${showValue(high)})` });
    }
    this.scale = scale;
    this.shift = shift;
    this.high = high;
    if (new.target === Exponential) freezeParameters(this);
  }

  sample(n: number, d: number | undefined, rng: Rng): Float64Array {
    const dd = sampleShape("Exponential", n, d);
    const out = new Float64Array(n * dd);
    const high = nextDown(this.high);
    for (let i = 0; i < out.length; i++) {
      const x = exponentialVariate(this.scale, rng) + this.shift;
      // Nengo's clip(x, shift, high) (numpy.clip): min(max(x, shift), high)
      out[i] = Math.min(Math.max(x, this.shift), high);
    }
    return out;
  }

  override toString(): string {
    return `Exponential(scale=${this.scale}, shift=${this.shift}, high=${this.high})`;
  }
}

/** numpy.nextafter(x, -inf): the largest double below x. */
function nextDown(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return x;
  if (x === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  if (x === 0) return -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}
