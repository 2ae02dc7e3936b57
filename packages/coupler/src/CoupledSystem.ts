import {
  CouplingError,
  deriveSeed,
  type FrozenInPort,
  type FrozenOutPort,
  type InPort,
  type NumericLike,
  type OutPort,
  type Probe,
  type SameSize,
  type SynapseLike,
  toShaped,
  toSynapse,
} from "@plexus/core";
import { kindOf, roundHalfEven } from "@plexus/core/runtime";
import { catchError, concat, defer, isObservable, lastValueFrom, type Observable, of, type SchedulerLike, tap, throwError } from "rxjs";
import type { Composition } from "./Composition.js";
import { type CoupledProbe, CouplingResult } from "./CouplingResult.js";
import { InProcessTransport } from "./InProcessTransport.js";
import { composeNetwork } from "./internal/composeNetwork.js";
import {
  type EdgeSpec,
  edgeName,
  type InEnd,
  type InputSpec,
  type OutEnd,
  type ProbeSpec,
  portName,
  type RatePolicy,
  type SubsystemEntry,
  type SystemModel,
  sourcesByPort,
  unitDt,
} from "./internal/model.js";
import { placedOptions } from "./internal/placedOptions.js";
import { planUnits } from "./internal/runtime/planUnits.js";
import { runSystem } from "./internal/runtime/runSystem.js";
import { simulatorEngine } from "./internal/runtime/simulatorEngine.js";
import type { EnginePool, UnitEngine } from "./internal/runtime/UnitEngine.js";
import { resumeRecords, type SnapshotHooks, snapshotSink, unwrapInterrupted } from "./internal/snapshot/resume.js";
import { zeroDelayCycle } from "./internal/zeroDelayCycle.js";
import type { OutputWindow } from "./OutputWindow.js";
import type { RunStats } from "./RunStats.js";
import type { HostConnector } from "./remote/HostConnector.js";
import type { Placement } from "./remote/placement.js";
import { runPlaced } from "./remote/runPlaced.js";
import { workerThreads } from "./remote/workerThreads.js";
import { type Subsystem, type SubsystemOf, type SubsystemSource, toSubsystem } from "./Subsystem.js";
import type { SubsystemInPort } from "./SubsystemInPort.js";
import type { SubsystemOutPort } from "./SubsystemOutPort.js";
import { defaultScheduler, type Transport } from "./Transport.js";
import { Window } from "./Window.js";

export type { RatePolicy } from "./internal/model.js";

/**
 * An output port of a subsystem in the system: its handle, its network's port (when one subsystem
 * has that network), or its trained subnetwork's port (`trained.out.y`, when one subsystem runs it).
 */
export type OutPortRef<D extends number = number> = SubsystemOutPort<D> | OutPort<D> | FrozenOutPort<D>;
/**
 * An input port of a subsystem in the system: its handle, its network's port (when one subsystem
 * has that network), or its trained subnetwork's port (`trained.in.u`, when one subsystem runs it).
 */
export type InPortRef<D extends number = number> = SubsystemInPort<D> | InPort<D> | FrozenInPort<D>;

/** A `rows × cols` matrix (rows: the input port's size; cols: the output port's). */
export type TransformMatrix = ArrayLike<ArrayLike<number>>;

export interface WireOptions {
  /** Delay in base time steps added by the wire (an integer >= 0, default 0). */
  readonly delaySteps?: number;
  /** Scalar, vector (elementwise) or `in × out` matrix applied to what crosses (default 1). */
  readonly transform?: number | ArrayLike<number> | TransformMatrix;
  /**
   * How the signal crosses between different time steps (default "hold"): "hold" samples the
   * source's latest value at the receiver's step; "average" takes the mean over the receiver's
   * step interval of the base-step signal (the source held between its steps).
   */
  readonly rate?: RatePolicy;
  /** Add this source to the input port's other sources (every source of a port with several must say so; default false). */
  readonly sum?: boolean;
}

/** What drives an input port from outside: per base step, row k-1 of an array, `fn(t)`, or the values an observable emits. */
export type InputSource = Float64Array | ((t: number) => number | ArrayLike<number>) | Observable<number | ArrayLike<number> | Window>;

export interface InputOptions {
  /** Add this source to the input port's other sources (default false). */
  readonly sum?: boolean;
}

export interface SystemProbeOptions {
  /** Filter on the recorded signal, as a Nengo probe's (default null: none). */
  readonly synapse?: SynapseLike;
  /** The probe's name in results (default `key.out.port`). */
  readonly label?: string;
}

/** How long to run: base steps, or seconds (`round(seconds / dt)` base steps). */
export type RunLength = { readonly steps: number } | { readonly seconds: number };

