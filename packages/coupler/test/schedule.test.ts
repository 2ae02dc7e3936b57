import { queueScheduler } from "rxjs";
import { TestScheduler } from "rxjs/testing";
import { describe, expect, it } from "vitest";
import { couple } from "../src/couple.js";
import { InProcessTransport } from "../src/InProcessTransport.js";
import type { OutputWindow } from "../src/OutputWindow.js";
import { subsystem } from "../src/Subsystem.js";
import type { Transport } from "../src/Transport.js";
import { Window } from "../src/Window.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { identity } from "./support/identity.js";
import { twoInputs } from "./support/nets.js";

// Schedules on virtual time: each unit's window is scheduled 5 frames after it becomes ready
// (`unitDelay: () => 5`), so a marble shows which windows run when.

const out = (probe: string, start: number, values: number[]): OutputWindow => ({
  probe,
  window: new Window(start, values.length, 1, Float64Array.from(values)),
  dt: 0.001,
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function chain(): ReturnType<typeof couple> {
  const a = subsystem(identity("a"));
  const b = subsystem(identity("b"));
  return couple({ a, b })
    .input(a.in.u, Float64Array.from(range(1, 10)))
    .wire(a.out.y, b.in.u)
    .probe(a.out.y, { label: "a" })
    .probe(b.out.y, { label: "b" });
}

function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe("the schedule, on virtual time", () => {
  it("pipelines a chain: the receiver runs a window while the sender runs the next", () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      expectObservable(chain().stream({ steps: 10, scheduler: ts, unitDelay: () => 5, maxWindowSteps: 5 })).toBe("-----a----(bc)-(d|)", {
        a: out("a", 1, range(1, 5)),
        b: out("b", 1, range(1, 5)),
        c: out("a", 6, range(6, 10)),
        d: out("b", 6, range(6, 10)),
      });
    });
  });

  it("holds a sender back when its receiver's buffer is full (backpressure), dropping nothing", () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      // bufferSteps 1: the sender may be 0 + 1 + 1 + 1 = 3 steps ahead of the receiver
      expectObservable(chain().stream({ steps: 10, scheduler: ts, unitDelay: () => 5, maxWindowSteps: 5, bufferSteps: 1 })).toBe(
        "-----a----b----c----d----e----f----g----(h|)",
        {
          a: out("a", 1, [1, 2, 3]),
          b: out("b", 1, [1, 2, 3]),
          c: out("a", 4, [4, 5, 6]),
          d: out("b", 4, [4, 5, 6]),
          e: out("a", 7, [7, 8, 9]),
          f: out("b", 7, [7, 8, 9]),
          g: out("a", 10, [10]),
          h: out("b", 10, [10]),
        },
      );
    });
  });

  it("exchanges windows as long as the loop's delay: one emission per window per edge", () => {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(twoInputs("b"));
    const system = couple({ a, b })
      .input(a.in.ref, (t) => Math.sin(10 * t))
      .input(b.in.ref, (t) => Math.cos(10 * t))
      .wire(a.out.y, b.in.fb)
      .wire(b.out.y, a.in.fb, { delaySteps: 4 })
      .probe(a.out.y, { label: "a" });
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      const frames = system.stream({ steps: 12, scheduler: ts, unitDelay: () => 5 });
      // a runs 1..4 at frame 5, b 1..4 at 10, a 5..8 at 15, b at 20, a 9..12 at 25, b at 30
      expectObservable(frames).toBe("-----a---------b---------c----|", {
        a: expect.objectContaining({ probe: "a", window: expect.objectContaining({ start: 1, steps: 4 }) }) as OutputWindow,
        b: expect.objectContaining({ probe: "a", window: expect.objectContaining({ start: 5, steps: 4 }) }) as OutputWindow,
        c: expect.objectContaining({ probe: "a", window: expect.objectContaining({ start: 9, steps: 4 }) }) as OutputWindow,
      });
    });
  });

  it("stops the run when the subscriber unsubscribes", () => {
    const ts = testScheduler();
    ts.run(({ expectObservable }) => {
      expectObservable(chain().stream({ steps: 10, scheduler: ts, unitDelay: () => 5, maxWindowSteps: 2 }), "^-----------!").toBe("-----a----(bc)", {
        a: out("a", 1, [1, 2]),
        b: out("b", 1, [1, 2]),
        c: out("a", 3, [3, 4]),
      });
    });
  });
});

describe("a transport whose windows leave in a microtask (sendsInMicrotask, as NATS's)", () => {
  /** An in-process transport that says its windows leave in a microtask, and logs each send (edge, count on it) and, a microtask later, its leaving. */
  function flushingLater(log: string[]): Transport {
    const inner = new InProcessTransport();
    return {
      name: "flushing later",
      sendsInMicrotask: true,
      open(edge) {
        const link = inner.open(edge);
        let sent = 0;
        return {
          windows: link.windows,
          close: () => link.close(),
          send(w) {
            const k = ++sent;
            log.push(`send|${edge}|${k}`);
            queueMicrotask(() => log.push(`left|${edge}|${k}`));
            link.send(w);
          },
        };
      },
    };
  }

  /** Whether each window on each edge left before the next one on that edge was sent. */
  function eachLeftBeforeTheNext(log: readonly string[]): boolean {
    const edges = new Set(log.map((e) => e.split("|")[1]));
    return [...edges].every((edge) => {
      for (let k = 1; log.includes(`send|${edge}|${k + 1}`); k++) if (log.indexOf(`left|${edge}|${k}`) > log.indexOf(`send|${edge}|${k + 1}`)) return false;
      return true;
    });
  }

  /** a and b in a loop (delays 3 and 4), each with an array input: windows of a few steps each way. */
  function loop(): ReturnType<typeof couple> {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(twoInputs("b"));
    return couple({ a, b })
      .input(a.in.ref, Float64Array.from(range(1, 40)))
      .input(b.in.ref, Float64Array.from(range(1, 40)))
      .wire(a.out.y, b.in.fb, { delaySteps: 3 })
      .wire(b.out.y, a.in.fb, { delaySteps: 4 })
      .probe(a.out.y)
      .probe(b.out.y);
  }

  it("runs each window in a microtask of its own by default: a unit's window leaves before it computes the next, with the composed network's bits", async () => {
    const log: string[] = [];
    const system = loop();
    const result = await system.run({ steps: 40, transport: flushingLater(log) });
    expect(log.filter((e) => e.startsWith("send|")).length).toBeGreaterThan(10);
    expect(eachLeftBeforeTheNext(log)).toBe(true);
    expectSameBits(result, runComposed(system, 40));
  });

  it("keeps the scheduler a run names (queueScheduler: a unit's windows back to back, they leave after)", async () => {
    const log: string[] = [];
    await loop().run({ steps: 40, transport: flushingLater(log), scheduler: queueScheduler });
    expect(log.filter((e) => e.startsWith("send|")).length).toBeGreaterThan(10);
    expect(eachLeftBeforeTheNext(log)).toBe(false);
  });
});
