import { Uniform } from "../distributions/Uniform.js";
import type { Issue } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { checkParam } from "./internal/params.js";
import { stateVar } from "./internal/stateVar.js";
import type { NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";

/** Options of `Izhikevich` (defaults: regular spiking, "RS"). */
export interface IzhikevichOptions extends NeuronTypeOptions {
  /** Time scale of the recovery variable (Izhikevich's `a`), > 0. Default 0.02. */
  readonly tauRecovery?: number;
  /** Sensitivity of recovery to subthreshold voltage (`b`), >= 0. Default 0.2. */
  readonly coupling?: number;
  /** Voltage after a spike, in mV (`c`). Default -65. */
  readonly resetVoltage?: number;
  /** Increment of recovery after a spike (`d`). Default 8. */
  readonly resetRecovery?: number;
}

const IZHIKEVICH_STATE: NeuronStateSpec = Object.freeze({ voltage: new Uniform(0, 1), recovery: 0 });

/** Nengo's `settled_firingrate` settle and simulation times (s) and step for Izhikevich rates. */
const RATE_DT = 0.001;
const SETTLE_STEPS = Math.trunc(0.001 / RATE_DT);
const SIM_STEPS = Math.trunc(1.0 / RATE_DT);

/**
 * Izhikevich's simple spiking neuron (Nengo's `Izhikevich`). State: `voltage` (mV; default
 * `Uniform(0, 1)`, as in Nengo) and `recovery` (default 0). A spike is an output of `1 / dt`.
 *
 * Its rates are not analytic: like Nengo, `rateFromCurrent` simulates each neuron from zero state
 * with dt = 1 ms for 1 step to settle, then counts spikes over 1000 steps. Gain/bias use
 * `NeuronType`'s generic numerical method.
 * @throws ValidationError when `tauRecovery <= 0`, `coupling < 0` or a reset is not finite.
 */
export class Izhikevich extends NeuronType {
  readonly kind: NeuronKind = "Izhikevich";
  readonly spiking: boolean = true;
  /** Time scale of recovery (`a`). */
  readonly tauRecovery: number;
  /** Coupling of recovery to voltage (`b`). */
  readonly coupling: number;
  /** Reset voltage in mV (`c`). */
  readonly resetVoltage: number;
  /** Recovery increment on a spike (`d`). */
  readonly resetRecovery: number;

  constructor(options: IzhikevichOptions = {}) {
    super(options);
    this.tauRecovery = options.tauRecovery ?? 0.02;
    this.coupling = options.coupling ?? 0.2;
    this.resetVoltage = options.resetVoltage ?? -65;
    this.resetRecovery = options.resetRecovery ?? 8;
    if (new.target === Izhikevich) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return IZHIKEVICH_STATE;
  }

  /** Simulated rates (Nengo's `settled_firingrate` with settle time 1 ms, sim time 1 s). */
  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    const n = j.length;
    const output = new Float64Array(n);
    const state = { voltage: new Float64Array(n), recovery: new Float64Array(n) };
    const total = new Float64Array(n);
    for (let s = 0; s < SETTLE_STEPS; s++) this.step(RATE_DT, j, output, state);
    for (let s = 0; s < SIM_STEPS; s++) {
      this.step(RATE_DT, j, output, state);
      for (let i = 0; i < n; i++) total[i] = f64At(total, i) + f64At(output, i);
    }
    for (let i = 0; i < n; i++) out[i] = f64At(total, i) / SIM_STEPS;
  }

  /**
   * Per neuron, as Nengo 4.1: `J = max(-30, J)`;
   * `v += (0.04 v² + 5 v + 140 - u + J) · 1000 · dt`; a spike when `v >= 30`, which resets
   * `v = resetVoltage`; then `u += tauRecovery · (coupling · v - u) · 1000 · dt`, plus
   * `resetRecovery` on a spike.
   */
  step(dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    const voltage = stateVar(state, "voltage", this.kind);
    const recovery = stateVar(state, "recovery", this.kind);
    const { tauRecovery, coupling, resetVoltage, resetRecovery } = this;
    const spike = 1 / dt;
    for (let i = 0; i < j.length; i++) {
      const J = Math.max(-30, f64At(j, i));
      let v = f64At(voltage, i);
      let u = f64At(recovery, i);
      const dV = (0.04 * (v * v) + 5 * v + 140 - u + J) * 1000;
      v += dV * dt;
      const spiked = v >= 30;
      output[i] = spiked ? spike : 0;
      if (spiked) v = resetVoltage;
      const dU = tauRecovery * (coupling * v - u) * 1000;
      u += dU * dt;
      if (spiked) u += resetRecovery;
      voltage[i] = v;
      recovery[i] = u;
    }
  }

  protected override collectIssues(issues: Issue[]): void {
    checkParam(issues, this.kind, "tauRecovery", this.tauRecovery, { low: 0, lowOpen: true });
    checkParam(issues, this.kind, "coupling", this.coupling, { low: 0 });
    checkParam(issues, this.kind, "resetVoltage", this.resetVoltage);
    checkParam(issues, this.kind, "resetRecovery", this.resetRecovery);
    super.collectIssues(issues);
  }

  protected override describe(): ReadonlyArray<readonly [string, unknown]> {
    return [
      ["tauRecovery", this.tauRecovery],
      ["coupling", this.coupling],
      ["resetVoltage", this.resetVoltage],
      ["resetRecovery", this.resetRecovery],
    ];
  }
}
