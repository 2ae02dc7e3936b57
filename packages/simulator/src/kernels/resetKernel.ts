import { UNROLL } from "../internal/codegen.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** Sets a buffer to zero at the start of each step (Nengo's `Reset`), before its inc writers. */
export function resetKernel(signal: Signal, owner: string): Kernel {
  return {
    owner,
    role: `reset ${signal.name}`,
    reads: [],
    sets: [signal],
    incs: [],
    updates: [],
    emit(e) {
      const o = e.offset(signal);
      const n = signal.size;
      if (n <= UNROLL) {
        let s = "";
        for (let i = 0; i < n; i++) s += `${e.A}[${o + i}] = 0;\n`;
        return s;
      }
      return `${e.A}.fill(0, ${o}, ${o + n});\n`;
    },
  };
}
