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
import { f64At } from "@plexus/core/runtime";
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
  if (scale) points.forEach((v, i) => (points[i] = v * ens.radius));
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
      for (let j = i * d; j < (i + 1) * d; j++) ss += f64At(encoders, j) * f64At(encoders, j);
      const norm = Math.sqrt(ss);
      for (let j = i * d; j < (i + 1) * d; j++) encoders[j] = f64At(encoders, j) / norm;
    }
  }
  for (let i = 0; i < encoders.length; i++) {
    if (Number.isNaN(encoders[i])) {
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
    for (let i = 0; i < gain.length; i++) {
      const g = f64At(gain, i);
      if (!(Number.isFinite(g) && g > 0)) {
        const rate = f64At(mr, i);
        if (!(rate > 0)) {
          throw new BuildError(`${name}: maxRates must be positive (neuron ${i}: maxRate ${rate}, which gives gain ${g}); give max rates above 0 Hz`, {
            label: name,
          });
        }
        throw new BuildError(
          `${name}: the intercepts lead to neurons with negative or non-finite gain (neuron ${i}: gain ${g}, intercept ${ic[i]}, maxRate ${mr[i]}); adjust the intercepts so that all gains are positive (for LIF, keep intercepts below 1)`,
          { label: name },
        );
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const g = gain[i];
    const b = bias[i];
    if (g === undefined || b === undefined || !Number.isFinite(g) || !Number.isFinite(b)) {
      throw new BuildError(`${name}: gain and bias must be finite (neuron ${i}: gain ${g}, bias ${b})`, { label: name });
    }
  }

  const scaledEncoders = new Float64Array(n * d);
  scaleEncoders(scaledEncoders, encoders, gain, ens.radius, d);

  let initialState: Record<string, Float64Array>;
  try {
    initialState = type.makeState(n, rng);
  } catch (cause) {
    if (cause instanceof ValidationError) throw new BuildError(`${name}.neuronType.initialState: ${cause.message}`, { label: name, cause });
    throw cause;
  }
  checkState(initialState, name);

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

/**
 * Nengo's checks on the state a neuron type makes: no name of the neurons' own signals (`input`,
 * `output`), and an array per state variable.
 */
function checkState(state: Readonly<Record<string, unknown>>, name: string): void {
  for (const [key, value] of Object.entries(state)) {
    if (key === "input" || key === "output") {
      throw new BuildError(`${name}.neuronType: state name '${key}' overlaps with the neurons' ${key} signal; rename the state variable`, { label: name });
    }
    if (!(value instanceof Float64Array || Array.isArray(value))) {
      throw new BuildError(`${name}.neuronType: state '${key}' is ${showType(value)}; makeState must give an array of one number per neuron`, { label: name });
    }
  }
}

function showType(value: unknown): string {
  return value === null ? "null" : typeof value === "object" ? `an object (${value.constructor?.name ?? "no class"})` : `of type ${typeof value}`;
}

/**
 * Nengo's `scaled_encoders`: row i of `encoders` (n × d, row-major) times `gain[i] / radius`,
 * written into `out`.
 */
export function scaleEncoders(out: Float64Array, encoders: Float64Array, gain: Float64Array, radius: number, d: number): void {
  for (let i = 0; i < gain.length; i++) {
    const s = f64At(gain, i) / radius;
    for (let j = i * d; j < (i + 1) * d; j++) out[j] = f64At(encoders, j) * s;
  }
}
