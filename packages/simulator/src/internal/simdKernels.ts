// WebAssembly SIMD (f64x2) kernels of the step, run on the simulator's arena (a WebAssembly
// memory). Each lane does the scalar operations of the JS kernels in the same order (plain mul
// and add, no fused multiply-add; selects on the bits instead of branches), so results are the
// same bits; the lanes only take two rows (or neurons) at once. A second set of modules serves
// float32 arenas (entries promoted to f64 on load, rounded on store, as JS does on a
// Float32Array). The modules are written with core's WebAssembly writer (`@plexus/core/runtime`).
import { f64, i32, type Local, v128, type WasmFunction, WasmModule, wasmApi } from "@plexus/core/runtime";
import {
  arenaIo,
  countUp,
  defaultNeuronKernels,
  PARAMS_BYTES,
  PARAMS_F64,
  v128Load,
  v128Store,
  type WasmNeuronKernel,
  wasmOp,
  withParams,
} from "@plexus/kernels";

/** Rows per block of the `blocks` layout of a dense product (see `denseBlocks`). */
export const BLOCK_ROWS = 8;

/** The spiking columns one pass of `events` adds (then fewer for the last ones). */
export const GROUPS = [8, 4, 2, 1] as const;

export { PARAMS_BYTES, PARAMS_F64 };

/** The neuron types' WebAssembly functions, in the module after the products. */
const neuronWasm: readonly WasmNeuronKernel[] = Object.values(defaultNeuronKernels).flatMap((k) => (k?.wasm === undefined ? [] : [k.wasm]));

/**
 * The exported kernels. Each takes the byte address of its parameter block: Int32 parameters
 * from byte 0 (byte addresses; rows and columns as counts), f64 ones from byte PARAMS_F64, in the
 * order given here.
 */
export interface SimdKernels {
  /**
   * `(y, w, x, blocks, cols, init)`: for each of `blocks` blocks of 8 rows,
   * `y[8b + q] = (init ? init[8b + q] : y[8b + q]) + (0 + Σ_j w[(b·cols + j)·8 + q] · x[j])`
   * (sum in column order).
   */
  readonly denseBlocks: (params: number) => void;
  /**
   * `(J, w, P, blocks, cols, points, ldJ)`: `J[k][8b + q] = 0 + Σ_j w[(b·cols + j)·8 + q] · P[k][j]`
   * (sum in column order) for `points` rows k of P (`cols` per row) and `blocks` blocks of 8;
   * rows of J `ldJ` bytes apart. The encoder block stays in cache across the points.
   */
  readonly gemmBlocks: (params: number) => void;
  /**
   * `(y, rows, w, x, list)`: `y[i] = ((y[i] + w_j0[i]·x[j0]) + w_j1[i]·x[j1]) + …` for i < rows,
   * over the columns j of `list` (an Int32 count, then the columns, ascending); `w` column-major
   * (`rows` per column).
   */
  readonly events: (params: number) => void;
  /** The neuron types' functions (e.g. `lif`), by `WasmNeuronKernel.name` (see `@plexus/kernels`). */
  readonly [neuronKernel: string]: (params: number) => void;
}

const PAGE = 65536;
const MAX_PAGES = 65536;

const api = wasmApi;
const [I32, F64, V128] = [i32, f64, v128] as const;
const { i32Add: add, i32Mul: mul, i32Load, f64Add, f64Mul, vSplat64: V_SPLAT64, f64x2Splat: F64X2_SPLAT, f64x2Add: F64X2_ADD, f64x2Mul: F64X2_MUL } = wasmOp;
const loop = countUp;

/**
 * Bytes per arena entry of the module being written: 8 (float64) or 4 (float32 storage, in which
 * the kernels load entries as float64, compute in float64 and round when they store, as JS does
 * on a Float32Array).
 */
let E: 4 | 8 = 8;

function denseBlocks(): WasmFunction {
  const { ldP, stP, ldSplat } = arenaIo(E);
  const { f, p } = withParams("denseBlocks", 6, 0);
  const [y, w, x, blocks, cols, init] = p as [Local, Local, Local, Local, Local, Local];
  const src = f.local(I32);
  const acc = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const s = f.local(V128);
  const b = f.local(I32);
  const j = f.local(I32);
  const xEnd = f.local(I32);
  const wp = f.local(I32);
  const yp = f.local(I32);
  f.get(w).set(wp);
  f.get(cols).i32c(E).op(mul).set(xEnd);
  loop(f, b, blocks, 1, () => {
    for (const a of acc) {
      f.simd(0x0c);
      for (let k = 0; k < 16; k++) f.code.push(0); // v128.const 0
      f.set(a);
    }
    loop(f, j, xEnd, E, () => {
      ldSplat(f.get(x).get(j).op(add)).set(s);
      acc.forEach((a, q) => {
        f.get(a);
        ldP(f.get(wp), 2 * E * q);
        f.get(s).simd(F64X2_MUL).simd(F64X2_ADD).set(a);
      });
      f.get(wp)
        .i32c(8 * E)
        .op(add)
        .set(wp);
    });
    f.get(y)
      .get(b)
      .i32c(8 * E)
      .op(mul)
      .op(add)
      .set(yp);
    // y = init + acc where init is given, else y + acc
    f.get(init)
      .get(b)
      .i32c(8 * E)
      .op(mul)
      .op(add)
      .get(yp)
      .get(init)
      .op(0x1b)
      .set(src);
    acc.forEach((a, q) => {
      f.get(yp);
      ldP(f.get(src), 2 * E * q);
      f.get(a).simd(F64X2_ADD);
      stP(f, 2 * E * q);
    });
  });
  return f;
}

