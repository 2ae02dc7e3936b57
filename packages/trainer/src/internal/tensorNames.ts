import { type IRObject, type Network, parameterName } from "@plexus/core";

/** `Kind[index]` path of `obj` below `top`, labels ignored: e.g. `Network[0]/Connection[2]`. */
function structuralPath(obj: IRObject, top: Network): string {
  const parts: string[] = [];
  for (let cur: IRObject | undefined = obj; cur !== undefined && cur !== top; cur = cur.owner) {
    parts.push(`${cur.kind.charAt(0).toUpperCase()}${cur.kind.slice(1)}[${cur.index}]`);
  }
  return parts.reverse().join("/");
}

/**
 * The name each parameter's tensor has in a bundle, by `parameterName`: the object's path by kind
 * and index with the labels left out (`Ensemble[0].encoders`, `Network[0]/Connection[1].weights`).
 * ASCII whatever the labels hold, and the same scheme in every bundle, labelled or not; the
 * manifest keeps each tensor's `parameterName` beside it.
 */
export function tensorNames(net: Network): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of net.all("ensemble")) {
    for (const p of ["encoders", "gain", "bias"] as const) out.set(parameterName(e, p, net), `${structuralPath(e, net)}.${p}`);
  }
  for (const c of net.all("connection")) out.set(parameterName(c, "weights", net), `${structuralPath(c, net)}.weights`);
  return out;
}
