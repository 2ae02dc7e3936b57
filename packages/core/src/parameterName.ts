import type { Connection } from "./Connection.js";
import type { Ensemble } from "./Ensemble.js";
import { ValidationError } from "./errors.js";
import type { IRObject } from "./IRObject.js";
import { kindArgument, networkArgument } from "./internal/argumentChecks.js";
import { showValue } from "./internal/showValue.js";
import type { Network } from "./Network.js";

/** The learnable or built parameters of an object, by kind. */
export type EnsembleParameter = "encoders" | "gain" | "bias";
export type ConnectionParameter = "weights";

/**
 * The path of an object from the top network, as saved bundles and reports name it:
 * labels where there are labels, `kind[index]` otherwise, joined by `/`; the top network itself
 * is not part of the path. E.g. `inner/A`, `Ensemble[0]`, `inner/Connection[2]`.
 */
export function objectPath(obj: IRObject, top?: Network): string {
  const parts: string[] = [];
  let cur: IRObject | undefined = obj;
  while (cur !== undefined && cur !== top) {
    const owner: Network | undefined = cur.owner;
    if (owner === undefined) {
      if (top === undefined) break; // `cur` is the top network
      break;
    }
    parts.push(segment(cur));
    cur = owner;
  }
  return parts.reverse().join("/");
}

function segment(obj: IRObject): string {
  if (obj.label !== undefined) return obj.label;
  const name = obj.kind.charAt(0).toUpperCase() + obj.kind.slice(1);
  return `${name}[${obj.index}]`;
}

/**
 * The name of one parameter, e.g. `A.encoders`, `inner/A.bias`, `Connection[0].weights`: the
 * object's path and the parameter. Trainers, the simulator's overrides and saved bundles all use
 * these names (never positions).
 */
export function parameterName(obj: Ensemble, param: EnsembleParameter, top?: Network): string;
export function parameterName(obj: Connection, param: ConnectionParameter, top?: Network): string;
export function parameterName(obj: Ensemble | Connection, param: EnsembleParameter | ConnectionParameter, top?: Network): string {
  kindArgument(obj, ["ensemble", "connection"], "parameterName", "obj", "an Ensemble or a Connection");
  const params: readonly string[] = obj.kind === "ensemble" ? ["encoders", "gain", "bias"] : ["weights"];
  if (typeof param !== "string" || !params.includes(param)) {
    throw new ValidationError({
      object: "parameterName",
      attr: "param",
      message: `must be one of ${params.map((p) => `"${p}"`).join(", ")} for a ${obj.kind} (got ${showValue(param)})`,
    });
  }
  if (top !== undefined) networkArgument(top, "parameterName", "top");
  return `${objectPath(obj, top)}.${param}`;
}
