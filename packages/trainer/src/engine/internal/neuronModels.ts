// Which differentiable curve stands in for each neuron type, in training and in inference: the
// gradient kernels of `@plexus/kernels`, by kind.
import { BuildError, type NeuronType } from "@plexus/core";
import { defaultNeuronKernels, type RateCurve } from "@plexus/kernels";
import type { SpikingApproximation } from "../CompiledModel.js";

/** A rate curve the engines can evaluate and differentiate (its typed-adjoint and tfjs kernels). */
export type RateModel = RateCurve;

/** How one ensemble's neurons are computed by the gradient engines. */
export interface NeuronPlan {
  readonly type: NeuronType;
  /** The curve whose value (training forward, unless `trainStep`) and derivative (backward) are used in training. */
  readonly train: RateModel;
  /** Training forward runs the type's real step (surrogate gradients); the backward uses `train`'s derivative. */
  readonly trainStep: boolean;
  /** Inference: the rate curve (rate types), or null to run the type's own `step` with its state (spiking types). */
  readonly infer: RateModel | null;
}

function field(type: NeuronType, name: string, where: string): number {
  const v = (type as unknown as Record<string, unknown>)[name];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new BuildError(`${where}.neuronType: ${type.kind} has no finite '${name}' (got ${String(v)})`, { label: where });
  }
  return v;
}

/**
 * The plan for `type` (identified by its Nengo class name, `type.kind`).
 * @throws BuildError for a type with no differentiable rate curve here.
 */
export function neuronPlan(type: NeuronType, approximation: SpikingApproximation, sigma: number, where: string): NeuronPlan {
  const gradient = defaultNeuronKernels[type.kind]?.gradient;
  if (gradient === undefined) {
    throw new BuildError(
      `${where}.neuronType: ${type.kind} has no differentiable rate curve in the gradient engines; use LIF, LIFRate, SoftLIFRate, Sigmoid, Tanh, RectifiedLinear or SpikingRectifiedLinear, or train it with another trainer`,
      { label: where },
    );
  }
  return { type, ...gradient.plan(type, { approximation, sigma, param: (name) => field(type, name, where) }) };
}
