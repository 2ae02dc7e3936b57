import type { NatsConnection } from "@nats-io/transport-node";
import { CouplingError } from "@plexus/core";
import { type Observable, Subject } from "rxjs";
import type { Transport } from "../../Transport.js";
import type { Bus } from "./Bus.js";
import { connectNats, type NatsConnectOptions } from "./connectNats.js";
import { NatsChannel } from "./NatsChannel.js";
import { NatsLink, type NatsLinkSettings } from "./NatsLink.js";
import { checkRunId, edgeSubjects, newRunId } from "./subjects.js";

/** Options of a {@link NatsTransport}. */
export interface NatsTransportOptions {
  /** The run's id, one subject token (default a fresh random one): concurrent runs on one broker never mix. */
  readonly runId?: string;
  /**
   * Every edge name of the run, in an order all processes agree on: edge `n` of this list uses the
   * subjects `plexus.<runId>.edge.<n>.<k>` (k counts the times this transport opened it). Without it
   * `n` is a 32-bit hash of the edge name (the same in every process).
   */
  readonly edges?: readonly string[];
  /** Most windows of one edge on the wire that the receiver has not consumed (default 16). */
  readonly capacity?: number;
  /** When the receiver frees credit: as a window is delivered (default), or when told it was consumed. */
  readonly ackOn?: "delivery" | "consumption";
  /** Resend unacknowledged windows after this many milliseconds without an acknowledgement (default 500). */
  readonly retransmitMs?: number;
  /** A link with something to deliver and no progress for this many milliseconds fails (default 30000). */
  readonly timeoutMs?: number;
  /** The broker unreachable for this many milliseconds fails every link (default 30000). */
  readonly brokerTimeoutMs?: number;
  /** Whether {@link NatsTransport.close} closes the connection given to the constructor (default true). */
  readonly ownsConnection?: boolean;
}

/** What the transport keeps in step: its links and channels. */
interface Stream {
  reconnected(): void;
  tick(now: number): void;
  fail(error: CouplingError): void;
  dispose(): void;
}

/** A channel name: dot-separated tokens of letters, digits, `_` and `-`. */
const CHANNEL = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/**
 * Windows carried through a NATS broker: each edge direction on its own subject
 * (`plexus.<runId>.edge.<n>.<k>`), each message a {@link Window.toBytes} unchanged, acknowledged on
 * `<subject>.ack`. At most `capacity` windows per edge are on the wire unconsumed; a window lost
 * while the broker restarts is sent again and a repeated one dropped by its stamp, so every step
 * arrives exactly once; a gap not filled, a silent receiver or a lost broker ends the run with a
 * CouplingError after the stated timeout.
 */
export class NatsTransport implements Transport {
  readonly name = "nats";
  /**
   * The NATS client queues what is published and writes it in a microtask: with windows computed
   * back to back in one task, each would wait for the last (measured on the bench's delay-10 pair
   * on two worker processes: 0.82x the composed run with windows back to back, 1.07x with each in
   * a microtask of its own; medians of 6 alternating rounds).
   */
  readonly sendsInMicrotask = true;
  readonly runId: string;
  private readonly settings: NatsLinkSettings;
  private readonly links: NatsLink[] = [];
  private readonly streams: Stream[] = [];
  private readonly opened = new Map<string, number>();
  private readonly routes = new Map<string, string>();
  private readonly failures = new Subject<CouplingError>();
  private readonly reported = new Set<CouplingError>();
  private readonly ticker: ReturnType<typeof setInterval>;
  private lostSince: number | null = null;
  private reconnects = 0;
  private stopWatching: () => void = () => undefined;
  private closed = false;

  /**
   * Connects to the broker (the client library is loaded now, not before) and makes a transport
   * that closes the connection in {@link close}.
   * @throws CouplingError when the broker cannot be reached
   */
  static async connect(options: NatsConnectOptions & NatsTransportOptions): Promise<NatsTransport> {
    const nc = await connectNats(options);
    return new NatsTransport(natsBus(nc), options, nc);
  }

