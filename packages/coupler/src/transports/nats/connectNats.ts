import type { NatsConnection } from "@nats-io/transport-node";
import { CouplingError } from "@plexus/core";

/** How a Plexus process connects to a NATS broker. */
export interface NatsConnectOptions {
  /** The broker's URL(s), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | readonly string[];
  /** Name shown by the broker's monitoring (default `plexus`). */
  readonly name?: string;
  /** Milliseconds between reconnect attempts after the broker is lost (default 250). */
  readonly reconnectTimeWaitMs?: number;
  /** Milliseconds to wait for the first connection (default 10000). */
  readonly connectTimeoutMs?: number;
}

/**
 * Connects to a NATS broker with reconnection enabled (never giving up on its own: Plexus's own
 * timeouts decide when a lost broker is an error). The client library is imported here, on first
 * use, so that in-process users of the coupler never load it.
 * @throws CouplingError when the broker cannot be reached within `connectTimeoutMs`
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsConnection> {
  const servers = typeof options.servers === "string" ? [options.servers] : [...options.servers];
  if (servers.length === 0) throw new CouplingError("NATS: give at least one server URL (e.g. nats://127.0.0.1:4222)", { label: "nats" });
  const { connect } = await import("@nats-io/transport-node");
  const timeout = options.connectTimeoutMs ?? 10_000;
  try {
    return await connect({
      servers,
      name: options.name ?? "plexus",
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectTimeWaitMs ?? 250,
      reconnectJitter: 50,
      timeout,
      pingInterval: 5000,
      maxPingOut: 3,
    });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new CouplingError(
      `NATS: could not connect to ${servers.join(", ")} within ${timeout} ms (${why}); start nats-server there, or run without a URL to let Plexus start one`,
      {
        label: "nats",
        cause,
      },
    );
  }
}
