// The two 32-bit halves of a float64, as fdlibm reads and writes them: one module-level float64
// aliased by two 32-bit views (no allocation per call; V8 compiles these to plain loads and
// stores). Which half is the high one follows the platform's byte order, found once here.
// Other modules call these functions rather than reading the views: V8 inlines the calls, while
// an imported typed array costs a checked load on every access.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const u32 = new Uint32Array(f64.buffer);
/** The index of the high word in i32 (1 on little-endian platforms). */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The high word (sign, exponent, top 20 bits of the fraction) as a signed int32. */
export function highWord(x: number): number {
  f64[0] = x;
  return i32[HI] ?? 0;
}

/** The low word (bottom 32 bits of the fraction) as an unsigned int32. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO] ?? 0;
}

/** The float64 whose words are `hi` and `lo` (each taken modulo 2^32). */
export function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  u32[LO] = lo;
  return f64[0] ?? 0;
}

/** `x` with its low word set to zero (the "hi part" of fdlibm's SET_LOW_WORD(x, 0)). */
export function clearLow(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0] ?? 0;
}

/** `x` with its high word replaced by `hi`. */
export function withHigh(x: number, hi: number): number {
  f64[0] = x;
  i32[HI] = hi;
  return f64[0] ?? 0;
}

/** `x * 2^n` rounded once (as C's scalbn), for finite `x` and integer `n`. */
export function scalbn(x: number, n: number): number {
  if (x === 0 || n === 0) return x;
  let hx = highWord(x);
  let k = (hx >>> 20) & 0x7ff;
  if (k === 0) {
    // subnormal x: normalise first
    x *= 18014398509481984; // 2^54
    hx = highWord(x);
    k = ((hx >>> 20) & 0x7ff) - 54;
  }
  k += n;
  if (k > 0x7fe) return x * Infinity; // overflow, with the sign of x
  if (k > 0) return withHigh(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) return x * 0; // underflow to a zero of the sign of x
  // a subnormal result: set the exponent 54 higher, then one rounding multiplication
  return withHigh(x, (hx & 0x800fffff) | ((k + 54) << 20)) * 5.551115123125783e-17; // 2^-54
}

/** 2^k for k = -1074 .. 1023 (every power of two a float64 holds, subnormal ones included), at index k + 1074. */
const POWERS_OF_TWO = new Float64Array(2098);
for (let i = 0; i < 2098; i++) POWERS_OF_TWO[i] = i >= 52 ? fromWords((i - 51) << 20, 0) : i >= 32 ? fromWords(2 ** (i - 32), 0) : fromWords(0, 2 ** i);

/** 2^k for integer k in [-1074, 1023], exactly: one table read where fdlibm writes the exponent bits. */
export function pow2(k: number): number {
  return POWERS_OF_TWO[k + 1074] ?? 0;
}