  /**
   * @param bus what publishes and subscribes (a NATS connection through {@link connect}, or a test bus)
   * @param connection the connection to watch (disconnects, reconnects) and close, when there is one
   */
  constructor(
    private readonly bus: Bus & { readonly maxPayload?: number },
    options: NatsTransportOptions = {},
    private readonly connection?: NatsConnection,
  ) {
    this.runId = checkRunId(options.runId ?? newRunId());
    const positive = (name: string, v: number | undefined, dflt: number): number => {
      const x = v ?? dflt;
      if (!(Number.isSafeInteger(x) && x >= 1)) throw new CouplingError(`NatsTransport.${name}: must be an integer >= 1 (got ${x})`, { label: "nats" });
      return x;
    };
    const ackOn = options.ackOn ?? "delivery";
    if (ackOn !== "delivery" && ackOn !== "consumption")
      throw new CouplingError(`NatsTransport.ackOn: must be "delivery" or "consumption" (got ${String(ackOn)})`, { label: "nats" });
    this.settings = {
      capacity: positive("capacity", options.capacity, 16),
      ackOn,
      retransmitMs: positive("retransmitMs", options.retransmitMs, 500),
      timeoutMs: positive("timeoutMs", options.timeoutMs, 30_000),
      maxPayload: connection?.info?.max_payload ?? bus.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    };
    this.brokerTimeoutMs = positive("brokerTimeoutMs", options.brokerTimeoutMs, 30_000);
    this.edges = options.edges;
    this.ownsConnection = options.ownsConnection ?? true;
    const period = Math.max(10, Math.min(100, Math.floor(this.settings.retransmitMs / 4)));
    this.ticker = setInterval(() => this.tick(performance.now()), period);
    this.ticker.unref();
    if (connection !== undefined) void this.watch(connection);
  }

  private readonly brokerTimeoutMs: number;
  private readonly edges: readonly string[] | undefined;
  private readonly ownsConnection: boolean;

  /**
   * What recovery did so far, over every link: windows resent, windows received and dropped as
   * duplicates (by stamp) or because they came after a gap, and reconnections to the broker.
   */
  get recovery(): { readonly resent: number; readonly duplicates: number; readonly outOfOrder: number; readonly reconnects: number } {
    let resent = 0;
    let duplicates = 0;
    let outOfOrder = 0;
    for (const link of this.links) {
      const r = link.recovery;
      resent += r.resent;
      duplicates += r.duplicates;
      outOfOrder += r.outOfOrder;
    }
    return { resent, duplicates, outOfOrder, reconnects: this.reconnects };
  }

  /** Each failure of a link or of the broker, once (a worker reports them to its coordinator). */
  get errors(): Observable<CouplingError> {
    return this.failures.asObservable();
  }

  /**
   * Gives links their subjects by name (what a coordinator hands its hosts): `open(name)` then uses
   * `subject` and `subject.ack`.
   * @throws CouplingError when a subject is not dot-separated tokens of letters, digits, `_` and `-`
   */
  route(links: Iterable<readonly [string, string]>): void {
    for (const [name, subject] of links) {
      if (!CHANNEL.test(subject)) throw new CouplingError(`NatsTransport.route: ${JSON.stringify(subject)} is not a subject for ${name}`, { label: name });
      this.routes.set(name, subject);
    }
  }

  /** @throws CouplingError when the edge is not in `edges`, or the transport is closed */
  open(edge: string): NatsLink {
    if (this.closed) throw new CouplingError(`NatsTransport: closed; cannot open ${edge}`, { label: edge });
    const routed = this.routes.get(edge);
    if (routed !== undefined) {
      const link = new NatsLink(this.bus, { data: routed, ack: `${routed}.ack` }, edge, this.settings, (error) => this.report(error));
      this.links.push(link);
      this.streams.push(link);
      return link;
    }
    let n: number;
    if (this.edges !== undefined) {
      n = this.edges.indexOf(edge);
      if (n < 0) throw new CouplingError(`NatsTransport: the edge ${edge} is not among the run's edges`, { label: edge });
    } else n = fnv1a(edge);
    const k = this.opened.get(edge) ?? 0;
    this.opened.set(edge, k + 1);
    const base = edgeSubjects(this.runId, n);
    const subjects = { data: `${base.data}.${k}`, ack: `${base.data}.${k}.ack` };
    const link = new NatsLink(this.bus, subjects, edge, this.settings, (error) => this.report(error));
    this.links.push(link);
    this.streams.push(link);
    return link;
  }

