// Conformance of the neuron types with Nengo 4.1 (and nengo_dl's SoftLIFRate): every case of
// shared/reference/nengo/neuron_{gain_bias,rates,spiking}.json, loaded at test time. Each case
// names its neuron type by the Python constructor call it used (e.g. "LIF(tau_rc=0.05, ...)");
// `typeFrom` parses that call and maps it onto our constructors.
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat, loadReference } from "../../../../test/support/reference.js";
import { ValidationError } from "../../src/errors.js";
import { elemAt, f64At, numAt } from "../../src/internal/checked.js";
import { AdaptiveLIF } from "../../src/neurons/AdaptiveLIF.js";
import { AdaptiveLIFRate } from "../../src/neurons/AdaptiveLIFRate.js";
import { Direct } from "../../src/neurons/Direct.js";
import { Izhikevich } from "../../src/neurons/Izhikevich.js";
import { LIF } from "../../src/neurons/LIF.js";
import { LIFRate } from "../../src/neurons/LIFRate.js";
import type { NeuronType } from "../../src/neurons/NeuronType.js";
import { RectifiedLinear } from "../../src/neurons/RectifiedLinear.js";
import { RegularSpiking } from "../../src/neurons/RegularSpiking.js";
import { Sigmoid } from "../../src/neurons/Sigmoid.js";
import { SoftLIFRate } from "../../src/neurons/SoftLIFRate.js";
import { SpikingRectifiedLinear } from "../../src/neurons/SpikingRectifiedLinear.js";
import { Tanh } from "../../src/neurons/Tanh.js";

// ---------------------------------------------------------------------------------------------
// Nengo constructor strings -> our neuron types

/** `tau_rc` -> `tauRc`. */
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Nengo's snake_case identifiers inside a message (`Sigmoid.max_rates: ...`) in camelCase. */
const camelWords = (s: string): string => s.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, camel);

type Kw = Record<string, number>;
type Factory = (kw: Kw, base: NeuronType | undefined) => NeuronType;

/** Our constructor for each Nengo class name; options are Nengo's keyword arguments in camelCase. */
const factories: Readonly<Record<string, Factory>> = {
  LIFRate: (kw) => new LIFRate(kw),
  LIF: (kw) => new LIF(kw),
  AdaptiveLIFRate: (kw) => new AdaptiveLIFRate(kw),
  AdaptiveLIF: (kw) => new AdaptiveLIF(kw),
  SoftLIFRate: (kw) => new SoftLIFRate(kw),
  RectifiedLinear: (kw) => new RectifiedLinear(kw),
  SpikingRectifiedLinear: (kw) => new SpikingRectifiedLinear(kw),
  Sigmoid: (kw) => new Sigmoid(kw),
  Tanh: (kw) => new Tanh(kw),
  Izhikevich: (kw) => new Izhikevich(kw),
  Direct: () => new Direct(),
  RegularSpiking: (kw, base) => {
    if (base === undefined) throw new Error("RegularSpiking needs a base type");
    return new RegularSpiking(base, kw);
  },
};

/**
 * Parses the first call `Name(arg, key=value, ...)` of a reference's constructor description
 * (what follows it, e.g. " defaults: tau_rc=0.02", is commentary) and builds our type from it.
 * Every keyword must land on the field of the same (camelCase) name.
 */
