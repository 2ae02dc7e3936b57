import { LIF } from "@plexus/core";
import type { Emitter, Kernel } from "../Kernel.js";
import { lit } from "../internal/codegen.js";
import { currentTakers, type FusedCurrent } from "../internal/fuseNeuronInputs.js";

/** Ensembles from this many neurons step in WebAssembly where the arena is a WebAssembly memory. */
const SIMD_MIN_NEURONS = 32;
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
  const source = (e: Emitter, current: FusedCurrent | null): string => {
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
    const amplitude = lit(lif.amplitude / dt);
    const minV = lit(lif.minVoltage);
    // the neurons that spike, listed for the event-driven products that read the output
    const active = e.activeList(spec.output, true);
    const L = active.name;
    const refractoryTime = (v: string): string => `${lit(lif.tauRef)} + (${step} + ${tauRc} * Math.log1p(-(${v} - 1) / (J - 1)))`;
    const slow = n >= SIMD_MIN_NEURONS && active.byteOffset >= 0 ? e.scratch(n + 1, "slow") : null;
    const enc = current?.encoders ?? null;
    const cols = current === null ? -1 : enc === null ? 0 : enc.cols;
    const B = e.entryBytes;
    // float32 storage: the current and the voltage at a spike as stored, as the WebAssembly path uses them
    const round = (x: string): string => (B === 4 ? `Math.fround(${x})` : x);
    const b = current === null ? 0 : e.offset(current.bias) * B;
    const wasm =
      slow === null || slow.byteOffset < 0
        ? null
        : e.simd(
            "lif",
            [jo * B, vo * B, ro * B, oo * B, active.byteOffset, slow.byteOffset, n, b, enc === null ? 0 : e.offset(enc.weights) * B, enc === null ? 0 : e.offset(enc.x) * B, cols],
            [dt, Math.expm1(-dt / lif.tauRc), lif.minVoltage, lif.amplitude / dt],
          );
    if (wasm !== null && slow !== null) {
      // WebAssembly steps the neurons that integrate over dt or 0 (branch-free but for spikes);
      // JS adds log1p for those that spiked and steps those leaving their refractory period
      // (they need expm1), then merges the spikes of the latter into the list
      const S = slow.name;
      return (
        `${wasm}\n` +
        `const m = ${L}[0];\n` +
        `for (let k = 1; k <= m; k++) {\nconst i = ${L}[k];\nconst J = ${A}[${jo} + i];\n${A}[${ro} + i] = ${refractoryTime(`${A}[${ro} + i]`)};\n}\n` +
        `const q = ${S}[0];\nlet extra = 0;\n` +
        `for (let k = 1; k <= q; k++) {\nconst i = ${S}[k];\nconst J = ${A}[${jo} + i];\nconst rt = ${A}[${ro} + i] - ${step};\n` +
        `let dtEff = ${step} - rt;\nif (dtEff < 0) dtEff = 0;\nelse if (dtEff > ${step}) dtEff = ${step};\n` +
        `let v = ${A}[${vo} + i];\nv -= (J - v) * (dtEff === ${step} ? ${whole} : dtEff === 0 ? -0 : Math.expm1(-dtEff / ${tauRc}));\n` +
        `if (v > 1) {\n${A}[${oo} + i] = ${amplitude};\n${A}[${vo} + i] = 0;\n${A}[${ro} + i] = ${refractoryTime(round("v"))};\n${S}[++extra] = i;\n` +
        `} else {\n${A}[${oo} + i] = 0;\n${A}[${vo} + i] = v < ${minV} ? ${minV} : v;\n${A}[${ro} + i] = rt;\n}\n}\n` +
        // merge the extra spikes (ascending) into the list (ascending), from the back
        `if (extra > 0) {\nlet a = m;\nlet c = extra;\nlet w = m + extra;\n` +
        `while (c > 0) {\nif (a > 0 && ${L}[a] > ${S}[c]) ${L}[w--] = ${L}[a--];\nelse ${L}[w--] = ${S}[c--];\n}\n${L}[0] = m + extra;\n}\n`
      );
    }
    return (
      (current === null ? "" : current.prelude) +
      `let m = 0;\n` +
      `for (let i = 0; i < ${n}; i++) {\n` +
      (current === null ? `const J = ${A}[${jo} + i];\n` : `const J = ${round(current.expr("i"))};\n${A}[${jo} + i] = J;\n`) +
      `const rt = ${A}[${ro} + i] - ${step};\n` +
      // dtEff = clip(dt - rt, 0, dt): dt when rt <= 0 (most neurons), 0 when rt >= dt
      `let f;\n` +
      `if (rt <= 0) f = ${whole};\n` +
      `else if (rt >= ${step}) f = -0;\n` +
      `else {\nconst dtEff = ${step} - rt;\nf = dtEff === ${step} ? ${whole} : dtEff === 0 ? -0 : Math.expm1(-dtEff / ${tauRc});\n}\n` +
      `let v = ${A}[${vo} + i];\n` +
      `v -= (J - v) * f;\n` +
      `if (v > 1) {\n` +
      `${A}[${oo} + i] = ${amplitude};\n` +
      `${L}[++m] = i;\n` +
      `${A}[${vo} + i] = 0;\n` +
      `${A}[${ro} + i] = ${refractoryTime(round("v"))};\n` +
      `} else {\n` +
      `${A}[${oo} + i] = 0;\n` +
      `${A}[${vo} + i] = v < ${minV} ? ${minV} : v;\n` +
      `${A}[${ro} + i] = rt;\n` +
      `}\n}\n` +
      `${L}[0] = m;\n`
    );
  };
  const kernel: Kernel = { ...base, emit: (e) => source(e, null) };
  currentTakers.set(kernel, source);
  return kernel;
};
