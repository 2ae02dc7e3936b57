// User-defined learning rule types (CustomLearningRule) built and run by @plexus/simulator:
// Nengo's test_custom_type against Nengo 4.1's own run of it (custom_rules.json, made by
// gen_custom_rules.py beside it), Oja and Voja written as custom rules against Nengo's Oja and
// Voja (learning_rules.json, voja.json), test_bad_learning_rule_modifies and
// test_learning_rule_size_in_strings.
import {
  BuildError,
  CustomLearningRule,
  type CustomLearningRuleOptions,
  LIF,
  LIFRate,
  Network,
  type Probe,
  type RuleSizeInName,
  type RuleStep,
  type RuleTarget,
  SimulationError,
  ValidationError,
} from "@plexus/core";
import { describe, expect, it } from "vitest";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { Simulator } from "../../src/Simulator.js";
import { hebbianNet, maxErrors, type TwoEnsembleReference } from "./ruleParity.js";

const custom = loadReferenceBeside<{ custom_type: { dt: number; weights: number[][] }; size_in: Readonly<Record<string, number>> }>(
  import.meta.url,
  "./custom_rules.json",
);
const hebbian = loadReferenceBeside<TwoEnsembleReference>(import.meta.url, "./learning_rules.json");

/** Nengo's TestRule of test_custom_type: its builder copies the rule's input (3 values) into the delta, zeros after. */
class TestRule extends CustomLearningRule {
  static override readonly modifies = "decoders";
  static override readonly writes: "update" | "set" = "set";
  constructor() {
    super({ learningRate: 1.0, sizeIn: 3 });
  }
  step(s: RuleStep): void {
    s.delta.fill(0);
    s.delta.set(s.input);
  }
}

/** The same step, written after everything else in the step (the default): its change applies one step later. */
class LateTestRule extends TestRule {
  static override readonly writes = "update";
}

function customTypeNet(rule: CustomLearningRule): { net: Network; p: Probe; delta: Probe } {
  const net = new Network();
  const a = net.ensemble({ nNeurons: 10, dimensions: 1 });
  const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
  const conn = net.connect(a.neurons, b, { transform: [new Array<number>(10).fill(0)], learningRule: rule });
  const err = net.node({ output: [1, 2, 3] });
  const lr = conn.learningRuleFor(0);
  net.connect(err, lr, { synapse: null });
  return { net, p: net.probe(conn, { attr: "weights" }), delta: net.probe(lr, { attr: "delta" }) };
}

function runSteps(net: Network, steps: number, dt: number): Simulator {
  const sim = new Simulator(net, { dt, progress: false });
  sim.runSteps(steps);
  return sim;
}

