// A helper thread that takes part in the largest products of a step (the dense products on
// weights in blocks). The rows are split into chunks that both threads claim from one counter; a
// chunk the helper claims is computed into its own buffer and copied into the result by the main
// thread once the helper has marked it done, so the result never depends on which thread did a
// chunk (the same bits), and the main thread never waits long: a chunk the helper claimed but has
// not finished in time (a thread the system paused) is computed again by the main thread.
import { f64At, helperCores, type KernelWorker, startKernelWorker } from "@plexus/core/runtime";
import { PARAMS_BYTES, type SimdArena } from "./simdKernels.js";

/** Multiply-adds per step from which a dense product is shared with the helper thread. */
export const PARALLEL_MIN_WORK = 1 << 18;

/** Blocks of 8 rows per chunk (about 3 µs of work for 64 columns). */
const CHUNK_BLOCKS = 32;

/** How long the main thread waits for a chunk the helper claimed before computing it itself. */
const STEAL_AFTER_MS = 0.05;

/** How long an idle helper spins for the next product before it sleeps. */
const IDLE_SPIN_MS = 2;

/** Products per probe of each way (with and without the helper), and products between probes. */
const PROBE = 48;
const EXPLOIT = 1024;

// Control words (Int32, on their own SharedArrayBuffer).
const SEQ = 0; // bumped for each product
const JOB = 1; // byte address of the product's job record
const SLEEPING = 2;
const QUIT = 3;
const READY = 4;

// A job record (Int32 words in the arena's memory): the claim counter (generation << 16 | next
// chunk), the number of chunks, the helper's parameter blocks (one per chunk), then per chunk the
// generation it was last finished in.
const NEXT = 0;
const COUNT = 1;
const PARAMS = 2;
const DONE = 3;

/** The layout of the "chunks" protocol of core's kernel worker (its control words and job record). */
const CHUNKS_LAYOUT = { SEQ, JOB, SLEEPING, QUIT, READY, NEXT, COUNT, PARAMS, DONE, PARAMS_BYTES, IDLE_SPIN_MS } as const;

/** True where a helper thread can run (worker threads, shared memory, two cores or more). */
export function helperAvailable(): boolean {
  return helperCores() >= 2;
}

/** Asks a helper to quit (it may be spinning or sleeping) and terminates its worker. */
function stop(h: { ctl: Int32Array; worker: KernelWorker }): void {
  Atomics.store(h.ctl, QUIT, 1);
  Atomics.add(h.ctl, SEQ, 1);
  Atomics.notify(h.ctl, SEQ);
  void h.worker.terminate();
}

const helpers = new FinalizationRegistry<{ ctl: Int32Array; worker: KernelWorker }>(stop);

/**
 * The helper thread of one simulator (on its shared arena). `dense` makes the main thread's side
 * of one product: a function to call in the step.
 */
