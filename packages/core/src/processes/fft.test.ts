import { describe, expect, it } from "vitest";
import { elemAt } from "../internal/checked.js";
import { fft, irfft } from "./fft.js";

function naiveDft(re: Float64Array, im: Float64Array, sign: 1 | -1): [Float64Array, Float64Array] {
  const n = re.length;
  const or = new Float64Array(n);
  const oi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (sign * 2 * Math.PI * ((k * t) % n)) / n;
      or[k] = elemAt(or, k) + elemAt(re, t) * Math.cos(a) - elemAt(im, t) * Math.sin(a);
      oi[k] = elemAt(oi, k) + elemAt(re, t) * Math.sin(a) + elemAt(im, t) * Math.cos(a);
    }
  }
  return [or, oi];
}

describe("fft", () => {
  it("matches the direct DFT for power-of-two and other lengths", () => {
    for (const n of [1, 2, 3, 8, 12, 17, 64, 100]) {
      const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + 0.1 * i);
      const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.7));
      for (const sign of [1, -1] as const) {
        const [er, ei] = naiveDft(re, im, sign);
        const r = re.slice();
        const c = im.slice();
        fft(r, c, sign);
        for (let k = 0; k < n; k++) {
          expect(r[k]).toBeCloseTo(elemAt(er, k), 10);
          expect(c[k]).toBeCloseTo(elemAt(ei, k), 10);
        }
      }
    }
  });

  it("irfft inverts the half spectrum of a real signal", () => {
    for (const n of [4, 10, 30, 128]) {
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * (i % 3));
      const re = x.slice();
      const im = new Float64Array(n);
      fft(re, im, -1);
      const back = irfft(re.subarray(0, n / 2 + 1), im.subarray(0, n / 2 + 1), n);
      for (let t = 0; t < n; t++) expect(back[t]).toBeCloseTo(elemAt(x, t), 12);
    }
  });
});
