import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { InProcessTransport } from "../src/InProcessTransport.js";
import { subsystem } from "../src/Subsystem.js";
import type { Link, Transport } from "../src/Transport.js";
import type { Window } from "../src/Window.js";
import { expectSameBits, runComposed, runWith, schedules } from "./support/compare.js";
import { identity } from "./support/identity.js";
import { twoInputs } from "./support/nets.js";

function loop(delay: number): CoupledSystem {
  const a = subsystem(twoInputs("a"));
  const b = subsystem(twoInputs("b"));
  return couple({ a, b })
    .input(a.in.ref, (t) => Math.sin(10 * t))
    .input(b.in.ref, (t) => Math.cos(10 * t))
    .wire(a.out.y, b.in.fb)
    .wire(b.out.y, a.in.fb, { delaySteps: delay })
    .probe(a.out.y);
}

/** A transport that tampers with the `n`-th window of every link. */
class Tampering implements Transport {
  readonly name = "tampering";
  constructor(
    private readonly n: number,
    private readonly how: "drop" | "repeat",
  ) {}
  open(edge: string): Link {
    const inner = new InProcessTransport().open(edge);
    let count = 0;
    return {
      windows: inner.windows,
      close: () => inner.close(),
      send: (w: Window) => {
        count++;
        if (count === this.n && this.how === "drop") return;
        inner.send(w);
        if (count === this.n && this.how === "repeat") inner.send(w);
      },
    };
  }
}

describe("exactly once per window per edge", () => {
  for (const delay of [1, 10]) {
    it(`delay ${delay}: windows of ${delay} steps, each sent and received once, covering every step once`, async () => {
      const steps = 200;
      const r = await loop(delay).run({ steps });
      const units = Object.fromEntries(r.stats.units.map((u) => [u.unit, u]));
      expect(units["a"]).toEqual({ unit: "a", runs: steps / delay, steps, maxWindowSteps: delay });
      expect(units["b"]).toEqual({ unit: "b", runs: steps / delay, steps, maxWindowSteps: delay });
      for (const e of r.stats.edges) {
        expect(e.sentWindows).toBe(steps / delay); // one emission per window
        expect(e.receivedWindows).toBe(e.sentWindows);
        expect(e.sentSteps).toBe(steps);
        expect(e.receivedSteps).toBe(steps);
      }
    });
  }

  it("detects a repeated window", async () => {
    await expect(loop(3).run({ steps: 30, transport: new Tampering(2, "repeat") })).rejects.toThrow(
      "a.out.y -> b.in.fb: received steps 4..6 but expected a window from step 7 (a window was repeated)",
    );
  });

  it("detects a lost window", async () => {
    const a = subsystem(identity("a"));
    const b = subsystem(identity("b"));
    const chain = couple({ a, b }).input(a.in.u, new Float64Array(30)).wire(a.out.y, b.in.u).probe(b.out.y);
    const error = await chain.run({ steps: 30, maxWindowSteps: 3, transport: new Tampering(2, "drop") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CouplingError);
    expect(String(error)).toContain("a.out.y -> b.in.u: received steps 7..9 but expected a window from step 4 (a window was lost)");
  });
});

describe("bounded buffers", () => {
  it("keeps a fast sender within its bound of a slow receiver, however long the run", async () => {
    for (const steps of [200, 2000]) {
      const a = subsystem(identity("a"));
      const b = subsystem(identity("b"));
      const system = couple({ a, b }).input(a.in.u, new Float64Array(steps)).wire(a.out.y, b.in.u, { delaySteps: 2 }).probe(b.out.y);
      const r = await system.run({ steps, bufferSteps: 8, maxWindowSteps: 5 });
      const edge = defined(r.stats.edges[0]);
      expect(edge.capacitySteps).toBe(2 + 1 + 1 + 8);
      expect(edge.maxAheadSteps).toBeLessThanOrEqual(edge.capacitySteps);
      expect(edge.maxAheadSteps).toBeGreaterThan(0);
      expect(edge.receivedSteps).toBe(steps);
    }
  });

  it("lets a second sender start when the first has filled its buffer (fan-in)", async () => {
    const a1 = subsystem(identity("a1"));
    const a2 = subsystem(identity("a2"));
    const b = subsystem(twoInputs("b"));
    const fanIn = (): CoupledSystem =>
      couple({ a2, a1, b })
        .input(a1.in.u, (t) => Math.sin(7 * t))
        .input(a2.in.u, (t) => Math.cos(3 * t))
        .wire(a1.out.y, b.in.ref)
        .wire(a2.out.y, b.in.fb)
        .probe(b.out.y);
    const composed = runComposed(fanIn(), 100);
    for (const schedule of schedules()) {
      const r = await runWith(fanIn(), 100, { ...schedule, options: () => ({ ...schedule.options(), bufferSteps: 8 }) });
      expectSameBits(r, composed, schedule.name);
      for (const e of r.stats.edges) expect(e.maxAheadSteps).toBeLessThanOrEqual(e.capacitySteps);
    }
  });

  it("bounds what an observable input may run ahead", async () => {
    const { from } = await import("rxjs");
    const a = subsystem(identity("a"));
    const b = subsystem(identity("b"));
    // a runs as each value arrives, so even a synchronous source stays within a small bound
    const ok = couple({ a, b })
      .input(a.in.u, from(Array.from({ length: 100 }, (_, k) => k)))
      .wire(a.out.y, b.in.u)
      .probe(b.out.y);
    const r = await ok.run({ steps: 100, inputBufferSteps: 2 });
    expect(r.data(b.out.y)).toEqual(Float64Array.from({ length: 100 }, (_, k) => k));
    // a second observable input that never emits holds b back, so the first overflows its bound
    const { NEVER } = await import("rxjs");
    const c = subsystem(twoInputs("c"));
    const stuck = couple({ c })
      .input(c.in.ref, from(Array.from({ length: 100 }, (_, k) => k)))
      .input(c.in.fb, NEVER);
    await expect(stuck.run({ steps: 100, inputBufferSteps: 10 })).rejects.toThrow(
      "input c.in.ref: the observable is 11 base steps ahead of c (at most 10); pace it (e.g. with a scheduler) or raise inputBufferSteps",
    );
  });

  it("reports an observable input that ends before the run", async () => {
    const { of } = await import("rxjs");
    const a = subsystem(identity("a"));
    await expect(
      couple({ a })
        .input(a.in.u, of(1, 2, 3))
        .probe(a.out.y)
        .run({ steps: 5 }),
    ).rejects.toThrow("input a.in.u: the observable completed after 3 base steps, but the run needs 5; give it at least as many steps as the run");
  });
});
