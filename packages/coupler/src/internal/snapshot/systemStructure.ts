import { toShaped } from "@plexus/core";
import { Hash64 } from "@plexus/simulator";
import { edgeName, portName, type SystemModel } from "../model.js";
import type { UnitPlan } from "../runtime/planUnits.js";

/**
 * What a coupled snapshot must agree on with the system it resumes: the base dt and seed, the
 * subsystems (keys, dtMultiple), how they are grouped into units, every wire (ends, delay, rate,
 * transform), every external input (port and kind) and every probe. The networks inside the
 * units are checked by each simulator's own plan hash when its state is restored.
 */
export interface SystemStructure {
  readonly dt: number;
  readonly seed: number;
  readonly subsystems: readonly { readonly key: string; readonly dtMultiple: number }[];
  readonly units: readonly string[];
  readonly wires: readonly {
    readonly name: string;
    readonly delaySteps: number;
    readonly rate: string;
    readonly sum: boolean;
    /** The transform's entries (empty: none), as numbers. */
    readonly transform: readonly number[];
  }[];
  readonly inputs: readonly { readonly port: string; readonly kind: string; readonly sum: boolean }[];
  readonly probes: readonly { readonly name: string; readonly dims: number; readonly synapse: string }[];
}

/** The structure of a wired system planned into `plans`. */
export function systemStructure(model: SystemModel, plans: readonly UnitPlan[]): SystemStructure {
  return {
    dt: model.dt,
    seed: model.seed,
    subsystems: model.entries.map((e) => ({ key: e.key, dtMultiple: e.sub.dtMultiple })),
    units: plans.map((p) => p.name),
    wires: model.edges.map((e) => {
      const t = e.transform === undefined ? undefined : toShaped(e.transform);
      return {
        name: edgeName(e),
        delaySteps: e.delaySteps,
        rate: e.rate,
        sum: e.sum,
        transform: t === undefined || typeof t === "string" ? [] : Array.from(t.data),
      };
    }),
    inputs: model.inputs.map((i) => ({ port: portName(i.to), kind: i.values.kind, sum: i.sum })),
    probes: model.probes.map((p) => ({ name: p.name, dims: p.target.port.dimensions, synapse: p.synapse === null ? "none" : String(p.synapse) })),
  };
}

/** The structure's hash (16 hex digits): equal structures hash alike, in any process. */
export function structureHash(s: SystemStructure): string {
  return new Hash64().text(`plexus coupled system\n${JSON.stringify(s)}`).digest();
}

/**
 * What differs between the structure a snapshot was taken of (`saved`) and this system's
 * (`mine`), in words, most telling first (empty when they agree).
 */
export function structureDifferences(saved: SystemStructure, mine: SystemStructure): string[] {
  const out: string[] = [];
  const list = (xs: readonly string[]): string => (xs.length === 0 ? "none" : xs.join(", "));
  if (saved.dt !== mine.dt) out.push(`base dt ${saved.dt} s in the snapshot, ${mine.dt} s here`);
  if (saved.seed !== mine.seed) out.push(`seed ${saved.seed} in the snapshot, ${mine.seed} here`);
  const keys = (s: SystemStructure): string[] => s.subsystems.map((x) => x.key);
  if (keys(saved).join("\n") !== keys(mine).join("\n")) out.push(`subsystems ${list(keys(saved))} in the snapshot, ${list(keys(mine))} here`);
  else
    saved.subsystems.forEach((x, i) => {
      const m = mine.subsystems[i];
      if (m !== undefined && m.dtMultiple !== x.dtMultiple)
        out.push(`subsystem '${x.key}' has dtMultiple ${x.dtMultiple} in the snapshot, ${m.dtMultiple} here`);
    });
  compareNamed(
    "wire",
    saved.wires.map((w) => [w.name, w] as const),
    mine.wires.map((w) => [w.name, w] as const),
    out,
  );
  compareNamed(
    "input",
    saved.inputs.map((w) => [w.port, w] as const),
    mine.inputs.map((w) => [w.port, w] as const),
    out,
  );
  compareNamed(
    "probe",
    saved.probes.map((w) => [w.name, w] as const),
    mine.probes.map((w) => [w.name, w] as const),
    out,
  );
  if (out.length === 0 && saved.units.join("\n") !== mine.units.join("\n"))
    out.push(`units (subsystems fused by zero-delay loops) ${list(saved.units)} in the snapshot, ${list(mine.units)} here`);
  return out;
}

/** Compares two lists of named records: which are only in one, and which fields differ in those in both (in order). */
function compareNamed<T extends object>(what: string, saved: readonly (readonly [string, T])[], mine: readonly (readonly [string, T])[], out: string[]): void {
  const names = (xs: readonly (readonly [string, T])[]): string[] => xs.map(([n]) => n);
  const only = (a: readonly string[], b: readonly string[]): string[] => a.filter((n) => !b.includes(n));
  const gone = only(names(saved), names(mine));
  const added = only(names(mine), names(saved));
  if (gone.length > 0) out.push(`${what}${gone.length === 1 ? "" : "s"} ${gone.join(", ")} only in the snapshot`);
  if (added.length > 0) out.push(`${what}${added.length === 1 ? "" : "s"} ${added.join(", ")} only here`);
  const mineByName = new Map(mine);
  saved.forEach(([name, s], i) => {
    const m = mineByName.get(name);
    if (m === undefined) return;
    const fields = Object.keys(s) as (keyof T & string)[];
    for (const f of fields) {
      const a = JSON.stringify(s[f]);
      const b = JSON.stringify(m[f]);
      if (a !== b) out.push(`${what} ${name}: ${f} ${a} in the snapshot, ${b} here`);
    }
    if (gone.length === 0 && added.length === 0 && mine[i]?.[0] !== name) out.push(`${what} ${name} was added in another order`);
  });
}
