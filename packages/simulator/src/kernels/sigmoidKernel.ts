import { Sigmoid } from "@plexus/core";
import type { Emitter, Kernel } from "../Kernel.js";
import { lit } from "../internal/codegen.js";
import { currentTakers, type FusedCurrent } from "../internal/fuseNeuronInputs.js";
import { neuronStepKernel, type NeuronKernelBuilder } from "./neuronKernel.js";

/**
 * Nengo's Sigmoid inlined: `rate = (1 / tauRef) / (1 + exp(-J))`, the same operations as
 * `Sigmoid.step` (so the same bits), with `1 / tauRef` a constant. Any other class (Tanh, a
 * subclass) runs its own `step`.
 */
export const sigmoidKernel: NeuronKernelBuilder = (spec, ctx) => {
  const base = neuronStepKernel(spec, ctx);
  const type = spec.neuronType;
  if (Object.getPrototypeOf(type) !== Sigmoid.prototype) return base;
  const maxRate = 1 / (type as Sigmoid).tauRef;
  const source = (e: Emitter, current: FusedCurrent | null): string => {
    const A = e.A;
    const jo = e.offset(spec.input);
    const oo = e.offset(spec.output);
    if (current === null) return `for (let i = 0; i < ${spec.nNeurons}; i++) ${A}[${oo} + i] = ${lit(maxRate)} / (1 + Math.exp(-${A}[${jo} + i]));\n`;
    const J = e.entryBytes === 4 ? `Math.fround(${current.expr("i")})` : current.expr("i"); // as stored, in float32
    return `${current.prelude}for (let i = 0; i < ${spec.nNeurons}; i++) {\nconst J = ${J};\n${A}[${jo} + i] = J;\n${A}[${oo} + i] = ${lit(maxRate)} / (1 + Math.exp(-J));\n}\n`;
  };
  const kernel: Kernel = { ...base, emit: (e) => source(e, null) };
  currentTakers.set(kernel, source);
  return kernel;
};
