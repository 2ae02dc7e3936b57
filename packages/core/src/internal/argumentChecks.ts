// Checks of the arguments of the exported helpers (a network, an IR object of some kinds, a shape,
// an Rng): each throws a ValidationError naming the function and the argument before any field is
// read, so that hostile input (null, a number, a foreign object) never ends in a TypeError.

import { ValidationError } from "../errors.js";
import { kindOf } from "./optionsObject.js";

/**
 * `net`, checked to be a Network (by shape, so that callers need not import the Network class).
 * @throws ValidationError on `object`'s `attr` when it is not
 */
export function networkArgument(net: unknown, object: string, attr = "net"): void {
  if (
    typeof net !== "object" ||
    net === null ||
    typeof (net as { all?: unknown }).all !== "function" ||
    !Array.isArray((net as { networks?: unknown }).networks)
  ) {
    throw new ValidationError({ object, attr, message: `must be a Network, e.g. new Network({ label: "net" }) (got ${kindOf(net)})` });
  }
}

/**
 * `x`, checked to be an object whose `kind` is one of `kinds` (an IR object or a transform).
 * @throws ValidationError on `object`'s `attr` when it is not
 */
export function kindArgument(x: unknown, kinds: readonly string[], object: string, attr: string, what: string): void {
  const kind = typeof x === "object" && x !== null ? (x as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !kinds.includes(kind)) {
    throw new ValidationError({ object, attr, message: `must be ${what} (got ${kind === undefined ? kindOf(x) : `an object of kind ${String(kind)}`})` });
  }
}

/**
 * `x`, checked to be a plain object (an options or record argument): not null, an array or a primitive.
 * @throws ValidationError on `object`'s `attr` when it is not
 */
export function recordArgument(x: unknown, object: string, attr: string, what: string): void {
  if (typeof x !== "object" || x === null || Array.isArray(x)) throw new ValidationError({ object, attr, message: `must be ${what} (got ${kindOf(x)})` });
}
