// The LIF step's rare per-neuron events, as one shared function the generated step calls: the
// spike time (log1p) of the neurons that spiked, and the step of the neurons leaving their
// refractory period (expm1). Generated inline, each of the 16 ensembles of an EnsembleArray put
// three libm call sites into the step function, and V8 inlines callees into one function only up
// to a total bytecode budget: past the first few, every call was a real call returning a boxed
// number (an allocation per call). Even one kernel's calls could be past it, inline or in two
// small functions inlined into the step: in the step of a 5000-neuron recurrent 32-D ensemble,
// ~16 KB of boxed numbers a step (a scavenge every ~300 steps, and ~17% of the step's time). Here
// the libm call sites are in one function that V8 optimizes on its own, calling libm's entry
// points for hot loops (log1pNear0, expm1Near0). The operations are LIF.step's, in the same order
// (so the same bits).
import { libm } from "@plexus/core/runtime";

// the entry points of log1p and expm1 for hot loops (the same bits; see log1pNear0)
const { expm1Near0: expm1, log1pNear0: log1p } = libm;

/** The arena: Float64Array, or Float32Array in float32 mode. */
export type LifArena = Float64Array | Float32Array;

/** One LIF kernel's constants and its arena offsets (entries). */
export interface LifEventParams {
  readonly dt: number;
  readonly tauRc: number;
  readonly tauRef: number;
  /** `expm1(-dt / tauRc)`: the factor of a whole step. */
  readonly whole: number;
  /** The spike height, amplitude / dt. */
  readonly amplitude: number;
  readonly minV: number;
  /** Float32 storage: the voltage at a spike is used as stored. */
  readonly f32: boolean;
  /** Arena offsets of the input current, voltage, refractory time and output. */
  readonly jo: number;
  readonly vo: number;
  readonly ro: number;
  readonly oo: number;
}

/**
 * The LIF step's events after its WebAssembly part: for each neuron in the spike list `L`
 * (`[count, i...]`), whose refractory-time entry holds the voltage at its spike, the refractory
 * time after the spike, `tauRef + (dt + tauRc · log1p(-(v - 1) / (J - 1)))`; then the neurons of
 * `S` (`[count, i...]`, ascending), which leave their refractory period in this step, stepped
 * (LIF.step's operations, with `expm1` for the part of the step they integrate over), those that
 * spike merged into `L` (ascending). One function, larger than V8 inlines (460 bytes of
 * bytecode): it is optimized on its own, with an inlining budget of its own for the libm calls it
 * makes per neuron; inlined into a large step function, they were past that function's budget,
 * real calls boxing every argument and result.
 */
export function lifEvents(A: LifArena, L: Int32Array, S: Int32Array, p: LifEventParams): void {
  const { jo, vo, ro, oo, dt, tauRc, tauRef, whole, minV } = p;
  const m = L[0] ?? 0;
  for (let k = 1; k <= m; k++) {
    const i = L[k] ?? 0;
    const J = A[jo + i] ?? 0;
    A[ro + i] = tauRef + (dt + tauRc * log1p(-((A[ro + i] ?? 0) - 1) / (J - 1)));
  }
  const q = S[0] ?? 0;
  let extra = 0;
  for (let k = 1; k <= q; k++) {
    const i = S[k] ?? 0;
    const J = A[jo + i] ?? 0;
    const rt = (A[ro + i] ?? 0) - dt;
    let dtEff = dt - rt;
    if (dtEff < 0) dtEff = 0;
    else if (dtEff > dt) dtEff = dt;
    let v = A[vo + i] ?? 0;
    v -= (J - v) * (dtEff === dt ? whole : dtEff === 0 ? -0 : expm1(-dtEff / tauRc));
    if (v > 1) {
      lifSpike(A, i, J, v, p);
      S[++extra] = i;
    } else {
      A[oo + i] = 0;
      // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0, LIF.step keeps -0
      A[vo + i] = v < minV ? minV : v;
      A[ro + i] = rt;
    }
  }
  if (extra !== 0) mergeSpikes(L, S, extra);
}

/** Neuron i spikes at voltage v with current J: its output, voltage and refractory time. */
function lifSpike(A: LifArena, i: number, J: number, v: number, p: LifEventParams): void {
  A[p.oo + i] = p.amplitude;
  A[p.vo + i] = 0;
  A[p.ro + i] = p.tauRef + (p.dt + p.tauRc * log1p(-((p.f32 ? Math.fround(v) : v) - 1) / (J - 1)));
}

/** Merges the first `extra` entries of S (ascending) into the list L (ascending), from the back. */
function mergeSpikes(L: Int32Array, S: Int32Array, extra: number): void {
  const m = L[0] ?? 0;
  let a = m;
  let c = extra;
  let w = m + extra;
  while (c > 0) {
    const fromL = L[a] ?? 0;
    const fromS = S[c] ?? 0;
    if (a > 0 && fromL > fromS) {
      L[w--] = fromL;
      a--;
    } else {
      L[w--] = fromS;
      c--;
    }
  }
  L[0] = m + extra;
}
