import type { Issue } from "../errors.js";
import { f64At } from "../internal/checked.js";
import * as libm from "../runtime/libm.js";
import { checkParam } from "./internal/params.js";
import type { LIFRateOptions } from "./LIFRate.js";
import { LIFRate } from "./LIFRate.js";
import type { NeuronKind } from "./NeuronType.js";

/** Options of `SoftLIFRate`. */
export interface SoftLIFRateOptions extends LIFRateOptions {
  /** Amount of smoothing around the firing threshold, > 0 (larger = smoother). Default 1, as nengo_dl's `SoftLIFRate`. */
  readonly sigma?: number;
}

// Above this, softplus(x) equals x to machine precision (TensorFlow's threshold, log(eps) + 2).
const SOFTPLUS_LINEAR = -(libm.log(Number.EPSILON) + 2);

/**
 * LIF rate neuron smoothed around the firing threshold (nengo_dl's `SoftLIFRate`, after
 * Hunsberger & Eliasmith 2015), whose curve has a continuous derivative; used to train networks
 * that then run with LIF neurons. With `js = (J - 1) / sigma`, valid when `js > -20`:
 * `z = sigma · softplus(js)`, `q = valid ? log1p(1 / z) : -js - log(sigma)`, and the rate is
 * `amplitude / (tauRef + tauRc · q)`. It tends to LIFRate as sigma → 0.
 * Gain/bias are LIFRate's.
 * @throws ValidationError when `sigma <= 0` or a LIFRate parameter is out of range.
 */
export class SoftLIFRate extends LIFRate {
  override readonly kind: NeuronKind = "SoftLIFRate";
  /** Smoothing around the firing threshold. */
  readonly sigma: number;

  constructor(options: SoftLIFRateOptions = {}) {
    super(options);
    this.sigma = options.sigma ?? 1;
    if (new.target === SoftLIFRate) this.validate();
  }

  override rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const { tauRc, tauRef, amplitude, sigma } = this;
    const logSigma = libm.log(sigma);
    for (let i = 0; i < j.length; i++) {
      const js = (f64At(j, i) - 1) / sigma;
      let q: number;
      if (js > -20) {
        const z = (js > SOFTPLUS_LINEAR ? js : libm.log1p(libm.exp(js))) * sigma;
        q = libm.log1p(1 / z);
      } else {
        q = -js - logSigma;
      }
      out[i] = amplitude / (tauRef + tauRc * q);
    }
  }

  protected override collectIssues(issues: Issue[]): void {
    super.collectIssues(issues);
    checkParam(issues, this.kind, "sigma", this.sigma, { low: 0, lowOpen: true });
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [["sigma", this.sigma], ...super.describe()];
  }
}
