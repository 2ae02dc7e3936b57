// WebAssembly SIMD (f64x2) kernels of the step, run on the simulator's arena (a WebAssembly
// memory). Each lane does the scalar operations of the JS kernels in the same order (plain mul
// and add, no fused multiply-add; selects on the bits instead of branches), so results are the
// same bits; the lanes only take two rows (or neurons) at once. A second set of modules serves
// float32 arenas (entries promoted to f64 on load, rounded on store, as JS does on a
// Float32Array). The modules are written with core's WebAssembly writer (`@plexus/core/runtime`).
import { f64, i32, v128, wasmApi, WasmFunction, WasmModule, type CompiledModule, type Local } from "@plexus/core/runtime";

/** Rows per block of the `blocks` layout of a dense product (see `denseBlocks`). */
export const BLOCK_ROWS = 8;

/** The spiking columns one pass of `events` adds (then fewer for the last ones). */
export const GROUPS = [8, 4, 2, 1] as const;

/** Byte offset of the f64 parameters in a parameter block. */
export const PARAMS_F64 = 64;

/** Bytes of a parameter block. */
export const PARAMS_BYTES = PARAMS_F64 + 8 * 8;

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
  /**
   * `(j, v, r, out, spikes, slow, n, bias, enc, x, cols; dt, whole, minVoltage, amplitude)`: the
   * common part of a LIF step, branch-free where the JS kernel branches on the data (see
   * lifKernel): the input current (read from `j`, or `bias` when `cols` is 0, or
   * `bias + (enc·x)` over `cols` columns, then stored in `j`); neurons leaving their refractory
   * period in this step (0 < rt < dt, or rt NaN) are only listed in `slow` (for JS: they need
   * `expm1`); the others integrate over dt or 0, and those that spike are listed in `spikes`
   * with their voltage before the reset left in `r` (JS then computes their refractory time with
   * `log1p`). Lists: an Int32 count, then indices, ascending.
   */
  readonly lif: (params: number) => void;
}

const PAGE = 65536;
const MAX_PAGES = 65536;

const api = wasmApi;
const I32 = i32;
const F64 = f64;
const V128 = v128;

/** `for (v = 0; v < end; v += step) body()` on i32 locals (end is a local). */
function loop(f: WasmFunction, v: Local, end: Local, step: number, body: () => void): WasmFunction {
  f.i32c(0).set(v);
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop
  f.get(v).get(end).op(0x4e).op(0x0d, 1); // i32.ge_s; br_if 1
  body();
  f.get(v).i32c(step).op(0x6a).set(v).op(0x0c, 0); // i32.add; br 0
  return f.op(0x0b, 0x0b); // end loop, end block
}

const add = 0x6a;
const mul = 0x6c;
const i32Load = [0x28];
const f64Load = [0x2b];
const f64Store = [0x39];
const f64Add = 0xa0;
const f64Mul = 0xa2;
const V_LOAD = 0x00;
const V_STORE = 0x0b;
const V_SPLAT64 = 0x0a;
const F64X2_SPLAT = 0x14;
const F64X2_ADD = 0xf0;
const F64X2_MUL = 0xf2;

function v128Load(f: WasmFunction, offset = 0): WasmFunction {
  f.simd(V_LOAD);
  f.memarg(3, offset); // 8-byte alignment hint (rows of doubles)
  return f;
}
function v128Store(f: WasmFunction, offset = 0): WasmFunction {
  f.simd(V_STORE);
  f.memarg(3, offset);
  return f;
}

/**
 * Bytes per arena entry of the module being written: 8 (float64) or 4 (float32 storage, in which
 * the kernels load entries as float64, compute in float64 and round when they store, as JS does
 * on a Float32Array).
 */
let E: 4 | 8 = 8;

/** Loads one entry (address on the stack) as an f64. */
function ldS(f: WasmFunction, offset = 0): WasmFunction {
  return E === 8 ? f.mem(f64Load, 3, offset) : f.mem([0x2a], 2, offset).op(0xbb); // f32.load; f64.promote_f32
}
/** Stores an f64 (address, value on the stack) into one entry. */
function stS(f: WasmFunction, offset = 0): WasmFunction {
  return E === 8 ? f.mem(f64Store, 3, offset) : f.op(0xb6).mem([0x38], 2, offset); // f32.demote_f64; f32.store
}
/** Loads two consecutive entries as an f64x2. */
function ldP(f: WasmFunction, offset = 0): WasmFunction {
  if (E === 8) return v128Load(f, offset);
  f.simd(0x5d); // v128.load64_zero
  f.memarg(2, offset);
  return f.simd(0x5f); // f64x2.promote_low_f32x4
}
/** Stores an f64x2 (address, value on the stack) into two consecutive entries. */
function stP(f: WasmFunction, offset = 0): WasmFunction {
  if (E === 8) return v128Store(f, offset);
  f.simd(0x5e); // f32x4.demote_f64x2_zero
  f.simd(0x5b); // v128.store64_lane
  f.memarg(2, offset);
  f.code.push(0);
  return f;
}
/** Loads one entry into both lanes of an f64x2. */
function ldSplat(f: WasmFunction, offset = 0): WasmFunction {
  return E === 8 ? f.mem([0xfd, V_SPLAT64], 3, offset) : ldS(f, offset).simd(F64X2_SPLAT);
}

