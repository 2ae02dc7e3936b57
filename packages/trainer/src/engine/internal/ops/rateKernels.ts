// The typed engine's kernel of each differentiable rate curve: the code of its value and
// derivative, one record per curve kind. The neuron types' folders take these over (issue 13:
// each neuron type's kernels for every backend in one place); the generator reads them only
// through `RateKernel` and `rateKernelFor`.
import type { RateModel } from "../neuronModels.js";
import { lit } from "./literal.js";

/**
 * One rate curve's kernel for the typed engine's generated code (its "typed adjoint" backend).
 * `code` returns JavaScript statements that, given the current `j` (a `const` in scope), set the
 * rate `rv` and, when `deriv` (training), its derivative `dv = d rv / d j`; `rv` and `dv` are
 * declared by the caller. The statements may read `exp`, `log1p` and `tanh` (Math's) and must
 * hold numbers only (write them with `lit`), never text taken from the network.
 */
export interface RateKernel<M extends RateModel = RateModel> {
  readonly kind: M["kind"];
  code(model: M, deriv: boolean): string;
}

// softplus(x) is taken as x above this: PyTorch's `softplus` threshold in training (the reference
// trajectories' arithmetic), the simulator's (core's SoftLIFRate, TensorFlow's log(eps) + 2) in
// inference so that rate outputs match the simulator's.
const SOFTPLUS_TRAIN = 20;
const SOFTPLUS_INFER = -(Math.log(Number.EPSILON) + 2);

type Of<K extends RateModel["kind"]> = Extract<RateModel, { kind: K }>;

const sigmoid: RateKernel<Of<"sigmoid">> = {
  kind: "sigmoid",
  code: (m, deriv) => `{ const e = exp(-j); const den = 1 + e; rv = ${lit(m.maxRate)} / den;${deriv ? " dv = e === Infinity ? 0 : rv * e / den;" : ""} }`,
};

const tanh: RateKernel<Of<"tanh">> = {
  kind: "tanh",
  code: (m, deriv) => `{ const th = tanh(j); rv = ${lit(m.maxRate)} * th;${deriv ? ` dv = ${lit(m.maxRate)} * (1 - th * th);` : ""} }`,
};

const relu: RateKernel<Of<"relu">> = {
  kind: "relu",
  code: (m, deriv) => `if (j > 0) { rv = ${lit(m.amplitude)} * j;${deriv ? ` dv = ${lit(m.amplitude)};` : ""} } else { rv = 0;${deriv ? " dv = 0;" : ""} }`,
};

const lifRate: RateKernel<Of<"lifRate">> = {
  kind: "lifRate",
  code: (m, deriv) =>
    `{ const jm1 = j - 1; if (jm1 > 0) { const den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * log1p(1 / jm1); rv = ${lit(m.amplitude)} / den;${
      deriv ? ` dv = ${lit(m.amplitude * m.tauRc)} / (den * den) / (jm1 * (jm1 + 1));` : ""
    } } else { rv = 0;${deriv ? " dv = 0;" : ""} } }`,
};

/** nengo_dl's SoftLIFRate. */
const softlif: RateKernel<Of<"softlif">> = {
  kind: "softlif",
  code: (m, deriv) => {
    const s = lit(m.sigma);
    const k = lit(m.amplitude * m.tauRc);
    return `{ const js = (j - 1) / ${s}; let den;
        if (js > -20) {
          let sp, sg;
          if (js > ${lit(deriv ? SOFTPLUS_TRAIN : SOFTPLUS_INFER)}) { sp = js; sg = 1; } else { const ex = exp(js); sp = log1p(ex); sg = ex / (1 + ex); }
          const z = ${s} * sp;
          den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * log1p(1 / z);
          rv = ${lit(m.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) * sg / (z * (z + 1));` : ""}
        } else {
          den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * (-js - ${lit(Math.log(m.sigma))});
          rv = ${lit(m.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) / ${s};` : ""}
        } }`;
  },
};

const kernels: { readonly [K in RateModel["kind"]]: RateKernel<Of<K>> } = { sigmoid, tanh, relu, lifRate, softlif };

/** The kernel of a rate curve, by its kind. */
export function rateKernelFor<M extends RateModel>(model: M): RateKernel<M> {
  return kernels[model.kind] as unknown as RateKernel<M>;
}

/** The statements setting `rv` (and, with `deriv`, `dv`) from `j` for `model`. */
export function rateCode(model: RateModel, deriv: boolean): string {
  return rateKernelFor(model).code(model, deriv);
}
