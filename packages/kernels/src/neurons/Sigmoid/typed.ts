import { lit } from "@plexus/core/runtime";

/** The typed-adjoint kernel of the Sigmoid curve `maxRate / (1 + exp(-J))`: `rv`, and `dv` when `deriv`. */
export function sigmoidCode(maxRate: number, deriv: boolean): string {
  return `{ const e = exp(-j); const den = 1 + e; rv = ${lit(maxRate)} / den;${deriv ? " dv = e === Infinity ? 0 : rv * e / den;" : ""} }`;
}
