import {
  type InPort,
  Network,
  type OutPort,
  PlexusError,
  PortError,
  type Probe,
  type ProgressCallback,
  SimulationError,
  SnapshotError,
  ValidationError,
} from "@plexus/core";
import { roundHalfEven } from "@plexus/core/runtime";
import { build } from "./build.js";
import { type Compiled, compile, type Recording, type StepFunction } from "./internal/compile.js";
import { InputSlot, type InputSource } from "./internal/InputSlot.js";
import { KernelFailure } from "./internal/KernelFailure.js";
import { KERNEL_STATES } from "./internal/kernelStates.js";
import { ProbeStore } from "./internal/ProbeStore.js";
import { planHash } from "./internal/planHash.js";
import { progressCallback, RunProgress } from "./internal/progress.js";
import { simdArena } from "./internal/simdKernels.js";
import { allocate, bytesText } from "./internal/sizeChecks.js";
import { decodeSnapshot, encodeSnapshot } from "./internal/snapshotFormat.js";
import { helperAvailable, PARALLEL_MIN_WORK, StepHelper } from "./internal/stepHelper.js";
import type { KernelState } from "./Kernel.js";
import { blocksWork } from "./kernels/dotIncKernel.js";
import { Plan } from "./Plan.js";
import type { Registry } from "./Registry.js";

export type { InputSource } from "./internal/InputSlot.js";

/** Options of {@link Simulator}. */
export interface SimulatorOptions {
  /** Time step in seconds (default 0.001, or the plan's). */
  readonly dt?: number;
  /**
   * Seed of the simulation: used to build when the network has no seed (default 0), and for the
   * run-time randomness of processes without a seed (default: the build's seed).
   */
  readonly seed?: number;
  /**
   * A callback that receives the progress of runs over 1000 steps, every 1000 steps (`task`
   * `"Simulating"`, `unit` `"steps"`); default `false`: no reports. The simulator draws nothing
   * itself (`@plexus/cli`'s `Progress.callback()` renders the events as bars).
   */
  readonly progress?: false | ProgressCallback;
  /** Kernel builders, when building from a network (default: the default registry). */
  readonly registry?: Registry;
  /** Fuse all kernels into one compiled function (default true); false compiles one per kernel. */
  readonly fused?: boolean;
  /**
   * Run large products in WebAssembly SIMD (f64x2) where the runtime has it (default true); false
   * runs every kernel in JS. Both give the same bits.
   */
  readonly simd?: boolean;
  /**
   * Share the largest dense products of a step (encoders of ≥ 2^18 multiply-adds) with one helper
   * thread where the runtime has worker threads, shared memory and two cores or more (default
   * true; needs `simd`). The rows are split between the threads, so the same bits.
   */
  readonly threads?: boolean;
  /**
   * How the arena stores numbers (default "float64"). "float32": every buffer (state, weights,
   * signals) is kept in float32, half the memory traffic; each kernel still computes in float64 and
   * rounds as it stores, so JS and WebAssembly kernels agree (with each other, not with the
   * float64 run). Probes record the stored values; `readOutput` returns a Float32Array view.
   */
  readonly dtype?: "float64" | "float32";
  /**
   * A snapshot (the bytes {@link Simulator.snapshot} returned) to continue from, instead of step 0:
   * its step, time, state, probe data and seed replace the fresh simulator's (`seed` here is then
   * only the seed of the build when `source` is a network). The other options may differ from
   * the snapshot's simulator (fused, simd, threads), except `dtype`.
   * @see Simulator.restore
   */
  readonly from?: Uint8Array;
}

/** Options of {@link Simulator.snapshot}. */
export interface SnapshotOptions {
  /**
   * Include every probe's recorded rows (default true), so that a restored simulator's `data`
   * holds the whole run. False keeps only the row counts: a simulator restored from it records
   * the steps after the snapshot only (its `data` starts at the snapshot's step + 1).
   */
  readonly probeData?: boolean;
}