export interface RunOptions {
  /**
   * Where the units' windows run (default `queueScheduler`: synchronously, trampolined; for a
   * transport whose windows leave in a microtask, such as NATS, `asapScheduler`: see
   * {@link Transport.sendsInMicrotask}).
   */
  readonly scheduler?: SchedulerLike;
  /**
   * Scheduler time (ms, or frames on a TestScheduler) before a unit's `run`-th window (counting
   * from 0), to vary the interleaving; results never depend on it (default none).
   */
  readonly unitDelay?: (unit: string, run: number) => number;
  /** What carries windows between units (default an {@link InProcessTransport}). */
  readonly transport?: Transport;
  /** Most steps of a unit in one window (default 1024). */
  readonly maxWindowSteps?: number;
  /** Base steps a sender may run ahead of its receiver beyond the wire's delay (default 1024). */
  readonly bufferSteps?: number;
  /** Base steps an observable input may run ahead of its subsystem before that is an error (default: the run's length). */
  readonly inputBufferSteps?: number;
  /**
   * Real-time ms the run waits, with every subsystem stopped for want of it, on observable inputs
   * that send nothing, before it ends with a CouplingError naming them (default 30000; `Infinity`
   * waits forever). Subsystems placed off "main" are bounded by `hostTimeoutMs` instead.
   */
  readonly inputTimeoutMs?: number;
  /**
   * Where each subsystem runs, by key (default: all `"main"`, in this thread): `"worker"` on a
   * worker thread of its own, `"worker:NAME"` on the worker thread NAME (shared by every subsystem
   * placed there). Results are the same bits whatever the placement; a subsystem with code (a JS
   * function in a node or input) stays on `"main"`. An observable input of a placed subsystem is
   * subscribed here and its windows forwarded to the subsystem's worker.
   */
  readonly placement?: Readonly<Record<string, Placement>>;
  /** A worker that sends nothing (heartbeat or data) for this long (ms) has failed: the run ends with a CouplingError (default 30000). */
  readonly hostTimeoutMs?: number;
  /** A worker that has not built its subsystems this long (ms) after it was started has failed (default 600000; building is not interrupted by heartbeats). */
  readonly loadTimeoutMs?: number;
  /** How often (ms) a worker sends a heartbeat (default 1000). */
  readonly heartbeatMs?: number;
  /** How the hosts of subsystems placed off "main" are reached (default: worker threads of this process). */
  readonly hosts?: HostConnector;
  /**
   * Snapshot every subsystem (and the windows in flight) every this many base steps, at a window
   * boundary (a multiple of every subsystem's dtMultiple; default none): with placement, a worker
   * that dies costs only the steps since the last snapshot; with `onSnapshot`, each snapshot is
   * handed over as bytes to resume from later (`run({ from })`). The last snapshot is taken at the
   * last multiple before the run's end.
   */
  readonly snapshotEvery?: number;
  /**
   * Receives each snapshot that `snapshotEvery` takes (with `run` or `stream`), as bytes, and the base
   * step it was taken at: every subsystem's simulator state, the windows in flight on every
   * wire, and the probe data recorded so far. Save them (e.g. to a file) and resume with
   * `run({ from: bytes })`, in this process or another, with any placement. The run waits for a
   * promise it returns; a throw or a rejection ends the run with a CouplingError.
   */
  readonly onSnapshot?: (snapshot: Uint8Array, step: number) => void | Promise<void>;
  /**
   * Continue from a snapshot that `onSnapshot` received (with `run` or `stream`), taken of this system
   * (the same subsystems, wires, inputs, probes, seed and dt) with any placement: the run starts
   * after the snapshot's step, its result holds the probe data from step 1, and it equals the
   * uninterrupted run bit for bit. `steps` counts from step 0 (at least the snapshot's step).
   * Array inputs keep their rows indexed from step 1; function inputs are called at the steps run;
   * observable inputs give the values from the step after the snapshot's on (windows start there).
   */
  readonly from?: Uint8Array;
  /**
   * Stops the run on request: once aborted, the run goes on to its next snapshot (a multiple of
   * `snapshotEvery`, which it needs), hands it to `onSnapshot` (when given) and ends with a
   * {@link RunInterruptedError} holding it (resume with `run({ from: error.snapshot })`); the probe
   * data up to that step stays in `lastResult`. Aborted after the last snapshot, the run ends as
   * usual. (Hosts run from snapshot to snapshot, agreed in advance: an earlier stop would need them
   * to agree on another boundary mid-way.)
   */
  readonly signal?: AbortSignal;
  /** With placement: how many times a dead or silent worker is replaced, every host restarting from the last snapshot (or step 0) (default 2). */
  readonly restarts?: number;
}

export interface CoupleOptions {
  /**
   * The base time step in seconds (default: the dt of the first trained subnetwork divided by its
   * dtMultiple, else 0.001). Each trained subnetwork must run at the dt it was trained at:
   * `dt × dtMultiple` equal to its dt.
   */
  readonly dt?: number;
  /** Seed of the system: the simulators' seed, and whence subsystems without a seed derive theirs (default 0). */
  readonly seed?: number;
}

/** The subsystems of a system, by key: those given, and those made of the trained subnetworks and networks given. */
export type SubsystemsOf<S> = { readonly [K in keyof S]: SubsystemOf<S[K]> };

/**
 * Subsystems coupled through their ports: wires (with delays, transforms and rate policies),
 * external inputs and probes, checked as they are added. Run it (`run`, `stream`) with one
 * simulator per subsystem exchanging windows of steps, or `compose` it into one network; both
 * compute the same values, bit for bit.
 */