describe("user-defined learning rule types on the simulator", () => {
  it("test_custom_type: the weights after 5 steps are Nengo 4.1's (outer(1..5, [1, 2, 3]), zeros after)", () => {
    const { net, p, delta } = customTypeNet(new TestRule());
    const want = custom.custom_type.weights;
    const sim = runSteps(net, want.length, custom.custom_type.dt);
    const got = sim.data(p);
    expect(got.shape).toEqual([want.length, 10]); // Nengo's (5, 1, 10), each step's weights flattened
    const flat = want.flat();
    let max = 0;
    for (let i = 0; i < flat.length; i++) max = Math.max(max, Math.abs((got.data[i] ?? Number.NaN) - (flat[i] ?? Number.NaN)));
    expect(max).toBe(0);
    // the delta is probe-able: the input, every step
    expect(Array.from(sim.data(delta).data.subarray(0, 10))).toEqual([1, 2, 3, 0, 0, 0, 0, 0, 0, 0]);
    sim.close();
  });

  it("an update rule's change applies one step later than a set rule's (Nengo's rule operators)", () => {
    const { net, p } = customTypeNet(new LateTestRule());
    const want = custom.custom_type.weights;
    const sim = runSteps(net, want.length, custom.custom_type.dt);
    const rows = Array.from({ length: want.length }, (_, k) => Array.from(sim.data(p).data.subarray(k * 10, k * 10 + 10)));
    expect(rows).toEqual([new Array<number>(10).fill(0), ...want.slice(0, -1)]);
    sim.close();
  });

  it("test_bad_learning_rule_modifies: Unrecognized target at connect (ValidationError), Unknown target at build (BuildError)", () => {
    class BadCustomRule extends CustomLearningRule {
      static override readonly modifies = "badval" as RuleTarget;
      step(): void {}
    }
    class TrickCustomRule extends CustomLearningRule {
      static override readonly modifies: RuleTarget = "encoders";
      step(): void {}
    }
    const net = new Network();
    const ens = net.ensemble({ nNeurons: 2, dimensions: 2 });
    const e = thrownBy(ValidationError, () => net.connect(ens, ens, { learningRule: new BadCustomRule() }));
    expect(e.message).toMatch(/Unrecognized target 'badval'/);
    expect(e.attr).toBe("learningRule");
    net.connect(ens, ens, { learningRule: new TrickCustomRule() });
    // a class's static is writable at run time, as Nengo's class attribute
    (TrickCustomRule as { modifies: unknown }).modifies = "badvalue";
    const b = thrownBy(BuildError, () => new Simulator(net, { progress: false }));
    expect(b.message).toMatch(/Unknown target 'badvalue'/);
    expect(b.message).toMatch(/TrickCustomRule/);
  });

  it("test_learning_rule_size_in_strings: Nengo's names resolve on the connection as Nengo 4.1 resolves them; a bad name is refused", () => {
    class CustomLR extends CustomLearningRule {
      static override readonly modifies = "decoders";
      step(): void {}
    }
    const net = new Network();
    const a = net.ensemble({ nNeurons: 10, dimensions: 5 });
    const b = net.ensemble({ nNeurons: 10, dimensions: 2 });
    const names = Object.keys(custom.size_in);
    expect(names).toEqual(["pre", "mid", "post", "pre_state", "post_state"]);
    for (const sizeIn of names) {
      const conn = net.connect(a, b, {
        function: (x: Float64Array) => x.subarray(0, 3),
        transform: [
          [1, 1, 1],
          [1, 1, 1],
        ],
        learningRule: new CustomLR({ sizeIn: sizeIn as RuleSizeInName }),
      });
      expect(conn.learningRuleFor(0).sizeIn, sizeIn).toBe(custom.size_in[sizeIn]);
    }
    const e = thrownBy(ValidationError, () => new CustomLR({ sizeIn: "badval" as RuleSizeInName }));
    expect(e.message).toMatch(/'badval' is not a valid string value/);
    expect(e.attr).toBe("sizeIn");
  });

  it("a step that throws stops the run with a SimulationError naming the rule and the step", () => {
    class Failing extends CustomLearningRule {
      static override readonly modifies = "decoders";
      step(s: RuleStep): void {
        if (s.t > 0.0025) throw new Error("no more");
        s.delta.fill(0);
      }
    }
    const { net } = customTypeNet(new Failing({ sizeIn: 3 }));
    const sim = new Simulator(net, { progress: false });
    const e = thrownBy(SimulationError, () => sim.runSteps(5));
    expect(e.message).toMatch(/Failing/);
    expect(e.message).toMatch(/no more/);
    expect(e.step).toBe(3);
    sim.close();
  });
});

/** Nengo's Oja (SimOja) as a user would write it: a weights rule reading the weights, in Nengo's operation order. */
class CustomOja extends CustomLearningRule {
  static override readonly modifies = "weights";
  readonly beta: number;
  constructor(options: CustomLearningRuleOptions & { readonly beta?: number } = {}) {
    const { beta, ...rest } = options;
    super(rest);
    this.beta = beta ?? 1.0;
  }
  step(s: RuleStep): void {
    const alpha = this.learningRate * s.dt;
    const { delta, target, preFiltered: pre, postFiltered: post, cols: n } = s;
    for (let i = 0; i < s.rows; i++) {
      const p = post[i] ?? 0;
      const sq = alpha * p * p;
      const ap = alpha * p;
      for (let j = 0; j < n; j++) delta[i * n + j] = -this.beta * (target[i * n + j] ?? 0) * sq + ap * (pre[j] ?? 0);
    }
  }
}

/** The Oja cases of gen_learning_rules.py, as custom rules (Nengo's Oja filters post with pre's synapse by default). */
const ojaCases: Readonly<Record<string, () => CustomOja>> = {
  oja: () => new CustomOja({ learningRate: 1e-5, preSynapse: 0.005, postSynapse: 0.005 }),
  oja_beta: () => new CustomOja({ learningRate: 2e-5, preSynapse: 0.01, postSynapse: null, beta: 0.3 }),
};

function ojaNet(name: string, rule: CustomOja): { net: Network; probes: Record<string, Probe> } {
  const { net, rule: lr, probes } = hebbianNet(hebbian, name.endsWith("_lif"), rule);
  probes["delta"] = net.probe(lr, { attr: "delta", sampleEvery: 0.05 });
  probes["pre_filtered"] = net.probe(lr, { attr: "preFiltered", sampleEvery: 0.05 });
  probes["post_filtered"] = net.probe(lr, { attr: "postFiltered", sampleEvery: 0.05 });
  return { net, probes };
}

