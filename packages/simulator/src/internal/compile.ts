import { deriveSeed, Rng } from "@plexus/core";
import type { ActiveList, Emitter, Kernel, KernelState } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { lit, UNROLL } from "./codegen.js";
import { KernelFailure } from "./KernelFailure.js";
import { KERNEL_STATES } from "./kernelStates.js";
import type { ProbeStore } from "./ProbeStore.js";
import { PARAMS_BYTES, PARAMS_F64, type SimdArena, type SimdKernels } from "./simdKernels.js";
import { PARALLEL_MIN_WORK, type StepHelper } from "./stepHelper.js";

/** The step function: runs every kernel of step `n` (time `t = n·dt`), then records the probes. */
export type StepFunction = (n: number, t: number) => void;

/** What the probes of a compiled step record. */
export interface Recording {
  readonly signal: Signal;
  readonly period: number;
  readonly store: ProbeStore;
}

/** A plan compiled for one arena. */
export interface Compiled {
  readonly step: StepFunction;
  /**
   * The generated source (fused: one function; unfused: one per kernel). It holds indices and
   * numbers only, never user text: kernel `i` is marked `// kernel i`, and `kernelNames[i]` says
   * whose it is.
   */
  readonly source: string;
  /** The side table of the source's `// kernel i` marks: each kernel's owner and role, for messages. */
  readonly kernelNames: readonly string[];
  /** Per-simulator objects that kernels made (e.g. input slots), by key. */
  readonly resources: ReadonlyMap<object, unknown>;
  /** Re-runs the kernels' reset hooks (remaking process steps) with the simulator's seed. */
  reset(seed: number): void;
}

const IDENT = /[^A-Za-z0-9_]/g;

/** The resource key of the active lists (by signal). */
const LISTS = {};

/** Source characters per generated function in fused mode (V8 optimizes functions up to a size). */
const CHUNK = 12_000;

class SourceEmitter implements Emitter {
  readonly A = "A";
  readonly n = "n";
  readonly t = "t";
  readonly constants: unknown[] = [];
  readonly names: string[] = [];
  readonly hooks: ((rngFor: (...path: readonly (string | number)[]) => Rng) => void)[] = [];
  private locals = 0;
  private readonly bound = new Map<unknown, string>();

  constructor(
    readonly dt: number,
    readonly arena: Float64Array | Float32Array,
    readonly resources: Map<object, unknown>,
    private seed: number,
    private readonly wasm: SimdArena | null,
    private readonly helper: StepHelper | null,
  ) {}

  simd(name: keyof SimdKernels, ints: readonly number[], floats: readonly number[] = []): string | null {
    if (this.wasm === null) return null;
    const [y, w, x, blocks, cols, init] = ints;
    if (
      name === "denseBlocks" &&
      this.helper !== null &&
      y !== undefined &&
      w !== undefined &&
      x !== undefined &&
      blocks !== undefined &&
      cols !== undefined &&
      init !== undefined &&
      blocks * 8 * cols >= PARALLEL_MIN_WORK
    ) {
      const shared = this.helper.dense(y, w, x, blocks, cols, init);
      if (shared !== null) return `${this.bind(shared, "shared")}();`;
    }
    const block = this.wasm.scratch.take(PARAMS_BYTES / 4);
    if (block === null) return null;
    block.view.set(ints);
    new Float64Array(block.view.buffer, block.byteOffset + PARAMS_F64, (PARAMS_BYTES - PARAMS_F64) / 8).set(floats);
    return `${this.bind(this.wasm.kernels[name], String(name))}(${block.byteOffset});`;
  }

  scratch(size: number, hint = "scratch"): { readonly name: string; readonly byteOffset: number } {
    const taken = this.wasm?.scratch.take(size) ?? null;
    return { name: this.bind(taken?.view ?? new Int32Array(size), hint), byteOffset: taken?.byteOffset ?? -1 };
  }

  activeList(x: Signal, fill = false): ActiveList {
    let lists = this.resources.get(LISTS) as Map<Signal, { view: Int32Array; byteOffset: number; filled: boolean }> | undefined;
    if (lists === undefined) {
      lists = new Map();
      this.resources.set(LISTS, lists);
    }
    let l = lists.get(x);
    if (l === undefined) {
      const taken = this.wasm?.scratch.take(x.size + 1) ?? null;
      l = { view: taken?.view ?? new Int32Array(x.size + 1), byteOffset: taken?.byteOffset ?? -1, filled: fill };
      lists.set(x, l);
    } else if (fill) {
      l.filled = true;
    }
    return { name: this.bind(l.view, "active"), byteOffset: l.byteOffset, filled: l.filled };
  }

  offset(s: Signal): number {
    return s.offset;
  }

  get entryBytes(): 4 | 8 {
    return this.arena.BYTES_PER_ELEMENT === 4 ? 4 : 8;
  }

  view(s: Signal): Float64Array {
    // in float32 mode a Float32Array: indexed, set and sliced the same way
    return this.arena.subarray(s.offset, s.offset + s.size) as Float64Array;
  }

  bind(value: unknown, hint = "c"): string {
    const known = this.bound.get(value);
    if (known !== undefined) return known;
    const name = `${hint.replace(IDENT, "_")}_${this.constants.length}`;
    this.constants.push(value);
    this.names.push(name);
    if ((typeof value === "object" && value !== null) || typeof value === "function") this.bound.set(value, name);
    return name;
  }

