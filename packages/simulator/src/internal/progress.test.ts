import { afterEach, describe, expect, it, vi } from "vitest";
import { RunProgress, progressAllowed } from "./progress.js";

describe("progressAllowed", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is off with progress: false, in CI, and when stderr is not a terminal", () => {
    expect(progressAllowed(false)).toBe(false);
    vi.stubEnv("CI", "true");
    expect(progressAllowed(true)).toBe(false);
    vi.stubEnv("CI", "");
    const tty = process.stderr.isTTY;
    try {
      Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
      expect(progressAllowed(undefined)).toBe(false);
      Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
      expect(progressAllowed(undefined)).toBe(true);
    } finally {
      Object.defineProperty(process.stderr, "isTTY", { value: tty, configurable: true });
    }
  });
});

describe("RunProgress", () => {
  it("draws nothing when not allowed, or for runs shorter than about a second", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const off = new RunProgress(1000, false);
      off.update(500);
      off.stop();
      const short = new RunProgress(1000, true);
      short.update(1000);
      short.stop();
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});