function typeFrom(description: string): NeuronType {
  let pos = description.search(/[A-Z]\w*\(/);
  if (pos < 0) throw new Error(`no constructor call in '${description}'`);
  const skip = (): void => {
    while (description[pos] === " ") pos++;
  };
  const eat = (c: string): void => {
    skip();
    if (description[pos] !== c) throw new Error(`expected '${c}' at ${pos} in '${description}'`);
    pos++;
  };
  const ident = (): string => {
    skip();
    const m = /^[A-Za-z_]\w*/.exec(description.slice(pos));
    if (m === null) throw new Error(`expected a name at ${pos} in '${description}'`);
    pos += m[0].length;
    return m[0];
  };
  const number = (): number => {
    skip();
    const m = /^(-?inf|[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?)/i.exec(description.slice(pos));
    if (m === null) throw new Error(`expected a number at ${pos} in '${description}'`);
    pos += m[0].length;
    return m[0].toLowerCase().endsWith("inf") ? (m[0].startsWith("-") ? -Infinity : Infinity) : Number(m[0]);
  };
  const call = (): NeuronType => {
    const name = ident();
    const factory = factories[name];
    if (factory === undefined) throw new Error(`no Plexus neuron type for Nengo's ${name}`);
    eat("(");
    const kw: Kw = {};
    let base: NeuronType | undefined;
    skip();
    while (description[pos] !== ")") {
      if (/^[A-Z]/.test(description.slice(pos))) base = call();
      else {
        const key = camel(ident());
        eat("=");
        kw[key] = number();
      }
      skip();
      if (description[pos] === ",") pos++;
      skip();
    }
    eat(")");
    const type = factory(kw, base);
    expect(type.kind).toBe(name);
    for (const [key, value] of Object.entries(kw)) {
      expect((type as unknown as Record<string, unknown>)[key], `${name}.${key}`).toBe(value);
    }
    if (base !== undefined) expect((type as RegularSpiking).baseType).toBe(base);
    return type;
  };
  return call();
}

// ---------------------------------------------------------------------------------------------
// neuron_gain_bias.json

interface GainBiasCase {
  readonly constructor: string;
  readonly error?: string;
  readonly message?: string;
  readonly gain?: number[];
  readonly bias?: number[];
  readonly roundtrip_max_rates?: number[];
  readonly roundtrip_intercepts?: number[];
}
interface GainBiasFile {
  readonly max_rates: number[];
  readonly intercepts: number[];
  readonly gain_bias_cases: Record<string, GainBiasCase>;
  readonly inverse_gain: number[];
  readonly inverse_bias: number[];
  readonly max_rates_intercepts_cases: Record<string, { constructor: string; max_rates: number[]; intercepts: number[] }>;
}

const gb = loadReference<GainBiasFile>("nengo/neuron_gain_bias.json");

describe("Nengo parity: gain_bias (neuron_gain_bias.json)", () => {
  const maxRates = flat(gb.max_rates);
  const intercepts = flat(gb.intercepts);
  it("has cases", () => expect(Object.keys(gb.gain_bias_cases).length).toBeGreaterThan(0));

  for (const [name, c] of Object.entries(gb.gain_bias_cases)) {
    it(`${name}: ${c.constructor}`, () => {
      const type = typeFrom(c.constructor);
      if (c.error !== undefined) {
        expect(c.error).toBe("ValidationError");
        let thrown: unknown;
        try {
          type.gainBias(maxRates, intercepts);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(ValidationError);
        const err = thrown as ValidationError;
        expect(err.attr).toBe("maxRates");
        expect(err.message.startsWith(camelWords(c.message ?? ""))).toBe(true);
        return;
      }
      const { gain, bias } = type.gainBias(maxRates, intercepts);
      expectAllClose(gain, flat(c.gain), { what: `${name} gain` });
      expectAllClose(bias, flat(c.bias), { what: `${name} bias` });
      const back = type.maxRatesIntercepts(gain, bias);
      expectAllClose(back.maxRates, flat(c.roundtrip_max_rates), { what: `${name} round-trip max rates` });
      expectAllClose(back.intercepts, flat(c.roundtrip_intercepts), { what: `${name} round-trip intercepts` });
    });
  }

  for (const [name, c] of Object.entries(gb.max_rates_intercepts_cases)) {
    it(`maxRatesIntercepts ${name}: ${c.constructor}`, () => {
      const type = typeFrom(c.constructor);
      const out = type.maxRatesIntercepts(flat(gb.inverse_gain), flat(gb.inverse_bias));
      expectAllClose(out.maxRates, flat(c.max_rates), { what: `${name} max rates` });
      expectAllClose(out.intercepts, flat(c.intercepts), { what: `${name} intercepts` });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// neuron_rates.json

interface RatesFile {
  readonly x: number[];
  readonly gain: number[];
  readonly bias: number[];
  readonly cases: Record<string, { constructor: string; rates: number[][] }>;
}

const rf = loadReference<RatesFile>("nengo/neuron_rates.json");

describe("Nengo parity: rates (neuron_rates.json)", () => {
  const gain = flat(rf.gain);
  const bias = flat(rf.bias);
  const n = gain.length;
  // Nengo broadcasts the 1-D x against every neuron: our x is nPoints × nNeurons.
  const x = new Float64Array(rf.x.length * n);
  rf.x.forEach((v, p) => x.fill(v, p * n, (p + 1) * n));
  it("has cases", () => expect(Object.keys(rf.cases).length).toBeGreaterThan(0));

  for (const [name, c] of Object.entries(rf.cases)) {
    it(`${name}: ${c.constructor}`, () => {
      const type = typeFrom(c.constructor);
      expectAllClose(type.rates(x, gain, bias), flat(c.rates), { what: `${name} rates` });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// neuron_spiking.json

type Rows = number[][];
interface SpikingCase {
  readonly constructor_and_setup: string;
  readonly J: number[];
  readonly initial_state: Record<string, number[]>;
  readonly spike_counts_1s: number[];
  readonly first_spike_step_index: number[];
  readonly first_20_spike_step_indices: number[][];
  readonly trace_first_50_steps: Record<string, Rows>;
  readonly final_state_after_1000_steps: Record<string, number[]>;
  readonly rates_formula_for_comparison?: number[];
}
interface SpikingFile {
  readonly dt: number;
  readonly n_steps: number;
  readonly cases: Record<string, SpikingCase>;
}

const sf = loadReference<SpikingFile>("nengo/neuron_spiking.json");

/**
 * Runs the case's type from its initial state with its constant J for n_steps steps, recording
 * spike counts, spiking steps and the first `traceSteps` values of output and state.
 */
function simulate(c: SpikingCase, traceNames: readonly string[], traceSteps: number) {
  const type = typeFrom(c.constructor_and_setup);
  const J = flat(c.J);
  const n = J.length;
  const dt = sf.dt;
  const amplitude = (type as unknown as { amplitude?: number }).amplitude ?? 1;
  const state: Record<string, Float64Array> = {};
  for (const [key, values] of Object.entries(c.initial_state)) state[camel(key)] = flat(values);

  const output = new Float64Array(n);
  const trace: Record<string, Float64Array> = {};
  for (const key of traceNames) trace[key] = new Float64Array(traceSteps * n);
  const counts = new Array<number>(n).fill(0);
  const spikeSteps: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < sf.n_steps; s++) {
    type.step(dt, J, output, state);
    for (let i = 0; i < n; i++) {
      if (output[i] !== 0) {
        // a step may hold several spikes (SpikingRectifiedLinear): output = k · amplitude / dt
        counts[i] = numAt(counts, i) + Math.round((f64At(output, i) * dt) / amplitude);
        elemAt(spikeSteps, i).push(s);
      }
    }
    if (s < traceSteps) {
      for (const key of traceNames) defined(trace[key]).set(key === "output" ? output : defined(state[camel(key)]), s * n);
    }
  }
  return { type, J, state, trace, counts, spikeSteps };
}

describe("Nengo parity: spiking step (neuron_spiking.json)", () => {
  it("has cases", () => expect(Object.keys(sf.cases).length).toBeGreaterThan(0));

  for (const [name, c] of Object.entries(sf.cases)) {
    describe(`${name}: ${c.constructor_and_setup}`, () => {
      const traceNames = Object.keys(c.trace_first_50_steps);
      const traceSteps = c.trace_first_50_steps["output"]?.length ?? 0;
      let memo: ReturnType<typeof simulate> | undefined;
      const run = (): ReturnType<typeof simulate> => (memo ??= simulate(c, traceNames, traceSteps));

      it("has the state variables of the reference, and trace steps", () => {
        const { type } = run();
        expect(Object.keys(type.stateSpec).sort()).toEqual(Object.keys(c.initial_state).map(camel).sort());
        expect(traceNames.map(camel).sort()).toEqual(["output", ...Object.keys(type.stateSpec)].sort());
        expect(traceSteps).toBeGreaterThan(0);
      });
      it("matches spike counts over 1 s exactly", () => {
        expect(run().counts).toEqual(c.spike_counts_1s);
      });
      it("matches the first spike step and the first 20 spike steps exactly", () => {
        const { spikeSteps } = run();
        expect(spikeSteps.map((steps) => steps[0] ?? -1)).toEqual(c.first_spike_step_index);
        expect(spikeSteps.map((steps) => steps.slice(0, 20))).toEqual(c.first_20_spike_step_indices);
      });
      for (const key of traceNames) {
        it(`matches the ${traceSteps}-step trace of ${key}`, () => {
          expectAllClose(defined(run().trace[key]), flat(c.trace_first_50_steps[key]), { what: `${name} ${key} trace` });
        });
      }
      it("matches the final state after all steps", () => {
        const { state } = run();
        for (const [key, values] of Object.entries(c.final_state_after_1000_steps)) {
          expectAllClose(defined(state[camel(key)]), flat(values), { what: `${name} final ${key}` });
        }
      });
      if (c.rates_formula_for_comparison !== undefined) {
        it("matches the rate formula for the same currents", () => {
          const { type, J } = run();
          const rates = new Float64Array(J.length);
          type.rateFromCurrent(J, rates);
          expectAllClose(rates, flat(c.rates_formula_for_comparison), { what: `${name} rates formula` });
        });
      }
    });
  }
});