/** See SimdKernels.gemmBlocks. */
function gemmBlocks(): WasmFunction {
  const { f, p } = withParams("gemmBlocks", 7, 0);
  const [J, w, P, blocks, cols, points, ldJ] = p as [Local, Local, Local, Local, Local, Local, Local];
  const acc = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const s = f.local(V128);
  const b = f.local(I32);
  const k = f.local(I32);
  const j = f.local(I32);
  const wb = f.local(I32);
  const pk = f.local(I32);
  const out = f.local(I32);
  const xEnd = f.local(I32);
  const pEnd = f.local(I32);
  f.get(cols).i32c(8).op(mul).set(xEnd);
  f.get(points).get(xEnd).op(mul).set(pEnd);
  loop(f, b, blocks, 1, () => {
    f.get(w).get(b).get(xEnd).op(mul).i32c(8).op(mul).op(add).set(wb); // w + b·cols·64
    loop(f, k, pEnd, 0, () => {
      for (const a of acc) {
        f.simd(0x0c);
        for (let q = 0; q < 16; q++) f.code.push(0);
        f.set(a);
      }
      f.get(P).get(k).op(add).set(pk);
      loop(f, j, xEnd, 8, () => {
        f.get(pk).get(j).op(add).mem([0xfd, V_SPLAT64], 3, 0).set(s);
        acc.forEach((a, q) => {
          f.get(a);
          v128Load(f.get(wb).get(j).i32c(8).op(mul).op(add), 16 * q);
          f.get(s).simd(F64X2_MUL).simd(F64X2_ADD).set(a);
        });
      });
      // J[point][8b ..] = acc; the point's row of J starts at (k / (cols·8))·ldJ
      f.get(J).get(k).get(xEnd).op(0x6e).get(ldJ).op(mul).op(add).get(b).i32c(64).op(mul).op(add).set(out);
      acc.forEach((a, q) => {
        f.get(out).get(a);
        v128Store(f, 16 * q);
      });
      f.get(k).get(xEnd).op(add).set(k);
    });
  });
  return f;
}

/**
 * `events(y, rows, w, x, list)`: the event-driven product. `list` holds a count, then the
 * columns whose input is not 0 (ascending); column j of `w` (`rows` doubles) times `x[j]` is
 * added into y, 8 columns per pass over y (then 4, 2, 1), so that every entry receives its terms
 * in column order: `y[i] = ((y[i] + w_j0[i]·x[j0]) + w_j1[i]·x[j1]) + …`.
 */
function events(): WasmFunction {
  const { ldS, stS, ldP, stP } = arenaIo(E);
  const { f, p } = withParams("events", 5, 0);
  const [y, rows, w, x, list] = p as [Local, Local, Local, Local, Local];
  const G = GROUPS[0];
  // per column of a group: its address, its input and the input splat to both lanes
  const cols = Array.from({ length: G }, () => ({ col: f.local(I32), a: f.local(F64), sp: f.local(V128) }));
  const count = f.local(I32);
  const k = f.local(I32);
  const j = f.local(I32);
  const i = f.local(I32);
  const pairEnd = f.local(I32);
  const colBytes = f.local(I32);
  const v = f.local(V128);
  const t = f.local(F64);
  f.get(list).mem(i32Load, 2, 0).set(count);
  f.get(rows).i32c(E).op(mul).set(colBytes);
  f.get(rows)
    .i32c(1)
    .op(0x76)
    .i32c(2 * E)
    .op(mul)
    .set(pairEnd); // (rows >>> 1) · 2E
  f.i32c(0).set(k);
  const group = (g: number): void => {
    const lanes = cols.slice(0, g);
    for (const [q, { col, a, sp }] of lanes.entries()) {
      // j = list[1 + k + q]; column address and input
      f.get(list)
        .get(k)
        .i32c(4)
        .op(mul)
        .op(add)
        .mem(i32Load, 2, 4 * (1 + q))
        .set(j);
      f.get(w).get(j).get(colBytes).op(mul).op(add).set(col);
      ldS(f.get(x).get(j).i32c(E).op(mul).op(add)).set(a);
      f.get(a).simd(F64X2_SPLAT).set(sp);
    }
    loop(f, i, pairEnd, 2 * E, () => {
      ldP(f.get(y).get(i).op(add)).set(v);
      for (const { col, sp } of lanes) {
        f.get(v);
        ldP(f.get(col).get(i).op(add));
        f.get(sp).simd(F64X2_MUL).simd(F64X2_ADD).set(v);
      }
      f.get(y).get(i).op(add).get(v);
      stP(f);
    });
    // an odd last row, scalar
    f.get(rows).i32c(1).op(0x71).op(0x04, 0x40); // if (rows & 1)
    ldS(f.get(y).get(pairEnd).op(add)).set(t);
    for (const { col, a } of lanes) ldS(f.get(t).get(col).get(pairEnd).op(add)).get(a).op(f64Mul).op(f64Add).set(t);
    stS(f.get(y).get(pairEnd).op(add).get(t));
    f.op(0x0b);
    f.get(k).i32c(g).op(add).set(k);
  };
  // while (k + G <= count) group(G)
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get(k).i32c(G).op(add).get(count).op(0x4a).op(0x0d, 1); // i32.gt_s; br_if 1
  group(G);
  f.op(0x0c, 0, 0x0b, 0x0b);
  for (const g of GROUPS.slice(1)) {
    f.get(k).i32c(g).op(add).get(count).op(0x4c).op(0x04, 0x40); // if (k + g <= count)
    group(g);
    f.op(0x0b);
  }
  return f;
}