export class CoupledSystem<S extends Readonly<Record<string, SubsystemSource>> = Readonly<Record<string, SubsystemSource>>> {
  /** The subsystem of each key (a trained subnetwork or network given directly is made into one). */
  readonly subsystems: SubsystemsOf<S>;
  /** Base time step (s). */
  readonly dt: number;
  readonly seed: number;
  /** The result of the latest run (complete, or up to the step that failed). */
  lastResult: CouplingResult | undefined = undefined;
  private readonly entries: SubsystemEntry[];
  private readonly edges: EdgeSpec[] = [];
  private readonly inputs: InputSpec[] = [];
  private readonly probes: ProbeSpec[] = [];
  private nextId = 0;
  /** Built engines kept between runs (reset, not rebuilt), while the wiring stays the same. */
  private readonly enginePool = new Map<string, UnitEngine[]>();
  private version = 0;

  /**
   * @throws CouplingError for a bad dt or seed, no subsystems, one Subsystem under two keys, a
   *   value that is no subsystem, or a trained subnetwork that the system would step at another
   *   dt than it was trained at
   */
  constructor(subsystems: S, options: CoupleOptions = {}) {
    if (typeof subsystems !== "object" || subsystems === null || Array.isArray(subsystems)) {
      throw new CouplingError(
        `couple: subsystems must be an object of named subsystems, e.g. couple({ ctrl, plant }) (got ${subsystems === null ? "null" : Array.isArray(subsystems) ? "an array" : typeof subsystems})`,
      );
    }
    if (typeof options !== "object" || options === null) {
      throw new CouplingError(`couple: options must be an object, e.g. { seed: 1 } (got ${options === null ? "null" : typeof options})`);
    }
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed)) throw new CouplingError(`couple: seed must be an integer (got ${seed})`);
    const keys = Object.keys(subsystems);
    if (keys.length === 0) throw new CouplingError("couple: give at least one subsystem, e.g. couple({ ctrl, plant })");
    const subs: Record<string, Subsystem> = {};
    const list: [string, Subsystem][] = [];
    for (const [key, given] of Object.entries(subsystems)) {
      const other = keys.find((k) => k !== key && subsystems[k] === given);
      if (other !== undefined && !isTrainedOrNetwork(given)) {
        throw new CouplingError(`couple: one Subsystem is given as '${keys.find((k) => subsystems[k] === given)}' and '${other}'; make one subsystem per key`, {
          label: key,
        });
      }
      if (key.includes("/") || key.includes("."))
        throw new CouplingError(`couple: the key '${key}' may not contain '/' or '.' (it names the subsystem's parameters and ports)`, { label: key });
      try {
        const sub = toSubsystem(given);
        subs[key] = sub;
        list.push([key, sub]);
      } catch (cause) {
        if (cause instanceof CouplingError) throw new CouplingError(`couple: '${key}': ${cause.message}`, { label: key, cause });
        throw cause;
      }
    }
    const trainedDt = list.map(([, s]) => (s.dt === undefined ? undefined : s.dt / s.dtMultiple)).find((d) => d !== undefined);
    const dt = options.dt ?? trainedDt ?? 0.001;
    if (!(Number.isFinite(dt) && dt > 0)) throw new CouplingError(`couple: dt must be a finite number of seconds > 0 (got ${dt})`);
    for (const [key, sub] of list) {
      if (sub.dt === undefined || Math.abs(dt * sub.dtMultiple - sub.dt) <= 1e-9 * sub.dt) continue;
      throw new CouplingError(
        `couple: '${key}' (${sub.trained}) was trained at dt = ${sub.dt} s, but the system would step it at ${dt * sub.dtMultiple} s (base dt ${dt} × dtMultiple ${sub.dtMultiple}); its learned parameters hold at its own dt: choose dt and dtMultiple with dt × dtMultiple = ${sub.dt}, or leave couple's dt out`,
        { label: key },
      );
    }
    this.dt = dt;
    this.seed = seed;
    this.subsystems = Object.freeze(subs) as SubsystemsOf<S>;
    this.entries = list.map(([key, sub], index) => {
      return { key, index, sub, seed: sub.network.seed ?? sub.seed ?? deriveSeed(seed, "subsystem", key) };
    });
  }

  /**
   * Wires an output port to an input port. Sizes must agree (a compile error where both are
   * literal types, a CouplingError otherwise), unless a matrix transform maps one to the other.
   * @throws CouplingError for unknown ports, wrong sizes or transforms, a bad delay or policy, a
   *   port already driven (without `sum: true` on all its sources), or a loop whose total delay
   *   (wire delays plus the latencies inside the subsystems it passes) is 0, named as
   *   `ctrl.u -> plant.u -> plant.x -> ctrl.x`
   */
  wire<A extends number, B extends number>(
    from: OutPortRef<A>,
    to: InPortRef<B> & SameSize<A, B>,
    options?: WireOptions & { readonly transform?: number | ArrayLike<number> },
  ): this;
  wire(from: OutPortRef, to: InPortRef, options: WireOptions & { readonly transform: TransformMatrix }): this;
  wire(from: OutPortRef, to: InPortRef, options: WireOptions = {}): this {
    const src = this.resolveOut(from, "wire (from)");
    const dst = this.resolveIn(to, "wire (to)");
    const name = `${portName(src)} -> ${portName(dst)}`;
    const delay = options.delaySteps ?? 0;
    if (!(Number.isSafeInteger(delay) && delay >= 0)) {
      throw new CouplingError(`Wire ${name}: delaySteps must be an integer >= 0 (base steps; got ${delay})`, { label: name });
    }
    if (delay * src.port.dimensions > MAX_DELAY_VALUES) {
      throw new CouplingError(
        `Wire ${name}: delaySteps ${delay} needs a delay line of ${delay} × ${src.port.dimensions} values (${fmtBytes(delay * src.port.dimensions * 8)}), more than the ${fmtBytes(MAX_DELAY_VALUES * 8)} a wire may hold; give a shorter delay`,
        { label: name },
      );
    }
    const rate = options.rate ?? "hold";
    if (rate !== "hold" && rate !== "average") {
      throw new CouplingError(`Wire ${name}: rate must be "hold" or "average" (got ${String(rate)})`, { label: name });
    }
    const transform =
      options.transform === undefined ? undefined : checkTransform(name, options.transform as NumericLike, src.port.dimensions, dst.port.dimensions);
    if (transform === undefined && src.port.dimensions !== dst.port.dimensions) {
      throw new CouplingError(
        `Wire ${name}: the output has ${src.port.dimensions} dimensions but the input takes ${dst.port.dimensions}; wire ports of one size or give a ${dst.port.dimensions}×${src.port.dimensions} transform`,
        { label: name },
      );
    }
    const sum = options.sum ?? false;
    this.checkDriver(dst, sum, name);
    const edge: EdgeSpec = { kind: "edge", id: this.nextId++, from: src, to: dst, delaySteps: delay, transform, rate, sum };
    this.changed();
    this.edges.push(edge);
    try {
      const cycle = zeroDelayCycle(this.model());
      if (cycle !== null) {
        throw new CouplingError(
          `Wire ${name} closes the loop ${cycle.join(" -> ")} whose total delay is 0 steps (no wire delay, and direct feedthrough in every subsystem it passes); a loop needs a delay of at least 1: give one of its wires { delaySteps: 1 } or put a synapse on a path inside one of its subsystems`,
          { label: cycle.join(" -> ") },
        );
      }
      planUnits(this.model());
    } catch (error) {
      this.edges.pop();
      throw error;
    }
    return this;
  }

  /**
   * Drives an input port from outside the system: an array (`steps × dims`, row k-1 at base step
   * k), a function of t (s) called at the subsystem's steps, or an observable emitting the values
   * of successive base steps (a number or `dims` numbers per step, or contiguous windows of steps
   * from step 1). A subsystem stepping every m base steps takes, at its step k, the value of base
   * step k·m (hold).
   * @throws CouplingError for an unknown port, a wrong size, or a port already driven (without `sum: true`)
   */
  input<B extends number>(to: InPortRef<B>, source: InputSource, options: InputOptions = {}): this {
    const dst = this.resolveIn(to, "input");
    const name = `input ${portName(dst)}`;
    const dims = dst.port.dimensions;
    let values: InputSpec["values"];
    if (source instanceof Float64Array) {
      if (source.length % dims !== 0 || source.length === 0) {
        throw new CouplingError(
          `${name}: the array has ${source.length} values, not a positive multiple of the port's ${dims} dimensions; give steps × ${dims} values, row-major`,
          {
            label: portName(dst),
          },
        );
      }
      const bad = source.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        const step = Math.floor(bad / dims) + 1;
        throw new CouplingError(`${name}: base step ${step}, index ${bad % dims} is ${source[bad]}; input values must be finite`, {
          label: portName(dst),
          step,
          subsystem: dst.entry.key,
        });
      }
      values = { kind: "array", data: source };
    } else if (typeof source === "function") {
      values = { kind: "function", fn: source };
    } else if (isObservable(source)) {
      values = { kind: "observable", source };
    } else {
      throw new CouplingError(`${name}: give a Float64Array (steps × ${dims}), a function of t, or an Observable`, { label: portName(dst) });
    }
    const sum = options.sum ?? false;
    this.checkDriver(dst, sum, name);
    this.changed();
    this.inputs.push({ kind: "input", id: this.nextId++, to: dst, values, sum });
    return this;
  }

  /**
   * Records a port of a subsystem at that subsystem's steps, through `synapse` when given (as a
   * Nengo probe: the filter's update adds one step of delay).
   * @throws CouplingError for an unknown port, a bad synapse, or a name already taken
   */
  probe(target: OutPortRef | InPortRef, options: SystemProbeOptions = {}): this {
    this.checkPortRef(target, "probe", "port");
    const end =
      target.kind === "outPort" || target.kind === "subsystemOutPort" || target.kind === "trainedOutPort"
        ? this.resolveOut(target, "probe")
        : this.resolveIn(target, "probe");
    const name = options.label ?? portName(end);
    if (this.probes.some((p) => p.name === name)) {
      throw new CouplingError(`Probe '${name}': a probe of that name exists; give this one a label`, { label: name });
    }
    let synapse: ProbeSpec["synapse"];
    try {
      synapse = toSynapse(options.synapse ?? null, `Probe '${name}'.synapse`);
    } catch (cause) {
      throw new CouplingError(`Probe '${name}'.synapse: ${cause instanceof Error ? cause.message : String(cause)}`, { label: name, cause });
    }
    this.changed();
    this.probes.push({ id: this.nextId++, target: end, synapse, label: options.label, name });
    return this;
  }

  /**
   * Each subsystem's latency (in its own steps) for each of its (input, output) port pairs, by
   * key: what every loop's delay is checked against; see {@link Subsystem.latencies}.
   */
  get latencies(): { readonly [key: string]: Subsystem["latencies"] } {
    return Object.fromEntries(this.entries.map((e) => [e.key, e.sub.latencies]));
  }

  /**
   * Runs the system for `steps` base steps (or `round(seconds / dt)`), one simulator per unit,
   * and resolves with the probes' data. The result is also kept in `lastResult`, which after a
   * failure holds the data up to the step before it.
   * @throws CouplingError (rejects) for an undriven input port, short input data, or a subsystem
   *   that fails mid-run (naming it and the step)
   * @throws SnapshotError (rejects) for `from` bytes that are no coupled snapshot, truncated or
   *   corrupted, of another format version, or of another system (naming what differs), or when a
   *   subsystem's simulator refuses its state (its network, parameters or seed changed; naming it)
   * @throws RunInterruptedError (rejects) when `signal` was aborted: at the next snapshot, which it holds
   */
  async run(length: RunLength & RunOptions): Promise<CouplingResult> {
    const steps = this.stepsOf(length);
    const stats = emptyStats();
    const records = this.makeRecords(steps);
    const model = this.model();
    const plans = planUnits(model);
    const snapshots: SnapshotHooks = {
      from: length.from === undefined ? undefined : resumeRecords(length.from, model, plans, steps, records),
      onSnapshot: snapshotSink(length.onSnapshot, length.signal, model, plans, records),
    };
    const finish = (error: Error | undefined): CouplingResult => (this.lastResult = new CouplingResult(this.dt, steps, records, stats, error));
    let error: Error | undefined;
    try {
      await lastValueFrom(this.start(steps, length, stats, snapshots).pipe(tap(recordInto(records))), { defaultValue: undefined });
    } catch (e) {
      const cause = unwrapInterrupted(e);
      error = cause instanceof Error ? cause : new CouplingError(String(cause));
      finish(error);
      throw error;
    }
    return finish(undefined);
  }

  /**
   * Runs the system as {@link run} does, emitting each probe's windows as they are computed
   * (each subsystem's windows in step order); unsubscribing stops the run. With `snapshotEvery`
   * and `onSnapshot` it hands over the snapshots `run` would (the same bytes: they hold the probe
   * data so far, which the stream then records as `run` does); with `from` it first emits, per
   * probe, one window of the snapshot's data (steps 1 to the snapshot's step), then the windows
   * after it: per probe, the same bits as the uninterrupted stream. Each subscription runs anew.
   * @throws CouplingError and SnapshotError (at once, not on subscription) as {@link run} rejects
   *   for options and `from` bytes; failures while running are the observable's error
   */
  stream(length: RunLength & RunOptions): Observable<OutputWindow> {
    const steps = this.stepsOf(length);
    if (length.from === undefined && length.onSnapshot === undefined && length.signal === undefined)
      return this.start(steps, length, emptyStats(), { from: undefined, onSnapshot: undefined });
    const model = this.model();
    const plans = planUnits(model);
    const saved = this.makeRecords(steps);
    const from = length.from === undefined ? undefined : resumeRecords(length.from, model, plans, steps, saved);
    // every refusal now, as run's: the observable below is made again for each subscription
    this.start(steps, length, emptyStats(), { from, onSnapshot: undefined });
    return defer(() => {
      const records = saved.map((r) => ({ ...r, data: r.data.slice() }));
      const sink = snapshotSink(length.onSnapshot, length.signal, model, plans, records);
      const live = this.start(steps, length, emptyStats(), { from, onSnapshot: sink }).pipe(
        tap(recordInto(records)),
        catchError((e: unknown) => throwError(() => unwrapInterrupted(e))),
      );
      if (from === undefined) return live;
      const history = records
        .filter((r) => r.steps > 0)
        .map((r): OutputWindow => ({ probe: r.name, window: new Window(1, r.steps, r.dims, r.data.slice(0, r.steps * r.dims)), dt: r.dt }));
      return concat(of(...history), live);
    });
  }

  /**
   * The same system as one network: each subsystem's network copied in as a subnetwork labelled
   * by its key (seeded with its seed), each wire a connection into the input port with the wire's
   * transform and delay (none: `synapse: null`; 1: `Lowpass(0)`; k: a chain of k one-step delays
   * through pass-through nodes), array and function inputs as nodes, observable inputs as
   * top-level input ports, probes as probes. Run it at `dt` with `seed` and `overrides` (see
   * {@link Composition}) to get the coupled run's values bit for bit. Builds new objects each call.
   * @throws CouplingError for an undriven port, or subsystems with different dtMultiple (one
   *   network has one dt), or "average" across more than one base step
   */
  compose(): Composition {
    const model = this.model();
    this.checkDriven(model);
    const multiple = this.entries[0]?.sub.dtMultiple ?? 1;
    const odd = this.entries.find((e) => e.sub.dtMultiple !== multiple);
    if (odd !== undefined) {
      throw new CouplingError(
        `compose: subsystems step at different dtMultiple (${this.entries.map((e) => `${e.key}: ${e.sub.dtMultiple}`).join(", ")}); one network has one dt, so only a system at one rate composes`,
        { label: odd.key },
      );
    }
    if (multiple > 1) {
      const avg = model.edges.find((e) => e.rate === "average");
      if (avg !== undefined)
        throw new CouplingError(`compose: wire ${edgeName(avg)} averages over ${multiple} base steps, which no connection computes; use "hold"`, {
          label: edgeName(avg),
        });
    }
    const composed = composeNetwork(model, {
      label: "system",
      members: this.entries,
      multiple,
      internalEdges: model.edges,
      slotEdges: [],
      streamInputs: model.inputs.filter((i) => i.values.kind === "observable"),
      nodeInputs: model.inputs.filter((i) => i.values.kind !== "observable"),
      probes: model.probes,
    });
    const probes = new Map<string, Probe>();
    composed.probes.forEach((probe, i) => {
      const p = model.probes[i];
      if (p !== undefined) probes.set(p.name, probe);
    });
    const inputPorts = new Map<string, InPort>();
    const observed = model.inputs.filter((x) => x.values.kind === "observable");
    composed.slots.forEach((port, i) => {
      const input = observed[i];
      if (input !== undefined) inputPorts.set(portName(input.to), port);
    });
    return {
      network: composed.network,
      dt: unitDt(this.dt, this.entries, multiple),
      seed: this.seed,
      overrides: composed.overrides,
      probes,
      inputs: inputPorts,
      subnetworks: new Map(
        this.entries.flatMap((e) => {
          const copy = composed.copies.get(e.index);
          return copy === undefined ? [] : [[e.key, copy] as const];
        }),
      ),
    };
  }

  // --- internals

  private start(steps: number, options: RunOptions, stats: RunStats, snapshots: SnapshotHooks): Observable<OutputWindow> {
    const model = this.model();
    this.checkDriven(model);
    for (const i of model.inputs) {
      if (i.values.kind !== "array") continue;
      const rows = i.values.data.length / i.to.port.dimensions;
      const need = Math.floor(steps / i.to.entry.sub.dtMultiple) * i.to.entry.sub.dtMultiple;
      if (rows < need) {
        throw new CouplingError(
          `input ${portName(i.to)}: the array has ${rows} rows (base steps) but the run needs ${need}; give at least as many rows as steps`,
          { label: portName(i.to) },
        );
      }
    }
    const plans = planUnits(model);
    const positive = (name: string, v: number | undefined, dflt: number): number => {
      const x = v ?? dflt;
      if (!(x === Infinity || (Number.isSafeInteger(x) && x >= 1))) throw new CouplingError(`run: ${name} must be an integer >= 1 (got ${String(x)})`);
      return x;
    };
    checkRunObjects(options);
    const transport = options.transport ?? new InProcessTransport();
    const settings = {
      steps,
      scheduler: options.scheduler ?? defaultScheduler(transport),
      unitDelay: options.unitDelay,
      transport,
      maxWindowSteps: positive("maxWindowSteps", options.maxWindowSteps, 1024),
      bufferSteps: positive("bufferSteps", options.bufferSteps, 1024),
      inputBufferSteps: positive("inputBufferSteps", options.inputBufferSteps, Math.max(steps, 1)),
      inputTimeoutMs: positive("inputTimeoutMs", options.inputTimeoutMs, 30_000),
      engines: this.pooledEngines(),
    };
    const placed = placedOptions(options, plans, workerThreads);
    const snapshotting = placed.snapshotEvery > 0 || snapshots.from !== undefined;
    if (Object.values(placed.placement).every((p) => p === "main") && !snapshotting) return runSystem(model, plans, settings, stats);
    if (options.transport !== undefined) {
      const what = snapshotting ? "snapshots" : "placement";
      throw new CouplingError(`run: ${what}: a transport is for all-"main" runs without snapshots (workers bring their own)`, { label: what });
    }
    // (the coordinator's own host, on its hosts' transport, defaults its scheduler by that transport)
    return runPlaced(model, plans, { ...settings, scheduler: options.scheduler, ...placed, ...snapshots }, stats);
  }

  /** Engines through the pool: a kept engine is reset and reused; after the run it goes back, unless the wiring changed. */
  private pooledEngines(): EnginePool {
    const version = this.version;
    return {
      acquire: (plan, model) => {
        const kept = this.version === version ? this.enginePool.get(plan.name)?.pop() : undefined;
        if (kept === undefined) return simulatorEngine(plan, model);
        kept.reset();
        return kept;
      },
      release: (plan, engine) => {
        if (this.version !== version) {
          engine.dispose();
          return;
        }
        const list = this.enginePool.get(plan.name) ?? [];
        list.push(engine);
        this.enginePool.set(plan.name, list);
      },
    };
  }

  private stepsOf(length: RunLength): number {
    if (typeof length !== "object" || length === null || Array.isArray(length)) {
      throw new CouplingError(`run: give the run's length and options as an object, e.g. run({ steps: 1000 }) or run({ seconds: 1 }) (got ${kindOf(length)})`);
    }
    let steps: number;
    if ("steps" in length) steps = length.steps;
    else if ("seconds" in length) {
      if (!(Number.isFinite(length.seconds) && length.seconds >= 0))
        throw new CouplingError(`run: seconds must be a finite number >= 0 (got ${String(length.seconds)})`);
      steps = roundHalfEven(length.seconds / this.dt);
    } else throw new CouplingError("run: give { steps } or { seconds }");
    if (!(Number.isSafeInteger(steps) && steps >= 0)) throw new CouplingError(`run: steps must be an integer >= 0 (got ${String(steps)})`);
    return steps;
  }

  private makeRecords(steps: number): CoupledProbe[] {
    return this.probes.map((p) => {
      const m = p.target.entry.sub.dtMultiple;
      const dims = p.target.port.dimensions;
      return {
        name: p.name,
        port: p.target.port,
        key: p.target.entry.key,
        subsystem: p.target.entry.sub,
        dt: unitDt(this.dt, [p.target.entry], m),
        dims,
        data: new Float64Array(Math.floor(steps / m) * dims),
        steps: 0,
      };
    });
  }

  /** The wiring changed: engines built before no longer fit. */
  private changed(): void {
    this.version++;
    for (const list of this.enginePool.values()) for (const e of list) e.dispose();
    this.enginePool.clear();
  }

  private model(): SystemModel {
    return { dt: this.dt, seed: this.seed, entries: this.entries, edges: this.edges, inputs: this.inputs, probes: this.probes };
  }

  private checkDriver(dst: InEnd, sum: boolean, what: string): void {
    const existing = [
      ...this.edges.filter((e) => e.to.entry === dst.entry && e.to.port === dst.port),
      ...this.inputs.filter((i) => i.to.entry === dst.entry && i.to.port === dst.port),
    ];
    if (existing.length === 0) return;
    if (!sum || existing.some((e) => !e.sum)) {
      const by = existing.map((e) => (e.kind === "edge" ? `the wire from ${portName(e.from)}` : "an input")).join(", ");
      throw new CouplingError(`${what}: ${portName(dst)} is already driven by ${by}; to add the sources, pass { sum: true } on every wire and input into it`, {
        label: portName(dst),
      });
    }
  }

  private checkDriven(model: SystemModel): void {
    const driven = sourcesByPort(model);
    const undriven: string[] = [];
    for (const e of model.entries) for (const p of e.sub.network.inPorts) if (!driven.has(`${e.key}.in.${p.name}`)) undriven.push(`${e.key}.in.${p.name}`);
    if (undriven.length > 0) {
      throw new CouplingError(
        `${undriven.length === 1 ? "input port" : "input ports"} ${undriven.join(", ")} ${undriven.length === 1 ? "is" : "are"} not driven; wire an output to ${undriven.length === 1 ? "it" : "each"} or give it an input (an undriven port is an error, not a silent zero)`,
        { label: undriven[0] },
      );
    }
  }

  /** A port reference must be a port object: `undefined` (a misspelt `sub.out.typo`) is named with the ports there are. */
  private checkPortRef(ref: unknown, call: string, want: "in" | "out" | "port"): void {
    const kinds = ["inPort", "outPort", "subsystemInPort", "subsystemOutPort", "trainedInPort", "trainedOutPort"];
    if (typeof ref === "object" && ref !== null && kinds.includes((ref as { kind?: unknown }).kind as string)) return;
    const list = (dir: "in" | "out"): string[] =>
      this.entries.flatMap((e) => (dir === "in" ? e.sub.network.inPorts : e.sub.network.outPorts).map((p) => `${e.key}.${dir}.${p.name}`));
    const ports = want === "port" ? [...list("out"), ...list("in")] : list(want);
    const what = want === "in" ? "an input port" : want === "out" ? "an output port" : "a port";
    throw new CouplingError(
      `${call}: got ${ref === undefined ? "undefined (a misspelt port name?)" : String(ref)} where ${what} belongs; the system has ${ports.length === 0 ? "no such ports" : ports.join(", ")}`,
    );
  }

  private resolveOut(ref: OutPortRef, call = "wire (from)"): OutEnd {
    this.checkPortRef(ref, call, "out");
    if (ref.kind === "subsystemOutPort") return { entry: this.entryOf(ref.subsystem, ref.toString()), port: ref.port };
    if (ref.kind === "trainedOutPort") {
      const entry = this.entryOfTrained(ref);
      const port = entry.sub.network.out[ref.name];
      if (port === undefined)
        throw new CouplingError(`${String(ref)}: the trained subnetwork of '${entry.key}' has no output port ${ref.name}`, { label: entry.key });
      return { entry, port };
    }
    if (ref.kind !== "outPort") throw new CouplingError(`${String(ref)}: not an output port; wire from an output port (sub.out.x) to an input port (sub.in.u)`);
    return { entry: this.entryOfNetwork(ref), port: ref };
  }

  private resolveIn(ref: InPortRef, call = "wire (to)"): InEnd {
    this.checkPortRef(ref, call, "in");
    if (ref.kind === "subsystemInPort") return { entry: this.entryOf(ref.subsystem, ref.toString()), port: ref.port };
    if (ref.kind === "trainedInPort") {
      const entry = this.entryOfTrained(ref);
      const port = entry.sub.network.in[ref.name];
      if (port === undefined)
        throw new CouplingError(`${String(ref)}: the trained subnetwork of '${entry.key}' has no input port ${ref.name}`, { label: entry.key });
      return { entry, port };
    }
    if (ref.kind !== "inPort") throw new CouplingError(`${String(ref)}: not an input port; wire into an input port (sub.in.u)`);
    return { entry: this.entryOfNetwork(ref), port: ref };
  }

  private entryOfTrained(port: FrozenInPort | FrozenOutPort): SubsystemEntry {
    const found = this.entries.filter((e) => e.sub.trained === port.subnetwork);
    const [only] = found;
    if (only === undefined || found.length !== 1) {
      throw new CouplingError(
        found.length === 0
          ? `${port}: its trained subnetwork is not a subsystem of this system (keys: ${this.entries.map((e) => e.key).join(", ")})`
          : `${port}: subsystems ${found.map((e) => e.key).join(", ")} run its trained subnetwork; use the subsystem's port (system.subsystems.${only?.key}.${port.kind === "trainedInPort" ? "in" : "out"}.${port.name})`,
        { label: port.toString() },
      );
    }
    return only;
  }

  private entryOf(sub: Subsystem, what: string): SubsystemEntry {
    const entry = this.entries.find((e) => e.sub === sub);
    if (entry === undefined)
      throw new CouplingError(`${what}: its subsystem is not part of this system (keys: ${this.entries.map((e) => e.key).join(", ")})`, { label: what });
    return entry;
  }

  private entryOfNetwork(port: InPort | OutPort): SubsystemEntry {
    const found = this.entries.filter((e) => e.sub.network === port.network);
    const [only] = found;
    if (only === undefined || found.length !== 1) {
      throw new CouplingError(
        found.length === 0
          ? `${port}: its network is not the network of any subsystem of this system`
          : `${port}: subsystems ${found.map((e) => e.key).join(", ")} share its network; use the subsystem's port (sub.in.u / sub.out.x)`,
        { label: port.toString() },
      );
    }
    return only;
  }
}

