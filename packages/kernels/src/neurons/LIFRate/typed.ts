import { lit } from "@plexus/core/runtime";
import type { LifRateParams } from "./index.js";

/**
 * The typed-adjoint kernel of the LIFRate curve `amplitude / (tauRef + tauRc · log1p(1 / (J - 1)))`
 * for J > 1, else 0: `rv`, and `dv` when `deriv`.
 */
export function lifRateCode(p: LifRateParams, deriv: boolean): string {
  return `{ const jm1 = j - 1; if (jm1 > 0) { const den = ${lit(p.tauRef)} + ${lit(p.tauRc)} * log1p(1 / jm1); rv = ${lit(p.amplitude)} / den;${
    deriv ? ` dv = ${lit(p.amplitude * p.tauRc)} / (den * den) / (jm1 * (jm1 + 1));` : ""
  } } else { rv = 0;${deriv ? " dv = 0;" : ""} } }`;
}
