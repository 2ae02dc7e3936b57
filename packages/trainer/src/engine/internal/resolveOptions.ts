import { type Network, ValidationError } from "@plexus/core";
import type { CompileOptions, Dtype, EncoderParametrisation, LossFunction, LossSpec, SpikingApproximation } from "../CompiledModel.js";

export interface ResolvedCompileOptions {
  readonly dt: number;
  readonly seed: number;
  readonly spikingApproximation: SpikingApproximation;
  readonly sigma: number;
  readonly dtype: Dtype;
  readonly loss: LossSpec | LossFunction;
  readonly encoders: EncoderParametrisation;
}

/** Fills in the defaults of {@link CompileOptions}. @throws ValidationError for a value out of range. */
export function resolveCompileOptions(net: Network, options: CompileOptions): ResolvedCompileOptions {
  const dt = options.dt ?? 0.001;
  const sigma = options.sigma ?? 0.02;
  const spikingApproximation = options.spikingApproximation ?? "softlif";
  const dtype = options.dtype ?? "float64";
  const loss = options.loss ?? "mse";
  const encoders = options.encoders ?? "scaled";
  const bad = (attr: string, message: string): never => {
    throw new ValidationError({ object: "CompileOptions", attr, message });
  };
  if (!(Number.isFinite(dt) && dt > 0)) bad("dt", `must be a number > 0 in seconds (got ${dt})`);
  if (!(Number.isFinite(sigma) && sigma > 0)) bad("sigma", `must be a number > 0 (got ${sigma})`);
  if (spikingApproximation !== "softlif" && spikingApproximation !== "surrogate")
    bad("spikingApproximation", `must be "softlif" or "surrogate" (got ${String(spikingApproximation)})`);
  if (dtype !== "float64" && dtype !== "float32") bad("dtype", `must be "float64" or "float32" (got ${String(dtype)})`);
  if (loss !== "mse" && !(typeof loss === "object" && loss !== null && typeof loss.value === "function")) {
    bad("loss", `must be "mse" or a LossFunction { name, value(prediction, target, grad, shape) } (got ${String(loss)})`);
  }
  if (encoders !== "scaled" && encoders !== "unit") bad("encoders", `must be "scaled" (nengo_dl's) or "unit" (got ${String(encoders)})`);
  return { dt, seed: net.seed ?? options.seed ?? 0, spikingApproximation, sigma, dtype, loss, encoders };
}
