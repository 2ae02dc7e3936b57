// The simulator's generated-JS Sigmoid step.
import { Sigmoid } from "@plexus/core";
import { lit } from "@plexus/core/runtime";
import type { SimulatorNeuronKernel } from "../../backends/simulatorKernel.js";

/**
 * Nengo's Sigmoid inlined: `rate = (1 / tauRef) / (1 + exp(-J))`, the same operations as
 * `Sigmoid.step` (so the same bits), with `1 / tauRef` a constant. Exactly the class Sigmoid (a
 * subclass runs its own step).
 */
export const sigmoidSimulatorKernel: SimulatorNeuronKernel = {
  accepts: (type) => Object.getPrototypeOf(type) === Sigmoid.prototype,
  source(type, ctx, current) {
    const maxRate = lit(1 / (type as Sigmoid).tauRef);
    const { A, input: jo, output: oo, nNeurons: n } = ctx;
    const exp = ctx.libm("exp");
    if (current === null) return `for (let i = 0; i < ${n}; i++) ${A}[${oo} + i] = ${maxRate} / (1 + ${exp}(-${A}[${jo} + i]));\n`;
    const J = ctx.entryBytes === 4 ? `Math.fround(${current.expr("i")})` : current.expr("i"); // as stored, in float32
    return `${current.prelude}for (let i = 0; i < ${n}; i++) {\nconst J = ${J};\n${A}[${jo} + i] = J;\n${A}[${oo} + i] = ${maxRate} / (1 + ${exp}(-J));\n}\n`;
  },
};
