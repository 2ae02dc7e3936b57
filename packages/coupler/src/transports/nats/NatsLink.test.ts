import { CouplingError } from "@plexus/core";
import { firstValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import { Window } from "../../Window.js";
import type { Bus } from "./Bus.js";
import { decodeAck } from "./Bus.js";
import { NatsTransport } from "./NatsTransport.js";

type Fate = "deliver" | "drop" | "twice";

/**
 * A broker stand-in: delivers each message on a later microtask, in order per subject, unless
 * `fate` drops it or delivers it twice. Records every message published.
 */
class LossyBus implements Bus {
  readonly published: { subject: string; data: Uint8Array }[] = [];
  private readonly subscribers = new Map<string, Set<(d: Uint8Array) => void>>();
  constructor(
    private readonly fate: (subject: string, data: Uint8Array, index: number) => Fate = () => "deliver",
    readonly maxPayload = 1 << 20,
  ) {}
  publish(subject: string, data: Uint8Array): void {
    const index = this.published.length;
    this.published.push({ subject, data: data.slice() });
    const fate = this.fate(subject, data, index);
    const copies = fate === "drop" ? 0 : fate === "twice" ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const copy = data.slice();
      queueMicrotask(() => {
        for (const cb of this.subscribers.get(subject) ?? []) cb(copy);
      });
    }
  }
  subscribe(subject: string, onMessage: (d: Uint8Array) => void): { unsubscribe(): void } {
    const set = this.subscribers.get(subject) ?? new Set();
    set.add(onMessage);
    this.subscribers.set(subject, set);
    return { unsubscribe: () => set.delete(onMessage) };
  }
  /** Stamps of the data windows published (resends included). */
  windowStarts(): number[] {
    return this.published
      .filter((m) => !m.subject.endsWith(".ack"))
      .map((m) => Window.fromBytes(m.data))
      .filter((w) => w.steps > 0)
      .map((w) => w.start);
  }
}

/** Windows of steps 1..n, one or two steps each, with values derived from the step. */
function windows(n: number): Window[] {
  const out: Window[] = [];
  for (let s = 1; s <= n; ) {
    const steps = Math.min(1 + (s % 2), n - s + 1);
    out.push(
      new Window(
        s,
        steps,
        2,
        Float64Array.from({ length: steps * 2 }, (_, i) => s * 10 + i + 0.5),
      ),
    );
    s += steps;
  }
  return out;
}

function startOf(data: Uint8Array): number {
  return Window.fromBytes(data).start;
}

const fast = { retransmitMs: 20, timeoutMs: 400 };

