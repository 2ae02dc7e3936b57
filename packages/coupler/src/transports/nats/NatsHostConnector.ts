import type { NatsConnection } from "@nats-io/transport-node";
import { CouplingError } from "@plexus/core";
import type { HostConnector, LinkEnds, RemoteHost } from "../../remote/HostConnector.js";
import type { HostCommand, HostEvent } from "../../remote/protocol.js";
import type { Transport } from "../../Transport.js";
import { connectNats } from "./connectNats.js";
import { type NatsServer, startNatsServer } from "./NatsServer.js";
import { NatsTransport, type NatsTransportOptions, natsBus } from "./NatsTransport.js";
import type { WorkerEnvelope } from "./NatsWorker.js";
import { newRunId } from "./subjects.js";
import { spawnWorkerProcess, type WorkerProcess } from "./workerProcess.js";
import { type ClaimReply, type ClaimRequest, claimSubject, hostChannels, WORKER_PROTOCOL_VERSION } from "./workerSubjects.js";

/** Options of {@link natsHosts}. */
export interface NatsHostsOptions {
  /** The broker (`nats://host:4222`); without it Plexus starts nats-server on a free loopback port and a worker process per host, and stops them. */
  readonly url?: string;
  /** Most milliseconds to find a worker for a host (a named one, or any), a worker process's start included (default 20000). */
  readonly claimTimeoutMs?: number;
  /** Options of the links (timeouts, capacity). */
  readonly transport?: Omit<NatsTransportOptions, "runId" | "edges" | "ownsConnection">;
}

/**
 * Hosts on NATS workers (`plexus worker --nats URL [--name N]`, on this machine or others), for
 * `run({ placement, hosts })`: `"worker:NAME"` runs on the worker named NAME, `"worker"` on any
 * worker (one of the queue of workers takes it). Every link is a subject of its own
 * (`plexus.<id>.link.<k>`, never reused, so runs never mix); commands and events go on reliable
 * channels. Without a URL, Plexus starts nats-server and worker processes on this machine (one
 * per host of a run, serving run after run) and stops them in {@link close}.
 */
export class NatsHostConnector implements HostConnector<string> {
  readonly kind = "NATS worker";
  private nextLink = 0;
  private nextHost = 0;
  private readonly processes = new Map<string, WorkerProcess>();
  /** Embedded processes with a host now. */
  private readonly busy = new Set<WorkerProcess>();
  /** Names of the embedded processes started for hosts of any worker (`w0`, `w1`, ...). */
  private readonly pooled = new Set<string>();
  private closed = false;

  private constructor(
    /** The connector's id, in every subject it makes. */
    readonly id: string,
    private readonly nc: NatsConnection,
    /** The transport of the hosts' channels. */
    private readonly control: NatsTransport,
    /** The broker Plexus started (embedded), if it did. */
    readonly server: NatsServer | undefined,
    private readonly options: NatsHostsOptions,
  ) {}

  /** @internal use {@link natsHosts} */
  static async open(options: NatsHostsOptions): Promise<NatsHostConnector> {
    const server = options.url === undefined ? await startNatsServer() : undefined;
    const url = server?.url ?? options.url;
    if (url === undefined) throw new CouplingError("natsHosts: no broker: give url, or leave it out to have Plexus start nats-server");
    try {
      const nc = await connectNats({ servers: url, name: "plexus coordinator" });
      const id = newRunId();
      const control = new NatsTransport(natsBus(nc), { ...options.transport, runId: id, ownsConnection: false }, nc);
      return new NatsHostConnector(id, nc, control, server, options);
    } catch (error) {
      await server?.stop();
      throw error;
    }
  }

  /** The broker's URL. */
  get url(): string {
    return this.server?.url ?? `nats://${this.nc.getServer()}`;
  }

  /** The worker processes Plexus started (embedded), by name. */
  get workerProcesses(): ReadonlyMap<string, WorkerProcess> {
    return this.processes;
  }

  channel(_name: string): { readonly sender: string; readonly receiver: string } {
    const subject = `plexus.${this.id}.link.${this.nextLink++}`;
    return { sender: subject, receiver: subject };
  }

  localTransport(ends: LinkEnds<string>): Transport & { close(): void } {
    const transport = new NatsTransport(natsBus(this.nc), { ...this.options.transport, runId: this.id, ownsConnection: false }, this.nc);
    transport.route(ends);
    return {
      name: "nats",
      sendsInMicrotask: transport.sendsInMicrotask,
      open: (name) => transport.open(name),
      close: () => void transport.close(),
    };
  }

