import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { UNROLL } from "../internal/codegen.js";
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
      if (eventDriven) {
        let s = "";
        if (dst.mode === "set") s += R <= UNROLL ? Array.from({ length: R }, (_, i) => `${A}[${e.offset(dst.signal) + i}] = 0;`).join("\n") + "\n" : `${A}.fill(0, ${e.offset(dst.signal)}, ${e.offset(dst.signal) + R});\n`;
        const inc = storer(e, dst.mode === "set" ? incTarget(dst.signal) : dst);
        s += `for (let j = 0; j < ${C}; j++) {\nconst a = ${A}[${xo} + j];\nif (a !== 0) {\nconst r = ${wo} + j * ${R};\n`;
        if (R <= UNROLL) for (let i = 0; i < R; i++) s += inc(i, `${A}[r + ${i}] * a`) + "\n";
        else s += `for (let i = 0; i < ${R}; i++) ${inc("i", `${A}[r + i] * a`)}\n`;
        s += "}\n}\n";
        return s;
      }
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
