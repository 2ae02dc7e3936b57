import { CouplingError, SnapshotError } from "@plexus/core";
import type { UnitShape } from "../internal/runtime/shapes.js";
import { UnitActor } from "../internal/runtime/UnitActor.js";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { Transport } from "../Transport.js";
import { Window } from "../Window.js";
import { HOST_PROTOCOL_VERSION, type HostCommand, type HostEvent } from "./protocol.js";
import { specEngine } from "./specEngine.js";
import { pipelinedWindowSteps, UnitHost } from "./UnitHost.js";

/** Where a {@link hostSession} runs: what differs between a worker thread and a NATS worker process. */
export interface HostSite {
  /** Names the host in messages (`workerHost`, `NATS worker`). */
  readonly name: string;
  readonly emit: (event: HostEvent) => void;
  /** The host's memory in bytes, for the `done` event's peak. */
  readonly memory: () => number;
  /** CPU seconds the host has used so far (its process, or its thread; NaN where not measured), for the `done` event's CPU of the run. */
  readonly cpu: () => number;
  /** Called once a `close` command has closed the units and emitted `closed`. */
  readonly closed: () => void;
}

/** One host's answers to the protocol's commands; a failing command becomes a `failed` event. */
export interface HostSession {
  /** Answers `command`; `transport` gives the edges' transport when the command is a `load`. */
  handle(command: HostCommand, transport: () => Transport): void;
  /** Closes the units now (the session ends without a `close` command). */
  close(): void;
}

/** The protocol's commands on a {@link UnitHost}, the same wherever the host runs. */
export function hostSession(site: HostSite): HostSession {
  let host: UnitHost | undefined;
  const loaded = (what: string): UnitHost => {
    if (host === undefined) throw new CouplingError(`${site.name}: ${what} before load`);
    return host;
  };
  const handle = (command: HostCommand, transport: () => Transport): void => {
    switch (command.type) {
      case "load": {
        if (command.version !== HOST_PROTOCOL_VERSION)
          throw new CouplingError(`${site.name}: host protocol version ${command.version}, this host speaks ${HOST_PROTOCOL_VERSION}`);
        const start = performance.now();
        host = new UnitHost(transport(), site.emit, command.params, undefined, site.memory, site.cpu);
        const windowSteps = pipelinedWindowSteps(command.units, command.params.maxWindowSteps);
        host.load(
          command.units.map((spec) => ({ spec, engine: warmedUp(specEngine(spec), spec.shape, windowSteps) })),
          command.from,
        );
        site.emit({ type: "loaded", units: command.units.map((u) => u.id), buildSeconds: (performance.now() - start) / 1000 });
        return;
      }
      case "run":
        loaded("run").run(command.until);
        return;
      case "close":
        host?.close();
        host = undefined;
        site.emit({ type: "closed" });
        site.closed();
        return;
      case "snapshot":
        site.emit({ type: "snapshot", snapshot: loaded("snapshot").snapshot() });
        return;
      case "input":
        loaded("input").input(command.unit, command.slot, command.windows);
        return;
    }
  };
  return {
    handle(command, transport) {
      try {
        handle(command, transport);
      } catch (error) {
        site.emit({
          type: "failed",
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof SnapshotError ? { snapshot: true } : {}),
        });
      }
    },
    close() {
      host?.close();
      host = undefined;
    },
  };
}

/** Most steps a freshly built engine runs at load before it is reset (see {@link warmedUp}). */
const WARM_UP_STEPS = 6000;
/** Steps of warm-up between resets of the engine (its probes hold at most about that many rows). */
const WARM_UP_RESET_STEPS = 500;
/** Most steps of a warm-up window (a run's windows may be longer; the code they run is the same). */
const WARM_UP_WINDOW_STEPS = 16;
/** Most milliseconds a host spends on one engine's warm-up (a large unit runs fewer steps). */
const WARM_UP_MS = 800;

/**
 * `engine`, run for a while on zero inputs and then reset to step 0 (the same bits as never run):
 * a host is a fresh thread or process, whose first steps of a new network run several times slower
 * than the later ones (V8 compiles the step's code, and its WebAssembly tiers up, as it runs: for a
 * 5000-neuron 32-D unit, ~400 µs of process CPU a step over the first 100 steps against ~70 µs
 * later, measured per 100-step chunk in a fresh process; ~35 ms in all). It runs through a
 * {@link UnitActor} of the unit's shape in windows of the run's length (`runWindowSteps`, at most
 * 16), the run's own code path, long enough for V8 to compile that path too (no window that would
 * end past WARM_UP_MS at the pace so far: a slow unit runs one step): the actor's window loop with the
 * engine's step inlined is 12-28 ms of compiler time per worker, and is marked hot only after a few
 * thousand steps (with 1000 steps of warm-up it was still compiled during the run). Run at load,
 * that cost falls in the build (~450 ms for the 5000-neuron unit, bounded by WARM_UP_MS), before
 * the units run side by side on the machine's cores: the bench's delay-10 pair on two workers went
 * from 1.51x to 1.70x the composed run (medians of 12 runs, alternating).
 */
export function warmedUp(engine: UnitEngine, shape: UnitShape, runWindowSteps: number): UnitEngine {
  const windowSteps = Math.max(1, Math.min(runWindowSteps, WARM_UP_WINDOW_STEPS));
  const actor = new UnitActor(shape, engine, WARM_UP_STEPS);
  const zeros = actor.buffers.map((b) => new Float64Array(windowSteps * b.dims));
  const t0 = performance.now();
  let sinceReset = 0;
  try {
    // the first window one step; then none that would end past WARM_UP_MS at the pace so far
    for (let w = 1; !actor.done; w = Math.min(windowSteps, WARM_UP_STEPS - actor.t)) {
      const spent = performance.now() - t0;
      if (actor.t > 0 && spent + (spent / actor.t) * w > WARM_UP_MS) break;
      // one window per slot, as its edges deliver them (the buffers' every path runs)
      for (const [k, b] of actor.buffers.entries()) b.push(new Window(actor.t + 1, w, b.dims, w === windowSteps ? zeros[k] : undefined));
      actor.run(w);
      // (back to step 0 now and then: the probes record at most that many rows)
      sinceReset += w;
      if (sinceReset >= WARM_UP_RESET_STEPS) {
        engine.reset();
        sinceReset = 0;
      }
    }
  } catch {
    // a step that fails on zero inputs is the run's business: it fails there again, reported with its step
  }
  engine.reset();
  return engine;
}
