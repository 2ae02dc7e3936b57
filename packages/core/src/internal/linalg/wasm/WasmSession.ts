// A WebAssembly memory sized for one problem, the kernels instantiated on it, and (where worker
// threads exist) helper threads that run kernel calls on the same shared memory. Everything is
// synchronous: the calling thread takes tasks from each parallel step's queue like the helpers do,
// then blocks on Atomics.wait until they are done, so `solve` stays a plain function call.
// Where SharedArrayBuffer is missing (a browser page that is not cross-origin isolated) the same
// kernels run on a plain memory on the calling thread alone: the results are the same bits, as
// every output element is summed in the same order whatever the threads and the split of tasks.
// Where WebAssembly (SIMD) is missing, jsKernels.ts runs the same sums in the same order in plain
// JavaScript on an ArrayBuffer: slower, the same bits again.

import { InternalError } from "../../../errors.js";
import { elemAt } from "../../checked.js";
import { helperCores, type KernelWorker, startKernelWorker } from "../../worker/workerRuntime.js";
import { jsKernels } from "./jsKernels.js";
import { KERNEL_NAMES, type KernelName, kernelModuleBytes } from "./kernels.js";
import { type CompiledModule, type LinearMemory, type WasmApi, wasmApi } from "./wasmApi.js";

/** One kernel call: the kernel's name and its (numeric) arguments. */
export interface KernelCall {
  readonly fn: KernelName;
  readonly args: readonly number[];
}

type KernelFn = (...args: number[]) => number | undefined;

const PAGE_BYTES = 65536;
const MAX_PAGES = 65536;
/** Doubles of encoded calls one parallel step can hold. */
const QUEUE_CAPACITY = 1 << 16;
/** Tasks one parallel step can hold. */
const MAX_TASKS = 4096;
// Control words of a helper.
const SEQ = 0;
const DONE = 1;
const STATUS = 2;
const READY = 3;
const COMMAND = 4;
// Words of the shared task table: the next task to take, the number of tasks, then per task its
// first call's offset in the queue and its number of calls.
const NEXT = 0;
const COUNT = 1;
const READY_TIMEOUT_MS = 20_000;

/** The compiled kernel module per kind of memory (shared, plain), once tried. */
const compiled = new Map<boolean, CompiledModule | null>();

/** Whether this runtime has shared memory (SharedArrayBuffer), looked up at each call. */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer === "function";
}

/**
 * The compiled kernel module for a shared memory (the default where SharedArrayBuffer exists) or a
 * plain one, or null where WebAssembly SIMD (or, for `shared`, shared memory) is missing.
 */
