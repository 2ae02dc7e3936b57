import { Sigmoid } from "@plexus/core";
import { lit } from "../internal/codegen.js";
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
  return {
    ...base,
    emit(e) {
      const A = e.A;
      const jo = e.offset(spec.input);
      const oo = e.offset(spec.output);
      return `for (let i = 0; i < ${spec.nNeurons}; i++) ${A}[${oo} + i] = ${lit(maxRate)} / (1 + Math.exp(-${A}[${jo} + i]));\n`;
    },
  };
};
