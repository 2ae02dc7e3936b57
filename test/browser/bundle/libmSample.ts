// Plexus's libm and the engine's Math.* on the same inputs, in Node and in Chromium: ours must give
// the same bits in both, whatever the engines' own Math.* do.
import { libm } from "@plexus/core/runtime";

/** The unary functions compared (Math has each under the same name). */
export const UNARY = ["exp", "expm1", "log", "log1p", "log2", "sin", "cos", "tanh", "sinh", "cosh", "asin", "atanh"] as const;

/** Inputs per function: a seeded linear congruential sequence (the same in every engine). */
const PER_FUNCTION = 5000;

/** The values of `f` (our libm, or Math) on the sample, as hex float64 bytes: each unary function, then pow and hypot. */
export function libmSampleAsHex(which: "ours" | "engine"): string {
  const f = which === "ours" ? libm : Math;
  let s = 1;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out = new Float64Array((UNARY.length + 2) * PER_FUNCTION);
  let k = 0;
  for (const name of UNARY) {
    const scale = name === "asin" || name === "atanh" ? 2 : name.startsWith("log") ? 2000 : name === "sin" || name === "cos" ? 2e4 : 80;
    for (let i = 0; i < PER_FUNCTION; i++) {
      const x = (next() - 0.5) * scale;
      out[k++] = f[name](name.startsWith("log") ? Math.abs(x) : x);
    }
  }
  for (let i = 0; i < PER_FUNCTION; i++) out[k++] = f.pow(next() * 10, (next() - 0.5) * 20);
  for (let i = 0; i < PER_FUNCTION; i++) out[k++] = f.hypot((next() - 0.5) * 100, (next() - 0.5) * 100);
  return Array.from(new Uint8Array(out.buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
