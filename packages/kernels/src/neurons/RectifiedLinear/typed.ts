import { lit } from "@plexus/core/runtime";

/** The typed-adjoint kernel of the RectifiedLinear curve `amplitude · max(0, J)`: `rv`, and `dv` when `deriv`. */
export function reluCode(amplitude: number, deriv: boolean): string {
  return `if (j > 0) { rv = ${lit(amplitude)} * j;${deriv ? ` dv = ${lit(amplitude)};` : ""} } else { rv = 0;${deriv ? " dv = 0;" : ""} }`;
}
