import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CouplingError } from "@plexus/core";

/** Worker processes running, killed when this process exits so that none outlives it. */
const children = new Set<ChildProcess>();
let exitHook = false;

/** A `plexus worker` process Plexus started on this machine (the embedded default). */
export interface WorkerProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Calls `listener` with a sentence when the process ends before {@link stop} (at once if it has); returns what removes it. */
  onExit(listener: (why: string) => void): () => void;
  /** Kills it with a signal (tests: `SIGKILL`, as a crash). */
  kill(signal: NodeJS.Signals): void;
  /** Asks it to stop (`SIGTERM`, `SIGKILL` after 2 s) and waits until it has. */
  stop(): Promise<void>;
  /** Its standard error so far (the last 4000 characters), for messages. */
  readonly log: string;
}

/**
 * Starts a worker process serving `url` under `name`: `node workerMain.js --nats URL --name NAME`
 * (from the TypeScript sources, through tsx with the `@plexus/source` condition).
 */
export function spawnWorkerProcess(url: string, name: string): WorkerProcess {
  const file = fileURLToPath(new URL(`./workerMain.${fromSources() ? "ts" : "js"}`, import.meta.url));
  const loader = file.endsWith(".ts") ? ["--import", tsxLoader(), "--conditions=@plexus/source"] : [];
  const child: ChildProcess = spawn(process.execPath, [...loader, file, "--nats", url, "--name", name], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-4000);
  });
  let stopping = false;
  let exited: string | null = null;
  const listeners: ((why: string) => void)[] = [];
  const done = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = signal !== null ? `killed by ${signal}` : `exited with code ${code}`;
      if (!stopping)
        for (const l of listeners.splice(0)) l(`the worker process '${name}' (pid ${child.pid}) ${exited}${log.trim() === "" ? "" : `: ${lastLine(log)}`}`);
      resolve();
    });
    child.once("error", (error) => {
      exited = error.message;
      if (!stopping) for (const l of listeners.splice(0)) l(`the worker process '${name}' could not start: ${error.message}`);
      resolve();
    });
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const c of children) c.kill("SIGKILL");
    });
  }
  return {
    name,
    pid: child.pid,
    get running() {
      return exited === null;
    },
    get log() {
      return log;
    },
    onExit(listener) {
      if (exited !== null) {
        listener(`the worker process '${name}' ${exited}`);
        return () => undefined;
      }
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    kill(signal) {
      child.kill(signal);
    },
    async stop() {
      stopping = true;
      if (exited !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      child.kill("SIGTERM");
      await done;
      clearTimeout(timer);
    },
  };
}

function fromSources(): boolean {
  return import.meta.url.endsWith(".ts");
}

function tsxLoader(): string {
  try {
    return import.meta.resolve("tsx");
  } catch {
    try {
      return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    } catch (cause) {
      throw new CouplingError("a worker process from the TypeScript sources needs tsx (npm install); or build the packages and run from dist", {
        label: "nats",
        cause,
      });
    }
  }
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}
