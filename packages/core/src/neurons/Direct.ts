import { BuildError, SimulationError } from "../errors.js";
import type { GainBias, MaxRatesIntercepts, NeuronStateSpec, NeuronTypeOptions } from "./NeuronType.js";
import { type NeuronKind, NeuronType } from "./NeuronType.js";

const NO_STATE: NeuronStateSpec = Object.freeze({});

/**
 * Marks an ensemble to run in direct mode (Nengo's `Direct`): it represents and transforms its
 * values exactly, with no neurons simulated. `rates` returns `x` unchanged (as Nengo's does);
 * gain/bias do not exist and `step` must never be called.
 */
export class Direct extends NeuronType {
  readonly kind: NeuronKind = "Direct";
  readonly spiking: boolean = false;
  override readonly negative: boolean = true;

  constructor(options: NeuronTypeOptions = {}) {
    super(options);
    if (new.target === Direct) this.validate();
  }

  get stateSpec(): NeuronStateSpec {
    return NO_STATE;
  }

  /** Returns a copy of `x` (gain and bias are ignored), as Nengo's `Direct.rates`. */
  override rates(x: ArrayLike<number>, _gain: ArrayLike<number>, _bias: ArrayLike<number>): Float64Array {
    return Float64Array.from(x);
  }

  /** Copies `j` into `out` (the identity). */
  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    out.set(j);
  }

  /** @throws BuildError always: direct-mode ensembles have no neurons, hence no gain or bias. */
  override gainBias(_maxRates: ArrayLike<number>, _intercepts: ArrayLike<number>): GainBias {
    throw new BuildError("Direct.gainBias: direct-mode ensembles have no neurons, so no gain or bias; use a neuron type such as LIF to get them", {
      label: "Direct",
    });
  }

  /** @throws BuildError always: direct-mode ensembles have no neurons. */
  override maxRatesIntercepts(_gain: ArrayLike<number>, _bias: ArrayLike<number>): MaxRatesIntercepts {
    throw new BuildError("Direct.maxRatesIntercepts: direct-mode ensembles have no neurons, so no max rates or intercepts; use a neuron type such as LIF", {
      label: "Direct",
    });
  }

  /** @throws SimulationError always: the simulator bypasses neurons for direct-mode ensembles. */
  step(_dt: number, _j: Float64Array, _output: Float64Array, _state: Readonly<Record<string, Float64Array>>): void {
    throw new SimulationError("Direct.step: direct-mode neurons must not be simulated; the simulator should compute direct-mode ensembles exactly", {
      label: "Direct",
    });
  }
}
