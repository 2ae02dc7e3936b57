import { describe, expect, it } from "vitest";
import { formatBytes, formatMeasure, formatNumber, formatPercent, formatRatio, formatSeconds } from "./format.js";

describe("formatNumber", () => {
  it("shows 4 significant digits, exponent notation outside [1e-3, 1e4)", () => {
    expect(formatNumber(0.00041234)).toBe("4.123e-4");
    expect(formatNumber(2.1)).toBe("2.1");
    expect(formatNumber(0.0123456)).toBe("0.01235");
    expect(formatNumber(123456)).toBe("1.235e5");
    expect(formatNumber(9999.7)).toBe("1e4");
    expect(formatNumber(16)).toBe("16");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-3.5e-7)).toBe("-3.5e-7");
  });

  it("spells out non-finite values", () => {
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("Infinity");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
  });

  it("writes text that parses back within the shown precision", () => {
    for (const x of [1.23456789e-9, 0.000987654, 0.5, 3.14159, 777.777, 98765.4321]) {
      expect(Math.abs(Number(formatNumber(x)) - x) / x).toBeLessThan(5e-4);
    }
  });
});

describe("the other formats", () => {
  it("formats ratios, durations and sizes", () => {
    expect(formatRatio(5.123)).toBe("5.12×");
    expect(formatRatio(1.0004)).toBe("1.00×");
    expect(formatRatio(1234.5)).toBe("1,235×");
    expect(formatRatio(NaN)).toBe("—");
    expect(formatSeconds(0.25)).toBe("250 ms");
    expect(formatSeconds(23.456)).toBe("23.5 s");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(12_345)).toBe("12.3 kB");
    expect(formatPercent(0.07143)).toBe("7.1%");
    expect(formatPercent(0.01006)).toBe("1.0%");
    expect(formatPercent(1.234)).toBe("123%");
    expect(formatPercent(2e-8)).toBe("2e-6%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatMeasure(20_891.4)).toBe("20,891");
    expect(formatMeasure(1.0012)).toBe("1.001");
  });
});
