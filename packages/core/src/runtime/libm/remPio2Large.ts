// fdlibm's __kernel_rem_pio2: x mod pi/2 for huge |x| (beyond 2^19 pi/2), from 2/pi written
// as 24-bit integer chunks. Called with prec 2 (jk = 4) as V8 11 calls it. The scratch arrays are
// module-level: no allocation per call.
import { scalbn } from "./words.js";

/** 396 hex digits of 2/pi, 24 bits per entry. */
const TWO_OVER_PI = Int32Array.of(
  0xa2f983,
  0x6e4e44,
  0x1529fc,
  0x2757d1,
  0xf534dd,
  0xc0db62,
  0x95993c,
  0x439041,
  0xfe5163,
  0xabdebb,
  0xc561b7,
  0x246e3a,
  0x424dd2,
  0xe00649,
  0x2eea09,
  0xd1921c,
  0xfe1deb,
  0x1cb129,
  0xa73ee8,
  0x8235f5,
  0x2ebb44,
  0x84e99c,
  0x7026b4,
  0x5f7e41,
  0x3991d6,
  0x398353,
  0x39f49c,
  0x845f8b,
  0xbdf928,
  0x3b1ff8,
  0x97ffde,
  0x05980f,
  0xef2f11,
  0x8b5a0a,
  0x6d1f6d,
  0x367ecf,
  0x27cb09,
  0xb74f46,
  0x3f669e,
  0x5fea2d,
  0x7527ba,
  0xc7ebe5,
  0xf17b3d,
  0x0739f7,
  0x8a5292,
  0xea6bfb,
  0x5fb11f,
  0x8d5d08,
  0x560330,
  0x46fc7b,
  0x6babf0,
  0xcfbc20,
  0x9af436,
  0x1da9e3,
  0x91615e,
  0xe61b08,
  0x659985,
  0x5f14a0,
  0x68408d,
  0xffd880,
  0x4d7327,
  0x310606,
  0x1556ca,
  0x73a8c9,
  0x60e27b,
  0xc08c6b,
);

/** pi/2 cut into 24-bit chunks. */
const PIO2 = Float64Array.of(
  1.570796251296997,
  7.549789415861596e-8,
  5.390302529957765e-15,
  3.282003415807913e-22,
  1.270655753080676e-29,
  1.2293330898111133e-36,
  2.7337005381646456e-44,
  2.1674168387780482e-51,
);

const TWO24 = 16777216;
const TWON24 = 2 ** -24;
const JK = 4; // terms of 2/pi needed initially for prec 2 (64 bits)

const f = new Float64Array(20);
const q = new Float64Array(20);
const fq = new Float64Array(20);
const iq = new Int32Array(20);

/** y[0] + y[1] = x - n pi/2 for x = sum of the nx 24-bit chunks in tx scaled by 2^e0; returns n mod 8. */
export function remPio2Large(tx: Float64Array, nx: number, e0: number, y: Float64Array): number {
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);
  // f[0..jx+jk] = ipio2[jv-jx .. jv+jk]
  for (let i = 0, j = jv - jx; i <= jx + JK; i++, j++) f[i] = j < 0 ? 0 : (TWO_OVER_PI[j] ?? 0);
  for (let i = 0; i <= JK; i++) {
    let fw = 0;
    for (let j = 0; j <= jx; j++) fw += (tx[j] ?? 0) * (f[jx + i - j] ?? 0);
    q[i] = fw;
  }
  let jz = JK;
  for (;;) {
    const r = distill(jz, q0);
    let n = r.n;
    let z = r.z;
    const ih = r.ih;
    if (z === 0) {
      let j = 0;
      for (let i = jz - 1; i >= JK; i--) j |= iq[i] ?? 0;
      if (j === 0) {
        // recompute with more terms of 2/pi
        let k = 1;
        while (JK >= k && iq[JK - k] === 0) k++;
        for (let i = jz + 1; i <= jz + k; i++) {
          f[jx + i] = TWO_OVER_PI[jv + i] ?? 0;
          let fw = 0;
          for (let j2 = 0; j2 <= jx; j2++) fw += (tx[j2] ?? 0) * (f[jx + i - j2] ?? 0);
          q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    // chop off zero terms, or break z into 24-bit chunks
    if (z === 0) {
      jz -= 1;
      q0 -= 24;
      while (iq[jz] === 0) {
        jz--;
        q0 -= 24;
      }
    } else {
      z = scalbn(z, -q0);
      if (z >= TWO24) {
        const fw = (TWON24 * z) | 0;
        iq[jz] = z - TWO24 * fw;
        jz += 1;
        q0 += 24;
        iq[jz] = fw;
      } else {
        iq[jz] = z;
      }
    }
    compress(jz, q0, ih, y);
    n &= 7;
    return n;
  }
}

const distilled = { n: 0, z: 0, ih: 0 };

/** Distils q[] into iq[] (reversed), then n, the fraction z and ih (> 0: the fraction is >= 1/2, 1 - q is taken). */
function distill(jz: number, q0: number): { n: number; z: number; ih: number } {
  let z = q[jz] ?? 0;
  for (let i = 0, j = jz; j > 0; i++, j--) {
    const fw = (TWON24 * z) | 0;
    iq[i] = z - TWO24 * fw;
    z = (q[j - 1] ?? 0) + fw;
  }
  z = scalbn(z, q0);
  z -= 8 * Math.floor(z * 0.125);
  let n = z | 0;
  z -= n;
  let ih = 0;
  if (q0 > 0) {
    const i = (iq[jz - 1] ?? 0) >> (24 - q0);
    n += i;
    iq[jz - 1] = (iq[jz - 1] ?? 0) - (i << (24 - q0));
    ih = (iq[jz - 1] ?? 0) >> (23 - q0);
  } else if (q0 === 0) {
    ih = (iq[jz - 1] ?? 0) >> 23;
  } else if (z >= 0.5) {
    ih = 2;
  }
  if (ih > 0) {
    n += 1;
    let carry = 0;
    for (let i = 0; i < jz; i++) {
      const j = iq[i] ?? 0;
      if (carry === 0) {
        if (j !== 0) {
          carry = 1;
          iq[i] = 0x1000000 - j;
        }
      } else {
        iq[i] = 0xffffff - j;
      }
    }
    if (q0 === 1) iq[jz - 1] = (iq[jz - 1] ?? 0) & 0x7fffff;
    else if (q0 === 2) iq[jz - 1] = (iq[jz - 1] ?? 0) & 0x3fffff;
    if (ih === 2) {
      z = 1 - z;
      if (carry !== 0) z -= scalbn(1, q0);
    }
  }
  distilled.n = n;
  distilled.z = z;
  distilled.ih = ih;
  return distilled;
}

/** The chunks iq[0..jz] times pi/2, summed into y[0] + y[1] (negated when ih > 0). */
function compress(jz: number, q0: number, ih: number, y: Float64Array): void {
  let fw = scalbn(1, q0);
  for (let i = jz; i >= 0; i--) {
    q[i] = fw * (iq[i] ?? 0);
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= JK && k <= jz - i; k++) fw += (PIO2[k] ?? 0) * (q[i + k] ?? 0);
    fq[jz - i] = fw;
  }
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += fq[i] ?? 0;
  y[0] = ih === 0 ? fw : -fw;
  fw = (fq[0] ?? 0) - fw;
  for (let i = 1; i <= jz; i++) fw += fq[i] ?? 0;
  y[1] = ih === 0 ? fw : -fw;
}
