// sin and cos by fdlibm's s_sin.c / s_cos.c algorithm (argument reduction e_rem_pio2.c, kernels
// k_sin.c / k_cos.c), operation for operation as V8 11 (Node 20) computes Math.sin and Math.cos.
import { remPio2Large } from "./remPio2Large.js";
import { fromWords, highWord, lowWord } from "./words.js";

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;
const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

const INV_PIO2 = 0.6366197723675814; // 53 bits of 2/pi
const PIO2_1 = 1.5707963267341256; // first 33 bits of pi/2
const PIO2_1T = 6.077100506506192e-11; // pi/2 - PIO2_1
const PIO2_2 = 6.077100506303966e-11; // second 33 bits
const PIO2_2T = 2.0222662487959506e-21;
const PIO2_3 = 2.0222662487111665e-21; // third 33 bits
const PIO2_3T = 8.4784276603689e-32;
const TWO24 = 16777216;

/** High words of n pi/2 for n = 1..32: a reduction near one of them may cancel. */
const NPIO2_HW = Int32Array.of(
  0x3ff921fb,
  0x400921fb,
  0x4012d97c,
  0x401921fb,
  0x401f6a7a,
  0x4022d97c,
  0x4025fdbb,
  0x402921fb,
  0x402c463a,
  0x402f6a7a,
  0x4031475c,
  0x4032d97c,
  0x40346b9c,
  0x4035fdbb,
  0x40378fdb,
  0x403921fb,
  0x403ab41b,
  0x403c463a,
  0x403dd85a,
  0x403f6a7a,
  0x40407e4c,
  0x4041475c,
  0x4042106c,
  0x4042d97c,
  0x4043a28c,
  0x40446b9c,
  0x404534ac,
  0x4045fdbb,
  0x4046c6cb,
  0x40478fdb,
  0x404858eb,
  0x404921fb,
);

/** The reduced argument y[0] + y[1] of the last remPio2 call. */
const y = new Float64Array(2);
const tx = new Float64Array(3);

/** sin(x + y) for |x| <= pi/4, y the tail of x (iy 0: y is 0). */
function kernelSin(x: number, yy: number, iy: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (x | 0) === 0) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * yy - v * r) - yy - v * S1);
}

/** cos(x + y) for |x| <= pi/4, y the tail of x. */
function kernelCos(x: number, yy: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && (x | 0) === 0) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * yy)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // |x| / 4
  const iz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (iz - (z * r - x * yy));
}

/** x - n pi/2 into y[0] + y[1], for |x| > pi/4 and finite; returns n. */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: n = +-1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        y[0] = z - PIO2_1T;
        y[1] = z - (y[0] ?? 0) - PIO2_1T;
      } else {
        z -= PIO2_2;
        y[0] = z - PIO2_2T;
        y[1] = z - (y[0] ?? 0) - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      y[0] = z + PIO2_1T;
      y[1] = z - (y[0] ?? 0) + PIO2_1T;
    } else {
      z += PIO2_2;
      y[0] = z + PIO2_2T;
      y[1] = z - (y[0] ?? 0) + PIO2_2T;
    }
    return -1;
  }
  if (ix <= 0x413921fb) return remPio2Medium(x, hx, ix);
  // |x| large: split into three 24-bit chunks, scaled by 2^e0
  const e0 = (ix >> 20) - 1046;
  let z = fromWords(ix - (e0 << 20), lowWord(x));
  for (let i = 0; i < 2; i++) {
    tx[i] = z | 0;
    z = (z - (tx[i] ?? 0)) * TWO24;
  }
  tx[2] = z;
  let nx = 3;
  while (tx[nx - 1] === 0) nx--;
  const n = remPio2Large(tx, nx, e0, y);
  if (hx < 0) {
    y[0] = -(y[0] ?? 0);
    y[1] = -(y[1] ?? 0);
    return -n;
  }
  return n;
}

/** remPio2 for 3pi/4 <= |x| <= 2^19 pi/2. */
function remPio2Medium(x: number, hx: number, ix: number): number {
  let t = Math.abs(x);
  const n = (t * INV_PIO2 + 0.5) | 0;
  const fn = n;
  let r = t - fn * PIO2_1;
  let w = fn * PIO2_1T; // good to 85 bits
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    y[0] = r - w;
  } else {
    const j = ix >> 20;
    y[0] = r - w;
    let i = j - ((highWord(y[0] ?? 0) >> 20) & 0x7ff);
    if (i > 16) {
      // a second iteration, good to 118 bits
      t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y[0] = r - w;
      i = j - ((highWord(y[0] ?? 0) >> 20) & 0x7ff);
      if (i > 49) {
        // a third, 151 bits
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y[0] = r - w;
      }
    }
  }
  y[1] = r - (y[0] ?? 0) - w;
  if (hx < 0) {
    y[0] = -(y[0] ?? 0);
    y[1] = -(y[1] ?? 0);
    return -n;
  }
  return n;
}

/** sin(x), bit for bit what Node 20's `Math.sin` returns, in plain float64 arithmetic. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  const y0 = y[0] ?? 0;
  const y1 = y[1] ?? 0;
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, 1);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, 1);
    default:
      return -kernelCos(y0, y1);
  }
}

/** cos(x), bit for bit what Node 20's `Math.cos` returns, in plain float64 arithmetic. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  const y0 = y[0] ?? 0;
  const y1 = y[1] ?? 0;
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, 1);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, 1);
  }
}