export function kernelModule(shared = sharedMemoryAvailable()): CompiledModule | null {
  let module = compiled.get(shared);
  if (module === undefined) {
    try {
      const bytes = kernelModuleBytes(MAX_PAGES, shared);
      const api = wasmApi;
      module = api !== undefined && (!shared || sharedMemoryAvailable()) && api.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(shared, module);
  }
  return module;
}

/** A buffer of `bytes`, shared where the session's memory is (helpers read it), plain otherwise. */
function controlBuffer(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Bytes a session can hold at most (the 4 GiB of a 32-bit memory). */
export const MAX_SESSION_BYTES = MAX_PAGES * PAGE_BYTES;

/** The control words of the "tasks" protocol of kernelWorker.js. */
const TASKS_LAYOUT = { SEQ, DONE, STATUS, READY, COMMAND, NEXT, COUNT } as const;

interface Helper {
  readonly worker: KernelWorker;
  readonly ctl: Int32Array;
  broken: boolean;
}

const helpers: Helper[] = [];
let sessionCounter = 0;

/** The number of threads a session may use by default (1 where worker threads are missing). */
export function defaultThreads(): number {
  const cores = helperCores();
  return cores === 0 ? 1 : Math.max(1, Math.min(cores, 8));
}

function helper(index: number): Helper | null {
  let h = helpers[index];
  if (h === undefined || h.broken) {
    const worker = startKernelWorker();
    if (worker === null) return null;
    h = { worker, ctl: new Int32Array(new SharedArrayBuffer(64)), broken: false };
    helpers[index] = h;
  }
  return h;
}

/** A memory with the kernels on it, and the helper threads attached to it. */
export class WasmSession {
  readonly memory: LinearMemory;
  /** All of the memory as doubles (byte address a is index a / 8). */
  readonly f64: Float64Array;
  /** Threads taking part in parallel steps (this one included). */
  readonly threads: number;
  private readonly kernels: Record<KernelName, KernelFn>;
  private readonly team: Helper[] = [];
  private readonly table: Int32Array;
  private readonly queue: Float64Array;
  private closed = false;

  /** With `module` null (no WebAssembly SIMD here), the JS kernels on an ArrayBuffer, on this thread. */
  private constructor(api: WasmApi | undefined, module: CompiledModule | null, bytes: number, threads: number, shared: boolean) {
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    const wasm = api !== undefined && module !== null;
    this.memory = wasm ? new api.Memory({ initial: pages, maximum: pages, shared }) : { buffer: new ArrayBuffer(pages * PAGE_BYTES) };
    this.f64 = new Float64Array(this.memory.buffer);
    this.table = new Int32Array(controlBuffer(4 * (2 + 2 * MAX_TASKS), shared && wasm));
    this.queue = new Float64Array(controlBuffer(8 * QUEUE_CAPACITY, shared && wasm));
    if (wasm) {
      const exports = new api.Instance(module, { env: { memory: this.memory } }).exports;
      this.kernels = Object.fromEntries(KERNEL_NAMES.map((n) => [n, exports[n] as KernelFn])) as Record<KernelName, KernelFn>;
      this.threads = 1 + (shared ? this.attachHelpers(module, threads - 1) : 0);
    } else {
      this.kernels = jsKernels(this.f64);
      this.threads = 1;
    }
  }

  /**
   * A session with `bytes` of memory, or null where more than 4 GiB is asked for (or the memory
   * cannot be had). Its memory is shared where SharedArrayBuffer exists; elsewhere it is a plain
   * memory and the session runs on this thread alone; without WebAssembly SIMD it runs the JS
   * kernels (jsKernels.ts). All three give the same bits.
   */
  static open(bytes: number, threads = defaultThreads()): WasmSession | null {
    const shared = sharedMemoryAvailable();
    const module = kernelModule(shared);
    if (bytes > MAX_SESSION_BYTES) return null;
    try {
      return new WasmSession(wasmApi, module, bytes, threads, shared);
    } catch {
      return null; // e.g. the memory could not be reserved
    }
  }

  private attachHelpers(module: CompiledModule, wanted: number): number {
    if (wanted <= 0 || helperCores() === 0) return 0;
    const session = ++sessionCounter;
    const candidates: Helper[] = [];
    for (let i = 0; i < wanted; i++) {
      try {
        const h = helper(i);
        if (h === null) break;
        h.worker.postMessage({
          protocol: "tasks",
          layout: TASKS_LAYOUT,
          module,
          memory: this.memory,
          ctl: h.ctl.buffer,
          table: this.table.buffer,
          queue: this.queue.buffer,
          names: KERNEL_NAMES,
          session,
        });
        candidates.push(h);
      } catch {
        break;
      }
    }
    for (const h of candidates) {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      let ready = false;
      for (;;) {
        const seen = Atomics.load(h.ctl, READY);
        if (seen === session) {
          ready = Atomics.load(h.ctl, STATUS) === 0;
          break;
        }
        const left = deadline - Date.now();
        if (left <= 0) break;
        Atomics.wait(h.ctl, READY, seen, left);
      }
      if (ready) this.team.push(h);
      else {
        h.broken = true;
        void h.worker.terminate();
      }
    }
    return this.team.length;
  }

  /** Calls one kernel on this thread. */
  call(fn: KernelName, ...args: number[]): number | undefined {
    return this.kernels[fn](...args);
  }

  /**
   * Runs the tasks on all threads and returns when every one is done. Each task is a list of calls
   * run in order by one thread; threads take the next task as they become free, so a thread that
   * the system slows down does not hold the others up.
   * `meanwhile`, when given, runs on this thread after the helpers have been woken and before it
   * joins them (e.g. to prepare the next step's data while they work).
   * @throws Error when a kernel failed (a bug: kernels trap only on bad addresses).
   */
  parallel(tasks: readonly (readonly KernelCall[])[], meanwhile?: () => void): void {
    const work = tasks.filter((t) => t.length > 0);
    if (work.length > MAX_TASKS) throw new InternalError(`WasmSession.parallel: ${work.length} tasks, more than ${MAX_TASKS}`);
    let o = 0;
    work.forEach((task, t) => {
      this.table[2 + 2 * t] = o;
      this.table[3 + 2 * t] = task.length;
      for (const c of task) {
        if (o + 2 + c.args.length > QUEUE_CAPACITY)
          throw new InternalError(`WasmSession.parallel: too many calls in one step for the queue (${QUEUE_CAPACITY} words)`);
        this.queue[o] = KERNEL_NAMES.indexOf(c.fn);
        this.queue[o + 1] = c.args.length;
        this.queue.set(c.args, o + 2);
        o += 2 + c.args.length;
      }
    });
    Atomics.store(this.table, COUNT, work.length);
    Atomics.store(this.table, NEXT, 0);
    // Wake helpers only when there is more than one task for them to share.
    const helpers = work.length > 1 ? this.team.slice(0, work.length - 1) : [];
    for (const h of helpers) {
      Atomics.store(h.ctl, COMMAND, 1);
      Atomics.add(h.ctl, SEQ, 1);
      Atomics.notify(h.ctl, SEQ);
    }
    let failed = false;
    try {
      meanwhile?.();
      for (;;) {
        const t = Atomics.add(this.table, NEXT, 1);
        if (t >= work.length) break;
        for (const c of elemAt(work, t)) this.kernels[c.fn](...c.args);
      }
    } catch {
      failed = true;
    }
    for (const h of helpers) {
      const seq = Atomics.load(h.ctl, SEQ);
      for (;;) {
        const done = Atomics.load(h.ctl, DONE);
        if (done === seq) break;
        Atomics.wait(h.ctl, DONE, done);
      }
      if (Atomics.load(h.ctl, STATUS) !== 0) failed = true;
    }
    if (failed) throw new InternalError("WasmSession.parallel: a kernel failed on a helper thread");
  }

  /** Releases the helpers (they drop their view of the memory) and this session's memory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.team) {
      Atomics.store(h.ctl, COMMAND, -1);
      const seq = Atomics.add(h.ctl, SEQ, 1) + 1;
      Atomics.notify(h.ctl, SEQ);
      for (;;) {
        const done = Atomics.load(h.ctl, DONE);
        if (done === seq) break;
        Atomics.wait(h.ctl, DONE, done, 1000);
      }
    }
    this.team.length = 0;
  }
}
