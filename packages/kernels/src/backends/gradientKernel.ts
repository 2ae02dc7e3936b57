import type { NeuronType } from "@plexus/core";

/**
 * The tfjs ops a rate curve's tfjs kernel uses, typed structurally so that this package does not
 * depend on tfjs: the trainer passes the `@tensorflow/tfjs` namespace (`T` its Tensor).
 */
export interface TfOps<T> {
  add(a: T | number, b: T | number): T;
  sub(a: T | number, b: T | number): T;
  mul(a: T | number, b: T | number): T;
  div(a: T | number, b: T | number): T;
  maximum(a: T | number, b: T | number): T;
  neg(x: T): T;
  square(x: T): T;
  log1p(x: T): T;
  sigmoid(x: T): T;
  tanh(x: T): T;
  relu(x: T): T;
  softplus(x: T): T;
  /** 1 where x > 0, else 0 (zero gradient). */
  step(x: T): T;
}

/**
 * A differentiable rate curve with its parameters bound: the kernels of the gradient engines.
 * `kind` names the neuron type whose curve it is (LIF trains on SoftLIFRate's).
 */
export interface RateCurve {
  readonly kind: string;
  /**
   * The typed-adjoint engine's kernel: JS statements that set `rv` (the rate, forward) and, when
   * `deriv` (training), `dv` (its derivative dr/dJ, for the backward pass) from the current `j`;
   * they may call `exp`, `log1p` and `tanh` (the engine binds Math's).
   */
  code(deriv: boolean): string;
  /** The tfjs kernel: `f(J)` (differentiable, NaN-free in masked branches). */
  rate<T>(tf: TfOps<T>, J: T): T;
  /** The tfjs kernel of `f'(J)`, for surrogate gradients. */
  derivative<T>(tf: TfOps<T>, J: T): T;
}

/** How the gradient engines approximate spiking types in training (the trainer's option). */
export type SpikingApproximation = "softlif" | "surrogate";

/** How one ensemble's neurons are computed by the gradient engines. */
export interface GradientNeuronPlan {
  /** The curve whose value (training forward, unless `trainStep`) and derivative (backward) are used in training. */
  readonly train: RateCurve;
  /** Training forward runs the type's real step (surrogate gradients); the backward uses `train`'s derivative. */
  readonly trainStep: boolean;
  /** Inference: the rate curve (rate types), or null to run the type's own `step` with its state (spiking types). */
  readonly infer: RateCurve | null;
}

/** The gradient engines' kernel of a neuron type: its plan for an instance. */
export interface GradientNeuronKernel {
  /**
   * @param sigma the smoothing of the SoftLIFRate curve LIF trains on (the trainer's option).
   * @param param reads a finite numeric parameter of the type by name (the caller throws naming the ensemble when there is none).
   */
  plan(
    type: NeuronType,
    options: { readonly approximation: SpikingApproximation; readonly sigma: number; readonly param: (name: string) => number },
  ): GradientNeuronPlan;
}

/** A curve's kernels, each taking the curve's parameters `P` (see {@link rateCurve}). */
export interface CurveKernels<P> {
  code(p: P, deriv: boolean): string;
  rate<T>(tf: TfOps<T>, p: P, J: T): T;
  derivative<T>(tf: TfOps<T>, p: P, J: T): T;
}

/** The RateCurve of the neuron type `kind` with its parameters `p` bound to its kernels. */
export function rateCurve<P>(kind: string, p: P, k: CurveKernels<P>): RateCurve {
  return { kind, code: (deriv) => k.code(p, deriv), rate: (tf, J) => k.rate(tf, p, J), derivative: (tf, J) => k.derivative(tf, p, J) };
}

/** The gradient kernel of a rate type: trained and inferred on its own curve (`curve` reads the type's parameters). */
export function ownCurve(curve: (param: (name: string) => number) => RateCurve): GradientNeuronKernel {
  return {
    plan(_type, { param }) {
      const m = curve(param);
      return { train: m, trainStep: false, infer: m };
    },
  };
}
