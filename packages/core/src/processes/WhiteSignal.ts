import { ValidationError } from "../errors.js";
import { freezeParameters } from "../FrozenObject.js";
import { f64At } from "../internal/checked.js";
import { roundHalfEven } from "../internal/roundHalfEven.js";
import { showValue } from "../internal/showValue.js";
import type { Rng } from "../Rng.js";
import { requirePositive, requireSize } from "./checkProcess.js";
import { irfft } from "./fft.js";
import { Process, type ProcessStep } from "./Process.js";

/** Options of {@link WhiteSignal}. */
export interface WhiteSignalOptions {
  /** Root-mean-square of the signal. Default 0.5. */
  readonly rms?: number;
  /**
   * Start each dimension at the point of its period closest to y0 (Nengo's `y0`). Default:
   * none (the signal starts at the period's beginning).
   */
  readonly y0?: number;
  readonly seed?: number | undefined;
}

/**
 * Ideal low-pass filtered white noise, made in the frequency domain (Nengo's
 * `nengo.processes.WhiteSignal`): equal power at every frequency up to `high` Hz, none above,
 * periodic with `period` seconds (smooth across the wrap).
 *
 * For time step dt, with m = ceil(period / dt / 2): m + 1 complex coefficients per dimension get
 * Gaussian imaginary then real parts with standard deviation `rms/√2`; the DC coefficient is 0,
 * the Nyquist one real; those above `high` are zeroed and the rest scaled by
 * `1/√(1 - zeroed/m)` to keep the power; everything is scaled by √(2m) and inverse-FFT'd into a
 * signal of 2m samples. The output at time t is sample `round(t/dt) mod 2m`.
 */
export class WhiteSignal extends Process {
  readonly kind = "WhiteSignal";
  readonly defaultSizeOut = 1;
  /** Seconds after which the signal repeats. */
  readonly period: number;
  /** Cut-off frequency in Hz. */
  readonly high: number;
  readonly rms: number;
  readonly y0: number | undefined;

  /**
   * @throws ValidationError when `period`, `high` or `rms` is not a finite number > 0, or
   *   `high < 1 / period` (the signal would be zero).
   */
  constructor(period: number, high: number, options: WhiteSignalOptions = {}) {
    super(options);
    this.period = requirePositive("WhiteSignal", "period", period);
    this.high = requirePositive("WhiteSignal", "high", high);
    this.rms = requirePositive("WhiteSignal", "rms", options.rms ?? 0.5);
    if (options.y0 !== undefined && (typeof options.y0 !== "number" || !Number.isFinite(options.y0))) {
      throw new ValidationError({ object: "WhiteSignal", attr: "y0", message: `must be a finite number (got ${showValue(options.y0)})` });
    }
    this.y0 = options.y0;
    if (high < 1 / period) {
      throw new ValidationError({
        object: "WhiteSignal",
        attr: "high",
        message: `must be >= 1 / period (${1 / period} Hz) to produce a non-zero signal (got ${high})`,
      });
    }
    if (new.target === WhiteSignal) freezeParameters(this);
  }

  /**
   * The whole period of the signal at time step `dt`: `2m × sizeOut`, row-major.
   * @throws ValidationError when `high` exceeds the Nyquist frequency 0.5 / dt.
   */
  makeSignal(sizeOut: number, dt: number, rng: Rng): Float64Array {
    const nyquist = 0.5 / dt;
    if (this.high > nyquist) {
      throw new ValidationError({
        object: "WhiteSignal",
        attr: "high",
        message: `must not exceed the Nyquist frequency for dt=${dt} (${nyquist} Hz; got ${this.high})`,
      });
    }
    const m = Math.ceil(this.period / dt / 2);
    const n = 2 * m;
    const rows = m + 1;
    const sigma = this.rms * Math.sqrt(0.5);
    const im = new Float64Array(rows * sizeOut);
    const re = new Float64Array(rows * sizeOut);
    for (let i = 0; i < im.length; i++) im[i] = rng.normal(0, sigma);
    for (let i = 0; i < re.length; i++) re[i] = rng.normal(0, sigma);
    for (let j = 0; j < sizeOut; j++) {
      re[j] = 0;
      im[j] = 0;
      im[m * sizeOut + j] = 0;
    }
    // numpy.fft.rfftfreq(n, dt): k / (n dt)
    const step = 1 / (n * dt);
    let zeroed = 0;
    for (let k = 0; k < rows; k++) {
      if (k * step > this.high) {
        zeroed++;
        for (let j = 0; j < sizeOut; j++) re[k * sizeOut + j] = im[k * sizeOut + j] = 0;
      }
    }
    const powerCorrection = Math.sqrt(1 - zeroed / m);
    const gain = Math.sqrt(n);
    for (let i = 0; i < re.length; i++) {
      let r = f64At(re, i);
      let c = f64At(im, i);
      if (powerCorrection > 0) {
        r /= powerCorrection;
        c /= powerCorrection;
      }
      re[i] = r * gain;
      im[i] = c * gain;
    }

    const signal = new Float64Array(n * sizeOut);
    const colRe = new Float64Array(rows);
    const colIm = new Float64Array(rows);
    for (let j = 0; j < sizeOut; j++) {
      for (let k = 0; k < rows; k++) {
        colRe[k] = f64At(re, k * sizeOut + j);
        colIm[k] = f64At(im, k * sizeOut + j);
      }
      const x = irfft(colRe, colIm, n);
      let shift = 0;
      if (this.y0 !== undefined) {
        // start where the signal is closest to y0: numpy.roll(x, -argmin|y0 - x| + 1)
        let best = Infinity;
        for (let t = 0; t < n; t++) {
          const dist = Math.abs(this.y0 - f64At(x, t));
          if (dist < best) {
            best = dist;
            shift = t;
          }
        }
        shift -= 1;
      }
      for (let t = 0; t < n; t++) signal[t * sizeOut + j] = f64At(x, (((t + shift) % n) + n) % n);
    }
    return signal;
  }

  makeStep(sizeIn: number, sizeOut: number, dt: number, rng: Rng): ProcessStep {
    requireSize("WhiteSignal", "sizeIn", sizeIn, 0);
    const signal = this.makeSignal(sizeOut, dt, rng);
    const n = signal.length / Math.max(sizeOut, 1);
    return (t, _x, out) => {
      const i = roundHalfEven(t / dt);
      const row = ((i % n) + n) % n;
      for (let j = 0; j < sizeOut; j++) out[j] = f64At(signal, row * sizeOut + j);
    };
  }
}
