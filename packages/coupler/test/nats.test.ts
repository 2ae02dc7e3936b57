// Coupled systems over a real nats-server on a free loopback port: one the tests share, and one of
// its own for the test that stops it for good.
import { CouplingError } from "@plexus/core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import type { Link, Transport } from "../src/Transport.js";
import { type NatsServer, NatsTransport, type NatsTransportOptions, startNatsServer } from "../src/transports/nats/index.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { bits, neural, twoInputs } from "./support/nets.js";

const STEPS = 800;

/** A mutual loop, with `hook(t)` called by a's reference input at each step (to act mid-run). */
function loop(hook: (t: number) => void = () => undefined): CoupledSystem {
  const a = subsystem(twoInputs("a"));
  const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
  const c = subsystem(neural("c", { inSynapse: 0.01 }));
  return couple({ a, b, c }, { seed: 11 })
    .input(a.in.ref, (t) => {
      hook(t);
      return Math.sin(2 * Math.PI * 3 * t);
    })
    .input(b.in.ref, (t) => Math.cos(2 * Math.PI * 2 * t))
    .wire(a.out.y, b.in.fb, { delaySteps: 1 })
    .wire(b.out.y, a.in.fb, { delaySteps: 3 })
    .wire(b.out.y, c.in.u)
    .probe(a.out.y)
    .probe(b.out.y, { synapse: 0.01 })
    .probe(c.out.y);
}

/**
 * The sending sides of `senders`' links and the receiving sides of `receivers`': two connections
 * to the broker, as a sender and a receiver in two processes have.
 */
function split(senders: NatsTransport, receivers: NatsTransport): Transport {
  return {
    name: "nats (two connections)",
    open(edge: string): Link {
      const out = senders.open(edge);
      const into = receivers.open(edge);
      return { send: (w) => out.send(w), windows: into.windows, close: () => out.close() };
    },
  };
}

const servers: NatsServer[] = [];
const transports: NatsTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop({ signal: "SIGKILL" })));
});

afterAll(async () => {
  await (await sharedServer)?.stop({ signal: "SIGKILL" });
});

/** A server of the test's own (stopped after it). */
async function server(): Promise<NatsServer> {
  const s = await startNatsServer();
  servers.push(s);
  return s;
}

let sharedServer: Promise<NatsServer> | undefined;

/** The server the tests share (a restart keeps its port; its clients reconnect). */
function shared(): Promise<NatsServer> {
  sharedServer ??= startNatsServer();
  return sharedServer;
}

async function transport(url: string, options: NatsTransportOptions = {}): Promise<NatsTransport> {
  const t = await NatsTransport.connect({ servers: url, reconnectTimeWaitMs: 50, ...options });
  transports.push(t);
  return t;
}

describe("coupled systems over NATS (a real nats-server on a loopback port)", () => {
  it("give the same bits as the composed network and the in-process run", async () => {
    const s = await shared();
    const t = await transport(s.url);
    const result = await loop().run({ steps: STEPS, transport: t });
    expectSameBits(result, runComposed(loop(), STEPS), "nats");
    const inProcess = await loop().run({ steps: STEPS });
    for (const p of result.probes) expect(bits(result.data(p))).toEqual(bits(inProcess.data(p)));
    expect(result.stats.edges.every((e) => e.receivedSteps === STEPS && e.receivedWindows === e.sentWindows)).toBe(true);
  });

  it("survive nats-server killed and restarted mid-run: clients reconnect, lost windows are resent, each step delivered once, same bits", async () => {
    const s = await shared();
    const senders = await transport(s.url, { runId: "restart", retransmitMs: 100 });
    const receivers = await transport(s.url, { runId: "restart", retransmitMs: 100 });
    let restarted: Promise<void> | null = null;
    const hook = (t: number): void => {
      if (restarted === null && t >= 0.4) restarted = s.restart({ signal: "SIGKILL", downMs: 150 });
    };
    const result = await loop(hook).run({ steps: STEPS, transport: split(senders, receivers), maxWindowSteps: 4 });
    expect(restarted).not.toBeNull();
    await restarted;
    expectSameBits(result, runComposed(loop(), STEPS), "after a broker restart");
    expect(senders.recovery.reconnects + receivers.recovery.reconnects).toBeGreaterThanOrEqual(2);
    expect(senders.recovery.resent).toBeGreaterThan(0);
    // each window reached the runtime exactly once (resends of windows that got through are dropped by stamp)
    expect(result.stats.edges.every((e) => e.receivedWindows === e.sentWindows && e.receivedSteps === STEPS)).toBe(true);
  });

  it("end with a CouplingError after brokerTimeoutMs when the broker never comes back; probe data up to then stays readable", async () => {
    const s = await server();
    const t = await transport(s.url, { brokerTimeoutMs: 600, retransmitMs: 50, timeoutMs: 5000 });
    let killed: Promise<void> | null = null;
    const system = loop((time) => {
      if (killed === null && time >= 0.3) killed = s.stop({ signal: "SIGKILL" });
    });
    const t0 = performance.now();
    const error = await system.run({ steps: STEPS, transport: t, maxWindowSteps: 4 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as Error).message).toMatch(/NATS: the broker 127\.0\.0\.1:\d+ has been unreachable for 600 ms \(brokerTimeoutMs\)/);
    expect(performance.now() - t0).toBeLessThan(10_000);
    const partial = defined(system.lastResult);
    const done = partial.record("a.out.y").steps;
    expect(done).toBeGreaterThanOrEqual(300);
    expect(done).toBeLessThan(STEPS);
    const full = defined(runComposed(loop(), STEPS).get("a.out.y"));
    expect(bits(partial.data("a.out.y").subarray(0, done))).toEqual(bits(full.subarray(0, done)));
  });

  it("keep concurrent runs on one broker apart (a run id in every subject)", async () => {
    const s = await shared();
    const [t1, t2] = await Promise.all([transport(s.url), transport(s.url)]);
    expect(t1.runId).not.toBe(t2.runId);
    const other = (): CoupledSystem => {
      const a = subsystem(twoInputs("a", { nNeurons: 30 }));
      const b = subsystem(twoInputs("b"));
      return couple({ a, b }, { seed: 3 })
        .input(a.in.ref, (t) => Math.cos(5 * t))
        .input(b.in.ref, (t) => Math.sin(7 * t))
        .wire(a.out.y, b.in.fb, { delaySteps: 1 })
        .wire(b.out.y, a.in.fb, { delaySteps: 1 })
        .probe(a.out.y)
        .probe(b.out.y);
    };
    // the same edge names in both systems
    const [r1, r2] = await Promise.all([loop().run({ steps: 600, transport: t1 }), other().run({ steps: 600, transport: t2 })]);
    expectSameBits(r1, runComposed(loop(), 600), "run 1");
    expectSameBits(r2, runComposed(other(), 600), "run 2");
  });
});
