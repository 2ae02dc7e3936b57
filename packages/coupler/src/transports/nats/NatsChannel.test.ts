import { firstValueFrom, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import type { Bus } from "./Bus.js";
import { NatsTransport } from "./NatsTransport.js";

/** Delivers on a later microtask; drops the `drop`-th message published and repeats every third. */
function lossyBus(drop: number): Bus {
  const subscribers = new Map<string, Set<(d: Uint8Array) => void>>();
  let n = 0;
  return {
    publish(subject, data) {
      const k = n++;
      const copies = k === drop ? 0 : k % 3 === 0 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const copy = data.slice();
        queueMicrotask(() => {
          for (const cb of subscribers.get(subject) ?? []) cb(copy);
        });
      }
    },
    subscribe(subject, onMessage) {
      const set = subscribers.get(subject) ?? new Set();
      set.add(onMessage);
      subscribers.set(subject, set);
      return { unsubscribe: () => set.delete(onMessage) };
    },
  };
}

describe("NatsChannel (messages between processes)", () => {
  it("delivers structured messages once and in order, typed arrays bit for bit, despite lost and repeated messages", async () => {
    const transport = new NatsTransport(lossyBus(4), { runId: "c1", retransmitMs: 20, timeoutMs: 2000 });
    const out = transport.channel<{ type: string; values: Float64Array; bytes: Uint8Array }>("host.0.cmd");
    const into = transport.channel<{ type: string; values: Float64Array; bytes: Uint8Array }>("host.0.cmd");
    const got = firstValueFrom(into.messages.pipe(toArray()));
    const sent = Array.from({ length: 12 }, (_, i) => ({ type: `m${i}`, values: Float64Array.of(i, -0, NaN, 1 / 3), bytes: Uint8Array.of(i, 255) }));
    for (const m of sent) out.send(m);
    out.close();
    const received = await got;
    expect(received.map((m) => m.type)).toEqual(sent.map((m) => m.type));
    for (let i = 0; i < sent.length; i++) {
      const v = defined(received[i]).values;
      expect(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).toEqual(new Uint8Array(defined(sent[i]).values.buffer));
      expect(defined(received[i]).bytes).toEqual(defined(sent[i]).bytes);
    }
    await transport.close();
  });

  it("sends a message larger than the broker's max_payload in parts, and gets it back whole", async () => {
    const bus = Object.assign(lossyBus(2), { maxPayload: 4096 });
    const transport = new NatsTransport(bus, { runId: "c3", retransmitMs: 20, timeoutMs: 2000 });
    const out = transport.channel<{ big: Float64Array; n: number }>("host.1.evt");
    const into = transport.channel<{ big: Float64Array; n: number }>("host.1.evt");
    const got = firstValueFrom(into.messages.pipe(toArray()));
    const big = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1e-3);
    out.send({ big, n: 1 });
    out.send({ big: new Float64Array(0), n: 2 });
    out.close();
    const received = await got;
    expect(received.map((m) => m.n)).toEqual([1, 2]);
    expect(Array.from(defined(received[0]).big)).toEqual(Array.from(big));
    await transport.close();
  });

  it("refuses names that are not subject tokens, or that would clash with edges", () => {
    const transport = new NatsTransport(lossyBus(-1), { runId: "c2" });
    expect(() => transport.channel("host 0")).toThrow(/not a channel name/);
    expect(() => transport.channel("edge.3")).toThrow(/not a channel name/);
    expect(() => transport.channel("a.>")).toThrow(/not a channel name/);
    void transport.close();
  });
});
