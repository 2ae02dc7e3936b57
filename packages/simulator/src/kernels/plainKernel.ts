import { ValidationError } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";
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
  checkSpec(spec);
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

/** The spec of {@link plainKernel}, checked before the simulator reads it. @throws ValidationError naming the field */
function checkSpec(spec: unknown): void {
  const fail = (attr: string, message: string): never => {
    throw new ValidationError({ object: "plainKernel", attr, message });
  };
  if (typeof spec !== "object" || spec === null || Array.isArray(spec))
    fail("spec", `must be a kernel spec { owner, role, reads, sets, incs, updates, prepare } (got ${kindOf(spec)})`);
  const s = spec as Record<string, unknown>;
  for (const k of ["owner", "role"]) if (typeof s[k] !== "string") fail(k, `must be a string naming the kernel in messages (got ${kindOf(s[k])})`);
  for (const k of ["reads", "sets", "incs", "updates"])
    if (!Array.isArray(s[k])) fail(k, `must be an array of the signals it ${k === "reads" ? "reads" : "writes"} (got ${kindOf(s[k])})`);
  if (typeof s["prepare"] !== "function") fail("prepare", `must be a function (ctx) => (t, n) => void (got ${kindOf(s["prepare"])})`);
}
