import { LIF } from "@plexus/core";
import type { Emitter, Kernel } from "../Kernel.js";
import { lit } from "../internal/codegen.js";
import { currentTakers } from "../internal/fuseNeuronInputs.js";
import { neuronStepKernel, type NeuronKernelBuilder } from "./neuronKernel.js";

/**
 * Nengo's LIF step inlined with its parameters as constants: the same operations as `LIF.step`,
 * in the same order, so the same bits. A neuron out of its refractory period (rt <= 0) integrates
 * over a whole step (`dtEff = clip(dt - rt, 0, dt) = dt`), and `expm1(-dt / tauRc)` is then a
 * constant computed once at build; a neuron that stays refractory all step (rt >= dt) integrates
 * over 0 s (`expm1(-0) = -0`); only the step in which a neuron leaves its refractory period
 * computes `dtEff` and calls `Math.expm1`. Any other class (a subclass of LIF with its
 * own step) runs its own `step`.
 */
export const lifKernel: NeuronKernelBuilder = (spec, ctx) => {
  const type = spec.neuronType;
  if (Object.getPrototypeOf(type) !== LIF.prototype) return neuronStepKernel(spec, ctx);
  const lif = type as LIF;
  const voltage = spec.state["voltage"];
  const refractory = spec.state["refractoryTime"];
  if (voltage === undefined || refractory === undefined) return neuronStepKernel(spec, ctx);
  const base = neuronStepKernel(spec, ctx);
  const source = (e: Emitter, current: ((i: string) => string) | null): string => {
    const A = e.A;
    const n = spec.nNeurons;
    const dt = e.dt;
    const jo = e.offset(spec.input);
    const oo = e.offset(spec.output);
    const vo = e.offset(voltage);
    const ro = e.offset(refractory);
    const tauRc = lit(lif.tauRc);
    const step = lit(dt);
    // the factor of a whole step, as LIF.step computes it for dtEff === dt
    const whole = lit(Math.expm1(-dt / lif.tauRc));
    // the neurons that spike, listed for the event-driven products that read the output
    const L = e.activeList(spec.output, true).name;
    return (
      `let m = 0;\n` +
      `for (let i = 0; i < ${n}; i++) {\n` +
      (current === null ? `const J = ${A}[${jo} + i];\n` : `const J = ${current("i")};\n${A}[${jo} + i] = J;\n`) +
      `const rt = ${A}[${ro} + i] - ${step};\n` +
      // dtEff = clip(dt - rt, 0, dt): dt when rt <= 0 (most neurons), 0 when rt >= dt
      `let f;\n` +
      `if (rt <= 0) f = ${whole};\n` +
      `else if (rt >= ${step}) f = -0;\n` +
      `else {\nconst dtEff = ${step} - rt;\nf = dtEff === ${step} ? ${whole} : dtEff === 0 ? -0 : Math.expm1(-dtEff / ${tauRc});\n}\n` +
      `let v = ${A}[${vo} + i];\n` +
      `v -= (J - v) * f;\n` +
      `if (v > 1) {\n` +
      `${A}[${oo} + i] = ${lit(lif.amplitude / dt)};\n` +
      `${L}[++m] = i;\n` +
      `${A}[${vo} + i] = 0;\n` +
      `${A}[${ro} + i] = ${lit(lif.tauRef)} + (${step} + ${tauRc} * Math.log1p(-(v - 1) / (J - 1)));\n` +
      `} else {\n` +
      `${A}[${oo} + i] = 0;\n` +
      `${A}[${vo} + i] = v < ${lit(lif.minVoltage)} ? ${lit(lif.minVoltage)} : v;\n` +
      `${A}[${ro} + i] = rt;\n` +
      `}\n}\n` +
      `${L}[0] = m;\n`
    );
  };
  const kernel: Kernel = { ...base, emit: (e) => source(e, null) };
  currentTakers.set(kernel, source);
  return kernel;
};
