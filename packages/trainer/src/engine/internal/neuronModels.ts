// Which differentiable curve stands in for each neuron type, in training and in inference.
import { BuildError, type NeuronType } from "@plexus/core";
import type { SpikingApproximation } from "../CompiledModel.js";

/** A rate curve the engines can evaluate and differentiate. */
export type RateModel =
  /** `maxRate / (1 + exp(-J))` (Nengo's Sigmoid, maxRate = 1/tauRef). */
  | { readonly kind: "sigmoid"; readonly maxRate: number }
  /** `maxRate · tanh(J)` (Nengo's Tanh). */
  | { readonly kind: "tanh"; readonly maxRate: number }
  /** `amplitude · max(0, J)` (Nengo's RectifiedLinear). */
  | { readonly kind: "relu"; readonly amplitude: number }
  /** `amplitude / (tauRef + tauRc · log1p(1 / (J - 1)))` for J > 1, else 0 (Nengo's LIFRate). */
  | { readonly kind: "lifRate"; readonly tauRc: number; readonly tauRef: number; readonly amplitude: number }
  /** nengo_dl's SoftLIFRate with smoothing sigma. */
  | { readonly kind: "softlif"; readonly tauRc: number; readonly tauRef: number; readonly amplitude: number; readonly sigma: number };

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
  const surrogate = approximation === "surrogate";
  switch (type.kind) {
    case "Sigmoid": {
      const m: RateModel = { kind: "sigmoid", maxRate: 1 / field(type, "tauRef", where) };
      return { type, train: m, trainStep: false, infer: m };
    }
    case "Tanh": {
      const m: RateModel = { kind: "tanh", maxRate: 1 / field(type, "tauRef", where) };
      return { type, train: m, trainStep: false, infer: m };
    }
    case "RectifiedLinear": {
      const m: RateModel = { kind: "relu", amplitude: field(type, "amplitude", where) };
      return { type, train: m, trainStep: false, infer: m };
    }
    case "SpikingRectifiedLinear": {
      const m: RateModel = { kind: "relu", amplitude: field(type, "amplitude", where) };
      return { type, train: m, trainStep: surrogate, infer: null };
    }
    case "LIFRate": {
      const m: RateModel = { kind: "lifRate", tauRc: field(type, "tauRc", where), tauRef: field(type, "tauRef", where), amplitude: field(type, "amplitude", where) };
      return { type, train: m, trainStep: false, infer: m };
    }
    case "SoftLIFRate": {
      const m: RateModel = {
        kind: "softlif",
        tauRc: field(type, "tauRc", where),
        tauRef: field(type, "tauRef", where),
        amplitude: field(type, "amplitude", where),
        sigma: field(type, "sigma", where),
      };
      return { type, train: m, trainStep: false, infer: m };
    }
    case "LIF": {
      const m: RateModel = {
        kind: "softlif",
        tauRc: field(type, "tauRc", where),
        tauRef: field(type, "tauRef", where),
        amplitude: field(type, "amplitude", where),
        sigma,
      };
      return { type, train: m, trainStep: surrogate, infer: null };
    }
    default:
      throw new BuildError(
        `${where}.neuronType: ${type.kind} has no differentiable rate curve in the gradient engines; use LIF, LIFRate, SoftLIFRate, Sigmoid, Tanh, RectifiedLinear or SpikingRectifiedLinear, or train it with another trainer`,
        { label: where },
      );
  }
}
