import type { DistOrArray } from "./distributions/Distribution.js";
import { ScatteredHypersphere } from "./distributions/ScatteredHypersphere.js";
import { Uniform } from "./distributions/Uniform.js";
import { ValidationError } from "./errors.js";
import { IRObject } from "./IRObject.js";
import { sizeProblem } from "./internal/sizeLimit.js";
import { warn } from "./internal/warn.js";
import { Neurons } from "./Neurons.js";
import { LIF } from "./neurons/LIF.js";
import type { NeuronType } from "./neurons/NeuronType.js";
import type { Process } from "./processes/Process.js";

export interface EnsembleOptions<D extends number = number> {
  /** Number of neurons (>= 1). */
  readonly nNeurons: number;
  /** Dimensions of the represented vector (>= 1). */
  readonly dimensions: D;
  /** Radius of the represented space (default 1). */
  readonly radius?: number;
  /** Neuron model (default `new LIF()`). */
  readonly neuronType?: NeuronType;
  /** Encoders, `nNeurons × dimensions` (default ScatteredHypersphere on the surface). */
  readonly encoders?: DistOrArray;
  /** Intercepts (default Uniform(-1, 0.9), as Nengo 4.1). */
  readonly intercepts?: DistOrArray;
  /** Maximum firing rates in Hz (default Uniform(200, 400)). */
  readonly maxRates?: DistOrArray;
  /** Gains; with `bias`, overrides maxRates and intercepts (giving those too warns, as Nengo). */
  readonly gain?: DistOrArray;
  /** Biases; with `gain`, overrides maxRates and intercepts. */
  readonly bias?: DistOrArray;
  /** Evaluation points for decoder solves (default ScatteredHypersphere in the ball, scaled by radius). */
  readonly evalPoints?: DistOrArray;
  /** Number of evaluation points (default Nengo's: max(clip(500·dimensions, 750, 2500), 2·nNeurons)). */
  readonly nEvalPoints?: number;
  /** Normalise given encoders to unit length (default true). */
  readonly normalizeEncoders?: boolean;
  /** Noise process added to the neurons' input current each step (default none). */
  readonly noise?: Process | null;
  readonly label?: string;
  readonly seed?: number;
}

/**
 * A group of neurons that collectively represent a vector (Nengo's `nengo.Ensemble`). Parameters
 * given as distributions are drawn at build from the ensemble's seeded generator.
 */
export class Ensemble<D extends number = number> extends IRObject {
  readonly kind = "ensemble" as const;
  readonly nNeurons: number;
  readonly dimensions: D;
  readonly radius: number;
  readonly neuronType: NeuronType;
  readonly encoders: DistOrArray;
  readonly intercepts: DistOrArray;
  readonly maxRates: DistOrArray;
  readonly gain: DistOrArray | undefined;
  readonly bias: DistOrArray | undefined;
  readonly evalPoints: DistOrArray;
  readonly nEvalPoints: number | undefined;
  readonly normalizeEncoders: boolean;
  readonly noise: Process | null;
  /** The neurons of this ensemble, for neuron-level connections and probes. */
  readonly neurons: Neurons<D>;

  constructor(options: EnsembleOptions<D>) {
    super(options);
    const where = options.label !== undefined ? `Ensemble '${options.label}'` : "Ensemble";
    const int = (attr: string, v: number, min: number): void => {
      const problem = sizeProblem(v, min);
      if (problem !== null) throw new ValidationError({ object: where, attr, message: problem });
    };
    int("nNeurons", options.nNeurons, 1);
    int("dimensions", options.dimensions, 1);
    // a count of rows, not an index: whether so many fit in memory is the build's check, in bytes
    const nEval = options.nEvalPoints;
    if (nEval !== undefined && !(Number.isInteger(nEval) && nEval >= 1)) {
      throw new ValidationError({ object: where, attr: "nEvalPoints", message: `must be an integer >= 1 (got ${nEval})` });
    }
    const radius = options.radius ?? 1;
    if (!(Number.isFinite(radius) && radius > 0)) {
      throw new ValidationError({ object: where, attr: "radius", message: `must be a finite number > 0 (got ${radius})` });
    }
    if ((options.gain === undefined) !== (options.bias === undefined)) {
      throw new ValidationError({
        object: where,
        attr: options.gain === undefined ? "gain" : "bias",
        message: "gain and bias must be given together (or neither, to derive them from maxRates and intercepts)",
      });
    }
    const intercepts = options.intercepts ?? new Uniform(-1, 0.9);
    const maxRates = options.maxRates ?? new Uniform(200, 400);
    // Nengo compares them with their defaults by value
    if (options.gain !== undefined && !(new Uniform(-1, 0.9).equals(intercepts) && new Uniform(200, 400).equals(maxRates))) {
      warn(
        `${where}: gain and bias impose the max rates and intercepts, so the maxRates or intercepts given have no effect; give either gain and bias, or maxRates and intercepts`,
        "PLEXUS_GAIN_BIAS_OVERRIDE",
      );
    }
    this.nNeurons = options.nNeurons;
    this.dimensions = options.dimensions;
    this.radius = radius;
    this.neuronType = options.neuronType ?? new LIF();
    this.encoders = options.encoders ?? new ScatteredHypersphere({ surface: true });
    this.intercepts = intercepts;
    this.maxRates = maxRates;
    this.gain = options.gain;
    this.bias = options.bias;
    this.evalPoints = options.evalPoints ?? new ScatteredHypersphere({ surface: false });
    this.nEvalPoints = options.nEvalPoints;
    this.normalizeEncoders = options.normalizeEncoders ?? true;
    this.noise = options.noise ?? null;
    this.neurons = new Neurons(this);
  }

  /** The number of evaluation points a build draws when they come from a distribution. */
  get defaultNEvalPoints(): number {
    return defaultNEvalPoints(this.nNeurons, this.dimensions);
  }
}

/**
 * Nengo's `default_n_eval_points`: max(clip(500·d, 750, 2500), 2·n).
 * @throws ValidationError when `nNeurons` or `dimensions` is not an integer >= 1
 */
export function defaultNEvalPoints(nNeurons: number, dimensions: number): number {
  for (const [attr, v] of [
    ["nNeurons", nNeurons],
    ["dimensions", dimensions],
  ] as const) {
    const problem = sizeProblem(v, 1);
    if (problem !== null) throw new ValidationError({ object: "defaultNEvalPoints", attr, message: problem });
  }
  return Math.max(Math.min(Math.max(500 * dimensions, 750), 2500), 2 * nNeurons);
}
