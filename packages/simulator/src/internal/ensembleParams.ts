import {
  BuildError,
  type DistOrArray,
  Distribution,
  defaultNEvalPoints,
  type Ensemble,
  PlexusError,
  type Rng,
  sampleOrArray,
  toShaped,
  ValidationError,
} from "@plexus/core";
import type { BuiltEnsemble } from "../Built.js";

/**
 * Eval points of an ensemble (Nengo's `gen_eval_points`): a distribution is sampled
 * (`nEvalPoints` or Nengo's default count), given points are taken as they are; both are scaled
 * by the radius when `scale`. Returns `m × dimensions`, row-major.
 */
export function genEvalPoints(ens: Ensemble, spec: DistOrArray, rng: Rng, scale: boolean, what: string): Float64Array {
  const d = ens.dimensions;
  let points: Float64Array;
  if (spec instanceof Distribution) {
    const m = ens.nEvalPoints ?? defaultNEvalPoints(ens.nNeurons, d);
    points = sampleOrArray(spec, m, d, rng, what);
  } else {
    const s = toShaped(spec as Parameters<typeof toShaped>[0]);
    if (typeof s === "string") throw new BuildError(`${what}: ${s}`, { label: ens.toString() });
    const ok = (s.shape.length === 2 && s.shape[1] === d) || (d === 1 && s.shape.length === 1);
    if (!ok) throw new BuildError(`${what}: has shape (${s.shape.join(", ")}), expected (nPoints, ${d})`, { label: ens.toString() });
    points = Float64Array.from(s.data);
  }
  if (scale) for (let i = 0; i < points.length; i++) points[i]! *= ens.radius;
  return points;
}

/**
 * Draws and computes the parameters of a (non-Direct) ensemble in Nengo's order, all from the
 * ensemble's generator: eval points, encoders (normalised), then gain and bias (from maxRates and
 * intercepts through the neuron type, unless given), then the neurons' initial state.
 * @throws BuildError for zero-length encoders, gains that are not finite and positive, or
 *   parameters the neuron type rejects.
 */
export function buildEnsembleParams(ens: Ensemble, rng: Rng): BuiltEnsemble {
  const name = ens.toString();
  const n = ens.nNeurons;
  const d = ens.dimensions;
  const type = ens.neuronType;
  const wrap = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (cause) {
      if (cause instanceof BuildError) throw cause;
      const msg = cause instanceof Error ? cause.message : String(cause);
      throw new BuildError(`${name}: ${what}: ${msg}`, { label: name, cause });
    }
  };

  const evalPoints = wrap("evalPoints", () => genEvalPoints(ens, ens.evalPoints, rng, true, `${name}.evalPoints`));

  const encoders = wrap("encoders", () => sampleOrArray(ens.encoders, n, d, rng, `${name}.encoders`));
  if (ens.normalizeEncoders) {
    for (let i = 0; i < n; i++) {
      let ss = 0;
      for (let j = 0; j < d; j++) {
        const v = encoders[i * d + j]!;
        ss += v * v;
      }
      const norm = Math.sqrt(ss);
      for (let j = 0; j < d; j++) encoders[i * d + j]! /= norm;
    }
  }
  for (let i = 0; i < encoders.length; i++) {
    if (Number.isNaN(encoders[i]!)) {
      throw new BuildError(
        `${name}.encoders: row ${Math.floor(i / d)} has zero length, so it cannot be normalised; give encoders of non-zero length, or set normalizeEncoders: false`,
        { label: name },
      );
    }
  }

  let gain: Float64Array;
  let bias: Float64Array;
  let maxRates: Float64Array | undefined;
  let intercepts: Float64Array | undefined;
  if (ens.gain !== undefined && ens.bias !== undefined) {
    const g = ens.gain;
    const b = ens.bias;
    gain = wrap("gain", () => sampleOrArray(g, n, 1, rng, `${name}.gain`));
    bias = wrap("bias", () => sampleOrArray(b, n, 1, rng, `${name}.bias`));
    try {
      const mi = type.maxRatesIntercepts(gain, bias);
      maxRates = Float64Array.from(mi.maxRates);
      intercepts = Float64Array.from(mi.intercepts);
    } catch (cause) {
      if (!(cause instanceof PlexusError)) throw cause;
      // a type without an inverse: leave maxRates and intercepts undefined
    }
  } else {
    const mr = wrap("maxRates", () => sampleOrArray(ens.maxRates, n, 1, rng, `${name}.maxRates`));
    const ic = wrap("intercepts", () => sampleOrArray(ens.intercepts, n, 1, rng, `${name}.intercepts`));
    maxRates = mr;
    intercepts = ic;
    const gb = wrap("maxRates, intercepts", () => type.gainBias(mr, ic));
    gain = Float64Array.from(gb.gain);
    bias = Float64Array.from(gb.bias);
    for (let i = 0; i < n; i++) {
      if (!(Number.isFinite(gain[i]!) && gain[i]! > 0)) {
        throw new BuildError(
          `${name}: the intercepts lead to neurons with negative or non-finite gain (neuron ${i}: gain ${gain[i]}, intercept ${ic[i]}, maxRate ${mr[i]}); adjust the intercepts so that all gains are positive (for LIF, keep intercepts below 1)`,
          { label: name },
        );
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(gain[i]!) || !Number.isFinite(bias[i]!)) {
      throw new BuildError(`${name}: gain and bias must be finite (neuron ${i}: gain ${gain[i]}, bias ${bias[i]})`, { label: name });
    }
  }

  const scaledEncoders = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const s = gain[i]! / ens.radius;
    for (let j = 0; j < d; j++) scaledEncoders[i * d + j] = encoders[i * d + j]! * s;
  }

  let initialState: Record<string, Float64Array>;
  try {
    initialState = type.makeState(n, rng);
  } catch (cause) {
    if (cause instanceof ValidationError) throw new BuildError(`${name}.neuronType.initialState: ${cause.message}`, { label: name, cause });
    throw cause;
  }

  const built: BuiltEnsemble = {
    nNeurons: n,
    dimensions: d,
    radius: ens.radius,
    encoders,
    scaledEncoders,
    gain,
    bias,
    evalPoints,
    nEvalPoints: evalPoints.length / d,
    initialState,
    ...(maxRates !== undefined ? { maxRates } : {}),
    ...(intercepts !== undefined ? { intercepts } : {}),
  };
  return built;
}
