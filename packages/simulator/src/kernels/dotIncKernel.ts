import { BuildError } from "@plexus/core";
import { numAt } from "@plexus/core/runtime";
import { contiguous, entryAt, UNROLL } from "../internal/codegen.js";
import { BLOCK_ROWS, GROUPS } from "../internal/simdKernels.js";
import type { Emitter, Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { incTarget, storer, type Target, targetSize } from "./Target.js";

/** A matrix-vector product `y = W x` into a target (Nengo's `DotInc`). */
export interface DotIncSpec {
  /**
   * The matrix, `rows × cols`: row-major (`layout: "rows"`), column-major (`"columns"`, one
   * column per input entry, e.g. neuron-major decoders), or in blocks of 8 rows (`"blocks"`, from
   * {@link blockedWeights}: block b, column j, row 8b + q at `(b·cols + j)·8 + q`, the rows
   * padded with zeros to a multiple of 8; for dense products with more than 8 columns).
   */
  readonly weights: Signal;
  readonly rows: number;
  readonly cols: number;
  readonly layout: "rows" | "columns" | "blocks";
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
  const size = layout === "blocks" ? Math.ceil(R / BLOCK_ROWS) * BLOCK_ROWS * C : R * C;
  const fail = (message: string): BuildError => new BuildError(`dotIncKernel of ${spec.owner}: ${message}`, { label: spec.owner });
  if (weights.size !== size) throw fail(`weights have ${weights.size} entries, expected ${size} for ${R}×${C} (${layout})`);
  if (layout === "blocks" && (eventDriven || C <= UNROLL)) throw fail(`the blocks layout is for dense products with more than ${UNROLL} columns; use "rows"`);
  if (x.size !== C) throw fail(`input has ${x.size} entries, expected ${C}`);
  if (targetSize(dst) !== R) throw fail(`target takes ${targetSize(dst)} entries, expected ${R}`);
  if (eventDriven && layout !== "columns") throw fail('event-driven products need column-major weights (layout: "columns")');
  const kernel: Kernel = {
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
        for (let i = 0; i < R; i++) s += `${store(i, "0")}\n`;
        return s;
      }
      if (eventDriven) {
        if (R > UNROLL) return eventDrivenSource(e, spec);
        // a few rows: one pass over the inputs, the rows unrolled
        let s = dst.mode === "set" ? `${Array.from({ length: R }, (_, i) => `${A}[${e.offset(dst.signal) + i}] = 0;`).join("\n")}\n` : "";
        const inc = storer(e, dst.mode === "set" ? incTarget(dst.signal) : dst);
        const L = e.activeList(x);
        if (L.filled)
          s += `for (let k = 1, m = ${L.name}[0]; k <= m; k++) {\nconst j = ${L.name}[k];\nconst a = ${A}[${xo} + j];\n{\nconst r = ${wo} + j * ${R};\n`;
        else s += `for (let j = 0; j < ${C}; j++) {\nconst a = ${A}[${xo} + j];\nif (a !== 0) {\nconst r = ${wo} + j * ${R};\n`;
        for (let i = 0; i < R; i++) s += `${inc(i, `${A}[r + ${i}] * a`)}\n`;
        return `${s}}\n}\n`;
      }
      // A set target stands for Nengo's Reset + DotInc: 0 + Σ (so a -0 sum reads +0, as there).
      if (layout === "blocks") return blocksSource(e, spec);
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
          for (let i = 0; i < R; i++) s += `${store(i, dot(i))}\n`;
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
        for (let k = 0; k < ROWS; k++) s += `${store(k === 0 ? "i" : `i + ${k}`, `s${k}`)}\n`;
        s += "}\n";
        for (let i = blocks; i < R; i++)
          s += `{\nconst r = ${wo + i * C};\nlet s = 0;\nfor (let j = 0; j < ${C}; j++) s += ${A}[r + j] * ${A}[${xo} + j];\n${store(i, "s")}\n}\n`;
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
  productSpecs.set(kernel, spec);
  if (layout === "blocks") blocksWork.set(kernel, R * C);
  return kernel;
}

/** The spec of each product kernel (for plan-level rewrites such as dedupeProducts). */
export const productSpecs = new WeakMap<Kernel, DotIncSpec>();

/** Multiply-adds per step of the kernels with a product in blocks (which a helper thread may share). */
export const blocksWork = new WeakMap<Kernel, number>();

/** Rows of a dense product summed together. */
const ROWS = 4;

/**
 * `y (+)= W x` touching only the columns whose input is not 0: the nonzero inputs are listed
 * (by the writer of x, e.g. the LIF kernel, else here), then applied 8 columns at a time (in
 * WebAssembly where the target is a plain range of the arena); each entry of y still receives its
 * terms in column order (`y = ((y + t0) + t1) + ...`), so the result is the bits of one column at
 * a time.
 */
function eventDrivenSource(e: Emitter, spec: DotIncSpec): string {
  const { weights, rows: R, cols: C, x, dst } = spec;
  const A = e.A;
  const wo = e.offset(weights);
  const xo = e.offset(x);
  const L = e.activeList(x);
  const list = L.name;
  let s = dst.mode === "set" ? `${A}.fill(0, ${e.offset(dst.signal)}, ${e.offset(dst.signal) + R});\n` : "";
  if (!L.filled) s += `{\nlet m = 0;\nfor (let j = 0; j < ${C}; j++) if (${A}[${xo} + j] !== 0) ${list}[++m] = j;\n${list}[0] = m;\n}\n`;
  const t = dst.mode === "set" ? incTarget(dst.signal) : dst;
  const plain = t.gains === null && (t.index === null || t.index.length === 0 || contiguous(t.index));
  const B = e.entryBytes;
  const y = (e.offset(t.signal) + (t.index?.[0] ?? 0)) * B;
  const events = plain && L.byteOffset >= 0 ? e.simd("events", [y, R, wo * B, xo * B, L.byteOffset]) : null;
  if (events !== null) return `${s}${events}\n`;
  const acc = accumulator(e, t);
  const group = (g: number): string => {
    let b = "";
    for (let k = 0; k < g; k++) b += `const j${k} = ${list}[k + ${k + 1}];\nconst a${k} = ${A}[${xo} + j${k}];\nconst r${k} = ${wo} + j${k} * ${R};\n`;
    const terms = Array.from({ length: g }, (_, k) => (i: number | string) => `${A}[r${k} + ${i}] * a${k}`);
    return `${b}for (let i = 0; i < ${R}; i++) {\n${acc("i", terms)}\n}\n`;
  };
  // 8 columns per pass, then 4, 2 and 1, as the WebAssembly kernel (where the arena is float32, a
  // store rounds: the same passes give the same bits)
  s += `const m = ${list}[0];\nlet k = 0;\nfor (; k + ${GROUPS[0]} <= m; k += ${GROUPS[0]}) {\n${group(GROUPS[0])}}\n`;
  for (const g of GROUPS.slice(1)) s += `if (k + ${g} <= m) {\n${group(g)}k += ${g};\n}\n`;
  return s;
}

/** Statements adding several terms, in order, into entry i of an inc target (times its gains). */
function accumulator(e: Emitter, t: Target): (i: number | string, terms: readonly ((i: number | string) => string)[]) => string {
  const g = t.gains === null ? null : e.offset(t.gains);
  const where = entryAt(e, e.offset(t.signal), t.index, "idx");
  const scale = (i: number | string, expr: string): string => (g === null ? expr : `${e.A}[${typeof i === "number" ? g + i : `${g} + ${i}`}] * (${expr})`);
  return (i, terms) => {
    const [only] = terms;
    if (terms.length === 1 && only !== undefined) return `${e.A}[${where(i)}] += ${scale(i, only(i))};`;
    let b = `{\nconst p = ${where(i)};\nlet v = ${e.A}[p];\n`;
    for (const term of terms) b += `v += ${scale(i, term(i))};\n`;
    return `${b}${e.A}[p] = v;\n}`;
  };
}

/** `W` (`rows × cols`, row-major) in the `blocks` layout of {@link DotIncSpec}. */
export function blockedWeights(w: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const blocks = Math.ceil(rows / BLOCK_ROWS);
  const out = new Float64Array(blocks * BLOCK_ROWS * cols);
  for (let i = 0; i < rows; i++) {
    const b = Math.floor(i / BLOCK_ROWS);
    const q = i % BLOCK_ROWS;
    for (let j = 0; j < cols; j++) out[(b * cols + j) * BLOCK_ROWS + q] = numAt(w, i * cols + j);
  }
  return out;
}

/** True when a dense `rows × cols` product is large enough to pay for the `blocks` layout. */
export function prefersBlocks(rows: number, cols: number): boolean {
  return cols > UNROLL && rows >= 4 * BLOCK_ROWS && rows * cols >= 4096;
}

/**
 * A dense product on weights in blocks of 8 rows: each row's sum starts at 0 and adds its terms
 * in column order (as the row-major kernel), in WebAssembly two rows per f64x2 lane where the
 * arena is a WebAssembly memory; the rows beyond the last whole block in JS. With `init` (a plain
 * inc target), `y = init + Σ` in one pass: what `y = init` then `y += Σ` gives.
 */
export function blocksSource(e: Emitter, spec: DotIncSpec, init: Signal | null = null): string {
  const { weights, rows: R, cols: C, x, dst } = spec;
  const A = e.A;
  const wo = e.offset(weights);
  const xo = e.offset(x);
  const plain = dst.gains === null && (dst.index === null || dst.index.length === 0 || contiguous(dst.index));
  if (init !== null && !(plain && dst.mode === "inc")) {
    throw new BuildError(`blocksSource of ${spec.owner}: an initial value needs an inc target without index or gains`, { label: spec.owner });
  }
  const raw = storer(e, dst);
  const y = e.offset(dst.signal) + (dst.index?.[0] ?? 0);
  const store =
    init !== null
      ? (i: number | string, expr: string): string => `${A}[${y} + ${i}] = ${A}[${e.offset(init)} + ${i}] + ${expr};`
      : dst.mode === "set"
        ? (i: number | string, expr: string): string => raw(i, `0 + ${expr}`)
        : raw;
  const whole = Math.floor(R / BLOCK_ROWS);
  const B = e.entryBytes;
  const call = plain && whole > 0 ? e.simd("denseBlocks", [y * B, wo * B, xo * B, whole, C, init === null ? 0 : e.offset(init) * B]) : null;
  let s = "";
  let first = 0;
  if (call !== null) {
    if (dst.mode === "set") s += `${A}.fill(0, ${y}, ${y + whole * BLOCK_ROWS});\n`;
    s += `${call}\n`;
    first = whole;
  }
  const blocks = Math.ceil(R / BLOCK_ROWS);
  if (first < blocks) {
    s += `for (let b = ${first}; b < ${blocks}; b++) {\nconst r = ${wo} + b * ${C * BLOCK_ROWS};\n`;
    for (let q = 0; q < BLOCK_ROWS; q++) s += `let s${q} = 0;\n`;
    s += `for (let j = 0; j < ${C}; j++) {\nconst xj = ${A}[${xo} + j];\nconst p = r + j * ${BLOCK_ROWS};\n`;
    for (let q = 0; q < BLOCK_ROWS; q++) s += `s${q} += ${A}[p + ${q}] * xj;\n`;
    s += "}\n";
    for (let q = 0; q < BLOCK_ROWS; q++) {
      const i = `b * ${BLOCK_ROWS} + ${q}`;
      s += R % BLOCK_ROWS === 0 ? `${store(`(${i})`, `s${q}`)}\n` : `if (${i} < ${R}) ${store(`(${i})`, `s${q}`)}\n`;
    }
    s += "}\n";
  }
  return s;
}
