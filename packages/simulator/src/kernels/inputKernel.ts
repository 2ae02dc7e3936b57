import type { InPort } from "@plexus/core";
import { InputSlot } from "../internal/InputSlot.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** Sets a top-level input port from what the caller gave the simulator (`setInput`, `writeInput`). */
export function inputKernel(port: InPort, signal: Signal): Kernel {
  const owner = port.toString();
  return {
    owner,
    role: "input",
    reads: [],
    sets: [signal],
    incs: [],
    updates: [],
    emit(e) {
      const slot = e.resource(port, () => new InputSlot(port, e.view(signal), e.failer(owner)));
      return `${e.bind(slot, "input")}.apply(${e.n}, ${e.t});\n`;
    },
  };
}