describe("NatsLink protocol (over a lossy bus)", () => {
  it("delivers every window once, in order, when the broker repeats each message", async () => {
    const bus = new LossyBus(() => "twice");
    const transport = new NatsTransport(bus, { runId: "r1", ...fast });
    const link = transport.open("a.out.y -> b.in.u");
    const received = firstValueFrom(link.windows.pipe(toArray()));
    const sent = windows(9);
    for (const w of sent) link.send(w);
    link.close();
    const got = await received;
    expect(got.map((w) => [w.start, w.steps])).toEqual(sent.map((w) => [w.start, w.steps]));
    expect(got.map((w) => Array.from(w.data))).toEqual(sent.map((w) => Array.from(w.data)));
    expect(link.recovery.duplicates).toBeGreaterThanOrEqual(sent.length);
    await transport.close();
  });

  it("asks again for a lost window and delivers the rest in order (windows past the gap dropped, resent)", async () => {
    let dropped = false;
    const bus = new LossyBus((subject, data) => {
      if (subject.endsWith(".ack") || dropped || startOf(data) !== 5) return "deliver";
      dropped = true;
      return "drop";
    });
    const transport = new NatsTransport(bus, { runId: "r2", ...fast });
    const link = transport.open("e");
    const received = firstValueFrom(link.windows.pipe(toArray()));
    const sent = windows(12);
    for (const w of sent) link.send(w);
    link.close();
    const got = await received;
    expect(got.map((w) => w.start)).toEqual(sent.map((w) => w.start));
    expect(dropped).toBe(true);
    expect(link.recovery.resent).toBeGreaterThan(0);
    expect(link.recovery.outOfOrder).toBeGreaterThan(0);
    // the lost window went out twice: first lost, then resent
    expect(bus.windowStarts().filter((s) => s === 5).length).toBeGreaterThanOrEqual(2);
    await transport.close();
  });

  it("begins where the first window starts (a run resumed from a snapshot), the beginning resent when it is lost", async () => {
    let dropped = 0;
    const bus = new LossyBus((subject, data) => {
      if (subject.endsWith(".ack") || dropped > 0) return "deliver";
      const w = Window.fromBytes(data);
      if (w.steps !== 0 || w.dims !== 1) return "deliver";
      dropped++; // the beginning, once
      return "drop";
    });
    const transport = new NatsTransport(bus, { runId: "r8", ...fast });
    const link = transport.open("e");
    const received = firstValueFrom(link.windows.pipe(toArray()));
    const sent = windows(50).filter((w) => w.start >= 41);
    expect(defined(sent[0]).start).toBe(41);
    for (const w of sent) link.send(w);
    link.close();
    const got = await received;
    expect(got.map((w) => w.start)).toEqual(sent.map((w) => w.start));
    expect(dropped).toBe(1);
    expect(link.recovery.outOfOrder).toBeGreaterThan(0);
    expect(() => link.send(new Window(52, 1, 2))).toThrow(/sent after the link was closed/);
    await transport.close();
  });

  it("reports a gap that is never filled as a CouplingError naming the edge and the steps", async () => {
    const bus = new LossyBus((subject, data) => (!subject.endsWith(".ack") && startOf(data) === 5 ? "drop" : "deliver"));
    const transport = new NatsTransport(bus, { runId: "r3", retransmitMs: 20, timeoutMs: 200 });
    const link = transport.open("ctrl.out.u -> plant.in.u");
    const received = firstValueFrom(link.windows.pipe(toArray()));
    for (const w of windows(8)) link.send(w);
    const error = await received.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as CouplingError).message).toMatch(/ctrl\.out\.u -> plant\.in\.u: steps 5\.\.\d+ never arrived/);
    await transport.close();
  });

  it("keeps at most `capacity` windows unconsumed on the wire; consumption frees credit", async () => {
    const bus = new LossyBus();
    const transport = new NatsTransport(bus, { runId: "r4", capacity: 3, ackOn: "consumption", ...fast });
    const link = transport.open("e");
    const got: Window[] = [];
    link.windows.subscribe((w) => got.push(w));
    await Promise.resolve();
    const sent = windows(15);
    for (const w of sent) link.send(w);
    await new Promise((r) => setTimeout(r, 30));
    expect(bus.windowStarts().length).toBe(3);
    expect(link.unacknowledged).toBe(3);
    expect(got.length).toBe(3);
    link.consumed(defined(got[1]).end); // two windows used
    await new Promise((r) => setTimeout(r, 30));
    expect(new Set(bus.windowStarts()).size).toBe(5);
    expect(link.unacknowledged).toBe(3);
    link.consumed(defined(sent.at(-1)).end + 100); // never beyond what was delivered
    await new Promise((r) => setTimeout(r, 30));
    expect(link.unacknowledged).toBe(3);
    for (let i = 0; i < 10 && got.length < sent.length; i++) {
      link.consumed(defined(got.at(-1)).end);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(got.map((w) => w.start)).toEqual(sent.map((w) => w.start));
    await transport.close();
  });

  it("acknowledges every quarter of its capacity, and a lone window after a few milliseconds (delayed acknowledgements)", async () => {
    const bus = new LossyBus();
    const transport = new NatsTransport(bus, { runId: "r4b", capacity: 16, ...fast });
    const link = transport.open("e");
    const got: Window[] = [];
    link.windows.subscribe((w) => got.push(w));
    await Promise.resolve();
    const sent = windows(60); // 40 windows
    // one window a microtask, as a unit sends them
    for (const w of sent) {
      link.send(w);
      await Promise.resolve();
      await Promise.resolve();
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(got.map((w) => w.start)).toEqual(sent.map((w) => w.start));
    const acks = bus.published.filter((m) => m.subject.endsWith(".ack")).map((m) => defined(decodeAck(m.data)));
    // the beginning and 40 windows: one acknowledgement per 4 (+ the first ask, + a delayed one for the rest), not one each
    expect(acks.length).toBeLessThanOrEqual(2 + Math.ceil(41 / 4));
    expect(acks.at(-1)?.delivered).toBe(defined(sent.at(-1)).end);
    expect(link.unacknowledged).toBe(0); // nothing left on the wire: the last windows were acknowledged after the delay
    expect(bus.windowStarts().length).toBe(sent.length); // and never resent
    await transport.close();
  });

  it("fails after timeoutMs when nobody acknowledges (a receiver that never answers)", async () => {
    const bus = new LossyBus();
    const transport = new NatsTransport(bus, { runId: "r5", retransmitMs: 20, timeoutMs: 150 });
    const errors: CouplingError[] = [];
    transport.errors.subscribe((e) => errors.push(e));
    const link = transport.open("a.out.y -> remote.in.u");
    const t0 = performance.now();
    link.send(new Window(1, 1, 1));
    while (errors.length === 0 && performance.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(errors).toHaveLength(1);
    expect(defined(errors[0]).message).toMatch(/a\.out\.y -> remote\.in\.u: the receiver acknowledged nothing for 150 ms/);
    expect(performance.now() - t0).toBeLessThan(1500);
    // it resent the window meanwhile
    expect(bus.windowStarts().length).toBeGreaterThan(1);
    await transport.close();
  });

  it("refuses a window larger than the broker's max_payload, and a non-contiguous one", () => {
    const transport = new NatsTransport(new LossyBus(() => "deliver", 1000), { runId: "r6" });
    const link = transport.open("big");
    expect(() => link.send(new Window(1, 200, 1))).toThrow(
      /a message of 1632 bytes is more than the NATS broker's max_payload \(1000\); for windows lower the run's maxWindowSteps/,
    );
    link.send(new Window(1, 2, 1));
    expect(() => link.send(new Window(4, 1, 1))).toThrow(CouplingError);
    void transport.close();
  });

  it("uses numbered subjects with the run id (never a label), acknowledgements beside them", async () => {
    const bus = new LossyBus();
    const transport = new NatsTransport(bus, { runId: "run-7", edges: ["x.out.y -> z.in.u", "z.out.y -> x.in.u"] });
    const link = transport.open("z.out.y -> x.in.u");
    const done = firstValueFrom(link.windows.pipe(toArray()));
    link.send(new Window(1, 1, 1));
    link.close();
    await done;
    const subjects = new Set(bus.published.map((m) => m.subject));
    expect([...subjects].sort()).toEqual(["plexus.run-7.edge.1.0", "plexus.run-7.edge.1.0.ack"]);
    const acks = bus.published.filter((m) => m.subject.endsWith(".ack")).map((m) => defined(decodeAck(m.data)).kind);
    expect(acks[0]).toBe("resend"); // the receiver's hello
    expect(acks.at(-1)).toBe("closed");
    expect(() => transport.open("not.out.a -> an.in.edge")).toThrow(/not among the run's edges/);
    expect(() => new NatsTransport(bus, { runId: "a.b" })).toThrow(/runId must be/);
    await transport.close();
  });
});
