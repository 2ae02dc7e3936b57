// The NATS worker machinery with real processes: claims, channels, embedded broker and workers, a killed worker.
import { firstValueFrom, toArray } from "rxjs";
import { afterEach, describe, expect, it } from "vitest";
import { NatsHosts } from "../src/transports/nats/NatsHosts.js";
import { startNatsServer, type NatsServer } from "../src/transports/nats/NatsServer.js";
import { Window } from "../src/Window.js";
import type { EchoCommand, EchoEvent } from "./support/echoWorker.js";

const echoWorker = new URL("./support/echoWorker.ts", import.meta.url);
const opened: NatsHosts<EchoCommand, EchoEvent>[] = [];
const servers: NatsServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
  await Promise.all(servers.splice(0).map((s) => s.stop({ signal: "SIGKILL" })));
});

async function hosts(options: { url?: string; claimTimeoutMs?: number } = {}): Promise<NatsHosts<EchoCommand, EchoEvent>> {
  const h = await NatsHosts.open<EchoCommand, EchoEvent>({ run: `t${Math.floor(Math.random() * 1e9)}`, workerEntry: echoWorker, ...options });
  opened.push(h);
  return h;
}

/** The next event of a host matching `type`. */
function nextEvent<T extends EchoEvent["type"]>(events: EchoEvent[], type: T, timeoutMs = 20_000): Promise<Extract<EchoEvent, { type: T }>> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const i = events.findIndex((e) => e.type === type);
      if (i >= 0) resolve(events.splice(i, 1)[0] as Extract<EchoEvent, { type: T }>);
      else if (performance.now() - t0 > timeoutMs) reject(new Error(`no ${type} event within ${timeoutMs} ms`));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe("NATS workers (real nats-server and worker processes)", () => {
  it("embedded: starts nats-server and a worker process per host, carries commands, events and windows both ways, and stops them all", async () => {
    const h = await hosts();
    const events: EchoEvent[] = [];
    const lost: string[] = [];
    const handle = h.start({ index: 0 }, { type: "ping", n: 7 }, (e) => events.push(e), (why) => lost.push(why));
    const pong = await nextEvent(events, "pong");
    expect(pong.n).toBe(7);
    expect(pong.pid).not.toBe(process.pid);
    expect(pong.worker).toBe("w0");
    // windows to the worker's unit and back, over the run's subjects
    handle.send({ type: "echo" });
    const back = firstValueFrom(h.transport.open("out").windows.pipe(toArray()));
    const into = h.transport.open("in");
    const sent = [new Window(1, 2, 3, Float64Array.of(1, -0, 0.1, 1e-300, -5, 1 / 3)), new Window(3, 1, 3, Float64Array.of(7, 8, 9))];
    for (const w of sent) into.send(w);
    into.close();
    const got = await back;
    expect(got.map((w) => Array.from(w.data))).toEqual(sent.map((w) => Array.from(w.data, (v) => 2 * v)));
    expect((await nextEvent(events, "echoed")).windows).toBe(2);
    const processes = [...h.workerProcesses.values()];
    expect(processes.map((p) => p.running)).toEqual([true]);
    const server = h.server!;
    await h.close();
    expect(processes.map((p) => p.running)).toEqual([false]);
    expect(server.running).toBe(false);
    expect(lost).toEqual([]);
  });

  it("a worker process killed with SIGKILL is reported at once; starting the host again spawns a new one", async () => {
    const h = await hosts();
    const events: EchoEvent[] = [];
    const lost: string[] = [];
    h.start({ index: 0, worker: "victim" }, { type: "ping", n: 1 }, (e) => events.push(e), (why) => lost.push(why));
    const first = await nextEvent(events, "pong");
    h.workerProcesses.get("victim")!.kill("SIGKILL");
    for (let i = 0; i < 100 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/the worker process 'victim' \(pid \d+\) killed by SIGKILL/);
    h.start({ index: 1, worker: "victim" }, { type: "ping", n: 2 }, (e) => events.push(e), (why) => lost.push(why));
    const second = await nextEvent(events, "pong");
    expect(second.n).toBe(2);
    expect(second.pid).not.toBe(first.pid);
  });

  it("a named worker that never answers: the host is lost after claimTimeoutMs with a message saying how to start it", async () => {
    const server = await startNatsServer();
    servers.push(server);
    const h = await hosts({ url: server.url, claimTimeoutMs: 700 });
    const lost: string[] = [];
    const t0 = performance.now();
    h.start({ index: 0, worker: "absent" }, { type: "ping", n: 1 }, () => undefined, (why) => lost.push(why));
    for (let i = 0; i < 200 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(lost[0]).toMatch(/The NATS worker 'absent' did not answer the claim for host 0 within 700 ms \(claimTimeoutMs\).*plexus worker --nats URL --name absent/);
  });
});
