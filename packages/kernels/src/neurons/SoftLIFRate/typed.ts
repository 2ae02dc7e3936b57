import { libm, lit } from "@plexus/core/runtime";
import type { SoftLifParams } from "./index.js";

// softplus(x) is taken as x above this: PyTorch's `softplus` threshold in training (the reference
// trajectories' arithmetic), the simulator's (core's SoftLIFRate, TensorFlow's log(eps) + 2) in
// inference so that rate outputs match the simulator's.
const SOFTPLUS_TRAIN = 20;
const SOFTPLUS_INFER = -(libm.log(Number.EPSILON) + 2);

/** The typed-adjoint kernel of nengo_dl's SoftLIFRate curve: `rv`, and `dv` when `deriv` (training). */
export function softLifCode(p: SoftLifParams, deriv: boolean): string {
  const s = lit(p.sigma);
  const k = lit(p.amplitude * p.tauRc);
  return `{ const js = (j - 1) / ${s}; let den;
        if (js > -20) {
          let sp, sg;
          if (js > ${lit(deriv ? SOFTPLUS_TRAIN : SOFTPLUS_INFER)}) { sp = js; sg = 1; } else { const ex = exp(js); sp = log1p(ex); sg = ex / (1 + ex); }
          const z = ${s} * sp;
          den = ${lit(p.tauRef)} + ${lit(p.tauRc)} * log1p(1 / z);
          rv = ${lit(p.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) * sg / (z * (z + 1));` : ""}
        } else {
          den = ${lit(p.tauRef)} + ${lit(p.tauRc)} * (-js - ${lit(libm.log(p.sigma))});
          rv = ${lit(p.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) / ${s};` : ""}
        } }`;
}