function checkTransform(name: string, t: NumericLike, from: number, to: number): NumericLike {
  const s = toShaped(t);
  if (typeof s === "string") throw new CouplingError(`Wire ${name}: transform: ${s}`, { label: name });
  const bad = s.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new CouplingError(`Wire ${name}: transform entry ${bad} is ${s.data[bad]}; transforms must be finite`, { label: name });
  const ok = s.shape.length === 0 ? from === to : s.shape.length === 1 ? s.shape[0] === from && from === to : s.shape[0] === to && s.shape[1] === from;
  if (!ok) {
    const got = s.shape.length === 0 ? "a scalar" : s.shape.length === 1 ? `a vector of ${s.shape[0]}` : `a ${s.shape[0]}×${s.shape[1]} matrix`;
    throw new CouplingError(
      `Wire ${name}: the transform is ${got}, but the output has ${from} dimensions and the input takes ${to}; give a ${to}×${from} matrix`,
      { label: name },
    );
  }
  return t;
}

/** Run statistics before the run fills them in. */
function emptyStats(): RunStats {
  return { edges: [], units: [], buildSeconds: 0, runSeconds: 0, runCpuSeconds: 0 };
}

/** Records each probe window into its probe's data (rows from the window's start) as it passes. */
function recordInto(records: readonly CoupledProbe[]): (o: OutputWindow) => void {
  const byName = new Map(records.map((r) => [r.name, r]));
  return (o) => {
    const r = byName.get(o.probe);
    if (r === undefined) throw new CouplingError(`the run sent data for the unknown probe '${o.probe}'`);
    r.data.set(o.window.data, (o.window.start - 1) * r.dims);
    r.steps = Math.max(r.steps, o.window.end);
  };
}

