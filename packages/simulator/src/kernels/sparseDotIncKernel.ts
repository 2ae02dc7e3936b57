import { BuildError } from "@plexus/core";
import type { Emitter, Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { storer, type Target, targetSize } from "./Target.js";

/**
 * A sparse matrix-vector product `y = W x` into a target (Nengo's `SparseDotInc`, and the
 * convolution transforms once their taps are laid out as a sparse matrix).
 */
export interface SparseDotIncSpec {
  /**
   * The stored values, in the order of `layout`: `"rows"` (CSR: row i's entries at
   * `ptr[i]..ptr[i+1]`, `index` their columns) or `"columns"` (CSC: column j's entries at
   * `ptr[j]..ptr[j+1]`, `index` their rows; only the columns whose input is not 0 are visited).
   */
  readonly values: Signal;
  readonly ptr: Int32Array;
  readonly index: Int32Array;
  readonly layout: "rows" | "columns";
  readonly rows: number;
  readonly cols: number;
  readonly x: Signal;
  readonly dst: Target;
  readonly owner: string;
  readonly role?: string;
}

/**
 * A sparse product with its index tables bound at build: row by row (each output summed in its
 * stored order, then written once), or, for spiking inputs, column by column over the inputs
 * that are not 0 this step (the list the spiking kernel fills, when it does). Allocation-free.
 */
export function sparseDotIncKernel(spec: SparseDotIncSpec): Kernel {
  const { values, ptr, index, layout, rows: R, cols: C, x, dst } = spec;
  const outer = layout === "rows" ? R : C;
  const fail = (message: string): BuildError => new BuildError(`sparseDotIncKernel of ${spec.owner}: ${message}`, { label: spec.owner });
  if (ptr.length !== outer + 1) throw fail(`${ptr.length} pointers for ${outer} ${layout}, expected ${outer + 1}`);
  if (index.length !== values.size || ptr[outer] !== values.size)
    throw fail(`${values.size} values, ${index.length} indices, ${ptr[outer]} pointed to; give as many of each`);
  if (x.size !== C) throw fail(`input has ${x.size} entries, expected ${C}`);
  if (targetSize(dst) !== R) throw fail(`target takes ${targetSize(dst)} entries, expected ${R}`);
  if (layout === "columns" && !plain(dst)) throw fail('the columns layout needs a target without index or gains; use layout: "rows"');
  return {
    owner: spec.owner,
    role: spec.role ?? "weights",
    reads: [values, x],
    sets: dst.mode === "set" ? [dst.signal] : [],
    incs: dst.mode === "inc" ? [dst.signal] : [],
    updates: [],
    emit: (e) => (layout === "rows" ? rowsSource(e, spec) : columnsSource(e, spec)),
  };
}

function plain(t: Target): boolean {
  return t.index === null && t.gains === null;
}

function rowsSource(e: Emitter, spec: SparseDotIncSpec): string {
  const { values, ptr, index, rows: R, x, dst } = spec;
  const A = e.A;
  const P = e.bind(ptr, "ptr");
  const I = e.bind(index, "col");
  const raw = storer(e, dst);
  // a set target stands for Nengo's Reset + SparseDotInc: 0 + Σ
  const store = dst.mode === "set" ? (i: number | string, expr: string): string => raw(i, `0 + ${expr}`) : raw;
  const vo = e.offset(values);
  const xo = e.offset(x);
  return `for (let i = 0; i < ${R}; i++) {\nlet s = 0;\nfor (let k = ${P}[i], end = ${P}[i + 1]; k < end; k++) s += ${A}[${vo} + k] * ${A}[${xo} + ${I}[k]];\n${store("i", "s")}\n}\n`;
}

function columnsSource(e: Emitter, spec: SparseDotIncSpec): string {
  const { values, ptr, index, rows: R, cols: C, x, dst } = spec;
  const A = e.A;
  const P = e.bind(ptr, "ptr");
  const I = e.bind(index, "row");
  const vo = e.offset(values);
  const xo = e.offset(x);
  const y = e.offset(dst.signal);
  const L = e.activeList(x);
  let s = dst.mode === "set" ? `${A}.fill(0, ${y}, ${y + R});\n` : "";
  if (!L.filled) s += `{\nlet m = 0;\nfor (let j = 0; j < ${C}; j++) if (${A}[${xo} + j] !== 0) ${L.name}[++m] = j;\n${L.name}[0] = m;\n}\n`;
  s += `for (let q = 1, m = ${L.name}[0]; q <= m; q++) {\nconst j = ${L.name}[q];\nconst a = ${A}[${xo} + j];\n`;
  s += `for (let k = ${P}[j], end = ${P}[j + 1]; k < end; k++) ${A}[${y} + ${I}[k]] += ${A}[${vo} + k] * a;\n}\n`;
  return s;
}
