// What the learning-rule parity tests share: the rule's probes under Nengo's names, the largest
// difference between a run and Nengo's recorded one, probe by probe, and the two-ensemble network
// of gen_pes_neurons.py (which gen_multiple_rules.py reuses).
import { type Ensemble, type LearningRule, type LearningRuleType, LIF, LIFRate, Network, type NeuronType, type Node, type Probe } from "@plexus/core";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import type { Simulator } from "../../src/Simulator.js";

/** The fixed parameters of a two-ensemble generator's network (a and b, W0 between their neurons), and its cases' probes. */
export interface TwoEnsembleReference {
  readonly dt: number;
  readonly steps: number;
  readonly encA: number[][];
  readonly gainA: number[];
  readonly biasA: number[];
  readonly voltA: number[];
  readonly encB: number[][];
  readonly gainB: number[];
  readonly biasB: number[];
  readonly voltB: number[];
  readonly w0: number[][];
  readonly cases: Readonly<Record<string, Readonly<Record<string, number[][]>>>>;
}

/** pes_neurons.json: gen_pes_neurons.py's network, its decoders, targets and cases. */
export interface PesNeuronsReference extends TwoEnsembleReference {
  readonly rate: number;
  readonly d0: number[][];
  readonly db: number[][];
  readonly en: number[][];
  readonly target: number[][];
}

export const pesNeuronsRef = loadReferenceBeside<PesNeuronsReference>(import.meta.url, "./pes_neurons.json");

/** gen_pes_neurons.py's network before the learned connection: stim (2-D) into a and (times 0.5) b. */
export function twoEnsembles(spiking: boolean): { net: Network; stim: Node; a: Ensemble; b: Ensemble } {
  const ref = pesNeuronsRef;
  const neuron = (voltage: number[]): NeuronType => (spiking ? new LIF({ initialState: { voltage } }) : new LIFRate());
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: (t: number) => [Math.sin(2 * Math.PI * t) * 0.8, Math.cos(2 * Math.PI * t) * 0.6] });
  const a = net.ensemble({ nNeurons: ref.gainA.length, dimensions: 2, neuronType: neuron(ref.voltA), encoders: ref.encA, gain: ref.gainA, bias: ref.biasA });
  const b = net.ensemble({ nNeurons: ref.gainB.length, dimensions: 2, neuronType: neuron(ref.voltB), encoders: ref.encB, gain: ref.gainB, bias: ref.biasB });
  net.connect(stim, a);
  net.connect(stim, b, { transform: 0.5 });
  return { net, stim, a, b };
}

/**
 * gen_learning_rules.py's network (learning_rules.json): a sine into a and (negated) b, and the
 * neurons of a connected to the neurons of b through `ref.w0`, learned by `rule`; the weights and
 * b's neurons probed every 50 ms.
 */
export function hebbianNet(
  ref: TwoEnsembleReference,
  spiking: boolean,
  rule: LearningRuleType,
): { net: Network; rule: LearningRule; probes: Record<string, Probe> } {
  const neuron = (voltage: number[]): NeuronType => (spiking ? new LIF({ initialState: { voltage } }) : new LIFRate());
  const net = new Network({ seed: 0 });
  const stim = net.node({ output: (t: number) => Math.sin(2 * Math.PI * t) * 0.9 });
  const a = net.ensemble({ nNeurons: ref.gainA.length, dimensions: 1, neuronType: neuron(ref.voltA), encoders: ref.encA, gain: ref.gainA, bias: ref.biasA });
  const b = net.ensemble({ nNeurons: ref.gainB.length, dimensions: 1, neuronType: neuron(ref.voltB), encoders: ref.encB, gain: ref.gainB, bias: ref.biasB });
  net.connect(stim, a);
  net.connect(stim, b, { transform: -1 });
  const conn = net.connect(a.neurons, b.neurons, { transform: ref.w0, learningRule: rule });
  const probes: Record<string, Probe> = {
    weights: net.probe(conn, { attr: "weights", sampleEvery: 0.05 }),
    b: net.probe(b.neurons, { sampleEvery: 0.05 }),
  };
  return { net, rule: conn.learningRuleFor(0), probes };
}

/** Nengo's probeable names → Plexus attribute names of a rule. */
export const ruleAttrs: Readonly<Record<string, string>> = {
  delta: "delta",
  error: "error",
  activities: "activities",
  theta: "theta",
  pre_filtered: "preFiltered",
  post_filtered: "postFiltered",
  scaled_encoders: "scaledEncoders",
  inv_gamma: "invGamma",
};

/** Probes of every attribute the rule exposes, keyed by Nengo's name (`prefix` before it). */
export function probeRule(net: Network, rule: LearningRule, sampleEvery: number, prefix = ""): Record<string, Probe> {
  const probes: Record<string, Probe> = {};
  const known: readonly string[] = rule.rule.probeable;
  for (const [nengoName, attr] of Object.entries(ruleAttrs)) if (known.includes(attr)) probes[prefix + nengoName] = net.probe(rule, { attr, sampleEvery });
  return probes;
}

/** The largest |ours − Nengo's| over every sample, by probe; throws when a probe's length differs from Nengo's. */
export function maxErrors(sim: Simulator, probes: Readonly<Record<string, Probe>>, want: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, p] of Object.entries(probes)) {
    const rows = want[key] as number[][] | undefined;
    if (rows === undefined) throw new Error(`the reference has no probe '${key}'`);
    const flat = rows.flat();
    const got = sim.data(p).data;
    if (got.length !== flat.length) throw new Error(`probe '${key}': ${got.length} values, Nengo's has ${flat.length}`);
    let m = 0;
    for (let i = 0; i < flat.length; i++) m = Math.max(m, Math.abs((got[i] ?? Number.NaN) - (flat[i] ?? Number.NaN)));
    out[key] = m;
  }
  return out;
}

/** The largest change of a recorded matrix between its first and last sample (that the rule ran). */
export function maxChange(rows: readonly (readonly number[])[], from: readonly number[] = rows[0] ?? []): number {
  const last = rows.at(-1) ?? [];
  return last.reduce((m, v, i) => Math.max(m, Math.abs(v - (from[i] ?? Number.NaN))), 0);
}
