import type { NatsConnection } from "@nats-io/transport-node";
import { CouplingError } from "@plexus/core";
import type { Subscription } from "rxjs";
import { connectNats } from "./connectNats.js";
import type { NatsChannel } from "./NatsChannel.js";
import { startNatsServer, type NatsServer } from "./NatsServer.js";
import { NatsTransport, natsBus, type NatsTransportOptions } from "./NatsTransport.js";
import { spawnWorkerProcess, type WorkerProcess } from "./workerProcess.js";
import { WORKER_PROTOCOL_VERSION, checkWorkerName, claimSubject, hostChannels, type ClaimReply, type ClaimRequest } from "./workerSubjects.js";

/** Options of {@link NatsHosts.open}. */
export interface NatsHostsOptions {
  /** The broker (`nats://host:4222`); without it Plexus starts nats-server and worker processes on this machine and stops them in `close`. */
  readonly url?: string;
  /** The run id: the subjects of its edges and hosts. */
  readonly run: string;
  /** Most milliseconds to find a worker for a host (a named one, or any), worker processes' start included (default 20000). */
  readonly claimTimeoutMs?: number;
  /** Options of the run's transport (timeouts, capacity). */
  readonly transport?: Omit<NatsTransportOptions, "runId" | "edges" | "ownsConnection">;
  /** @internal the worker processes' main module (embedded; default the package's `workerMain`) */
  readonly workerEntry?: URL;
}

/** A host started on a NATS worker, as the coordinator holds it. */
export interface NatsHostHandle<C> {
  /** Sends a command (delivered once, in order, also across a broker restart). */
  send(command: C): void;
  /** Stops listening to the host (send it its last command first). */
  terminate(): void;
  /** The worker that took it, once claimed. */
  readonly worker: { readonly name: string; readonly pid: number } | undefined;
}

/** Where a host goes: a worker by name, or any worker. */
export interface NatsHostTarget {
  /** The host's index in the run (its channels' subjects). */
  readonly index: number;
  /** The worker's name (`nats:NAME`), or undefined for any worker. */
  readonly worker?: string;
}

/**
 * The coordinator's side of a run over NATS: the run's transport (for the coordinator's own units'
 * edges), and hosts started on workers (`plexus worker`), each claimed by name or from the queue of
 * all workers, its commands and events on reliable channels. Without a URL it starts nats-server
 * and one worker process per host on this machine (a worker process that dies is reported at once;
 * starting the host again spawns a new one).
 */
export class NatsHosts<C, E> {
  private readonly processes = new Map<string, WorkerProcess>();
  private readonly handles: (() => void)[] = [];
  private closed = false;

  private constructor(
    /** The run's transport: the coordinator's own units' edges, and the hosts' channels. */
    readonly transport: NatsTransport,
    private readonly nc: NatsConnection,
    /** The embedded broker, when Plexus started one. */
    readonly server: NatsServer | undefined,
    private readonly claimTimeoutMs: number,
    private readonly workerEntry: URL | undefined,
  ) {}

  /** The broker's URL. */
  get url(): string {
    return this.server?.url ?? this.nc.getServer();
  }

  /** @throws CouplingError when the broker cannot be reached, or nats-server is missing (embedded) */
  static async open<C, E>(options: NatsHostsOptions): Promise<NatsHosts<C, E>> {
    const server = options.url === undefined ? await startNatsServer() : undefined;
    try {
      const nc = await connectNats({ servers: server?.url ?? options.url!, name: "plexus coordinator" });
      const transport = new NatsTransport(natsBus(nc), { ...options.transport, runId: options.run, ownsConnection: true }, nc);
      return new NatsHosts<C, E>(transport, nc, server, options.claimTimeoutMs ?? 20_000, options.workerEntry);
    } catch (error) {
      await server?.stop();
      throw error;
    }
  }