  local(hint = "v"): string {
    return `${hint.replace(IDENT, "_")}$${this.locals++}`;
  }

  onReset(fn: (rngFor: (...path: readonly (string | number)[]) => Rng) => void): void {
    this.hooks.push(fn);
    fn(this.rngFor);
  }

  failer(owner: string): (message: string, cause?: unknown) => never {
    return (message, cause) => {
      throw new KernelFailure(owner, message, cause);
    };
  }

  resource<T>(key: object, make: () => T): T {
    if (this.resources.has(key)) return this.resources.get(key) as T;
    const v = make();
    this.resources.set(key, v);
    return v;
  }

  persist(state: KernelState): void {
    this.resource(KERNEL_STATES, (): KernelState[] => []).push(state);
  }

  readonly rngFor = (...path: readonly (string | number)[]): Rng => new Rng(deriveSeed(this.seed, ...path));

  runHooks(seed: number): void {
    this.seed = seed;
    for (const h of this.hooks) h(this.rngFor);
  }

  prologue(): string {
    return this.names.map((name, i) => `const ${name} = $[${i}];\n`).join("");
  }
}

/** The statements that copy the probed signals into their stores after a step. */
function recordSource(e: SourceEmitter, recordings: readonly Recording[]): string {
  let s = "";
  for (const r of recordings) {
    const P = e.bind(r.store, "probe");
    const o = r.signal.offset;
    const c = r.signal.size;
    let body = `const d = ${P}.data;\nconst r = ${P}.rows * ${c};\n`;
    if (c <= UNROLL) for (let i = 0; i < c; i++) body += `d[r + ${i}] = A[${o + i}];\n`;
    else body += `for (let i = 0; i < ${c}; i++) d[r + i] = A[${o} + i];\n`;
    body += `${P}.rows++;\n`;
    s += r.period === 1 ? `{\n${body}}\n` : `if (n % ${lit(r.period)} < 1) {\n${body}}\n`;
  }
  return s;
}

/**
 * Compiles ordered kernels for one arena. Fused (default): all kernels and the probe recording
 * in one generated function, offsets as constants, compiled once with `new Function`. Unfused:
 * one generated function per kernel, called in order (the same code, easier to debug). `simd`:
 * the arena's WebAssembly memory with its kernels and scratch (null: JS only); `helper`: a
 * helper thread on it that shares the large dense products.
 */
export function compile(
  kernels: readonly Kernel[],
  recordings: readonly Recording[],
  arena: Float64Array | Float32Array,
  dt: number,
  seed: number,
  fused: boolean,
  simd: SimdArena | null = null,
  helper: StepHelper | null = null,
): Compiled {
  const resources = new Map<object, unknown>();
  const kernelNames = kernels.map((k) => `${k.owner}: ${k.role}`);
  const make = (e: SourceEmitter, body: string): StepFunction => {
    const src = `"use strict";\n${e.prologue()}return function plexusStep(n, t) {\n${body}};\n`;
    return new Function("A", "$", src)(arena, e.constants) as StepFunction;
  };
  if (fused) {
    // One function while small; beyond CHUNK characters of source, consecutive chunks (V8 does
    // not optimize very large functions), called in order by the step function.
    const e = new SourceEmitter(dt, arena, resources, seed, simd, helper);
    const chunks: string[] = [];
    let chunk = "";
    for (const [i, k] of kernels.entries()) {
      const code = `// kernel ${i}\n{\n${k.emit(e)}}\n`;
      if (chunk.length > 0 && chunk.length + code.length > CHUNK) {
        chunks.push(chunk);
        chunk = "";
      }
      chunk += code;
    }
    chunks.push(chunk);
    const record = recordSource(e, recordings);
    let body: string;
    let source: string;
    if (chunks.length === 1) {
      body = `return function plexusStep(n, t) {\n${chunks[0]}${record}};\n`;
      source = `function plexusStep(n, t) {\n${chunks[0]}${record}}\n`;
    } else {
      const parts = chunks.map((c, i) => `function plexusChunk${i}(n, t) {\n${c}}\n`).join("");
      const calls = chunks.map((_, i) => `plexusChunk${i}(n, t);\n`).join("");
      body = `${parts}return function plexusStep(n, t) {\n${calls}${record}};\n`;
      source = `${parts}function plexusStep(n, t) {\n${calls}${record}}\n`;
    }
    const step = new Function("A", "$", `"use strict";\n${e.prologue()}${body}`)(arena, e.constants) as StepFunction;
    return { step, source: `"use strict";\n${e.prologue()}${source}`, kernelNames, resources, reset: (s) => e.runHooks(s) };
  }
  const emitters: SourceEmitter[] = [];
  const fns: StepFunction[] = [];
  let source = "";
  for (const [i, k] of kernels.entries()) {
    const e = new SourceEmitter(dt, arena, resources, seed, simd, helper);
    const body = `// kernel ${i}\n{\n${k.emit(e)}}\n`;
    fns.push(make(e, body));
    emitters.push(e);
    source += body;
  }
  const re = new SourceEmitter(dt, arena, resources, seed, simd, helper);
  const record = make(re, recordSource(re, recordings));
  const step: StepFunction = (n, t) => {
    for (const f of fns) f(n, t);
    record(n, t);
  };
  return {
    step,
    source,
    kernelNames,
    resources,
    reset: (s) => {
      for (const e of emitters) e.runHooks(s);
    },
  };
}