/**
 * A function of one argument, the byte address of its parameter block (the i32 parameters, then
 * from PARAMS_F64 bytes on the f64 ones), loaded into locals at entry: the JS-to-WebAssembly call
 * passes one number instead of many (the call's cost grows with its arguments).
 */
function withParams(name: string, ints: number, floats: number): { f: WasmFunction; p: Local[] } {
  const f = new WasmFunction(name, [I32], []);
  const p: Local[] = [];
  for (let k = 0; k < ints; k++) {
    const l = f.local(I32);
    f.get(f.param(0)).mem(i32Load, 2, 4 * k).set(l);
    p.push(l);
  }
  for (let k = 0; k < floats; k++) {
    const l = f.local(F64);
    f.get(f.param(0)).mem(f64Load, 3, PARAMS_F64 + 8 * k).set(l);
    p.push(l);
  }
  return { f, p };
}

function denseBlocks(): WasmFunction {
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
      f.get(wp).i32c(8 * E).op(add).set(wp);
    });
    f.get(y).get(b).i32c(8 * E).op(mul).op(add).set(yp);
    // y = init + acc where init is given, else y + acc
    f.get(init).get(b).i32c(8 * E).op(mul).op(add).get(yp).get(init).op(0x1b).set(src);
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
  const { f, p } = withParams("events", 5, 0);
  const [y, rows, w, x, list] = p as [Local, Local, Local, Local, Local];
  const G = GROUPS[0];
  const col = Array.from({ length: G }, () => f.local(I32));
  const a = Array.from({ length: G }, () => f.local(F64));
  const sp = Array.from({ length: G }, () => f.local(V128));
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
  f.get(rows).i32c(1).op(0x76).i32c(2 * E).op(mul).set(pairEnd); // (rows >>> 1) · 2E
  f.i32c(0).set(k);
  const group = (g: number): void => {
    for (let q = 0; q < g; q++) {
      // j = list[1 + k + q]; column address and input
      f.get(list).get(k).i32c(4).op(mul).op(add).mem(i32Load, 2, 4 * (1 + q)).set(j);
      f.get(w).get(j).get(colBytes).op(mul).op(add).set(col[q]!);
      ldS(f.get(x).get(j).i32c(E).op(mul).op(add)).set(a[q]!);
      f.get(a[q]!).simd(F64X2_SPLAT).set(sp[q]!);
    }
    loop(f, i, pairEnd, 2 * E, () => {
      ldP(f.get(y).get(i).op(add)).set(v);
      for (let q = 0; q < g; q++) {
        f.get(v);
        ldP(f.get(col[q]!).get(i).op(add));
        f.get(sp[q]!).simd(F64X2_MUL).simd(F64X2_ADD).set(v);
      }
      f.get(y).get(i).op(add).get(v);
      stP(f);
    });
    // an odd last row, scalar
    f.get(rows).i32c(1).op(0x71).op(0x04, 0x40); // if (rows & 1)
    ldS(f.get(y).get(pairEnd).op(add)).set(t);
    for (let q = 0; q < g; q++) ldS(f.get(t).get(col[q]!).get(pairEnd).op(add)).get(a[q]!).op(f64Mul).op(f64Add).set(t);
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

/** See SimdKernels.lif. */
function lif(): WasmFunction {
  const { f, p } = withParams("lif", 11, 4);
  // (locals for the scalar neurons follow)
  const [jB, vB, rB, oB, sB, lB, n, bB, eB, xB, cols, dt, whole, minV, amp] = p as [Local, Local, Local, Local, Local, Local, Local, Local, Local, Local, Local, Local, Local, Local, Local];
  const i = f.local(I32);
  const end = f.local(I32);
  const ns = f.local(I32);
  const nl = f.local(I32);
  const j = f.local(I32);
  const ep = f.local(I32);
  const J = f.local(F64);
  const sum = f.local(F64);
  const rt = f.local(F64);
  const v = f.local(F64);
  const fac = f.local(F64);
  const k = f.local(I32);
  const Jv = f.local(V128);
  const rv = f.local(V128);
  const vv = f.local(V128);
  const le = f.local(V128);
  const r0 = f.local(V128);
  const v0 = f.local(V128);
  const slow = f.local(V128);
  const spike = f.local(V128);
  const xs = f.local(V128);
  const pairEnd = f.local(I32);
  const f64Sub = 0xa1;
  const f64Lt = 0x63;
  const f64Gt = 0x64;
  const f64Le = 0x65;
  const f64Ge = 0x66;
  const select = 0x1b;
  const toBits = 0xbd; // i64.reinterpret_f64
  const fromBits = 0xbf; // f64.reinterpret_i64
  const splat = (x: Local): WasmFunction => f.get(x).simd(F64X2_SPLAT);
  const vconst = (x: number): WasmFunction => {
    f.simd(0x0c);
    const b = new Uint8Array(new Float64Array([x, x]).buffer);
    for (const byte of b) f.code.push(byte);
    return f;
  };
  /** The current of neuron at byte offset `o` (a local), stored in j: read, bias, or bias + (enc·x). */
  const current = (o: Local): void => {
    const at = (base: Local): WasmFunction => f.get(base).get(o).op(add);
    f.get(cols).i32c(0).op(0x48).op(0x04, 0x40); // if (cols < 0): J = j[o]
    ldS(at(jB)).set(J);
    f.op(0x05);
    ldS(at(bB)).set(J);
    f.get(cols).op(0x04, 0x40); // if (cols > 0): J = bias + (Σ_k enc[o][k]·x[k]), k ascending
    ldS(ldS(f.get(ep)).get(xB)).op(f64Mul).set(sum);
    f.i32c(E).set(j);
    f.op(0x02, 0x40, 0x03, 0x40);
    f.get(j).get(cols).i32c(E).op(mul).op(0x4e).op(0x0d, 1);
    ldS(ldS(f.get(sum).get(ep).get(j).op(add)).get(xB).get(j).op(add)).op(f64Mul).op(f64Add).set(sum);
    f.get(j).i32c(E).op(add).set(j).op(0x0c, 0);
    f.op(0x0b, 0x0b);
    f.get(J).get(sum).op(f64Add);
    if (E === 4) f.op(0xb6).op(0xbb); // the current as stored (float32), in every use
    f.set(J);
    f.get(ep).get(cols).i32c(E).op(mul).op(add).set(ep);
    f.op(0x0b);
    stS(at(jB).get(J));
    f.op(0x0b);
  };
  const push = (list: Local, count: Local, o: Local): void => {
    f.get(count).i32c(1).op(add).set(count);
    f.get(list).get(count).i32c(4).op(mul).op(add).get(o).i32c(E === 8 ? 3 : 2).op(0x76).mem([0x36], 2, 0); // list[count] = o / E
  };
  /** One neuron at byte offset `o` (a local), its current in J; br 0 inside leaves it. */
  const neuron = (o: Local): void => {
    const at = (base: Local): WasmFunction => f.get(base).get(o).op(add);
    f.op(0x02, 0x40); // block
    // rt; the neurons leaving their refractory period go to JS
    ldS(at(rB)).get(dt).op(f64Sub).set(rt);
    f.get(rt).f64c(0).op(f64Le).get(rt).get(dt).op(f64Ge).op(0x72).op(0x45).op(0x04, 0x40); // if (!(rt <= 0 | rt >= dt))
    push(lB, nl, o);
    f.op(0x0c, 1).op(0x0b);
    // f = rt <= 0 ? whole : -0, selected on the bits (no branch)
    f.get(whole).op(toBits).f64c(-0).op(toBits).get(rt).f64c(0).op(f64Le).op(select).op(fromBits).set(fac);
    ldS(at(vB)).set(v);
    f.get(v).get(J).get(v).op(f64Sub).get(fac).op(f64Mul).op(f64Sub).set(v);
    f.get(v).f64c(1).op(f64Gt).op(0x04, 0x40); // if (v > 1)
    stS(at(oB).get(amp));
    stS(at(vB).f64c(0));
    stS(at(rB).get(v));
    push(sB, ns, o);
    f.op(0x05);
    stS(at(oB).f64c(0));
    stS(at(vB).get(minV).op(toBits).get(v).op(toBits).get(v).get(minV).op(f64Lt).op(select).op(fromBits)); // v < minV ? minV : v
    stS(at(rB).get(rt));
    f.op(0x0b);
    f.op(0x0b); // end block
  };
  f.get(n).i32c(E).op(mul).set(end);
  f.i32c(0).set(ns).i32c(0).set(nl).get(eB).set(ep);
  f.i32c(0).set(pairEnd);
  // two neurons per f64x2 lane pair while the current is read or bias + enc·x over one column;
  // a pair with a neuron that spikes or leaves its refractory period goes neuron by neuron
  f.get(cols).i32c(2).op(0x48).op(0x04, 0x40); // if (cols < 2)
  f.get(n).i32c(1).op(0x76).i32c(2 * E).op(mul).set(pairEnd);
  ldSplat(f.get(xB)).set(xs);
  loop(f, i, pairEnd, 2 * E, () => {
    const at = (base: Local): WasmFunction => f.get(base).get(i).op(add);
    // the currents
    f.get(cols).i32c(0).op(0x48).op(0x04, 0x40);
    ldP(at(jB)).set(Jv);
    f.op(0x05);
    ldP(at(bB)).set(Jv);
    f.get(cols).op(0x04, 0x40);
    f.get(Jv);
    ldP(at(eB)).get(xs).simd(F64X2_MUL).simd(F64X2_ADD);
    if (E === 4) f.simd(0x5e).simd(0x5f); // the currents as stored (float32), in every use
    f.set(Jv);
    f.op(0x0b);
    at(jB).get(Jv);
    stP(f);
    f.op(0x0b);
    ldP(at(rB)).set(r0);
    f.get(r0);
    splat(dt).simd(0xf1).set(rv); // rt = r - dt
    f.get(rv);
    vconst(0).simd(0x4b).set(le); // rt <= 0
    // slow: leaving the refractory period (not rt <= 0, not rt >= dt): left to JS untouched
    f.get(le).get(rv);
    splat(dt).simd(0x4c).simd(0x50).simd(0x4d).set(slow);
    ldP(at(vB)).set(v0);
    // v -= (J - v) · (rt <= 0 ? whole : -0)
    f.get(v0).get(Jv).get(v0).simd(0xf1);
    splat(whole);
    vconst(-0).get(le).simd(0x52); // bitselect
    f.simd(F64X2_MUL).simd(0xf1).set(vv);
    // spike: v > 1 (and not slow)
    f.get(vv);
    vconst(1).simd(0x4a).get(slow).simd(0x4f).set(spike); // and-not
    // out = spike ? amplitude : 0 (JS rewrites the slow ones)
    at(oB);
    splat(amp);
    vconst(0).get(spike).simd(0x52);
    stP(f);
    // v = slow ? v0 : spike ? 0 : (v < minV ? minV : v)
    at(vB).get(v0);
    vconst(0);
    splat(minV).get(vv).get(vv);
    splat(minV).simd(0x49).simd(0x52); // v < minV ? minV : v
    f.get(spike).simd(0x52).get(slow).simd(0x52);
    stP(f);
    // r = slow ? r0 : spike ? v (JS adds the refractory time) : rt
    at(rB).get(r0).get(vv).get(rv).get(spike).simd(0x52).get(slow).simd(0x52);
    stP(f);
    // append the lanes that spiked, then the slow ones, to their lists (no branches)
    for (const [list, count, mask] of [
      [sB, ns, spike],
      [lB, nl, slow],
    ] as const) {
      for (let lane = 0; lane < 2; lane++) {
        f.get(list).get(count).i32c(4).op(mul).op(add).get(i).i32c(E === 8 ? 3 : 2).op(0x76);
        if (lane === 1) f.i32c(1).op(add);
        f.mem([0x36], 2, 4); // list[count + 1] = neuron
        f.get(count).get(mask).simd(0x1d).op(lane).op(0xa7).i32c(1).op(0x71).op(add).set(count);
      }
    }
  });
  f.get(eB).get(pairEnd).op(add).set(ep); // (one column: enc advances as the neurons)
  f.op(0x0b);
  // the rest (all, for currents over several columns) one by one
  f.get(pairEnd).set(i);
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get(i).get(end).op(0x4e).op(0x0d, 1);
  current(i);
  neuron(i);
  f.get(i).i32c(E).op(add).set(i).op(0x0c, 0);
  f.op(0x0b, 0x0b);
  f.get(sB).get(ns).mem([0x36], 2, 0);
  f.get(lB).get(nl).mem([0x36], 2, 0);
  return f;
}

function moduleBytes(shared: boolean, elementBytes: 4 | 8): Uint8Array {
  E = elementBytes;
  let fns: WasmFunction[];
  try {
    fns = [denseBlocks(), events(), lif()];
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