  /**
   * Starts a host on a worker: opens its channels, sends `first` (it waits in the channel until the
   * worker subscribes), and claims the worker. `onLost` is told when no worker takes it within
   * `claimTimeoutMs`, its channel fails, or (embedded) its process dies.
   */
  start(target: NatsHostTarget, first: C, onEvent: (event: E) => void, onLost: (why: string) => void): NatsHostHandle<C> {
    if (this.closed) throw new CouplingError("NatsHosts: closed", { label: "nats" });
    if (target.worker !== undefined) checkWorkerName(target.worker);
    const names = hostChannels(target.index);
    const commands: NatsChannel<C> = this.transport.channel<C>(names.commands);
    const events: NatsChannel<E> = this.transport.channel<E>(names.events);
    let ended = false;
    const lost = (why: string): void => {
      if (ended) return;
      ended = true;
      onLost(why);
    };
    const subscription: Subscription = events.messages.subscribe({ next: (e) => (ended ? undefined : onEvent(e)), error: (e: unknown) => lost(e instanceof Error ? e.message : String(e)) });
    commands.send(first);
    const handle: { worker: NatsHostHandle<C>["worker"] } & NatsHostHandle<C> = {
      worker: undefined,
      send: (command) => commands.send(command),
      terminate: () => {
        ended = true;
        subscription.unsubscribe();
        commands.close();
      },
    };
    this.handles.push(() => handle.terminate());
    const embeddedName = this.server === undefined ? undefined : (target.worker ?? `w${target.index}`);
    if (embeddedName !== undefined) this.ensureProcess(embeddedName, (why) => lost(why));
    void this.claim(target.worker ?? embeddedName, { version: WORKER_PROTOCOL_VERSION, run: this.transport.runId, host: target.index }).then(
      (reply) => (handle.worker = { name: reply.worker, pid: reply.pid }),
      (error: unknown) => lost(error instanceof Error ? error.message : String(error)),
    );
    return handle;
  }

  /** The worker processes Plexus started (embedded), by name. */
  get workerProcesses(): ReadonlyMap<string, WorkerProcess> {
    return this.processes;
  }

  /** Stops listening to every host, closes the transport, and stops what Plexus started. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.handles) h();
    await this.transport.close();
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    await this.server?.stop();
  }

  private ensureProcess(name: string, lost: (why: string) => void): void {
    const existing = this.processes.get(name);
    if (existing !== undefined && existing.running) {
      existing.onExit(lost);
      return;
    }
    const p = this.workerEntry === undefined ? spawnWorkerProcess(this.server!.url, name) : spawnWorkerProcess(this.server!.url, name, this.workerEntry);
    this.processes.set(name, p);
    p.onExit(lost);
  }

  /** Asks the worker (or any) to take the host, until one answers or `claimTimeoutMs` passes. */
  private async claim(worker: string | undefined, request: ClaimRequest): Promise<ClaimReply> {
    const deadline = performance.now() + this.claimTimeoutMs;
    const subject = claimSubject(worker);
    const who = worker === undefined ? "No NATS worker" : `The NATS worker '${worker}'`;
    let last = "";
    while (performance.now() < deadline && !this.closed) {
      try {
        const msg = await this.nc.request(subject, JSON.stringify(request), { timeout: Math.max(100, Math.min(2000, deadline - performance.now())) });
        const reply = msg.json<ClaimReply>();
        if (reply.error !== undefined) throw new CouplingError(`${who} refused host ${request.host} of run ${request.run}: ${reply.error}`, { label: "nats" });
        return reply;
      } catch (error) {
        if (error instanceof CouplingError) throw error;
        last = error instanceof Error ? error.message : String(error);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const start = worker === undefined ? "start one with `plexus worker --nats URL`" : `start it with \`plexus worker --nats URL --name ${worker}\``;
    const answered = worker === undefined ? `${who} answered the claim` : `${who} did not answer the claim`;
    throw new CouplingError(`${answered} for host ${request.host} within ${this.claimTimeoutMs} ms (claimTimeoutMs) on ${this.url}${last === "" ? "" : ` (${last})`}; ${start}`, { label: worker ?? "nats" });
  }
}
