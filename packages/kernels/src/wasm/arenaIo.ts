// What the simulator's WebAssembly step kernels share: the parameter block every kernel takes,
// and loads and stores of arena entries of 8 bytes (float64) or 4 (float32 storage: entries
// promoted to f64 on load, computed in f64 and rounded on store, as JS does on a Float32Array).
import { f64, i32, type Local, WasmFunction } from "@plexus/core/runtime";

/** Byte offset of the f64 parameters in a parameter block. */
export const PARAMS_F64 = 64;

/** Bytes of a parameter block. */
export const PARAMS_BYTES = PARAMS_F64 + 8 * 8;

/** Opcodes the step kernels use by number (frozen: one table for every module). */
export const op = Object.freeze({
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Load: Object.freeze([0x28] as const),
  f64Load: Object.freeze([0x2b] as const),
  f64Store: Object.freeze([0x39] as const),
  f64Add: 0xa0,
  f64Mul: 0xa2,
  vLoad: 0x00,
  vStore: 0x0b,
  vSplat64: 0x0a,
  f64x2Splat: 0x14,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
} as const);

/** `v128.load` with an 8-byte alignment hint (rows of doubles). */
export function v128Load(f: WasmFunction, offset = 0): WasmFunction {
  return f.simd(op.vLoad).memarg(3, offset);
}

/** `v128.store` with an 8-byte alignment hint. */
export function v128Store(f: WasmFunction, offset = 0): WasmFunction {
  return f.simd(op.vStore).memarg(3, offset);
}

/** Loads and stores of arena entries for one entry size (see `arenaIo`). */
export interface ArenaIo {
  /** Loads one entry (address on the stack) as an f64. */
  ldS(f: WasmFunction, offset?: number): WasmFunction;
  /** Stores an f64 (address, value on the stack) into one entry. */
  stS(f: WasmFunction, offset?: number): WasmFunction;
  /** Loads two consecutive entries as an f64x2. */
  ldP(f: WasmFunction, offset?: number): WasmFunction;
  /** Stores an f64x2 (address, value on the stack) into two consecutive entries. */
  stP(f: WasmFunction, offset?: number): WasmFunction;
  /** Loads one entry into both lanes of an f64x2. */
  ldSplat(f: WasmFunction, offset?: number): WasmFunction;
}

/** The loads and stores of arena entries of `E` bytes (8: float64; 4: float32 storage). */
export function arenaIo(E: 4 | 8): ArenaIo {
  const ldS = (f: WasmFunction, offset = 0): WasmFunction => (E === 8 ? f.mem(op.f64Load, 3, offset) : f.mem([0x2a], 2, offset).op(0xbb)); // f32.load; f64.promote_f32
  return {
    ldS,
    stS: (f, offset = 0) => (E === 8 ? f.mem(op.f64Store, 3, offset) : f.op(0xb6).mem([0x38], 2, offset)), // f32.demote_f64; f32.store
    ldP: (f, offset = 0) => (E === 8 ? v128Load(f, offset) : f.simd(0x5d).memarg(2, offset).simd(0x5f)), // v128.load64_zero; f64x2.promote_low_f32x4
    // f32x4.demote_f64x2_zero; v128.store64_lane (lane 0)
    stP: (f, offset = 0) => (E === 8 ? v128Store(f, offset) : f.simd(0x5e).simd(0x5b).memarg(2, offset).op(0)),
    ldSplat: (f, offset = 0) => (E === 8 ? f.mem([0xfd, op.vSplat64], 3, offset) : ldS(f, offset).simd(op.f64x2Splat)),
  };
}

/**
 * A function of one argument, the byte address of its parameter block (`ints` i32 parameters,
 * then from PARAMS_F64 bytes on `floats` f64 ones), loaded into locals at entry: the
 * JS-to-WebAssembly call passes one number instead of many (the call's cost grows with its
 * arguments).
 */
export function withParams(name: string, ints: number, floats: number): { f: WasmFunction; p: Local[] } {
  const f = new WasmFunction(name, [i32], []);
  const p: Local[] = [];
  for (let k = 0; k < ints; k++) {
    const l = f.local(i32);
    f.get(f.param(0))
      .mem(op.i32Load, 2, 4 * k)
      .set(l);
    p.push(l);
  }
  for (let k = 0; k < floats; k++) {
    const l = f.local(f64);
    f.get(f.param(0))
      .mem(op.f64Load, 3, PARAMS_F64 + 8 * k)
      .set(l);
    p.push(l);
  }
  return { f, p };
}

/** `for (v = 0; v < end; v += step) body()` on i32 locals (`end` a local). */
export function countUp(f: WasmFunction, v: Local, end: Local, step: number, body: () => void): WasmFunction {
  f.i32c(0).set(v);
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop
  f.get(v).get(end).op(0x4e).op(0x0d, 1); // i32.ge_s; br_if 1
  body();
  f.get(v).i32c(step).op(0x6a).set(v).op(0x0c, 0); // i32.add; br 0
  return f.op(0x0b, 0x0b); // end loop, end block
}
