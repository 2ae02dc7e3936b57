import { afterEach, describe, expect, it, vi } from "vitest";
import { progressBar } from "./progressBar.js";

describe("progressBar", () => {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
  afterEach(() => {
    if (tty === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
    else Object.defineProperty(process.stderr, "isTTY", tty);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("draws nothing when not asked, when stderr is not a terminal, or in CI", () => {
    const off = progressBar(false, 10, "x");
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    expect(progressBar(true, 10, "x")).toBe(off);
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    vi.stubEnv("CI", "true");
    expect(progressBar(true, 10, "x")).toBe(off);
  });

  it("draws a bar on a terminal outside CI", () => {
    const off = progressBar(false, 10, "x");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    vi.stubEnv("CI", "");
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const bar = progressBar(true, 10, "training");
    expect(bar).not.toBe(off);
    bar.update(5, 0.125);
    bar.stop();
    expect(write.mock.calls.map((c) => String(c[0])).join("")).toMatch(/training/);
  });
});
