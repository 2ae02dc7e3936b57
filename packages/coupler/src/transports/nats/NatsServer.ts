import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createConnection, createServer } from "node:net";
import { delimiter, join } from "node:path";
import { CouplingError } from "@plexus/core";

/** Options of {@link startNatsServer}. */
export interface NatsServerOptions {
  /** The `nats-server` executable (default: `nats-server` on the PATH, else `/usr/sbin/nats-server`). */
  readonly binary?: string;
  /** Loopback port to listen on (default: a free one). */
  readonly port?: number;
  /** Most milliseconds to wait for the server to accept connections (default 10000). */
  readonly startTimeoutMs?: number;
}

/** Where a missing binary is looked for besides the PATH (Debian installs it in /usr/sbin). */
const FALLBACK_DIRS = ["/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/bin"];

/** Every server started by this process, killed when the process exits so no broker outlives it. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * The path of the `nats-server` executable.
 * @throws CouplingError naming the Debian package `nats-server` when there is none
 */
export function findNatsServer(binary?: string): string {
  const isExecutable = (path: string): boolean => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (binary !== undefined) {
    if (isExecutable(binary)) return binary;
    throw new CouplingError(
      `nats-server: '${binary}' is not an executable file; give the path of nats-server, or install the Debian package \`nats-server\` (apt-get install nats-server)`,
      { label: "nats-server" },
    );
  }
  const dirs = [...(process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== ""), ...FALLBACK_DIRS];
  for (const dir of dirs) {
    const path = join(dir, "nats-server");
    if (isExecutable(path)) return path;
  }
  throw new CouplingError(
    "nats-server was not found (looked on the PATH and in /usr/sbin): install the Debian package `nats-server` (apt-get install nats-server), or give the path of the binary, or connect to a running broker by its URL",
    { label: "nats-server" },
  );
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free when this returns). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A `nats-server` child process listening on a loopback port: what Plexus starts when a run asks
 * for NATS without a URL, and what the tests use. {@link stop} ends it; {@link restart} starts it
 * again on the same port (clients reconnect); it is killed when this process exits in any case.
 */
export class NatsServer {
  private child: ChildProcess | null;

  /** @internal use {@link startNatsServer} */
  constructor(
    /** The executable run. */
    readonly binary: string,
    /** The loopback port it listens on. */
    readonly port: number,
    child: ChildProcess,
    private readonly startTimeoutMs: number,
  ) {
    this.child = child;
  }

  /** The URL clients connect to (`nats://127.0.0.1:<port>`). */
  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Whether the process is running. */
  get running(): boolean {
    return this.child !== null;
  }

  /** The server's process id (undefined once stopped). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Ends the server: `SIGTERM` (a clean shutdown), `SIGKILL` after `graceMs`; `signal: "SIGKILL"`
   * kills it at once, as a crash would. Resolves when the process has exited.
   */
  async stop(options: { readonly signal?: "SIGTERM" | "SIGKILL"; readonly graceMs?: number } = {}): Promise<void> {
    const child = this.child;
    if (child === null) return;
    this.child = null;
    await stopChild(child, options.signal ?? "SIGTERM", options.graceMs ?? 2000);
  }

  /** Stops the server (as {@link stop}) and starts a new one on the same port. */
  async restart(options: { readonly signal?: "SIGTERM" | "SIGKILL"; readonly downMs?: number } = {}): Promise<void> {
    await this.stop(options.signal === undefined ? {} : { signal: options.signal });
    if (options.downMs !== undefined && options.downMs > 0) await new Promise((r) => setTimeout(r, options.downMs));
    this.child = await launch(this.binary, this.port, this.startTimeoutMs);
  }
}

/**
 * Starts `nats-server` as a child process on a loopback port (a free one unless given) and
 * resolves once it accepts connections.
 * @throws CouplingError when the binary is missing (naming the Debian package `nats-server`), or the
 * server exits or does not listen within `startTimeoutMs`
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const binary = findNatsServer(options.binary);
  const timeout = options.startTimeoutMs ?? 10_000;
  if (options.port !== undefined) {
    if (!(Number.isSafeInteger(options.port) && options.port >= 1 && options.port <= 65535)) {
      throw new CouplingError(`startNatsServer: port must be an integer in 1..65535 (got ${options.port})`, { label: "nats-server" });
    }
    return new NatsServer(binary, options.port, await launch(binary, options.port, timeout), timeout);
  }
  // The free port may be taken between asking and listening: try a few.
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeLoopbackPort();
    try {
      return new NatsServer(binary, port, await launch(binary, port, timeout), timeout);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

async function launch(binary: string, port: number, timeoutMs: number): Promise<ChildProcess> {
  installExitHook();
  const child = spawn(binary, ["-a", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  running.add(child);
  let log = "";
  let ready = false;
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-2000);
    // Ready is this process saying so (another server on the port would accept connections too).
    if (log.includes("Server is ready")) ready = true;
  });
  let exited: string | null = null;
  let spawnError: Error | null = null;
  child.once("error", (e) => (spawnError = e));
  child.once("exit", (code, signal) => {
    running.delete(child);
    exited = signal ?? `exit code ${code}`;
  });
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (spawnError !== null || exited !== null) {
      const why = spawnError !== null ? (spawnError as Error).message : `it ended (${exited})`;
      throw new CouplingError(`nats-server on 127.0.0.1:${port} did not start: ${why}${log === "" ? "" : `; its log:\n${log.trim()}`}`, {
        label: "nats-server",
      });
    }
    if (ready && (await accepts(port))) break;
    if (performance.now() > deadline) {
      await stopChild(child, "SIGKILL", 0);
      throw new CouplingError(`nats-server on 127.0.0.1:${port} did not accept connections within ${timeoutMs} ms (startTimeoutMs)`, { label: "nats-server" });
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.stderr?.removeAllListeners("data");
  child.stderr?.resume();
  return child;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function stopChild(child: ChildProcess, signal: "SIGTERM" | "SIGKILL", graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      resolve();
      return;
    }
    const timer = signal === "SIGTERM" ? setTimeout(() => child.kill("SIGKILL"), graceMs) : undefined;
    child.once("exit", () => {
      if (timer !== undefined) clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}
