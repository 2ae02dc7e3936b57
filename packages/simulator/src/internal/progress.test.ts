import { Network, type ProgressEvent, ValidationError } from "@plexus/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Simulator } from "../Simulator.js";

function constant(): Network {
  const net = new Network();
  net.node({ output: 1 });
  return net;
}

describe("simulator progress", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reports a run over 1000 steps to its callback, every 1000 steps, and writes nothing to the terminal", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const events: ProgressEvent[] = [];
    const sim = new Simulator(constant(), { progress: (e) => events.push(e) });
    sim.runSteps(2500);
    sim.runSteps(10); // short runs report nothing
    expect(events.map((e) => e.done)).toEqual([1000, 2000, 2500]);
    expect(events.every((e) => e.total === 2500 && e.task === "Simulating" && e.unit === "steps")).toBe(true);
    expect(write).not.toHaveBeenCalled();
  });

  it("draws nothing by default, on a terminal too", () => {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
      new Simulator(constant()).runSteps(3000);
      expect(write).not.toHaveBeenCalled();
    } finally {
      if (tty === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
      else Object.defineProperty(process.stderr, "isTTY", tty);
    }
  });

  it("refuses progress: true (no library draws a bar) with a ValidationError naming the fix", () => {
    const options = { progress: true } as unknown as { progress: false };
    expect(() => new Simulator(constant(), options)).toThrow(ValidationError);
    expect(() => new Simulator(constant(), options)).toThrow(/Simulator\.progress: must be a callback .*Progress\.callback\(\)/);
  });
});
