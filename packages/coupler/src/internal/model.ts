import type { InPort, NumericLike, OutPort, Synapse } from "@plexus/core";
import type { Observable } from "rxjs";
import type { Subsystem } from "../Subsystem.js";
import type { Window } from "../Window.js";

/** How a signal crosses between different time steps. */
export type RatePolicy = "hold" | "average";

/** A subsystem in a system, under its key. */
export interface SubsystemEntry {
  readonly key: string;
  readonly index: number;
  readonly sub: Subsystem;
  /** The seed its network is built with. */
  readonly seed: number;
}

export interface OutEnd {
  readonly entry: SubsystemEntry;
  readonly port: OutPort;
}

export interface InEnd {
  readonly entry: SubsystemEntry;
  readonly port: InPort;
}

/** A wire from an output port to an input port. */
export interface EdgeSpec {
  readonly kind: "edge";
  readonly id: number;
  readonly from: OutEnd;
  readonly to: InEnd;
  /** Delay in base steps. */
  readonly delaySteps: number;
  /** The transform as given (its output has the in-port's size), or undefined for identity. */
  readonly transform: NumericLike | undefined;
  readonly rate: RatePolicy;
  /** Summed with the port's other sources. */
  readonly sum: boolean;
}

/** What an external input gives each base step. */
export type InputValues =
  | { readonly kind: "array"; readonly data: Float64Array }
  | { readonly kind: "function"; readonly fn: (t: number) => number | ArrayLike<number> }
  | { readonly kind: "observable"; readonly source: Observable<number | ArrayLike<number> | Window> };

export interface InputSpec {
  readonly kind: "input";
  readonly id: number;
  readonly to: InEnd;
  readonly values: InputValues;
  readonly sum: boolean;
}

export interface ProbeSpec {
  readonly id: number;
  readonly target: OutEnd | InEnd;
  readonly synapse: Synapse | null;
  readonly label: string | undefined;
  /** How results and messages name it: `plant.out.x` (or its label). */
  readonly name: string;
}

export type SourceSpec = EdgeSpec | InputSpec;

/** Everything a system is made of, as wired. */
export interface SystemModel {
  /** Base time step (s). */
  readonly dt: number;
  readonly seed: number;
  readonly entries: readonly SubsystemEntry[];
  readonly edges: readonly EdgeSpec[];
  readonly inputs: readonly InputSpec[];
  readonly probes: readonly ProbeSpec[];
}

/**
 * The time step (s) of a unit of `members` stepping every `multiple` base steps: a trained
 * member's own dt where there is one (the system checked it against `dt × multiple`; using it
 * keeps its plan the one its `predict` runs, bit for bit), else `dt × multiple`.
 */
export function unitDt(dt: number, members: readonly SubsystemEntry[], multiple: number): number {
  return members.find((m) => m.sub.dt !== undefined)?.sub.dt ?? dt * multiple;
}

/** `ctrl.out.u` / `plant.in.u`. */
export function portName(end: OutEnd | InEnd): string {
  return `${end.entry.key}.${end.port.kind === "inPort" ? "in" : "out"}.${end.port.name}`;
}

export function edgeName(e: EdgeSpec): string {
  return `${portName(e.from)} -> ${portName(e.to)}`;
}

/** The sources of each input port, in wiring order, keyed by `key.in.name`. */
export function sourcesByPort(model: SystemModel): Map<string, SourceSpec[]> {
  const all: SourceSpec[] = [...model.edges, ...model.inputs].sort((a, b) => a.id - b.id);
  const map = new Map<string, SourceSpec[]>();
  for (const s of all) {
    const k = portName(s.to);
    const list = map.get(k) ?? [];
    list.push(s);
    map.set(k, list);
  }
  return map;
}
