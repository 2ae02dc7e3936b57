import { hostname } from "node:os";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { CouplingError } from "@plexus/core";
import type { Transport } from "../../Transport.js";
import { connectNats, type NatsConnectOptions } from "./connectNats.js";
import { NatsTransport, type NatsTransportOptions, natsBus } from "./NatsTransport.js";
import { checkRunId } from "./subjects.js";
import {
  type ClaimReply,
  type ClaimRequest,
  checkWorkerName,
  claimSubject,
  hostChannels,
  pingSubject,
  WORKER_PROTOCOL_VERSION,
  WORKER_QUEUE,
} from "./workerSubjects.js";

/** What a coordinator sends a worker's host: a command, and with the first the subjects of its links by name. */
export interface WorkerEnvelope<C> {
  readonly command: C;
  readonly links?: readonly (readonly [string, string])[];
}

/** One host a worker runs for a coordinator: it handles the coordinator's commands and emits events. */
export interface HostSession<C> {
  handle(command: C): void;
  /** Frees everything (the coordinator went away, or the worker stops). */
  close(): void;
}

/**
 * Makes the host of one claim: `transport` carries its units' edges (the run's subjects), `emit`
 * sends an event to the coordinator, `ended` tells the worker the session is over (after the
 * host's last event).
 */
export type HostFactory<C, E> = (transport: Transport, emit: (event: E) => void, ended: () => void) => HostSession<C>;

/** Options of {@link serveNatsWorker}. */
export interface NatsWorkerOptions<C, E> extends NatsConnectOptions {
  /** The worker's name, which placements use (`nats:NAME`; default `<hostname>-<pid>`, made a subject token). */
  readonly name?: string;
  /** Makes the host of each claim. */
  readonly host: HostFactory<C, E>;
  /** Options of the transports of its runs (timeouts, capacity). */
  readonly transport?: Omit<NatsTransportOptions, "runId" | "edges" | "ownsConnection">;
  /** Told of each session's start and end, and of failures (default: nothing). */
  readonly log?: (line: string) => void;
}

/** A worker serving coordinators over NATS, as `plexus worker` runs one. */
export interface NatsWorker {
  readonly name: string;
  /** Hosts running now. */
  readonly sessions: number;
  /** Stops taking claims, closes every session and the connection. */
  close(): Promise<void>;
}

/**
 * Serves as a NATS worker: answers claims for its name and for any worker (one worker of the
 * queue group gets each), and runs each claimed host with its own transport on the run's subjects;
 * commands come and events go on the host's reliable channels.
 * @throws CouplingError when the broker cannot be reached or the name is not a subject token
 */
export async function serveNatsWorker<C, E>(options: NatsWorkerOptions<C, E>): Promise<NatsWorker> {
  const name = checkWorkerName(options.name ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64));
  const log = options.log ?? (() => undefined);
  const nc = await connectNats({ ...options, name: `plexus worker ${name}` });
  const sessions = new Set<() => void>();
  /** The sessions' transports, until closed (a stopped session's waits for its last events to be acknowledged). */
  const transports = new Set<NatsTransport>();
  const claim = (request: ClaimRequest, reply: (r: ClaimReply) => void): void => {
    if (request.version !== WORKER_PROTOCOL_VERSION) {
      reply({ worker: name, pid: process.pid, error: `worker protocol version ${WORKER_PROTOCOL_VERSION}, the coordinator speaks ${request.version}` });
      return;
    }
    const stop = startSession(nc, request, options, log, transports, () => sessions.delete(stop));
    sessions.add(stop);
    reply({ worker: name, pid: process.pid });
    log(`run ${request.run}: hosting host ${request.host}`);
  };
  const subs: Subscription[] = [
    answer(nc, claimSubject(name), undefined, claim, log),
    answer(nc, claimSubject(), WORKER_QUEUE, claim, log),
    nc.subscribe(pingSubject(name), { callback: (_e, m) => void m.respond(JSON.stringify({ worker: name, pid: process.pid, sessions: sessions.size })) }),
    nc.subscribe(pingSubject(), { callback: (_e, m) => void m.respond(JSON.stringify({ worker: name, pid: process.pid, sessions: sessions.size })) }),
  ];
  await nc.flush();
  return {
    name,
    get sessions() {
      return sessions.size;
    },
    async close() {
      for (const s of subs) s.unsubscribe();
      for (const stop of [...sessions]) stop();
      await Promise.all([...transports].map((t) => t.close()));
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}

/** Subscribes to claims on `subject`: parses each, hands it to `claim` with a way to reply. */
function answer(
  nc: NatsConnection,
  subject: string,
  queue: string | undefined,
  claim: (r: ClaimRequest, reply: (r: ClaimReply) => void) => void,
  log: (line: string) => void,
): Subscription {
  return nc.subscribe(subject, {
    ...(queue === undefined ? {} : { queue }),
    callback: (_err, msg) => {
      let request: ClaimRequest;
      try {
        request = msg.json<ClaimRequest>();
        checkRunId(request.run);
        if (!Number.isSafeInteger(request.host) || request.host < 0) throw new CouplingError(`bad host index ${String(request.host)}`);
      } catch (error) {
        log(`refused a malformed claim: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      claim(request, (r) => void msg.respond(JSON.stringify(r)));
    },
  });
}

/** Runs one claimed host; returns what stops it. */
function startSession<C, E>(
  nc: NatsConnection,
  request: ClaimRequest,
  options: NatsWorkerOptions<C, E>,
  log: (line: string) => void,
  transports: Set<NatsTransport>,
  forget: () => void,
): () => void {
  const transport = new NatsTransport(natsBus(nc), { ...options.transport, runId: request.run, ownsConnection: false }, nc);
  transports.add(transport);
  const names = hostChannels(request.host);
  const commands = transport.channel<WorkerEnvelope<C>>(names.commands);
  const events = transport.channel<E>(names.events);
  let stopped = false;
  let subscription: { unsubscribe(): void } | undefined;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    forget();
    subscription?.unsubscribe();
    session.close();
    events.close();
    // Let the last events be acknowledged before the transport goes.
    const started = performance.now();
    const wait = setInterval(() => {
      if (events.settled || performance.now() - started > 5000) {
        clearInterval(wait);
        transports.delete(transport);
        void transport.close();
      }
    }, 20);
  };
  transport.errors.subscribe((error) => log(`run ${request.run}, host ${request.host}: ${error.message}`));
  const session = options.host(
    transport,
    (event) => {
      if (!stopped) events.send(event);
    },
    () => {
      log(`run ${request.run}: host ${request.host} ended`);
      stop();
    },
  );
  subscription = commands.messages.subscribe({
    next: ({ command, links }) => {
      try {
        if (links !== undefined) transport.route(links);
        session.handle(command);
      } catch (error) {
        log(`run ${request.run}, host ${request.host}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    error: (error: unknown) => {
      log(`run ${request.run}, host ${request.host}: lost the coordinator (${error instanceof Error ? error.message : String(error)})`);
      stop();
    },
  });
  return stop;
}
