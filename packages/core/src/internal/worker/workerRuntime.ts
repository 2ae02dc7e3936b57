// The one worker-thread runtime of Plexus: where worker threads exist (Node), helper threads run
// kernelWorker.js (a file beside this one, in the sources and in dist) and serve one of its
// protocols on a shared WebAssembly memory. Elsewhere (browsers, runtimes without worker
// threads or shared memory) there are no helpers and callers compute on their own thread.

/** A helper thread, as the callers use it. */
export interface KernelWorker {
  postMessage(msg: unknown): void;
  unref(): void;
  terminate(): unknown;
}

type WorkerCtor = new (file: URL) => KernelWorker;

/** Worker threads and the number of cores, where this runtime has them (and shared memory). */
function runtimeThreads(): { Worker: WorkerCtor; cores: number } | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const load = proc?.getBuiltinModule;
  if (load === undefined || typeof SharedArrayBuffer !== "function") return null;
  try {
    const wt = load("node:worker_threads") as { Worker?: WorkerCtor } | undefined;
    const os = load("node:os") as { availableParallelism?: () => number; cpus?: () => unknown[] } | undefined;
    if (wt?.Worker === undefined) return null;
    return { Worker: wt.Worker, cores: os?.availableParallelism?.() ?? os?.cpus?.().length ?? 1 };
  } catch {
    return null;
  }
}

/** The number of cores where helper threads can run, or 0 where they cannot. */
export function helperCores(): number {
  return runtimeThreads()?.cores ?? 0;
}

/**
 * A new helper thread running kernelWorker.js (unref'd: it never keeps the process alive), or
 * null where none can run. The caller posts it one protocol's message and stops it.
 */
export function startKernelWorker(): KernelWorker | null {
  const rt = runtimeThreads();
  if (rt === null) return null;
  try {
    const worker = new rt.Worker(new URL("./kernelWorker.js", import.meta.url));
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}