function moduleBytes(shared: boolean, elementBytes: 4 | 8): Uint8Array {
  E = elementBytes;
  let fns: WasmFunction[];
  try {
    fns = [denseBlocks(), events(), ...neuronWasm.map((k) => k.write(elementBytes))];
  } finally {
    E = 8;
  }
  fns.push(gemmBlocks()); // (build time, on float64 arrays only)
  const module = new WasmModule();
  for (const f of fns) module.add(f);
  return module.encode({ shared, maxPages: MAX_PAGES });
}

const compiled: (object | null | undefined)[] = [undefined, undefined, undefined, undefined];

/**
 * The compiled module (for a plain or a shared memory, arena entries of 8 or 4 bytes), or null
 * where WebAssembly SIMD (or shared memory) is missing.
 */
function simdModule(shared: boolean, elementBytes: 4 | 8): object | null {
  const k = (shared ? 1 : 0) + (elementBytes === 4 ? 2 : 0);
  if (compiled[k] === undefined) {
    try {
      const bytes = moduleBytes(shared, elementBytes);
      compiled[k] = api !== undefined && (!shared || typeof SharedArrayBuffer === "function") && api.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      compiled[k] = null;
    }
  }
  return compiled[k] ?? null;
}

/** An arena in a WebAssembly memory, the kernels instantiated on it, and scratch space after it. */
export interface SimdArena {
  /** The arena: a Float64Array, or a Float32Array for `elementBytes` 4. */
  readonly arena: Float64Array | Float32Array;
  /** Bytes per arena entry (8 or 4). */
  readonly elementBytes: 4 | 8;
  readonly kernels: SimdKernels;
  /** Int32 scratch lists (e.g. of spiking neurons) in the same memory. */
  readonly scratch: ScratchInts;
  /** The memory and the compiled module (for helper threads, on a shared memory). */
  readonly memory: { readonly buffer: ArrayBufferLike };
  readonly module: object;
  readonly shared: boolean;
}

/** A bump allocator of Int32 lists after the arena in its WebAssembly memory. */
export class ScratchInts {
  private next: number;
  constructor(
    private readonly buffer: ArrayBufferLike,
    start: number,
    private readonly end: number,
  ) {
    this.next = start;
  }

  /** A list of `n` Int32 and its byte offset, or null when the scratch space is used up. */
  take(n: number): { readonly view: Int32Array; readonly byteOffset: number } | null {
    const at = this.next;
    if (at + 4 * n > this.end) return null;
    this.next = at + 4 * n + ((16 - ((4 * n) % 16)) % 16);
    return { view: new Int32Array(this.buffer, at, n), byteOffset: at };
  }
}

/**
 * A zeroed arena of `size` entries (doubles, or floats for `elementBytes` 4) in a new WebAssembly
 * memory (followed by twice as many Int32 of scratch), with the kernels bound to it; `shared`: a
 * shared memory (for helper threads).
 * Null where WebAssembly SIMD (or shared memory) is missing or the memory would exceed 4 GiB.
 * Pages never touched are never committed.
 */
export function simdArena(size: number, shared = false, elementBytes: 4 | 8 = 8): SimdArena | null {
  const mod = simdModule(shared, elementBytes);
  if (mod === null || api === undefined) return null;
  const arenaBytes = Math.ceil((size * elementBytes) / 16) * 16;
  const scratchBytes = 4 * (2 * size + 1024);
  const pages = Math.max(1, Math.ceil((arenaBytes + scratchBytes) / PAGE));
  if (pages > MAX_PAGES) return null;
  try {
    const memory = new api.Memory({ initial: pages, maximum: shared ? pages : MAX_PAGES, shared });
    const inst = new api.Instance(mod, { env: { memory } });
    return {
      arena: elementBytes === 8 ? new Float64Array(memory.buffer, 0, size) : new Float32Array(memory.buffer, 0, size),
      elementBytes,
      kernels: inst.exports as unknown as SimdKernels,
      scratch: new ScratchInts(memory.buffer, arenaBytes, arenaBytes + scratchBytes),
      memory,
      module: mod,
      shared,
    };
  } catch {
    return null;
  }
}
