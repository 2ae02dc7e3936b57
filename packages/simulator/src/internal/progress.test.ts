import { Network, type ProgressEvent } from "@plexus/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Simulator } from "../Simulator.js";
import { progressAllowed, RunProgress, terminalProgress } from "./progress.js";

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

describe("terminalProgress", () => {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
  afterEach(() => {
    if (tty === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
    else Object.defineProperty(process.stderr, "isTTY", tty);
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("draws nothing when not asked, when stderr is not a terminal, or in CI", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const bar = (enabled: boolean): void => {
      const p = terminalProgress({ enabled, label: "x", unit: "minibatches", total: 10 });
      p.update(5, "loss 0.125");
      p.stop();
    };
    bar(false);
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    bar(true);
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    vi.stubEnv("CI", "true");
    bar(true);
    expect(write).not.toHaveBeenCalled();
  });

  it("draws a bar with its label, unit and note on a terminal outside CI", () => {
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    vi.stubEnv("CI", "");
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const bar = terminalProgress({ label: "training", unit: "minibatches", total: 10, note: "loss -" });
    bar.update(5, "loss 0.1250");
    bar.stop();
    const text = write.mock.calls.map((c) => String(c[0])).join("");
    expect(text).toMatch(/training/);
    expect(text).toMatch(/minibatches/);
    expect(text).toMatch(/loss 0.1250/);
  });
});

describe("progress callbacks", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a simulator reports a run over 1000 steps to its callback, every 1000 steps, and draws nothing", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const events: ProgressEvent[] = [];
    const net = new Network();
    net.node({ output: 1 });
    const sim = new Simulator(net, { progress: (e) => events.push(e) });
    sim.runSteps(2500);
    sim.runSteps(10); // short runs report nothing
    expect(events.map((e) => e.done)).toEqual([1000, 2000, 2500]);
    expect(events.every((e) => e.total === 2500 && e.task === "Simulating" && e.unit === "steps")).toBe(true);
    expect(write).not.toHaveBeenCalled();
  });

  it("terminalProgress reports to a callback with the note, outside a terminal too", () => {
    const events: ProgressEvent[] = [];
    const p = terminalProgress({ label: "training", unit: "minibatches", total: 4, note: "loss -", enabled: (e) => events.push(e) });
    p.update(1);
    p.update(2, "loss 0.5");
    p.stop();
    expect(events).toEqual([
      { task: "training", unit: "minibatches", done: 1, total: 4, note: "loss -" },
      { task: "training", unit: "minibatches", done: 2, total: 4, note: "loss 0.5" },
    ]);
  });
});
