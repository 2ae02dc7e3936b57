import { CouplingError } from "@plexus/core";
import type { SystemModel } from "./model.js";

/** A vertex of the port graph: `entryIndex:in:name` or `entryIndex:out:name`. */
export type V = string;

interface Step {
  readonly to: V;
  readonly label: string;
}

/**
 * A cycle whose total delay is 0 base steps (every wire on it has no delay and every subsystem it
 * passes has direct feedthrough), as the ports it passes, starting at an output port:
 * `["ctrl.u", "plant.u", "plant.x", "ctrl.x"]`; or null when every cycle has a delay.
 */
export function zeroDelayCycle(model: SystemModel): string[] | null {
  const adj = new Map<V, Step[]>();
  const add = (from: V, to: V, label: string): void => {
    const list = adj.get(from) ?? [];
    list.push({ to, label });
    adj.set(from, list);
  };
  for (const e of model.edges) {
    if (e.delaySteps === 0) add(outV(e.from.entry.index, e.from.port.name), inV(e.to.entry.index, e.to.port.name), `${e.to.entry.key}.${e.to.port.name}`);
  }
  for (const entry of model.entries) {
    for (const [i, row] of Object.entries(entry.sub.latencies)) {
      for (const [o, lat] of Object.entries(row)) if (lat === 0) add(inV(entry.index, i), outV(entry.index, o), `${entry.key}.${o}`);
    }
  }
  const names = new Map<V, string>();
  for (const entry of model.entries) {
    for (const p of entry.sub.network.inPorts) names.set(inV(entry.index, p.name), `${entry.key}.${p.name}`);
    for (const p of entry.sub.network.outPorts) names.set(outV(entry.index, p.name), `${entry.key}.${p.name}`);
  }
  const state = new Map<V, 1 | 2>();
  const stack: V[] = [];
  let found: V[] | null = null;
  const visit = (v: V): void => {
    state.set(v, 1);
    stack.push(v);
    for (const { to } of adj.get(v) ?? []) {
      if (found !== null) break;
      const s = state.get(to);
      if (s === 1) found = stack.slice(stack.indexOf(to));
      else if (s === undefined) visit(to);
    }
    stack.pop();
    state.set(v, 2);
  };
  for (const v of adj.keys()) {
    if (found !== null) break;
    if (!state.has(v)) visit(v);
  }
  if (found === null) return null;
  const cycle: V[] = found;
  // Start at the output port that sorts first (by subsystem, then declaration order).
  let best = -1;
  let bestOrder = Infinity;
  for (const [i, v] of cycle.entries()) {
    if (!v.includes(":out:")) continue;
    const o = order(model, v);
    if (best < 0 || o < bestOrder) {
      best = i;
      bestOrder = o;
    }
  }
  const rotated = [...cycle.slice(best), ...cycle.slice(0, best)];
  return rotated.map((v) => names.get(v) ?? v);
}

export function inV(entry: number, name: string): V {
  return `${entry}:in:${name}`;
}

export function outV(entry: number, name: string): V {
  return `${entry}:out:${name}`;
}

function order(model: SystemModel, v: V): number {
  const [e, , name] = v.split(":") as [string, string, string];
  const entry = model.entries[Number(e)];
  if (entry === undefined) throw new CouplingError(`the system has no subsystem ${e} (a port vertex ${v} of another system)`);
  return Number(e) * 1e6 + entry.sub.network.outPorts.findIndex((p) => p.name === name);
}
