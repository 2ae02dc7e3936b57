// A WebAssembly memory sized for one problem, the kernels instantiated on it, and (where worker
// threads exist) helper threads that run kernel calls on the same shared memory. Everything is
// synchronous: the calling thread takes the first share of each parallel step itself and then
// blocks on Atomics.wait until the helpers are done, so `solve` stays a plain function call.
import { KERNEL_NAMES, kernelModuleBytes, type KernelName } from "./kernels.js";
import { wasmApi, type CompiledModule, type LinearMemory, type WasmApi } from "./wasmApi.js";

/** One kernel call: the kernel's name and its (numeric) arguments. */
export interface KernelCall {
  readonly fn: KernelName;
  readonly args: readonly number[];
}

type KernelFn = (...args: number[]) => number | undefined;

const PAGE_BYTES = 65536;
const MAX_PAGES = 65536;
/** Doubles of call list each helper can be handed at once. */
const ARGS_CAPACITY = 1 << 15;
// Control words of a helper.
const SEQ = 0;
const DONE = 1;
const STATUS = 2;
const READY = 3;
const NCALLS = 4;
const READY_TIMEOUT_MS = 20_000;

let compiled: CompiledModule | null | undefined;

/** The compiled kernel module, or null where WebAssembly SIMD or shared memory is missing. */
export function kernelModule(): CompiledModule | null {
  if (compiled === undefined) {
    try {
      const bytes = kernelModuleBytes(MAX_PAGES);
      const api = wasmApi;
      compiled = api !== undefined && typeof SharedArrayBuffer === "function" && api.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Bytes a session can hold at most (the 4 GiB of a 32-bit memory). */
export const MAX_SESSION_BYTES = MAX_PAGES * PAGE_BYTES;

// Helper threads run this (CommonJS, evaluated from a string so that it works unbundled, bundled
// and under TypeScript loaders alike). Per session it receives the module and the shared memory,
// then serves call lists until it is told that the session is over.
const HELPER_SOURCE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (msg) => {
  const c = new Int32Array(msg.ctl);
  const a = new Float64Array(msg.args);
  let fns;
  try {
    const inst = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory } });
    fns = msg.names.map((n) => inst.exports[n]);
    Atomics.store(c, ${STATUS}, 0);
  } catch (e) {
    Atomics.store(c, ${STATUS}, 2);
  }
  let seq = Atomics.load(c, ${SEQ});
  Atomics.store(c, ${READY}, msg.session);
  Atomics.notify(c, ${READY});
  if (fns === undefined) return;
  for (;;) {
    Atomics.wait(c, ${SEQ}, seq);
    seq = Atomics.load(c, ${SEQ});
    const n = c[${NCALLS}];
    if (n < 0) break;
    let status = 0;
    try {
      let o = 0;
      for (let k = 0; k < n; k++) {
        const f = fns[a[o]];
        const na = a[o + 1];
        f(...a.subarray(o + 2, o + 2 + na));
        o += 2 + na;
      }
    } catch (e) {
      status = 1;
    }
    Atomics.store(c, ${STATUS}, status);
    Atomics.store(c, ${DONE}, seq);
    Atomics.notify(c, ${DONE});
  }
  fns = undefined;
  Atomics.store(c, ${DONE}, seq);
  Atomics.notify(c, ${DONE});
});
`;

interface Helper {
  readonly worker: { postMessage(msg: unknown): void; unref(): void; terminate(): unknown };
  readonly ctl: Int32Array;
  readonly args: Float64Array;
  broken: boolean;
}

type WorkerCtor = new (src: string, opts: { eval: true }) => Helper["worker"];
interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

const helpers: Helper[] = [];
let sessionCounter = 0;

/** Worker threads and the number of cores, where this runtime has them. */
function runtimeThreads(): { Worker: WorkerCtor; cores: number } | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const load = proc?.getBuiltinModule;
  if (load === undefined) return null;
  try {
    const wt = load("node:worker_threads") as { Worker?: WorkerCtor; isMainThread?: boolean } | undefined;
    const os = load("node:os") as { availableParallelism?: () => number; cpus?: () => unknown[] } | undefined;
    if (wt?.Worker === undefined) return null;
    const cores = os?.availableParallelism?.() ?? os?.cpus?.().length ?? 1;
    return { Worker: wt.Worker, cores };
  } catch {
    return null;
  }
}

/** The number of threads a session may use by default (1 where worker threads are missing). */
export function defaultThreads(): number {
  const rt = runtimeThreads();
  return rt === null ? 1 : Math.max(1, Math.min(rt.cores, 8));
}

function helper(index: number, Worker: WorkerCtor): Helper {
  let h = helpers[index];
  if (h === undefined || h.broken) {
    const worker = new Worker(HELPER_SOURCE, { eval: true });
    worker.unref();
    h = {
      worker,
      ctl: new Int32Array(new SharedArrayBuffer(64)),
      args: new Float64Array(new SharedArrayBuffer(ARGS_CAPACITY * 8)),
      broken: false,
    };
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
  private closed = false;

  private constructor(api: WasmApi, module: CompiledModule, bytes: number, threads: number) {
    const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    this.memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
    this.f64 = new Float64Array(this.memory.buffer);
    const instance = new api.Instance(module, { env: { memory: this.memory } });
    const exports = instance.exports as Record<string, unknown>;
    this.kernels = Object.fromEntries(KERNEL_NAMES.map((n) => [n, exports[n] as KernelFn])) as Record<KernelName, KernelFn>;
    this.threads = 1 + this.attachHelpers(module, threads - 1);
  }

  /**
   * A session with `bytes` of memory, or null where the kernels cannot run here (no WebAssembly
   * SIMD, no shared memory, or more than 4 GiB asked for).
   */
  static open(bytes: number, threads = defaultThreads()): WasmSession | null {
    const module = kernelModule();
    if (module === null || wasmApi === undefined || bytes > MAX_SESSION_BYTES) return null;
    try {
      return new WasmSession(wasmApi, module, bytes, threads);
    } catch {
      return null; // e.g. the memory could not be reserved
    }
  }

  private attachHelpers(module: CompiledModule, wanted: number): number {
    if (wanted <= 0) return 0;
    const rt = runtimeThreads();
    if (rt === null) return 0;
    const session = ++sessionCounter;
    const candidates: Helper[] = [];
    for (let i = 0; i < wanted; i++) {
      try {
        const h = helper(i, rt.Worker);
        h.worker.postMessage({ module, memory: this.memory, ctl: h.ctl.buffer, args: h.args.buffer, names: KERNEL_NAMES, session });
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
   * Runs one list of calls per thread in parallel (list 0 on this thread) and returns when all are
   * done. Lists beyond `threads` are not allowed.
   * @throws Error when a helper's kernel failed (a bug: kernels trap only on bad addresses).
   */
  parallel(lists: readonly (readonly KernelCall[])[]): void {
    if (lists.length > this.threads) throw new Error(`WasmSession.parallel: ${lists.length} lists for ${this.threads} threads`);
    const started: Helper[] = [];
    for (let t = 1; t < lists.length; t++) {
      const calls = lists[t]!;
      if (calls.length === 0) continue;
      const h = this.team[t - 1]!;
      let o = 0;
      for (const c of calls) {
        if (o + 2 + c.args.length > ARGS_CAPACITY) throw new Error("WasmSession.parallel: call list too long");
        h.args[o] = KERNEL_NAMES.indexOf(c.fn);
        h.args[o + 1] = c.args.length;
        h.args.set(c.args, o + 2);
        o += 2 + c.args.length;
      }
      h.ctl[NCALLS] = calls.length;
      Atomics.add(h.ctl, SEQ, 1);
      Atomics.notify(h.ctl, SEQ);
      started.push(h);
    }
    for (const c of lists[0] ?? []) this.kernels[c.fn](...c.args);
    let failed = false;
    for (const h of started) {
      const seq = Atomics.load(h.ctl, SEQ);
      for (;;) {
        const done = Atomics.load(h.ctl, DONE);
        if (done === seq) break;
        Atomics.wait(h.ctl, DONE, done);
      }
      if (Atomics.load(h.ctl, STATUS) !== 0) failed = true;
    }
    if (failed) throw new Error("WasmSession.parallel: a helper thread's kernel failed");
  }

  /** Releases the helpers (they drop their view of the memory) and this session's memory. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.team) {
      h.ctl[NCALLS] = -1;
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
