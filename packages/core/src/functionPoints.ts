import { type DistOrArray, Distribution } from "./distributions/Distribution.js";
import type { Ensemble } from "./Ensemble.js";
import { ValidationError } from "./errors.js";
import { f64At, numAt } from "./internal/checked.js";
import { toShaped } from "./internal/shape.js";

/** A connection's function given as target points: one row of outputs per eval point. */
export interface FunctionPoints {
  /** The targets, `nPoints × sizeOut`, row-major. */
  readonly targets: Float64Array;
  readonly nPoints: number;
  readonly sizeOut: number;
  /**
   * The function the targets define on the eval points (as given, or scaled by the radius): it
   * returns the target row of the point it is given, in the order of the points where several
   * are equal.
   * @throws ValidationError naming the connection for any other point.
   */
  readonly lookup: (x: Float64Array) => Float64Array;
}

/**
 * Checks and indexes a function given as target points (Nengo's `ConnectionFunctionParam`
 * `check_array`): a 2-D array with one row per eval point, the connection's own eval points given
 * as explicit points, the pre object a (non-Direct) ensemble.
 * @throws ValidationError naming `where` and `function` otherwise.
 */
export function functionPoints(
  where: string,
  targets: ArrayLike<ArrayLike<number>>,
  pre: { readonly kind: string },
  evalPoints: DistOrArray | undefined,
  scaleEvalPoints: boolean,
  preSlice: Int32Array | null,
): FunctionPoints {
  const fail = (message: string): never => {
    throw new ValidationError({ object: where, attr: "function", message });
  };
  if (pre.kind !== "ensemble" || (pre as Ensemble).neuronType.kind === "Direct") {
    fail("target points need decoders: the pre object must be an ensemble with neurons (give a callable otherwise)");
  }
  const ens = pre as Ensemble;
  if (evalPoints === undefined || evalPoints instanceof Distribution || typeof evalPoints === "number") {
    fail("to give the function as target points, give evalPoints as explicit points too (one per target row)");
  }
  const t = toShaped(targets);
  if (typeof t === "string") return fail(t);
  if (t.shape.length !== 2) return fail(`the target points must be a 2-D array (nPoints, sizeOut) (got ${t.shape.length}-D)`);
  const p = toShaped(evalPoints as ArrayLike<ArrayLike<number>>);
  if (typeof p === "string") return fail(`evalPoints: ${p}`);
  const d = ens.dimensions;
  const m = p.shape.length === 2 ? numAt(p.shape, 0) : d === 1 ? p.data.length : -1;
  if (t.shape[0] !== m) fail(`the number of eval points must match the number of function points (${t.shape[0]} != ${m})`);
  const n = numAt(t.shape, 0);
  const cols = numAt(t.shape, 1);
  const rows = new Map<string, number[]>();
  const cursor = new Map<string, number>();
  const key = (x: ArrayLike<number>): string => Array.from(x).join(",");
  const slice = (k: number, scale: number): number[] =>
    (preSlice === null ? Array.from({ length: d }, (_, j) => j) : Array.from(preSlice)).map((j) => f64At(p.data, k * d + j) * scale);
  for (let k = 0; k < n; k++) {
    for (const scale of scaleEvalPoints && ens.radius !== 1 ? [1, ens.radius] : [1]) {
      const kk = key(slice(k, scale));
      const list = rows.get(kk);
      if (list === undefined) rows.set(kk, [k]);
      else if (list[list.length - 1] !== k) list.push(k);
    }
  }
  const lookup = (x: Float64Array): Float64Array => {
    const kk = key(x);
    const list = rows.get(kk);
    if (list === undefined) return fail(`given as target points, it is defined only at its evalPoints (got [${kk}])`);
    const c = cursor.get(kk) ?? 0;
    cursor.set(kk, (c + 1) % list.length);
    const k = numAt(list, c);
    return t.data.slice(k * cols, (k + 1) * cols);
  };
  return { targets: t.data, nPoints: n, sizeOut: cols, lookup };
}
