import type { Emitter, Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { UNROLL, contiguous } from "../internal/codegen.js";
import { incTarget, storer, targetSize, type Target } from "./Target.js";

/** A matrix-vector product `y = W x` into a target (Nengo's `DotInc`). */
export interface DotIncSpec {
  /** The matrix, `rows × cols`: row-major (`layout: "rows"`) or column-major (`"columns"`, one column per input entry, e.g. neuron-major decoders). */
  readonly weights: Signal;
  readonly rows: number;
  readonly cols: number;
  readonly layout: "rows" | "columns";
  readonly x: Signal;
  readonly dst: Target;
  /**
   * Skip the columns whose input is 0 (for spiking inputs, where most entries are 0 in a step);
   * needs `layout: "columns"`.
   */
  readonly eventDriven: boolean;
  readonly owner: string;
  readonly role?: string;
}

/** A dense (or, for spikes, event-driven) matrix-vector product with offsets fixed at build. */
export function dotIncKernel(spec: DotIncSpec): Kernel {
  const { weights, rows: R, cols: C, x, dst, layout, eventDriven } = spec;
  if (weights.size !== R * C) throw new Error(`dotIncKernel: weights have ${weights.size} entries, expected ${R}×${C}`);
  if (x.size !== C) throw new Error(`dotIncKernel: input has ${x.size} entries, expected ${C}`);
  if (targetSize(dst) !== R) throw new Error(`dotIncKernel: target takes ${targetSize(dst)} entries, expected ${R}`);
  if (eventDriven && layout !== "columns") throw new Error("dotIncKernel: event-driven products need column-major weights");
  return {
    owner: spec.owner,
    role: spec.role ?? "weights",
    reads: [weights, x],
    sets: dst.mode === "set" ? [dst.signal] : [],
    incs: dst.mode === "inc" ? [dst.signal] : [],
    updates: [],
    emit(e) {
      const A = e.A;
      const wo = e.offset(weights);
      const xo = e.offset(x);
      if (R === 0) return "";
      if (C === 0) {
        if (dst.mode === "inc") return "";
        const store = storer(e, dst);
        let s = "";
        for (let i = 0; i < R; i++) s += store(i, "0") + "\n";
        return s;
      }
      if (eventDriven) return eventDrivenSource(e, spec);
      // A set target stands for Nengo's Reset + DotInc: 0 + Σ (so a -0 sum reads +0, as there).
      const raw = storer(e, dst);
      const store = dst.mode === "set" ? (i: number | string, expr: string): string => raw(i, `0 + ${expr}`) : raw;
      const w = (i: number | string, j: number | string): string => {
        if (layout === "rows") {
          if (typeof i === "number" && typeof j === "number") return `${A}[${wo + i * C + j}]`;
          if (typeof j === "number") return `${A}[r + ${j}]`;
          return `${A}[r + ${j}]`;
        }
        if (typeof i === "number" && typeof j === "number") return `${A}[${wo + j * R + i}]`;
        return `${A}[${wo} + ${j} * ${R} + ${i}]`;
      };
      let s = "";
      if (C <= UNROLL) {
        for (let j = 0; j < C; j++) s += `const x${j} = ${A}[${xo + j}];\n`;
        const dot = (i: number | string): string => Array.from({ length: C }, (_, j) => `${w(i, j)} * x${j}`).join(" + ");
        if (R <= UNROLL) {
          for (let i = 0; i < R; i++) s += store(i, dot(i)) + "\n";
        } else {
          s += `for (let i = 0; i < ${R}; i++) {\n${layout === "rows" ? `const r = ${wo} + i * ${C};\n` : ""}${store("i", dot("i"))}\n}\n`;
        }
        return s;
      }
      if (layout === "rows" && R > 2) {
        // ROWS rows at a time: independent sums (each still adds its terms in column order, so
        // the same bits) instead of one dependency chain per row
        const blocks = Math.floor(R / ROWS) * ROWS;
        s += `for (let i = 0; i < ${blocks}; i += ${ROWS}) {\nconst r = ${wo} + i * ${C};\n`;
        for (let k = 0; k < ROWS; k++) s += `let s${k} = 0;\n`;
        s += `for (let j = 0; j < ${C}; j++) {\nconst xj = ${A}[${xo} + j];\n`;
        for (let k = 0; k < ROWS; k++) s += `s${k} += ${A}[r + ${k * C} + j] * xj;\n`;
        s += "}\n";
        for (let k = 0; k < ROWS; k++) s += store(k === 0 ? "i" : `i + ${k}`, `s${k}`) + "\n";
        s += "}\n";
        for (let i = blocks; i < R; i++) s += `{\nconst r = ${wo + i * C};\nlet s = 0;\nfor (let j = 0; j < ${C}; j++) s += ${A}[r + j] * ${A}[${xo} + j];\n${store(i, "s")}\n}\n`;
        return s;
      }
      const body = (i: number | string): string =>
        `{\n${layout === "rows" ? `const r = ${typeof i === "number" ? wo + i * C : `${wo} + ${i} * ${C}`};\n` : ""}let s = 0;\nfor (let j = 0; j < ${C}; j++) s += ${w(i, "j")} * ${A}[${xo} + j];\n${store(i, "s")}\n}\n`;
      if (R <= 2) {
        for (let i = 0; i < R; i++) s += body(i);
        return s;
      }
      s += `for (let i = 0; i < ${R}; i++) ${body("i")}`;
      return s;
    },
  };
}

/** Rows of a dense product summed together. */
const ROWS = 4;

/** Spiking columns applied together by the event-driven product. */
const GROUP = 8;

/**
 * `y (+)= W x` touching only the columns whose input is not 0: the nonzero inputs are listed
 * first, then applied GROUP columns at a time; each entry of y still receives its terms in
 * column order (`y = ((y + t0) + t1) + ...`), so the result is the bits of one column at a time.
 */
function eventDrivenSource(e: Emitter, spec: DotIncSpec): string {
  const { weights, rows: R, cols: C, x, dst } = spec;
  const A = e.A;
  const wo = e.offset(weights);
  const xo = e.offset(x);
  const list = e.bind(new Int32Array(C), "active");
  let s = "";
  if (dst.mode === "set") s += R <= UNROLL ? Array.from({ length: R }, (_, i) => `${A}[${e.offset(dst.signal) + i}] = 0;`).join("\n") + "\n" : `${A}.fill(0, ${e.offset(dst.signal)}, ${e.offset(dst.signal) + R});\n`;
  const t = dst.mode === "set" ? incTarget(dst.signal) : dst;
  const acc = accumulator(e, t);
  s += `let m = 0;\nfor (let j = 0; j < ${C}; j++) if (${A}[${xo} + j] !== 0) ${list}[m++] = j;\n`;
  const group = (g: number, first: string): string => {
    let b = "";
    for (let k = 0; k < g; k++) b += `const j${k} = ${list}[${first}${k === 0 ? "" : ` + ${k}`}];\nconst a${k} = ${A}[${xo} + j${k}];\nconst r${k} = ${wo} + j${k} * ${R};\n`;
    const terms = Array.from({ length: g }, (_, k) => (i: number | string) => `${A}[r${k} + ${i}] * a${k}`);
    if (R <= UNROLL) for (let i = 0; i < R; i++) b += acc(i, terms) + "\n";
    else b += `for (let i = 0; i < ${R}; i++) {\n${acc("i", terms)}\n}\n`;
    return b;
  };
  s += `let k = 0;\nfor (; k + ${GROUP} <= m; k += ${GROUP}) {\n${group(GROUP, "k")}}\n`;
  s += `for (; k < m; k++) {\n${group(1, "k")}}\n`;
  return s;
}

/** Statements adding several terms, in order, into entry i of an inc target (times its gains). */
function accumulator(e: Emitter, t: Target): (i: number | string, terms: readonly ((i: number | string) => string)[]) => string {
  const base = e.offset(t.signal);
  const g = t.gains === null ? null : e.offset(t.gains);
  const idx = t.index;
  let where: (i: number | string) => string;
  if (idx === null || (idx.length > 0 && contiguous(idx))) {
    const o = base + (idx === null || idx.length === 0 ? 0 : idx[0]!);
    where = (i) => (typeof i === "number" ? String(o + i) : `${o} + ${i}`);
  } else {
    const name = e.bind(idx, "idx");
    where = (i) => (typeof i === "number" ? String(base + idx[i]!) : `${base} + ${name}[${i}]`);
  }
  const scale = (i: number | string, expr: string): string => (g === null ? expr : `${e.A}[${typeof i === "number" ? g + i : `${g} + ${i}`}] * (${expr})`);
  return (i, terms) => {
    if (terms.length === 1) return `${e.A}[${where(i)}] += ${scale(i, terms[0]!(i))};`;
    let b = `{\nconst p = ${where(i)};\nlet v = ${e.A}[p];\n`;
    for (const term of terms) b += `v += ${scale(i, term(i))};\n`;
    return `${b}${e.A}[p] = v;\n}`;
  };
}
