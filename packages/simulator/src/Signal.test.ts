import { BuildError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { Signal } from "./Signal.js";

describe("Signal", () => {
  it("has an offset once placed; views add their start", () => {
    const s = Signal.base("s", 5);
    const v = s.view(2, 3).view(1, 2);
    expect(v.root).toBe(s);
    expect(() => v.offset).toThrow();
    s.place(10);
    expect(s.offset).toBe(10);
    expect(v.offset).toBe(13);
    expect(v.size).toBe(2);
  });

  it("checks view ranges and initial sizes", () => {
    expect(() => Signal.base("s", 2).view(1, 2)).toThrow(BuildError);
    expect(() => Signal.base("s", 2, new Float64Array(3))).toThrow(BuildError);
  });
});