/** Probed data: `rows × cols`, row-major; row k holds the k-th recorded step. */
export interface ProbeData {
  /** A view of the recorded rows (later steps may move the storage: copy it to keep it). */
  readonly data: Float64Array;
  readonly shape: readonly [number, number];
}

/**
 * Runs a plan step by step with Nengo 4.1's reference semantics (Nengo's `nengo.Simulator`).
 * Each step sets n += 1 and t = n·dt first, then runs the compiled step function; probes record
 * after the step. A step allocates nothing.
 *
 * Top-level input ports are driven by the caller: `setInput` (an `nSteps × dims` array, a
 * function of t, or a constant) or `writeInput` before each `step()`; a port nothing drives reads
 * zeros (as Nengo's `Node(size_in)` with no input). Output ports are read with `readOutput` after
 * a step.
 */
export class Simulator {
  readonly plan: Plan;
  private readonly stepDt: number;
  private simSeed: number;
  private readonly arena: Float64Array | Float32Array;
  private readonly compiled: Compiled;
  private readonly stores = new Map<Probe, ProbeStore>();
  private readonly storeList: ProbeStore[] = [];
  private readonly slots = new Map<InPort, InputSlot>();
  private readonly slotList: InputSlot[] = [];
  private readonly outViews = new Map<InPort | OutPort, Float64Array>();
  private readonly progress: false | ProgressCallback;
  private readonly dtype: "float64" | "float32";
  private readonly kernelStates: readonly KernelState[];
  private n = 0;
  private readonly helper: StepHelper | null;
  private closed = false;
  private running = false;