/** Whether a value given to couple() is made into a subsystem of its own (so it may appear under two keys). */
function isTrainedOrNetwork(x: SubsystemSource): boolean {
  return !("latencies" in x && "dtMultiple" in x);
}

/** The most values a wire's delay line may hold (1 GiB of float64). */
const MAX_DELAY_VALUES = 2 ** 27;

function fmtBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** The objects and functions among run's options, checked to be what they are used as before the run starts. */
function checkRunObjects(options: RunOptions): void {
  const o = options as Record<keyof RunOptions, unknown>;
  const has = (v: unknown, method: string): boolean => typeof v === "object" && v !== null && typeof (v as Record<string, unknown>)[method] === "function";
  const fail = (name: string, want: string, v: unknown): never => {
    throw new CouplingError(`run: ${name} must be ${want} (got ${kindOf(v)})`, { label: name });
  };
  if (o.transport !== undefined && !has(o.transport, "open")) fail("transport", "a Transport, e.g. new InProcessTransport(), or left out", o.transport);
  if (o.scheduler !== undefined && !has(o.scheduler, "schedule")) fail("scheduler", "an RxJS scheduler, e.g. asapScheduler, or left out", o.scheduler);
  if (o.unitDelay !== undefined && typeof o.unitDelay !== "function") fail("unitDelay", "a function (unit, run) => delay, or left out", o.unitDelay);
  if (o.placement !== undefined && (typeof o.placement !== "object" || o.placement === null || Array.isArray(o.placement)))
    fail("placement", 'an object of placements by subsystem key, e.g. { plant: "worker" }', o.placement);
  if (o.hosts !== undefined && !has(o.hosts, "start")) fail("hosts", "a HostConnector, e.g. workerThreadHosts(), or left out", o.hosts);
}
