// The LIF maths, once: the LIFRate curve and one neuron's LIF step (Nengo 4.1), which LIFRate,
// LIF, AdaptiveLIFRate and AdaptiveLIF apply (the adaptive types to J - n).

import { f64At } from "../../internal/checked.js";
import * as libm from "../../runtime/libm.js";

/** The LIFRate curve: `amplitude / (tauRef + tauRc · log1p(1 / (J - 1)))` for J > 1, else 0. */
export function lifRate(J: number, tauRc: number, tauRef: number, amplitude: number): number {
  const jm1 = J - 1;
  return jm1 > 0 ? amplitude / (tauRef + tauRc * libm.log1p(1 / jm1)) : 0;
}

/**
 * One neuron's LIF step, as Nengo 4.1: `refractoryTime -= dt`;
 * `Δt = clip(dt - refractoryTime, 0, dt)`; `v -= (J - v) · expm1(-Δt / tauRc)`; a spike when
 * `v > 1`, at `tSpike = dt + tauRc · log1p(-(v - 1) / (J - 1))`; `v` floored at `minVoltage`; on a
 * spike `v = 0` and `refractoryTime = tauRef + tSpike`. Updates `voltage[i]` and
 * `refractoryTime[i]` and returns the output: `spike` (amplitude / dt) or 0.
 */
export function lifNeuronStep(
  J: number,
  i: number,
  voltage: Float64Array,
  refractoryTime: Float64Array,
  dt: number,
  tauRc: number,
  tauRef: number,
  minVoltage: number,
  spike: number,
): number {
  const rt = f64At(refractoryTime, i) - dt;
  let dtEff = dt - rt;
  if (dtEff < 0) dtEff = 0;
  else if (dtEff > dt) dtEff = dt;
  let v = f64At(voltage, i);
  v -= (J - v) * libm.expm1(-dtEff / tauRc);
  if (v > 1) {
    voltage[i] = 0;
    refractoryTime[i] = tauRef + (dt + tauRc * libm.log1p(-(v - 1) / (J - 1)));
    return spike;
  }
  voltage[i] = v < minVoltage ? minVoltage : v; // not Math.max: it keeps a -0 voltage as the kernels do
  refractoryTime[i] = rt;
  return 0;
}
