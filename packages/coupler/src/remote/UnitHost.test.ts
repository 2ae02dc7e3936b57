import { CouplingError } from "@plexus/core";
import { describe, expect, it, vi } from "vitest";
import type { UnitShape } from "../internal/runtime/shapes.js";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { Transport } from "../Transport.js";
import { Window } from "../Window.js";
import { warmedUp } from "./hostSession.js";
import type { HostEvent, HostRunParams } from "./protocol.js";
import { joined, UnitHost } from "./UnitHost.js";

/** An engine whose probe records its step number (and twice it); its step `failAt` throws; each step first calls `onStep`. */
function countingEngine(failAt = Infinity, onStep = (): void => {}): UnitEngine & { steps: number; resets: number; writes: number } {
  const recorded: number[] = [];
  const engine = {
    steps: 0,
    resets: 0,
    writes: 0,
    write() {
      engine.writes++;
    },
    step() {
      onStep();
      if (engine.steps + 1 === failAt) throw new Error(`step ${failAt} fails`);
      engine.steps++;
      recorded.push(engine.steps, 2 * engine.steps);
    },
    readOut() {},
    readProbe(_p: number, steps: number, dst: Float64Array) {
      dst.set(recorded.slice(recorded.length - 2 * steps));
    },
    reset() {
      engine.steps = 0;
      engine.resets++;
      recorded.length = 0;
    },
    snapshot: () => new Uint8Array(0),
    restore() {},
    dispose() {},
  };
  return engine;
}

const noLinks: Transport = {
  name: "none",
  open(edge) {
    throw new CouplingError(`${edge}: no links in this test`);
  },
};

/** A host of one unit (no edges, one 2-D probe) running `steps` steps in windows of at most 3; its events. */
function host(steps: number, engine: UnitEngine, probeFlushMs = 1e9): { host: UnitHost; events: HostEvent[] } {
  const events: HostEvent[] = [];
  const params: HostRunParams = { run: "test", maxWindowSteps: 3, heartbeatMs: 0, probeFlushMs, snapshots: false };
  const h = new UnitHost(noLinks, (e) => events.push(e), params);
  const shape = {
    name: "u",
    fused: false,
    multiple: 1,
    baseDt: 0.001,
    dt: 0.001,
    slotDims: [],
    slotNames: [],
    outDims: [],
    probes: [{ name: "u.p", dims: 2 }],
  };
  h.load([{ spec: { id: 0, shape, steps, inEdges: [], outEdges: [] }, engine }]);
  return { host: h, events };
}

/** The probe windows of `events`, decoded, and the kinds of the events in order. */
function probeWindows(events: readonly HostEvent[]): { windows: Window[]; kinds: string[] } {
  const windows: Window[] = [];
  for (const e of events) if (e.type === "probes") windows.push(...e.windows.map((b) => Window.fromBytes(b)));
  return { windows, kinds: events.map((e) => e.type) };
}

describe("UnitHost probe data", () => {
  it("keeps a unit's probe windows and sends them joined, in order, before it pauses and when it is done", () => {
    const { host: h, events } = host(10, countingEngine());
    h.run(7);
    h.run(10);
    const { windows, kinds } = probeWindows(events);
    expect(kinds).toEqual(["probes", "paused", "probes", "done"]);
    expect(windows.map((w) => [w.start, w.steps])).toEqual([
      [1, 7],
      [8, 3],
    ]);
    expect([...(windows[0]?.data ?? [])]).toEqual([1, 2, 2, 4, 3, 6, 4, 8, 5, 10, 6, 12, 7, 14]);
    expect([...(windows[1]?.data ?? [])]).toEqual([8, 16, 9, 18, 10, 20]);
    h.close();
  });

  it("sends the steps before a failed step, joined, before the failure", () => {
    const { host: h, events } = host(10, countingEngine(6));
    h.run(10);
    const { windows, kinds } = probeWindows(events);
    expect(kinds).toEqual(["probes", "failed"]);
    expect(windows.map((w) => [w.start, w.steps])).toEqual([[1, 5]]);
    expect([...(windows[0]?.data ?? [])]).toEqual([1, 2, 2, 4, 3, 6, 4, 8, 5, 10]);
    h.close();
  });

  it("flushes as often as probeFlushMs asks (every window at 0 ms)", () => {
    const { host: h, events } = host(7, countingEngine(), 0);
    h.run(7);
    const { windows } = probeWindows(events);
    expect(windows.map((w) => [w.start, w.steps])).toEqual([
      [1, 3],
      [4, 3],
      [7, 1],
    ]);
    h.close();
  });
});

describe("joined", () => {
  it("joins contiguous windows into one with their values in order", () => {
    const w = joined([new Window(3, 2, 1, Float64Array.of(1, 2)), new Window(5, 1, 1, Float64Array.of(3))]);
    expect([w.start, w.steps, w.dims, ...w.data]).toEqual([3, 3, 1, 1, 2, 3]);
  });

  it("refuses windows with a gap, an overlap or other dims (a bug in the coupler)", () => {
    expect(() => joined([new Window(1, 2, 1), new Window(4, 1, 1)])).toThrow(/steps 4\.\.4 does not follow step 2/);
    expect(() => joined([new Window(1, 2, 1), new Window(2, 1, 1)])).toThrow(CouplingError);
    expect(() => joined([new Window(1, 2, 1), new Window(3, 1, 2)])).toThrow(CouplingError);
    expect(() => joined([])).toThrow(CouplingError);
  });
});

describe("warmedUp", () => {
  const shape: UnitShape = {
    name: "u",
    fused: false,
    multiple: 1,
    baseDt: 0.001,
    dt: 0.001,
    slotDims: [2, 3],
    slotNames: ["x -> u.in.a", "y -> u.in.b"],
    outDims: [1],
    probes: [{ name: "u.p", dims: 2 }],
  };

  it("steps a fresh engine on zero inputs in windows of the run's length, every slot written before each step, then resets it to step 0", () => {
    const engine = countingEngine();
    const atReset: number[] = [];
    const reset = engine.reset;
    engine.reset = () => {
      atReset.push(engine.steps);
      reset();
    };
    expect(warmedUp(engine, shape, 7)).toBe(engine);
    const stepped = atReset.reduce((a, b) => a + b, 0);
    expect(stepped).toBeGreaterThan(0);
    expect(engine.writes).toBe(2 * stepped);
    // reset every ~500 steps (at window boundaries), so that its probes never hold many rows
    for (const n of atReset.slice(0, -1)) expect(n).toBeGreaterThanOrEqual(500);
    for (const n of atReset) expect(n).toBeLessThan(500 + 7);
    expect([engine.resets, engine.steps]).toEqual([atReset.length, 0]);
  });

  it("runs a slow unit no longer than its time allows at the pace of its first step", () => {
    let now = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now);
    try {
      const engine = countingEngine(Infinity, () => {
        now += 150; // ms
      });
      let stepped = 0;
      const reset = engine.reset;
      engine.reset = () => {
        stepped += engine.steps;
        reset();
      };
      warmedUp(engine, shape, 7);
      // after one step of 150 ms, a window of 7 would end at 1200 ms, past the warm-up's 800
      expect(stepped).toBe(1);
    } finally {
      clock.mockRestore();
    }
  });

  it("resets an engine whose step fails on zero inputs (the run reports that failure at its step)", () => {
    const engine = countingEngine(3);
    warmedUp(engine, { ...shape, slotDims: [1], slotNames: ["x -> u.in.a"] }, 5);
    expect(engine.steps).toBe(0);
    expect(engine.resets).toBeGreaterThan(0);
  });
});
