// The simulator's generated-JS LIF step (with the WebAssembly part from ./wasm.ts where the arena
// is a WebAssembly memory).
import { BuildError, LIF } from "@plexus/core";
import { libm, lit } from "@plexus/core/runtime";
import type { FusedCurrentSource, NeuronSourceContext, SimulatorNeuronKernel } from "../../backends/simulatorKernel.js";
import { type LifEventParams, lifEvents } from "./events.js";

/** Ensembles from this many neurons step in WebAssembly where the arena is a WebAssembly memory. */
const SIMD_MIN_NEURONS = 32;

/**
 * Nengo's LIF step inlined with its parameters as constants: the same operations as `LIF.step`,
 * in the same order, so the same bits. A neuron out of its refractory period (rt <= 0) integrates
 * over a whole step (`dtEff = clip(dt - rt, 0, dt) = dt`), and `expm1(-dt / tauRc)` is then a
 * constant computed once at build; a neuron that stays refractory all step (rt >= dt) integrates
 * over 0 s (`expm1(-0) = -0`); only the step in which a neuron leaves its refractory period
 * computes `dtEff` and calls `expm1` (Plexus's libm, as `LIF.step`). Exactly the class LIF (a subclass runs its own step).
 */
export const lifSimulatorKernel: SimulatorNeuronKernel = {
  accepts: (type, stateNames) => Object.getPrototypeOf(type) === LIF.prototype && stateNames.includes("voltage") && stateNames.includes("refractoryTime"),
  source: (type, ctx, current) => lifSource(type as LIF, ctx, current),
};

/** Constants and identifiers of one LIF kernel's source. */
interface LifParts {
  readonly A: string;
  readonly jo: number;
  readonly oo: number;
  readonly vo: number;
  readonly ro: number;
  readonly L: string;
  readonly step: string;
  readonly tauRc: string;
  readonly whole: string;
  readonly amplitude: string;
  readonly minV: string;
  /** The bound identifier of libm's expm1 (its entry point for hot loops, expm1Near0) in the generated code. */
  readonly expm1: string;
  readonly refractoryTime: (v: string) => string;
  readonly round: (x: string) => string;
}

function lifSource(lif: LIF, ctx: NeuronSourceContext, current: FusedCurrentSource | null): string {
  const n = ctx.nNeurons;
  const dt = ctx.dt;
  const voltage = ctx.state["voltage"];
  const refractory = ctx.state["refractoryTime"];
  if (voltage === undefined || refractory === undefined) {
    throw new BuildError(`LIF kernel: the neuron state has no ${voltage === undefined ? "voltage" : "refractoryTime"}; build it from LIF.stateSpec`);
  }
  const B = ctx.entryBytes;
  const tauRc = lit(lif.tauRc);
  const step = lit(dt);
  // the neurons that spike, listed for the event-driven products that read the output
  const active = ctx.spikeList();
  const log1p = ctx.libm("log1pNear0");
  const parts: LifParts = {
    A: ctx.A,
    jo: ctx.input,
    oo: ctx.output,
    vo: voltage,
    ro: refractory,
    L: active.name,
    step,
    tauRc,
    // the factor of a whole step, as LIF.step computes it for dtEff === dt
    whole: lit(libm.expm1(-dt / lif.tauRc)),
    expm1: ctx.libm("expm1Near0"),
    amplitude: lit(lif.amplitude / dt),
    minV: lit(lif.minVoltage),
    refractoryTime: (v) => `${lit(lif.tauRef)} + (${step} + ${tauRc} * ${log1p}(-(${v} - 1) / (J - 1)))`,
    // float32 storage: the current and the voltage at a spike as stored, as the WebAssembly path uses them
    round: (x) => (B === 4 ? `Math.fround(${x})` : x),
  };
  const slow = n >= SIMD_MIN_NEURONS && active.byteOffset >= 0 ? ctx.scratch(n + 1, "slow") : null;
  const enc = current?.encoders ?? null;
  const cols = current === null ? -1 : enc === null ? 0 : enc.cols;
  const b = current === null ? 0 : current.bias * B;
  const wasm =
    slow === null || slow.byteOffset < 0
      ? null
      : ctx.simd(
          "lif",
          [
            parts.jo * B,
            voltage * B,
            refractory * B,
            parts.oo * B,
            active.byteOffset,
            slow.byteOffset,
            n,
            b,
            enc === null ? 0 : enc.weights * B,
            enc === null ? 0 : enc.x * B,
            cols,
          ],
          [dt, libm.expm1(-dt / lif.tauRc), lif.minVoltage, lif.amplitude / dt],
        );
  if (wasm !== null && slow !== null) {
    const params: LifEventParams = {
      dt,
      tauRc: lif.tauRc,
      tauRef: lif.tauRef,
      whole: libm.expm1(-dt / lif.tauRc),
      amplitude: lif.amplitude / dt,
      minV: lif.minVoltage,
      f32: B === 4,
      jo: parts.jo,
      vo: voltage,
      ro: refractory,
      oo: parts.oo,
    };
    return simdShared(parts, wasm, slow.name, { events: ctx.bind(lifEvents, "lifEvents"), params: ctx.bind(params, "lif") });
  }
  return jsSource(parts, n, current);
}

/**
 * WebAssembly steps the neurons that integrate over dt or 0 (branch-free but for spikes); JS adds
 * log1p for those that spiked and steps those leaving their refractory period (they need expm1),
 * then merges the spikes of the latter into the list: one shared function (./events.ts), called
 * only when either list is not empty.
 */
function simdShared(p: LifParts, wasm: string, S: string, shared: { events: string; params: string }): string {
  const { A, L } = p;
  return `${wasm}\nif (${L}[0] !== 0 || ${S}[0] !== 0) ${shared.events}(${A}, ${L}, ${S}, ${shared.params});\n`;
}

/** The whole step in JS. */
function jsSource(p: LifParts, n: number, current: FusedCurrentSource | null): string {
  const { A, jo, oo, vo, ro, L, step, tauRc, whole, amplitude, minV } = p;
  return (
    (current === null ? "" : current.prelude) +
    `let m = 0;\n` +
    `for (let i = 0; i < ${n}; i++) {\n` +
    (current === null ? `const J = ${A}[${jo} + i];\n` : `const J = ${p.round(current.expr("i"))};\n${A}[${jo} + i] = J;\n`) +
    `const rt = ${A}[${ro} + i] - ${step};\n` +
    // dtEff = clip(dt - rt, 0, dt): dt when rt <= 0 (most neurons), 0 when rt >= dt
    `let f;\n` +
    `if (rt <= 0) f = ${whole};\n` +
    `else if (rt >= ${step}) f = -0;\n` +
    `else {\nconst dtEff = ${step} - rt;\nf = dtEff === ${step} ? ${whole} : dtEff === 0 ? -0 : ${p.expm1}(-dtEff / ${tauRc});\n}\n` +
    `let v = ${A}[${vo} + i];\n` +
    `v -= (J - v) * f;\n` +
    `if (v > 1) {\n` +
    `${A}[${oo} + i] = ${amplitude};\n` +
    `${L}[++m] = i;\n` +
    `${A}[${vo} + i] = 0;\n` +
    `${A}[${ro} + i] = ${p.refractoryTime(p.round("v"))};\n` +
    `} else {\n` +
    `${A}[${oo} + i] = 0;\n` +
    `${A}[${vo} + i] = v < ${minV} ? ${minV} : v;\n` +
    `${A}[${ro} + i] = rt;\n` +
    `}\n}\n` +
    `${L}[0] = m;\n`
  );
}
