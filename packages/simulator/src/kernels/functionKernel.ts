import { writeResult } from "../internal/writeResult.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** A user function called once per step (Nengo's `SimPyFunc`). */
export interface FunctionKernelSpec {
  /** `(t, x) => y` for a Node output (`withTime: true`), `(x) => y` for a connection function. */
  readonly fn: (...args: never[]) => unknown;
  readonly withTime: boolean;
  /** What `x` is copied from each step; null: the function takes no input (an empty x). */
  readonly input: Signal | null;
  /** Where the result goes (set); null: the result is ignored (a node with sizeOut 0). */
  readonly output: Signal | null;
  readonly owner: string;
  readonly role: string;
}

/**
 * Calls a Node's output function `f(t, x)` or a connection's function `f(x)`; `x` is a copy of
 * the input made each step into a buffer reused across steps. The result must be a number or an
 * array of finite numbers of the output's size, else the step fails with a SimulationError
 * naming the owner.
 */
export function functionKernel(spec: FunctionKernelSpec): Kernel {
  return {
    owner: spec.owner,
    role: spec.role,
    reads: spec.input === null ? [] : [spec.input],
    sets: spec.output === null ? [] : [spec.output],
    incs: [],
    updates: [],
    emit(e) {
      const fail = e.failer(spec.owner);
      const input = spec.input === null ? null : e.view(spec.input);
      // a fresh copy of the input per call, as Nengo's np.copy(x): a function may keep it
      const none = new Float64Array(0);
      const out = spec.output === null ? null : e.view(spec.output);
      const size = out?.length ?? 0;
      const bad = (m: string): never => fail(`${spec.role} ${m}`);
      const f = spec.fn as unknown as (a: number | Float64Array, b?: Float64Array) => unknown;
      const call = spec.withTime
        ? (t: number): void => {
            const x = input === null ? none : input.slice();
            let r: unknown;
            try {
              r = f(t, x);
            } catch (cause) {
              fail(`${spec.role} threw: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
            }
            if (out !== null) writeResult(r, out, size, bad);
          }
        : (): void => {
            const x = input === null ? none : input.slice();
            let r: unknown;
            try {
              r = f(x);
            } catch (cause) {
              fail(`${spec.role} threw: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
            }
            if (out !== null) writeResult(r, out, size, bad);
          };
      return `${e.bind(call, "call")}(${e.t});\n`;
    },
  };
}