describe("Oja written as a custom rule = Nengo 4.1's Oja (learning_rules.json)", () => {
  for (const name of Object.keys(hebbian.cases).filter((n) => n.startsWith("oja"))) {
    it(`${name}: weights, delta and the filtered activities follow Nengo's run`, () => {
      const make = ojaCases[name.replace(/_lif$/, "")];
      if (make === undefined) throw new Error(`no custom rule for case ${name}`);
      const { net, probes } = ojaNet(name, make());
      const sim = new Simulator(net, { dt: hebbian.dt, progress: false });
      sim.runSteps(hebbian.steps);
      const errs = maxErrors(sim, probes, hebbian.cases[name] ?? {});
      sim.close();
      const w = hebbian.cases[name]?.["weights"] ?? [];
      // the weights moved in Nengo's run (by at least 1e-3 somewhere): the comparison is not of constants
      expect(Math.max(...(w.at(-1) ?? []).map((v, i) => Math.abs(v - (hebbian.w0.flat()[i] ?? 0))))).toBeGreaterThan(1e-3);
      // measured (oja, oja_beta, oja_lif): weights <= 8e-16, delta <= 3e-18, b and the filtered activities <= 3e-13
      expect(errs["weights"]).toBeLessThan(1e-12);
      expect(errs["delta"]).toBeLessThan(1e-14);
      for (const k of ["b", "pre_filtered", "post_filtered"]) expect(errs[k], k).toBeLessThan(1e-9);
    });
  }
});

/** Nengo's Voja (SimVoja) as a user would write it: an encoders rule, `scale` = gain / radius given as a parameter. */
class CustomVoja extends CustomLearningRule {
  static override readonly modifies = "encoders";
  readonly scale: readonly number[];
  constructor(options: CustomLearningRuleOptions & { readonly scale: readonly number[] }) {
    const { scale, ...rest } = options;
    super({ sizeIn: 1, ...rest });
    this.scale = scale;
  }
  step(s: RuleStep): void {
    const alpha = this.learningRate * s.dt;
    // Nengo resets the learning signal to 1 before the connections into the rule add to it
    const learning = 1 + (s.input[0] ?? 0);
    const { delta, target, postFiltered: post, postInput: x, cols: d } = s;
    for (let i = 0; i < s.rows; i++) {
      const a = post[i] ?? 0;
      const scaled = this.scale[i] ?? 0;
      for (let j = 0; j < d; j++) delta[i * d + j] = alpha * learning * (scaled * (a * (x[j] ?? 0)) - a * (target[i * d + j] ?? 0));
    }
  }
}

interface VojaCase {
  readonly learning_rate: number;
  readonly post_synapse: number | null;
  readonly signal: boolean;
  readonly spiking: boolean;
  readonly [probe: string]: unknown;
}
const voja = loadReferenceBeside<{
  dt: number;
  steps: number;
  radius: number;
  encoders: number[][];
  gain: number[];
  bias: number[];
  voltage: number[];
  cases: Readonly<Record<string, VojaCase>>;
}>(import.meta.url, "./voja.json");

describe("Voja written as a custom encoders rule = Nengo 4.1's Voja (voja.json)", () => {
  for (const [name, c] of Object.entries(voja.cases)) {
    it(`${name}: the scaled encoders and the delta follow Nengo's run`, () => {
      const net = new Network({ seed: 0 });
      const stim = net.node({ output: (t: number) => [0.9 * Math.cos(2 * Math.PI * t), 0.9 * Math.sin(2 * Math.PI * t)] });
      const post = net.ensemble({
        nNeurons: voja.gain.length,
        dimensions: 2,
        radius: voja.radius,
        neuronType: c.spiking ? new LIF({ initialState: { voltage: voja.voltage } }) : new LIFRate(),
        encoders: voja.encoders,
        gain: voja.gain,
        bias: voja.bias,
      });
      const rule = new CustomVoja({ learningRate: c.learning_rate, postSynapse: c.post_synapse, scale: voja.gain.map((g) => g / voja.radius) });
      const conn = net.connect(stim, post, { learningRule: rule });
      const lr = conn.learningRuleFor(0);
      if (c.signal) net.connect(net.node({ output: (t: number) => (t > 0.5 ? -0.5 : 0.3) }), lr);
      const probes: Record<string, Probe> = {
        post: net.probe(post.neurons, { sampleEvery: 0.05 }),
        scaled_encoders: net.probe(post, { attr: "scaledEncoders", sampleEvery: 0.05 }),
        delta: net.probe(lr, { attr: "delta", sampleEvery: 0.05 }),
        post_filtered: net.probe(lr, { attr: "postFiltered", sampleEvery: 0.05 }),
      };
      const sim = new Simulator(net, { dt: voja.dt, progress: false });
      sim.runSteps(voja.steps);
      const errs = maxErrors(sim, probes, c);
      sim.close();
      const enc = c["scaled_encoders"] as number[][];
      expect(Math.max(...(enc.at(-1) ?? []).map((v, i) => Math.abs(v - (enc[0]?.[i] ?? 0))))).toBeGreaterThan(0.1);
      // measured (voja, voja_nofilter_signal, voja_lif_signal): scaled encoders <= 3e-16, delta <= 1e-18, rates <= 6e-14
      expect(errs["scaled_encoders"]).toBeLessThan(1e-12);
      expect(errs["delta"]).toBeLessThan(1e-14);
      expect(errs["post_filtered"]).toBeLessThan(1e-9);
      expect(errs["post"]).toBeLessThan(1e-9);
    });
  }
});
