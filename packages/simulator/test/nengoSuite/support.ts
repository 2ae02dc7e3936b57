// Shared helpers of the translated Nengo test modules: the neuron types of Nengo's `AnyNeuronType`
// fixture, and numpy-like tolerance checks.
import {
  Direct,
  LIF,
  LIFRate,
  type NeuronType,
  type NeuronTypeOptions,
  RectifiedLinear,
  RegularSpiking,
  Sigmoid,
  SpikingRectifiedLinear,
  Tanh,
} from "@plexus/core";
import { defined } from "../../../../test/support/defined.js";

/** Builds a neuron type, with options such as `initialState`. */
export type MakeType = (options?: NeuronTypeOptions) => NeuronType;

/**
 * Nengo's `NonDirectNeuronType` fixture (pytest_nengo.py's default `nengo_neurons` less Direct;
 * `SpikingTanh` is test_neurons.py's `RegularSpiking(Tanh())`), by name.
 */
export const NON_DIRECT_TYPES: readonly (readonly [string, MakeType])[] = [
  ["LIF", (o) => new LIF(o)],
  ["LIFRate", (o) => new LIFRate(o)],
  ["RectifiedLinear", (o) => new RectifiedLinear(o)],
  ["Sigmoid", (o) => new Sigmoid(o)],
  ["SpikingRectifiedLinear", (o) => new SpikingRectifiedLinear(o)],
  ["Tanh", (o) => new Tanh(o)],
  ["SpikingTanh", (o) => new RegularSpiking(new Tanh(), o)],
];

/** Nengo's `AnyNeuronType` fixture: the non-Direct types and Direct. */
export const ANY_TYPES: readonly (readonly [string, MakeType])[] = [["Direct", () => new Direct()], ...NON_DIRECT_TYPES];

/**
 * numpy's `allclose(actual, expected, atol, rtol)`: the worst `|a - e| - (atol + rtol·|e|)`, <= 0 when
 * close. `expected` is broadcast by row when it is shorter (one row of `cols` values).
 */
export function allcloseExcess(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol: number): number {
  let worst = -Infinity;
  for (let i = 0; i < actual.length; i++) {
    const e = defined(expected[i % expected.length]);
    worst = Math.max(worst, Math.abs(defined(actual[i]) - e) - (atol + rtol * Math.abs(e)));
  }
  return worst;
}

/**
 * Nengo's `signals_allclose(t, target, signal, atol, rtol, buf, delay)` for `cols` columns stored
 * row-major: drops `buf` steps from the start, compares signal row `i + delay` to target row `i`.
 */
export function signalsExcess(
  target: ArrayLike<number>,
  signal: ArrayLike<number>,
  cols: number,
  opts: { atol: number; rtol: number; buf?: number; delay?: number },
): number {
  const rows = signal.length / cols;
  const buf = opts.buf ?? 0;
  const delay = opts.delay ?? 0;
  let worst = -Infinity;
  for (let i = buf; i < rows - delay; i++) {
    for (let c = 0; c < cols; c++) {
      const e = defined(target[i * cols + c]);
      const a = defined(signal[(i + delay) * cols + c]);
      worst = Math.max(worst, Math.abs(a - e) - (opts.atol + opts.rtol * Math.abs(e)));
    }
  }
  return worst;
}

/** Root mean square of `a - b`. */
export function rmsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (defined(a[i]) - defined(b[i])) ** 2;
  return Math.sqrt(s / a.length);
}
