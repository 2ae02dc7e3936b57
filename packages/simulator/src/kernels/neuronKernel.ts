import type { NeuronType } from "@plexus/core";
import type { Kernel, KernelContext } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { lit } from "../internal/codegen.js";

/** What a neuron kernel steps: one ensemble's neurons. */
export interface NeuronKernelSpec {
  readonly neuronType: NeuronType;
  readonly nNeurons: number;
  /** The input current J (read). */
  readonly input: Signal;
  /** The output: rates, or spikes of height amplitude/dt (set). */
  readonly output: Signal;
  /** Each state variable of `neuronType.stateSpec` (set). */
  readonly state: Readonly<Record<string, Signal>>;
  readonly owner: string;
}

/** Builds the step kernel of a neuron type (an entry of `Registry.neurons`). */
export type NeuronKernelBuilder = (spec: NeuronKernelSpec, ctx: KernelContext) => Kernel;

function access(spec: NeuronKernelSpec): Pick<Kernel, "reads" | "sets" | "incs" | "updates" | "owner" | "role"> {
  return {
    owner: spec.owner,
    role: `${spec.neuronType.kind} neurons`,
    reads: [spec.input],
    sets: [spec.output, ...Object.values(spec.state)],
    incs: [],
    updates: [],
  };
}

/**
 * Any neuron type: calls its allocation-free `step(dt, J, output, state)` on views of the arena
 * (Nengo's `SimNeurons`).
 */
export const neuronStepKernel: NeuronKernelBuilder = (spec) => ({
  ...access(spec),
  emit(e) {
    const state: Record<string, Float64Array> = {};
    for (const [name, sig] of Object.entries(spec.state)) state[name] = e.view(sig);
    const T = e.bind(spec.neuronType, "type");
    const J = e.bind(e.view(spec.input), "J");
    const O = e.bind(e.view(spec.output), "out");
    const S = e.bind(Object.freeze(state), "state");
    return `${T}.step(${lit(e.dt)}, ${J}, ${O}, ${S});\n`;
  },
});
