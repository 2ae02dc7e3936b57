// Random training runs and coupled systems for the fuzz suite: data and options valid and
// invalid (NaN, Inf, fractional, negative, huge, mismatched lengths).
import { LIFRate, Network, Sigmoid } from "@plexus/core";
import { couple, subsystem } from "@plexus/coupler";
import { adam, GradientTrainer, LeastSquaresTrainer } from "@plexus/trainer";
import fc from "fast-check";
import { defined } from "../support/defined.js";
import { count, maybeBad, real, type Tagged } from "./values.js";

// "huge" data stops at 1e100: a target of 1e300 is finite, but its squared error is not, and the
// trainers report that loss as Infinity (left to the trainer's owner; see the report)
const badData: readonly Tagged<number>[] = [
  ["NaN", NaN],
  ["Inf", Infinity],
  ["Inf", -Infinity],
  ["huge", 1e100],
  ["tiny", 5e-324],
];

export const arbTrainingCase = fc.record({
  trainer: fc.constantFrom("leastSquares", "gradient"),
  neuron: fc.constantFrom("Sigmoid", "LIFRate"),
  nNeurons: count(16),
  targetSteps: maybeBad(
    fc.constant(0),
    [
      ["mismatch", 3],
      ["mismatch", -1],
    ],
    1,
  ),
  /** One step per entry: [input, target]. */
  data: fc.array(
    fc.tuple(maybeBad(fc.double({ min: -1, max: 1, noNaN: true }), badData, 1, 40), maybeBad(fc.double({ min: -1, max: 1, noNaN: true }), badData, 1, 40)),
    { minLength: 1, maxLength: 12 },
  ),
  epochs: maybeBad(fc.integer({ min: 0, max: 2 }), [
    ["NaN", NaN],
    ["Inf", Infinity],
    ["negative", -1],
    ["fractional", 1.5],
  ]),
  minibatchSize: maybeBad(fc.integer({ min: 1, max: 4 }), [
    ["NaN", NaN],
    ["zero", 0],
    ["negative", -2],
    ["fractional", 0.5],
    ["Inf", Infinity],
  ]),
  learningRate: real(1e-4, 1e-2),
});

export type TrainingCase = typeof arbTrainingCase extends fc.Arbitrary<infer T> ? T : never;

function channel(c: TrainingCase): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: c.nNeurons[1], dimensions: 1, neuronType: c.neuron === "Sigmoid" ? new Sigmoid() : new LIFRate() });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

/** Fits and returns the numbers a user reads back (deployed loss, predictions); throws what Plexus throws. */
export async function runTrainingCase(c: TrainingCase): Promise<number[]> {
  const u = Float64Array.from(c.data, ([[, v]]) => v);
  const y = Float64Array.from({ length: Math.max(0, c.data.length + c.targetSteps[1]) }, (_, i) => defined(c.data[i % c.data.length])[1][1]);
  const data = { inputs: { u }, targets: { y } };
  const trained =
    c.trainer === "leastSquares"
      ? await new LeastSquaresTrainer().fit(channel(c), data)
      : await new GradientTrainer({ minibatchSize: c.minibatchSize[1], optimizer: adam({ learningRate: c.learningRate[1] }) }).fit(channel(c), data, {
          epochs: c.epochs[1],
          progress: false,
          onWarning: () => {},
        });
  const out = trained.predict({ u });
  return [trained.report.deployedLoss, ...Array.from(out.y.data)];
}

export const arbCouplingCase = fc.record({
  values: fc.array(maybeBad(fc.double({ min: -1, max: 1, noNaN: true }), badData, 1, 40), { minLength: 10, maxLength: 10 }),
  delaySteps: maybeBad(fc.integer({ min: 0, max: 3 }), [
    ["NaN", NaN],
    ["negative", -1],
    ["fractional", 0.5],
    ["huge", 1e12],
    ["Inf", Infinity],
  ]),
  dims: fc.constantFrom(1, 2),
});

export type CouplingCase = typeof arbCouplingCase extends fc.Arbitrary<infer T> ? T : never;

/** Runs a two-subsystem loop driven by an input array; returns the probe data. Throws what Plexus throws. */
export async function runCouplingCase(c: CouplingCase): Promise<number[]> {
  const make = (label: string): Network<{ u: number }, { y: number }> => {
    const net = new Network({ label, seed: 2, inputs: { u: c.dims }, outputs: { y: c.dims } });
    const f = net.node({ output: (_t: number, x: Float64Array) => Array.from(x, (v) => 0.5 * v), sizeIn: c.dims, sizeOut: c.dims });
    net.connect(net.in.u, f, { synapse: null });
    net.connect(f, net.out.y, { synapse: 0.005 });
    return net;
  };
  const a = subsystem(make("a"));
  const b = subsystem(make("b"));
  const steps = c.values.length;
  const input = Float64Array.from({ length: steps * c.dims }, (_, i) => defined(c.values[Math.floor(i / c.dims)])[1]);
  const system = couple({ a, b })
    .input(a.in.u, input, { sum: true })
    .wire(a.out.y, b.in.u, { delaySteps: c.delaySteps[1] })
    .wire(b.out.y, a.in.u, { delaySteps: 1, sum: true })
    .probe(b.out.y);
  const result = await system.run({ steps });
  return Array.from(result.data("b.out.y"));
}