export class StepHelper {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(64));
  private readonly I: Int32Array;
  private generation = 0;
  /** The helper thread, started by the first shared product (none for a simulator never run). */
  private worker: KernelWorker | null = null;
  private closed = false;

  private constructor(private readonly wasm: SimdArena) {
    this.I = new Int32Array(wasm.memory.buffer);
  }

  /** Starts the helper thread if it is not running; false where it cannot start (or after close). */
  private ensureWorker(): boolean {
    if (this.worker !== null) return true;
    if (this.closed) return false;
    const worker = startKernelWorker();
    if (worker === null) {
      this.closed = true; // products run on the main thread alone from now on
      return false;
    }
    worker.postMessage({
      protocol: "chunks",
      layout: CHUNKS_LAYOUT,
      kernel: "denseBlocks",
      module: this.wasm.module,
      memory: this.wasm.memory,
      ctl: this.ctl.buffer,
    });
    this.worker = worker;
    helpers.register(this, { ctl: this.ctl, worker }, this);
    return true;
  }

  /**
   * Stops the helper thread now (idempotent). Products made with `dense` then run on the main
   * thread alone (the same bits); the simulator closes it with itself.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.worker !== null) {
      helpers.unregister(this);
      stop({ ctl: this.ctl, worker: this.worker });
    }
  }

  /** True once {@link close} ran. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * A helper on a shared arena, or null where none can run. Its thread starts lazily, with the
   * first shared product, so a simulator that is never stepped starts none.
   */
  static start(wasm: SimdArena): StepHelper | null {
    if (!wasm.shared || !helperAvailable()) return null;
    return new StepHelper(wasm);
  }

  /**
   * The main thread's side of `denseBlocks` over `blocks` blocks of 8 rows, shared with the helper:
   * `y = init + Σ` (init a byte address) or `y = y + Σ` (init 0), for weights `w`, input `x`, `cols`
   * columns (byte addresses into the arena). Returns null when the scratch space is used up.
   */
  dense(y: number, w: number, x: number, blocks: number, cols: number, init: number): (() => void) | null {
    const chunks = Math.ceil(blocks / CHUNK_BLOCKS);
    const scratch = this.wasm.scratch;
    const job = scratch.take(DONE + chunks);
    const mainParams = scratch.take((chunks * PARAMS_BYTES) / 4);
    const helperParams = scratch.take((chunks * PARAMS_BYTES) / 4);
    const B = this.wasm.elementBytes;
    const buffer = scratch.take((B / 4) * blocks * 8); // the helper's results, blocks × 8 entries
    const zeros = init === 0 ? scratch.take((B / 4) * blocks * 8) : null;
    const helperInit = init === 0 ? zeros?.byteOffset : init;
    if (job === null || mainParams === null || helperParams === null || buffer === null || helperInit === undefined) return null;
    for (let c = 0; c < chunks; c++) {
      const b0 = c * CHUNK_BLOCKS;
      const nb = Math.min(CHUNK_BLOCKS, blocks - b0);
      const rows = b0 * 8 * B; // byte offset of the chunk's first row
      const weights = w + b0 * cols * 8 * B;
      mainParams.view.set([y + rows, weights, x, nb, cols, init === 0 ? 0 : init + rows], (c * PARAMS_BYTES) / 4);
      // the helper writes its chunks apart, from the same initial values (zeros for y + Σ)
      helperParams.view.set([buffer.byteOffset + rows, weights, x, nb, cols, helperInit + rows], (c * PARAMS_BYTES) / 4);
    }
    job.view[NEXT] = 0xffff; // nothing to claim until the first product
    job.view[COUNT] = chunks;
    job.view[PARAMS] = helperParams.byteOffset;
    for (let c = 0; c < chunks; c++) job.view[DONE + c] = -1;
    const I = this.I;
    const ctl = this.ctl;
    const run = this.wasm.kernels.denseBlocks;
    // the whole memory: the buffer lies after the arena
    const A = B === 8 ? new Float64Array(this.wasm.memory.buffer) : new Float32Array(this.wasm.memory.buffer);
    const jobWord = job.byteOffset >> 2;
    const mine = new Uint8Array(chunks);
    const mp = mainParams.byteOffset;
    const yIndex = y / B;
    const bIndex = buffer.byteOffset / B;
    // Whether the helper pays off depends on the machine's load: the step period is measured
    // with and without it now and then (PROBE products each), and the faster way kept
    const periodsWith = new Float64Array(PROBE);
    const periodsAlone = new Float64Array(PROBE);
    let phase = 0; // 0: probing with the helper, 1: probing alone, 2: keeping the faster way
    let count = 0;
    let useHelper = false;
    let last = -1;
    let lastWith = false;
    // the mean period, leaving out pauses between runs (over 10 times the median)
    const mean = (a: Float64Array): number => {
      const cap = 10 * f64At(Float64Array.from(a).sort(), a.length >> 1);
      let sum = 0;
      let k = 0;
      for (const p of a) {
        if (p <= cap) {
          sum += p;
          k++;
        }
      }
      return sum / k;
    };
    const alone = (): void => {
      for (let c = 0; c < chunks; c++) run(mp + c * PARAMS_BYTES);
    };
    const shared = (): void => {
      const g = (this.generation = (this.generation + 1) & 0x7fff);
      mine.fill(0);
      Atomics.store(ctl, JOB, job.byteOffset);
      Atomics.store(I, jobWord + NEXT, g << 16);
      Atomics.add(ctl, SEQ, 1);
      if (Atomics.load(ctl, SLEEPING) !== 0) Atomics.notify(ctl, SEQ);
      for (;;) {
        const chunk = Atomics.add(I, jobWord + NEXT, 1) & 0xffff;
        if (chunk >= chunks) break;
        mine[chunk] = 1;
        run(mp + chunk * PARAMS_BYTES);
      }
      let late = false; // once the helper is late, the rest is done here without waiting
      for (let c = 0; c < chunks; c++) {
        if (mine[c] === 1) continue;
        let done = Atomics.load(I, jobWord + DONE + c) === g;
        if (!done && !late) {
          const since = performance.now();
          while (!(done = Atomics.load(I, jobWord + DONE + c) === g) && performance.now() - since < STEAL_AFTER_MS);
          late = !done;
        }
        const b0 = c * CHUNK_BLOCKS * 8;
        const n = Math.min(CHUNK_BLOCKS, blocks - c * CHUNK_BLOCKS) * 8;
        if (!done) {
          run(mp + c * PARAMS_BYTES); // the helper is late: do it here
        } else if (init !== 0) {
          A.copyWithin(yIndex + b0, bIndex + b0, bIndex + b0 + n);
        } else {
          for (let i = 0; i < n; i++) A[yIndex + b0 + i] = (A[yIndex + b0 + i] ?? 0) + (A[bIndex + b0 + i] ?? 0);
        }
      }
    };
    return () => {
      const now = performance.now();
      if (phase < 2 && last >= 0 && lastWith === (phase === 0)) (phase === 0 ? periodsWith : periodsAlone)[count++] = now - last;
      if (phase < 2 && count === PROBE) {
        count = 0;
        phase++;
        if (phase === 2) useHelper = mean(periodsWith) < mean(periodsAlone);
      } else if (phase === 2 && ++count === EXPLOIT) {
        count = 0;
        phase = 0;
      }
      last = now;
      lastWith = phase === 0 || (phase === 2 && useHelper);
      if (lastWith && this.ensureWorker() && Atomics.load(ctl, READY) === 1) shared();
      else {
        if (phase === 0) lastWith = false; // the helper is not ready yet: nothing measured
        alone();
      }
    };
  }
}