  /**
   * @param source A network (built with `build(net, { dt, seed, registry })`) or a plan.
   * @throws ValidationError, BuildError as {@link build}; ValidationError when `dt` differs from the plan's.
   */
  constructor(source: Network | Plan, options: SimulatorOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new ValidationError({ object: "Simulator", attr: "options", message: `must be an options object, e.g. { dt: 0.001 } (got ${showKind(options)})` });
    }
    if (source instanceof Network) {
      this.plan = build(source, {
        ...(options.dt !== undefined ? { dt: options.dt } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.registry !== undefined ? { registry: options.registry } : {}),
      });
    } else {
      if (!(source instanceof Plan)) {
        throw new ValidationError({
          object: "Simulator",
          attr: "source",
          message: `must be a Network or a Plan from build() (got ${showKind(source)})`,
        });
      }
      if (options.dt !== undefined && options.dt !== source.dt) {
        throw new ValidationError({
          object: "Simulator",
          attr: "dt",
          message: `is ${options.dt} but the plan was built with dt ${source.dt}; build the plan with this dt`,
        });
      }
      this.plan = source;
    }
    if (options.seed !== undefined && !Number.isInteger(options.seed)) {
      throw new ValidationError({ object: "Simulator", attr: "seed", message: `must be an integer (got ${options.seed})` });
    }
    this.stepDt = this.plan.dt;
    this.simSeed = options.seed ?? this.plan.seed;
    this.progress = progressCallback(options.progress);
    // the arena in a WebAssembly memory where possible, so that SIMD kernels run on it in place
    const dtype = options.dtype ?? "float64";
    if (dtype !== "float64" && dtype !== "float32") {
      throw new ValidationError({ object: "Simulator", attr: "dtype", message: `must be "float64" or "float32" (got ${String(dtype)})` });
    }
    this.dtype = dtype;
    const bytes = dtype === "float32" ? 4 : 8;
    const parallel =
      options.simd !== false && options.threads !== false && this.plan.kernels.some((k) => (blocksWork.get(k) ?? 0) >= PARALLEL_MIN_WORK) && helperAvailable();
    const wasm =
      options.simd === false ? null : ((parallel ? simdArena(this.plan.arenaSize, true, bytes) : null) ?? simdArena(this.plan.arenaSize, false, bytes));
    const helper = wasm?.shared ? StepHelper.start(wasm) : null;
    this.helper = helper;
    this.arena =
      wasm?.arena ??
      allocate(
        this.plan.arenaSize,
        (need, why) => new SimulationError(`${this.plan.network}: its arena needs ${bytesText(need)}, ${why}`, { label: this.plan.network.toString() }),
        bytes,
      );
    this.arena.set(this.plan.initialArena);
    const recordings: Recording[] = [];
    for (const [probe, rec] of this.plan.probes) {
      const store = new ProbeStore(rec.signal.size, rec.period, probe.toString());
      this.stores.set(probe, store);
      this.storeList.push(store);
      recordings.push({ signal: rec.signal, period: rec.period, store });
    }
    this.compiled = compile(this.plan.kernels, recordings, this.arena, this.dt, this.simSeed, options.fused ?? true, wasm, helper);
    for (const port of this.plan.inputs.keys()) {
      const slot = this.compiled.resources.get(port);
      if (slot instanceof InputSlot) {
        this.slots.set(port, slot);
        this.slotList.push(slot);
      }
    }
    // (a Float32Array in float32 mode, indexed the same way)
    for (const [port, sig] of this.plan.ports) this.outViews.set(port, this.arena.subarray(sig.offset, sig.offset + sig.size) as Float64Array);
    this.kernelStates = (this.compiled.resources.get(KERNEL_STATES) as KernelState[] | undefined) ?? [];
    if (options.from !== undefined) {
      try {
        this.restore(options.from);
      } catch (e) {
        this.close();
        throw e;
      }
    }
  }

  /** The step (s), the plan's `dt`. Read-only, as Nengo's `Simulator.dt` (a getter: assigning it throws in strict code). */
  get dt(): number {
    return this.stepDt;
  }

  /** The number of steps run since the start (or the last reset). */
  get nSteps(): number {
    return this.n;
  }

  /** The current time, `nSteps · dt` (s). */
  get time(): number {
    return this.n * this.dt;
  }

  /** The seed of run-time randomness (processes without their own seed). */
  get seed(): number {
    return this.simSeed;
  }

  /** The compiled step function (one fused function unless `fused: false`). */
  get stepFunction(): StepFunction {
    return this.compiled.step;
  }

  /** The generated source of the step function. */
  get source(): string {
    return this.compiled.source;
  }

  /**
   * Runs for `seconds`: `round(seconds / dt)` steps, ties to even (as Nengo; 0 steps is not an error).
   * @throws ValidationError for a negative or non-finite time; as {@link runSteps}.
   */
  run(seconds: number): void {
    this.assertOpen("run");
    this.assertIdle("run");
    if (!(typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0)) {
      throw new ValidationError({ object: "Simulator", attr: "seconds", message: `must be a finite number >= 0 (got ${String(seconds)})` });
    }
    const steps = roundHalfEven(seconds / this.dt);
    if (steps > 0) this.runSteps(steps);
  }

  /**
   * Runs `steps` steps.
   * @throws ValidationError when `steps` is not an integer >= 0, or would take the step counter
   *   past 2^53 - 1 (a run of `run(1)` at dt 1e-300: it could never end).
   * @throws PortError when a top-level input port lost its source in a restore (see {@link restore}).
   * @throws SimulationError when a step fails (a node function throws or returns a wrong value);
   *   the data recorded up to the step before stays readable. When the progress callback throws,
   *   the steps it reported on are kept. When the simulator is closed, or already running (called
   *   from a node function or the progress callback: `step`, `runSteps`, `reset`, `restore`,
   *   `snapshot` and `close` are refused during a step).
   */
  runSteps(steps: number): void {
    this.assertOpen("runSteps");
    this.assertIdle("runSteps");
    if (!(Number.isInteger(steps) && steps >= 0)) {
      throw new ValidationError({ object: "Simulator", attr: "steps", message: `must be an integer >= 0 (got ${String(steps)})` });
    }
    if (steps === 0) return;
    if (steps > Number.MAX_SAFE_INTEGER - this.n) {
      // past 2^53 the step counter cannot count on (n + 1 === n): such a run would never end
      throw new ValidationError({
        object: "Simulator",
        attr: "steps",
        message: `${steps} steps from step ${this.n} would pass step 2^53 - 1 (${Number.MAX_SAFE_INTEGER}), past which steps cannot be counted; run fewer steps (a larger dt?)`,
      });
    }
    this.checkInputs();
    for (const s of this.storeList) s.reserveSteps(steps, this.n + 1);
    // reported every 1000 steps, to a callback only
    const progress = this.progress !== false && steps > 1000 ? new RunProgress(steps, this.progress) : null;
    const end = this.n + steps;
    this.running = true;
    try {
      while (this.n < end) {
        this.stepTo(progress === null ? end : Math.min(end, this.n + 1000));
        if (progress !== null) this.report(progress, steps - (end - this.n));
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs one step. Throws as {@link runSteps}. */
  step(): void {
    this.assertOpen("step");
    this.assertIdle("step");
    this.checkInputs();
    for (const s of this.storeList) s.reserveSteps(1, this.n + 1);
    this.running = true;
    try {
      this.stepTo(this.n + 1);
    } finally {
      this.running = false;
    }
  }

  /** Steps up to step `last`; on a failure, the steps before the failing one count as run. */
  private stepTo(last: number): void {
    const fn = this.compiled.step;
    const dt = this.dt;
    let n = this.n;
    try {
      while (n < last) {
        n++;
        fn(n, n * dt);
      }
    } catch (e) {
      this.n = n - 1;
      throw this.failure(e, n);
    }
    this.n = n;
  }

  /** A progress callback that throws stops the run after the steps it reported on, which are kept. */
  private report(progress: RunProgress, done: number): void {
    try {
      progress.update(done);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new SimulationError(
        `Simulator progress callback threw after step ${this.n} (t = ${this.time} s): ${msg}; the steps run so far are kept (sim.nSteps, sim.data), and runSteps continues the run`,
        { step: this.n, cause: e },
      );
    }
  }

  /**
   * Rewinds to step 0: the arena back to its initial values (state, filters, inputs written),
   * probe data cleared, processes restarted (with `seed` when given, else the same seed).
   */
  reset(seed?: number): void {
    this.assertOpen("reset");
    this.assertIdle("reset");
    if (seed !== undefined) {
      if (!Number.isInteger(seed)) throw new ValidationError({ object: "Simulator", attr: "seed", message: `must be an integer (got ${seed})` });
      this.simSeed = seed;
    }
    this.arena.set(this.plan.initialArena);
    for (const s of this.storeList) s.rows = 0;
    this.n = 0;
    this.compiled.reset(this.simSeed);
  }

  /**
   * The state of the run as bytes, to continue it later, here or in another process, with
   * {@link restore} or `new Simulator(plan, { from })`: the continued run gives the same bits as
   * the uninterrupted one. It holds the arena (neuron and synapse state, learned weights, inputs
   * written with `writeInput`, every output), the step count, the seed, the state of every process
   * (its generator and filter), each probe's rows (unless `probeData: false`) and how each input
   * port was driven; not the sources given to `setInput` (functions, arrays): set them again on
   * the restored simulator (arrays are still indexed by step from the start of the run).
   *
   * Layout (little-endian): 8 bytes `PLXSNAP\0`, u32 format version (1), u32 header length H,
   * 8 bytes plan structure hash, 8 bytes hash of everything after these 32 bytes; a JSON header
   * of H bytes (dtype, dt, step, seed, arena bytes, `[rows, cols, hasData]` per probe, input
   * kinds, kernel state lengths); then, each 8-aligned, the arena, the probe rows (float64) and
   * the kernel states (float64). The hashes detect corruption, not tampering.
   */
  snapshot(options: SnapshotOptions = {}): Uint8Array {
    if (typeof options !== "object" || options === null) {
      throw new ValidationError({
        object: "Simulator.snapshot",
        attr: "options",
        message: `must be an options object, e.g. { probeData: false } (got ${showKind(options)})`,
      });
    }
    // mid-step, the arena holds half a step: no snapshot would continue the run
    this.assertIdle("snapshot");
    const a = this.arena;
    const withData = options.probeData ?? true;
    return encodeSnapshot({
      planHash: planHash(this.plan),
      dtype: this.dtype,
      dt: this.dt,
      step: this.n,
      seed: this.simSeed,
      arena: new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      probes: this.storeList.map((p) => ({ rows: p.rows, cols: p.cols, data: withData ? p.data : null })),
      inputs: this.slotList.map((slot) => slot.kind),
      states: this.kernelStates.map((k) => k.save()),
    });
  }

  /**
   * Continues from a snapshot of a simulator of the same plan (the same network, seed and dt,
   * built here or in another process) and the same dtype: the step count, time, arena, process
   * states, probe data and seed become the snapshot's. Input sources set with `setInput` on this
   * simulator stay; a port that the snapshot's simulator drove with `setInput` and this one does
   * not must be given its source again before the next step.
   * @throws SnapshotError when the bytes are not a snapshot, are truncated or corrupted, of
   *   another format version, dtype or plan; nothing is changed then.
   */
  restore(bytes: Uint8Array): void {
    this.assertOpen("restore");
    this.assertIdle("restore");
    const c = decodeSnapshot(bytes);
    const mine = planHash(this.plan);
    const refuse = (why: string): SnapshotError => new SnapshotError(`Simulator snapshot: ${why}`, { label: this.plan.network.toString() });
    if (c.planHash !== mine) {
      throw refuse(
        `it was taken from another plan (structure hash ${c.planHash}; this plan's is ${mine}); restore it into a simulator of the network, seed and dt it was taken from`,
      );
    }
    if (c.dtype !== this.dtype) throw refuse(`it was taken in ${c.dtype}; this simulator runs in ${this.dtype}: create it with { dtype: "${c.dtype}" }`);
    const layout =
      c.dt === this.dt &&
      c.arena.length === this.arena.byteLength &&
      c.probes.length === this.storeList.length &&
      c.probes.every((p, i) => p.cols === this.storeList[i]?.cols) &&
      c.inputs.length === this.slotList.length &&
      c.states.length === this.kernelStates.length;
    const badLayout = (): SnapshotError => refuse("its layout (arena, probes, inputs, process states) does not match this plan's");
    if (!layout) throw badLayout();
    const states = this.kernelStates.map((k, i) => {
      const n = k.save().length;
      const state = c.states[i];
      if (state === undefined) throw badLayout();
      if (state.length !== n) throw refuse(`${k.owner} keeps ${n} numbers of state, the snapshot has ${state.length}`);
      return { k, state };
    });
    const probes = c.probes.map((p, i) => {
      const store = this.storeList[i];
      if (store === undefined) throw badLayout();
      return { p, store };
    });
    const inputs = c.inputs.map((kind, i) => {
      const slot = this.slotList[i];
      if (slot === undefined) throw badLayout();
      return { kind, slot };
    });
    // room for the probe rows first (the one step that may fail for memory), then nothing fails
    for (const { p, store } of probes) if (p.data !== null) store.reserveRows(Math.max(0, p.rows - store.rows));
    for (const { k, state } of states) k.load(state);
    new Uint8Array(this.arena.buffer, this.arena.byteOffset, this.arena.byteLength).set(c.arena);
    for (const { p, store } of probes) {
      store.rows = 0;
      if (p.data === null) continue;
      store.data.set(p.data);
      store.rows = p.rows;
    }
    for (const { kind, slot } of inputs) slot.restored(kind);
    this.simSeed = c.seed;
    this.n = c.step;
  }

  /**
   * The times of the steps run, `dt · (1..nSteps)` (or of those a probe with `sampleEvery` records).
   * @throws ValidationError when `sampleEvery` is not a finite time > 0 (s).
   */
  trange(sampleEvery?: number): Float64Array {
    if (sampleEvery !== undefined && !(typeof sampleEvery === "number" && Number.isFinite(sampleEvery) && sampleEvery > 0)) {
      throw new ValidationError({ object: "Simulator", attr: "sampleEvery", message: `must be a finite time > 0 in seconds (got ${String(sampleEvery)})` });
    }
    const period = sampleEvery === undefined ? 1 : sampleEvery / this.dt;
    const out: number[] = [];
    for (let k = 1; k <= this.n; k++) if (k % period < 1) out.push(this.dt * k);
    return Float64Array.from(out);
  }

  /**
   * The data a probe recorded: one row per recorded step (steps 1..nSteps at t = dt..nSteps·dt,
   * or those of its `sampleEvery`).
   * @throws ValidationError when the probe is not part of the simulated network.
   */
  data(probe: Probe): ProbeData {
    const store = this.stores.get(probe);
    if (store === undefined) {
      const what = typeof probe === "object" && probe !== null ? String(probe) : `Simulator.data (got ${showKind(probe)})`;
      throw new ValidationError({ object: what, message: "is not part of the simulated network; add it to the network before building" });
    }
    return { data: store.data.subarray(0, store.rows * store.cols), shape: [store.rows, store.cols] };
  }

  /**
   * Drives a top-level input port: `source` is an `nSteps × dims` Float64Array (row k-1 is the
   * value at step k), a function of t (s) returning a number or `dims` numbers, or a number for
   * every entry.
   * @throws PortError for an unknown port or data of the wrong size; SimulationError for a NaN or
   *   infinite value in the data (naming the step and the index; the previous source stays).
   */
  setInput(port: InPort | string, source: InputSource): void {
    this.assertOpen("setInput");
    const slot = this.slot(port);
    const d = slot.port.dimensions;
    if (source instanceof Float64Array) {
      if (source.length % d !== 0) {
        throw new PortError(
          `${slot.port}: input data has ${source.length} values, not a multiple of the port's ${d} dimensions; give nSteps × ${d} values, row-major`,
          { label: slot.port.toString() },
        );
      }
      for (let k = 0; k < source.length; k++) {
        if (!Number.isFinite(source[k])) {
          const step = Math.floor(k / d) + 1;
          throw new SimulationError(
            `${slot.port}: input data holds the non-finite value ${source[k]} at step ${step} (row ${step - 1}), index ${k % d}; give finite numbers (the port's previous source is kept)`,
            { label: slot.port.toString(), step },
          );
        }
      }
      slot.setArray(source);
    } else if (typeof source === "function") {
      slot.setFunction(source);
    } else if (typeof source === "number" && Number.isFinite(source)) {
      slot.setConstant(source);
    } else {
      throw new PortError(`${slot.port}: an input source must be a Float64Array (nSteps × ${d}), a function of t, or a finite number (got ${String(source)})`, {
        label: slot.port.toString(),
      });
    }
  }

  /**
   * Sets a top-level input port's value for the next steps (until written again), without
   * allocating: the path for a caller that computes inputs step by step.
   * @throws PortError for an unknown port or values of the wrong length; SimulationError for a NaN
   *   or infinite value (naming the step and the index; nothing is written).
   */
  writeInput(port: InPort | string, values: ArrayLike<number>): void {
    this.assertOpen("writeInput");
    const slot = this.slot(port);
    if (values.length !== slot.out.length) {
      throw new PortError(`${slot.port}: got ${values.length} values, the port has ${slot.out.length} dimensions`, { label: slot.port.toString() });
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new SimulationError(
          `${slot.port}: writeInput got the non-finite value ${String(v)} at index ${i} for step ${this.n + 1}; give finite numbers (nothing was written)`,
          {
            label: slot.port.toString(),
            step: this.n + 1,
          },
        );
      }
    }
    slot.write(values);
  }

  /**
   * A view of a port's current value (a top-level output port by name, or any port object of the
   * network); valid across steps (it is the port's buffer in the arena).
   * @throws PortError for an unknown port.
   */
  readOutput(port: OutPort | InPort | string): Float64Array {
    let key: InPort | OutPort | undefined;
    if (typeof port === "string") {
      key = (this.plan.network.out as Readonly<Record<string, OutPort>>)[port];
      if (key === undefined) {
        throw new PortError(`${this.plan.network}: no output port '${port}' (ports: ${this.plan.network.outPorts.map((p) => p.name).join(", ") || "none"})`, {
          label: port,
        });
      }
    } else {
      key = port;
    }
    const v = this.outViews.get(key);
    if (v === undefined) throw new PortError(`${key}: not a port of the simulated network`, { label: key.toString() });
    return v;
  }

  /** True once {@link close} ran. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Frees what the simulator holds outside its arrays (its helper thread), as Nengo's
   * `Simulator.close()`. Afterwards stepping, `reset`, `restore` and input calls throw a
   * SimulationError; recorded data, outputs and `snapshot()` stay readable. Idempotent.
   * @throws SimulationError when called during a step (from a node function or the progress callback).
   * `using sim = new Simulator(net)` closes it at the end of the block.
   */
  close(): void {
    if (this.closed) return;
    this.assertIdle("close");
    this.closed = true;
    this.helper?.close();
  }

  /** Closes the simulator (for `using`). */
  [Symbol.dispose](): void {
    this.close();
  }

  private assertOpen(call: string): void {
    if (this.closed) {
      throw new SimulationError(
        `Simulator.${call}: the simulator is closed (it ran ${this.n} steps); its data stays readable, and new Simulator(plan, { from: sim.snapshot() }) continues the run`,
      );
    }
  }

  /** Stepping, rewinding or closing from inside a step (a node function, a progress callback) would corrupt the run. */
  private assertIdle(call: string): void {
    if (this.running) {
      throw new SimulationError(
        `Simulator.${call}: called while the simulator runs (from a node function or the progress callback); call it after runSteps/step returns`,
      );
    }
  }

  private slot(port: InPort | string): InputSlot {
    let key: InPort | undefined;
    if (typeof port === "string") {
      key = (this.plan.network.in as Readonly<Record<string, InPort>>)[port];
      if (key === undefined) {
        throw new PortError(`${this.plan.network}: no input port '${port}' (ports: ${this.plan.network.inPorts.map((p) => p.name).join(", ") || "none"})`, {
          label: port,
        });
      }
    } else {
      key = port;
    }
    const slot = this.slots.get(key);
    if (slot === undefined) {
      throw new PortError(`${key}: not an input port of the simulated (top-level) network; inner ports are driven by connections`, { label: key.toString() });
    }
    return slot;
  }

  /** An undriven port reads zeros; one whose source a restore dropped is the one mistake left. */
  private checkInputs(): void {
    for (const slot of this.slotList) {
      if (slot.missing) {
        throw new PortError(
          `${slot.port}: no input at step ${this.n + 1}: this simulator was restored from a snapshot taken while sim.setInput drove the port, and sources are not part of snapshots; set it again`,
          { label: slot.port.toString() },
        );
      }
    }
  }

  private failure(e: unknown, n: number): Error {
    const t = n * this.dt;
    if (e instanceof KernelFailure) {
      return new SimulationError(`${e.owner} at step ${n} (t = ${t} s): ${e.message}`, { label: e.owner, step: n, cause: e.detail ?? e });
    }
    if (e instanceof SimulationError && e.step !== undefined) return e;
    const msg = e instanceof Error ? e.message : String(e);
    return new SimulationError(`step ${n} (t = ${t} s) failed: ${msg}`, {
      step: n,
      cause: e,
      ...(e instanceof PlexusError && e.label !== undefined ? { label: e.label } : {}),
    });
  }
}

/** What a wrong-typed argument is, for an error message (never throwing, never its contents). */
function showKind(v: unknown): string {
  if (v === null) return "null";
  if (typeof v !== "object") return typeof v;
  return Array.isArray(v) ? "an array" : `an object of class ${Object.getPrototypeOf(v)?.constructor?.name ?? "none"}`;
}
