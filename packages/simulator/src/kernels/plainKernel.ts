import type { Kernel, KernelAccess } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What a plain-function kernel is prepared with, once, when the step is compiled. */
export interface PlainKernelContext {
  /** Time step (s). */
  readonly dt: number;
  /**
   * A view of a signal (into the simulator's arena; a Float32Array in float32 mode, indexed the
   * same way). Views stay valid for the simulator's life; read and write only the signals the
   * kernel declares.
   */
  view(s: Signal): Float64Array;
}

/** A kernel given as a plain function (see {@link plainKernel}). */
export interface PlainKernelSpec extends KernelAccess {
  /** The object it belongs to, as messages name it (`Ensemble 'a'`). */
  readonly owner: string;
  /** What it does, for messages and plan listings. */
  readonly role: string;
  /**
   * Called once when the step is compiled, with views of the buffers; returns the function run
   * every step with the time `t` (s) and the step number `n` (1-based). It must allocate nothing
   * per step to keep steps allocation-free.
   */
  prepare(ctx: PlainKernelContext): (t: number, n: number) => void;
}

/**
 * A kernel written as a plain function, for kernels from outside Plexus (e.g. a neuron type's step
 * kernel in a `Registry`): no JS source to write. The simulator orders it by its declared access
 * like any kernel and calls the function each step; an error it throws aborts the step with a
 * SimulationError naming `owner` and the step. (The built-in kernels emit generated source
 * instead, which the simulator fuses into one function.)
 */
export function plainKernel(spec: PlainKernelSpec): Kernel {
  return {
    owner: spec.owner,
    role: spec.role,
    reads: spec.reads,
    sets: spec.sets,
    incs: spec.incs,
    updates: spec.updates,
    emit(e) {
      const fail = e.failer(spec.owner);
      const run = spec.prepare({ dt: e.dt, view: (s) => e.view(s) });
      const step = (t: number, n: number): void => {
        try {
          run(t, n);
        } catch (cause) {
          fail(`${spec.role} threw: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
        }
      };
      return `${e.bind(step, "plain")}(${e.t}, ${e.n});\n`;
    },
  };
}