  start(
    name: string,
    load: Extract<HostCommand, { type: "load" }>,
    ends: LinkEnds<string>,
    onEvent: (event: HostEvent) => void,
    onExit: (error: Error) => void,
  ): RemoteHost {
    if (this.closed) throw new CouplingError("natsHosts: closed", { label: "nats" });
    const index = this.nextHost++;
    const worker = name.startsWith("worker:") ? name.slice(7) : undefined;
    const names = hostChannels(index);
    const commands = this.control.channel<WorkerEnvelope<HostCommand>>(names.commands);
    const events = this.control.channel<HostEvent>(names.events);
    let ended = false;
    let closing = false;
    const lost = (error: Error): void => {
      if (ended || closing) return;
      ended = true;
      onExit(error);
    };
    const subscription = events.messages.subscribe({
      next: (e) => (ended ? undefined : onEvent(e)),
      error: (e: unknown) => lost(e instanceof Error ? e : new Error(String(e))),
    });
    commands.send({ command: load, links: [...ends] });
    const process = this.server === undefined ? undefined : this.pick(worker);
    const forgetExit = process?.onExit((why) => lost(new Error(why)));
    if (process !== undefined) this.busy.add(process);
    void this.claim(process?.name ?? worker, { version: WORKER_PROTOCOL_VERSION, run: this.id, host: index }).catch((error: unknown) =>
      lost(error instanceof Error ? error : new Error(String(error))),
    );
    return {
      send: (command) => commands.send({ command }),
      close: () => {
        if (closing) return;
        closing = true;
        if (!ended) commands.send({ command: { type: "close" } });
        commands.close();
        // The host's last events (closed) are not needed; stop listening once it has had time to answer.
        setTimeout(() => subscription.unsubscribe(), 1000).unref();
        forgetExit?.();
        if (process !== undefined) this.busy.delete(process);
      },
    };
  }

  /** Stops every worker process and the broker Plexus started, and closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.control.close();
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
    await this.server?.stop();
  }

  /**
   * The embedded worker process for a host: the one named `worker` (started if it is not running),
   * or for any worker an idle one of those started for such hosts, else a new one: each host of a
   * run has a process (and a core) of its own, and processes serve run after run.
   */
  private pick(worker: string | undefined): WorkerProcess {
    if (worker !== undefined) return this.spawn(worker);
    const idle = [...this.processes.values()].find((p) => p.running && !this.busy.has(p) && this.pooled.has(p.name));
    if (idle !== undefined) return idle;
    const name = `w${this.pooled.size}`;
    this.pooled.add(name);
    return this.spawn(name);
  }

  private spawn(name: string): WorkerProcess {
    const existing = this.processes.get(name);
    if (existing?.running) return existing;
    const server = this.server;
    if (server === undefined)
      throw new CouplingError(`natsHosts: worker process ${name} wanted without a nats-server of Plexus's own (a bug: workers are started only with one)`);
    const p = spawnWorkerProcess(server.url, name);
    this.processes.set(name, p);
    return p;
  }

  /** Asks the worker (or any) to take the host, until one answers or `claimTimeoutMs` passes. */
  private async claim(worker: string | undefined, request: ClaimRequest): Promise<ClaimReply> {
    const timeout = this.options.claimTimeoutMs ?? 20_000;
    const deadline = performance.now() + timeout;
    const subject = claimSubject(worker);
    let last = "";
    while (performance.now() < deadline && !this.closed) {
      try {
        const msg = await this.nc.request(subject, JSON.stringify(request), { timeout: Math.max(100, Math.min(2000, deadline - performance.now())) });
        const reply = msg.json<ClaimReply>();
        if (reply.error !== undefined) throw new CouplingError(`the NATS worker '${reply.worker}' refused the host: ${reply.error}`, { label: reply.worker });
        return reply;
      } catch (error) {
        if (error instanceof CouplingError) throw error;
        last = error instanceof Error ? error.message : String(error);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const who = worker === undefined ? "no NATS worker answered the claim" : `the NATS worker '${worker}' did not answer the claim`;
    const start = worker === undefined ? "start one with `plexus worker --nats URL`" : `start it with \`plexus worker --nats URL --name ${worker}\``;
    throw new CouplingError(`${who} within ${timeout} ms (claimTimeoutMs) on ${this.url}${last === "" ? "" : ` (${last})`}; ${start}`, {
      label: worker ?? "nats",
    });
  }
}

/**
 * Connects to NATS workers for `run({ placement, hosts })` (see {@link NatsHostConnector}); without
 * a URL, starts nats-server and worker processes on this machine. Close it after the runs.
 * @throws CouplingError when the broker cannot be reached, or nats-server is missing (embedded)
 */
export function natsHosts(options: NatsHostsOptions = {}): Promise<NatsHostConnector> {
  return NatsHostConnector.open(options);
}