  /**
   * Opens a reliable message channel of this run on the subject `plexus.<runId>.<name>` (one
   * process sends, another receives; see {@link NatsChannel}).
   * @throws CouplingError when the name is not dot-separated tokens of letters, digits, `_` and `-`
   */
  channel<T>(name: string): NatsChannel<T> {
    if (this.closed) throw new CouplingError(`NatsTransport: closed; cannot open the channel ${name}`, { label: "nats" });
    if (!CHANNEL.test(name) || name.startsWith("edge."))
      throw new CouplingError(
        `NatsTransport.channel: ${JSON.stringify(name)} is not a channel name (tokens of letters, digits, '_' or '-', not starting with 'edge')`,
        { label: "nats" },
      );
    const data = `plexus.${this.runId}.${name}`;
    const channel = new NatsChannel<T>(this.bus, { data, ack: `${data}.ack` }, name, this.settings, this.settings.maxPayload, (error) => this.report(error));
    this.streams.push(channel);
    return channel;
  }

  /** Stops every link and, when this transport made the connection, drains and closes it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    this.stopWatching();
    for (const stream of this.streams) stream.dispose();
    this.failures.complete();
    if (this.ownsConnection && this.connection !== undefined && !this.connection.isClosed()) {
      try {
        await this.connection.drain();
      } catch {
        await this.connection.close();
      }
    }
  }

  private tick(now: number): void {
    if (this.lostSince !== null && now - this.lostSince > this.brokerTimeoutMs) {
      const server = this.connection?.getServer() ?? "the broker";
      const error = new CouplingError(
        `NATS: the broker ${server} has been unreachable for ${this.brokerTimeoutMs} ms (brokerTimeoutMs); windows sent since are lost`,
        { label: "nats" },
      );
      this.lostSince = null;
      this.report(error);
      for (const stream of this.streams) stream.fail(error);
      return;
    }
    for (const stream of this.streams) stream.tick(now);
  }

  private report(error: CouplingError): void {
    if (this.reported.has(error) || this.closed) return;
    this.reported.add(error);
    this.failures.next(error);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    const statuses = nc.status();
    // The iterator is a QueuedIterator (stop() ends it and drops the listener), typed only as AsyncIterable.
    this.stopWatching = () => (statuses as { stop?: () => void }).stop?.();
    for await (const status of statuses) {
      if (this.closed) return;
      if (status.type === "disconnect") this.lostSince ??= performance.now();
      else if (status.type === "reconnect") {
        this.lostSince = null;
        this.reconnects++;
        for (const stream of this.streams) stream.reconnected();
      }
    }
  }
}

/** A {@link Bus} over a NATS connection. */
export function natsBus(nc: NatsConnection): Bus & { readonly maxPayload: number } {
  return {
    maxPayload: nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD,
    // A closed connection takes nothing: what was not delivered is the timeouts' to report.
    publish: (subject, data) => {
      if (!nc.isClosed()) nc.publish(subject, data);
    },
    subscribe: (subject, onMessage) => {
      if (nc.isClosed()) return { unsubscribe: () => undefined };
      const sub = nc.subscribe(subject, { callback: (err, msg) => (err === null ? onMessage(msg.data) : undefined) });
      return { unsubscribe: () => (nc.isClosed() ? undefined : sub.unsubscribe()) };
    },
  };
}

/** FNV-1a, 32 bits, of the UTF-16 code units: the same number in every process. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
