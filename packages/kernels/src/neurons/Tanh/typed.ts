import { lit } from "@plexus/core/runtime";

/** The typed-adjoint kernel of the Tanh curve `maxRate · tanh(J)`: `rv`, and `dv` when `deriv`. */
export function tanhCode(maxRate: number, deriv: boolean): string {
  return `{ const th = tanh(j); rv = ${lit(maxRate)} * th;${deriv ? ` dv = ${lit(maxRate)} * (1 - th * th);` : ""} }`;
}
