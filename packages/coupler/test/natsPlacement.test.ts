// Subsystems placed on NATS workers (worker processes and a nats-server that the tests start on a
// free loopback port): the same bits as compose(), and what happens when a worker or the broker dies.
import { CouplingError, Rng } from "@plexus/core";
import { afterAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import type { HostConnector } from "../src/remote/HostConnector.js";
import type { HostEvent } from "../src/remote/protocol.js";
import { subsystem } from "../src/Subsystem.js";
import { type NatsHostConnector, type NatsHostsOptions, natsHosts } from "../src/transports/nats/index.js";
import { Window } from "../src/Window.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { bits, neural, twoInputs } from "./support/nets.js";

const sampled = (steps: number, f: (t: number) => number): Float64Array => Float64Array.from({ length: steps }, (_, k) => f((k + 1) * 0.001));

/** A mutual loop of a and b, and c reading b (no code anywhere: each can be shipped to a worker). */
function loop(steps: number): CoupledSystem {
  const a = subsystem(twoInputs("a"));
  const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
  const c = subsystem(neural("c", { inSynapse: 0.01 }));
  return couple({ a, b, c }, { seed: 11 })
    .input(
      a.in.ref,
      sampled(steps, (t) => Math.sin(2 * Math.PI * 3 * t)),
    )
    .input(
      b.in.ref,
      sampled(steps, (t) => Math.cos(2 * Math.PI * 2 * t)),
    )
    .wire(a.out.y, b.in.fb, { delaySteps: 1 })
    .wire(b.out.y, a.in.fb, { delaySteps: 3 })
    .wire(b.out.y, c.in.u, { delaySteps: 2 })
    .probe(a.out.y)
    .probe(b.out.y, { synapse: 0.01 })
    .probe(c.out.y);
}

/** The connector, with `observe` seeing every event a host sends (its name, the event) before the coordinator does. */
function observed(connector: NatsHostConnector, observe: (host: string, event: HostEvent) => void): HostConnector {
  return {
    kind: connector.kind,
    channel: (name) => connector.channel(name),
    localTransport: (ends) => connector.localTransport(ends as Map<string, string>),
    start: (name, load, ends, onEvent, onExit) =>
      connector.start(
        name,
        load,
        ends as Map<string, string>,
        (event: HostEvent) => {
          observe(name, event);
          onEvent(event);
        },
        onExit,
      ),
  };
}

/** The connector, with `act` called once, on the first probe windows a host sends (mid-run). */
function midRun(connector: NatsHostConnector, act: (host: string) => void): HostConnector {
  let acted = false;
  return observed(connector, (name, event) => {
    if (!acted && event.type === "probes") {
      acted = true;
      act(name);
    }
  });
}

/** The connector, killing the worker process `victim` (SIGKILL) once the probe data of a unit on it passes base step `step`; `kills` gets that step. */
function killAfter(connector: NatsHostConnector, victim: string, step: number, kills: number[]): HostConnector {
  return observed(connector, (name, event) => {
    if (kills.length === 0 && name === `worker:${victim}` && event.type === "probes") {
      const end = Math.max(...event.windows.map((b) => Window.fromBytes(b).end));
      if (end >= step) {
        kills.push(end);
        defined(connector.workerProcesses.get(victim)).kill("SIGKILL");
      }
    }
  });
}

const connectors: NatsHostConnector[] = [];
afterAll(async () => {
  await Promise.all(connectors.splice(0).map((c) => c.close()));
});

/** A connector of its own (a broker and worker processes), closed after the file's tests. */
async function hosts(options: NatsHostsOptions = {}): Promise<NatsHostConnector> {
  const c = await natsHosts(options);
  connectors.push(c);
  return c;
}

let sharedConnector: Promise<NatsHostConnector> | undefined;

/**
 * The connector the tests share (one broker, and worker processes that serve run after run: a
 * process takes seconds to start, a run on a started one milliseconds); a worker killed by a test
 * is started again by the next run that needs it. Tests that end the broker for good have their own.
 */
function shared(): Promise<NatsHostConnector> {
  sharedConnector ??= hosts({ transport: { retransmitMs: 100 } });
  return sharedConnector;
}

// The tests share one connector in this order (the last closes it); each still passes alone.
describe("subsystems on NATS workers (worker processes, a real nats-server)", () => {
  it("survive nats-server killed and restarted mid-run (workers and coordinator reconnect): the same bits", async () => {
    const steps = 600;
    const nats = await shared();
    let restarted: Promise<void> | undefined;
    const result = await loop(steps).run({
      steps,
      maxWindowSteps: 8,
      placement: { a: "worker", b: "worker" },
      hosts: midRun(nats, () => (restarted = defined(nats.server).restart({ signal: "SIGKILL", downMs: 200 }))),
    });
    expect(restarted).toBeDefined();
    await restarted;
    expectSameBits(result, runComposed(loop(steps), steps), "after a broker restart");
  });

  it("a worker process killed with SIGKILL at random steps: every host starts again from the last snapshot (a new process for the dead one), the same bits", async () => {
    const steps = 600;
    const composed = runComposed(loop(steps), steps);
    const nats = await shared();
    const rng = new Rng(2026);
    for (let trial = 0; trial < 2; trial++) {
      const at = 60 + rng.integer(steps - 200);
      const kills: number[] = [];
      const r = await loop(steps).run({
        steps,
        placement: { a: "worker:victim", b: "worker" },
        snapshotEvery: 50,
        maxWindowSteps: 8,
        hosts: killAfter(nats, "victim", at, kills),
      });
      expect(kills, `trial ${trial}: kill after step ${at}`).toHaveLength(1);
      expect(r.stats.restarts).toBe(1);
      expectSameBits(r, composed, `trial ${trial}, killed after step ${kills[0]}`);
    }
  });

  it("a worker process killed with SIGKILL mid-run, no restarts allowed: a CouplingError naming its subsystem; probe data up to then stays readable", async () => {
    const steps = 20000;
    const nats = await shared();
    const system = loop(steps);
    const error = await system
      .run({
        steps,
        maxWindowSteps: 8,
        restarts: 0,
        placement: { a: "worker:victim" },
        hosts: midRun(nats, () => defined(nats.workerProcesses.get("victim")).kill("SIGKILL")),
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as Error).message).toMatch(/The NATS worker running 'a' \(worker:victim\) failed: the worker process 'victim' \(pid \d+\) killed by SIGKILL/);
    const partial = defined(system.lastResult);
    const done = partial.record("b.out.y").steps;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(steps);
    const full = defined(runComposed(loop(steps), steps).get("b.out.y"));
    expect(bits(partial.data("b.out.y").subarray(0, done))).toEqual(bits(full.subarray(0, done)));
  });

  it("a broker that never comes back ends the run with a CouplingError after brokerTimeoutMs, not a hang", async () => {
    const steps = 20000;
    const nats = await hosts({ transport: { brokerTimeoutMs: 800, retransmitMs: 100 } });
    const t0 = performance.now();
    const error = await loop(steps)
      .run({ steps, maxWindowSteps: 8, placement: { a: "worker" }, hosts: midRun(nats, () => void defined(nats.server).stop({ signal: "SIGKILL" })) })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as Error).message).toMatch(/unreachable for 800 ms \(brokerTimeoutMs\)/);
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it("a named worker that never answers: a CouplingError after claimTimeoutMs saying how to start it", async () => {
    const server = await shared(); // a broker (embedded) to point a second connector at
    const nats = await hosts({ url: server.url, claimTimeoutMs: 600 });
    const error = await loop(100)
      .run({ steps: 100, placement: { a: "worker:absent" }, hosts: nats })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as Error).message).toMatch(
      /the NATS worker 'absent' did not answer the claim within 600 ms \(claimTimeoutMs\).*plexus worker --nats URL --name absent/,
    );
  });

  it("embedded: give the composed bits, on one worker each or sharing one; the worker processes serve run after run and stop in close()", async () => {
    const steps = 600;
    const composed = runComposed(loop(steps), steps);
    const nats = await shared();
    const result = await loop(steps).run({ steps, placement: { a: "worker", b: "worker:shared", c: "worker:shared" }, hosts: nats });
    expectSameBits(result, composed, "nats workers");
    for (const e of result.stats.edges) expect([e.sentWindows, e.sentSteps]).toEqual([e.receivedWindows, e.receivedSteps]);
    // each worker process's CPU over its run (all its threads), and the coordinator's
    for (const h of result.stats.hosts ?? []) expect(h.runCpuSeconds).toBeGreaterThan(0);
    expect(result.stats.runCpuSeconds).toBeGreaterThanOrEqual(0);
    const processes = [...nats.workerProcesses.values()];
    expect(processes.map((p) => p.name)).toContain("shared");
    const pids = new Map(processes.map((p) => [p.name, p.pid]));
    // a second run on the same connector, a on the coordinator this time: new subjects, the same processes, the same bits
    const again = await loop(steps).run({ steps, placement: { b: "worker", c: "worker:shared" }, hosts: nats });
    expectSameBits(again, composed, "second run");
    expect(new Map([...nats.workerProcesses.values()].map((p) => [p.name, p.pid]))).toEqual(pids);
    const server = defined(nats.server);
    await nats.close();
    expect(processes.map((p) => p.running)).toEqual(processes.map(() => false));
    expect(server.running).toBe(false);
  });
});
