// The parity test of the trainer issue, for every non-gradient trainer: the loss a trainer
// reports and evaluates is the simulator's loss of the frozen subnetwork through its ports
// (equal: the same float64 computation in the same order), for a rate network and a spiking (LIF) network; on the training
// data and on data it never saw; and a saved and loaded bundle predicts the same.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Network } from "@plexus/core";
import { CmaEsTrainer, type DataArray, LeastSquaresTrainer, PesTrainer, type TrainedSubnetwork, type TrainingData } from "@plexus/trainer";
import { load, save } from "@plexus/trainer/node";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { independentLoss, rateChannel, relDiff, sineData, spikingChannel } from "./fixtures.js";

type Channel = Network<{ u: 1 }, { y: 1 }>;
interface Subject {
  readonly name: string;
  fit(net: Channel, data: TrainingData<{ u: 1 }, { y: 1 }>): Promise<TrainedSubnetwork<{ u: 1 }, { y: 1 }>>;
  evaluate(trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>, data: TrainingData<{ u: 1 }, { y: 1 }>): Promise<number>;
}

const quiet = { onWarning: (): void => {} };
const ls = new LeastSquaresTrainer({ seed: 1 });
const pes = new PesTrainer({ learningRate: 2e-4, init: "zeros", seed: 1 });
const cma = new CmaEsTrainer({ maxGenerations: 4, seed: 1 });
const subjects: Subject[] = [
  { name: "LeastSquaresTrainer", fit: (n, d) => ls.fit(n, d, quiet), evaluate: (t, d) => ls.evaluate(t, d) },
  { name: "PesTrainer", fit: (n, d) => pes.fit(n, d, { epochs: 2, ...quiet }), evaluate: (t, d) => pes.evaluate(t, d) },
  { name: "CmaEsTrainer", fit: (n, d) => cma.fit(n, d, quiet), evaluate: (t, d) => cma.evaluate(t, d) },
];

const target = (v: number): number => 0.7 * v + 0.3 * v * v;

function predictLoss(trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>, data: { readonly u: DataArray; readonly y: DataArray }): number {
  const out = trained.predict({ u: data.u }).y.data;
  let s = 0;
  for (let i = 0; i < out.length; i++) s += (defined(out[i]) - defined(data.y.data[i])) ** 2;
  return s / out.length;
}

describe("non-gradient trainers: reported loss = deployed loss = the simulator's loss", () => {
  for (const subject of subjects) {
    for (const [kind, make] of [
      ["rate (LIFRate)", () => rateChannel({ nNeurons: 30 })],
      ["spiking (LIF)", () => spikingChannel({ nNeurons: 30 })],
    ] as const) {
      it(`${subject.name}, ${kind}`, async () => {
        const net = make();
        const train = sineData(2, 300, target);
        const unseen = sineData(1, 250, (v) => -v);
        const trained = await subject.fit(net, { inputs: { u: train.u }, targets: { y: train.y } });
        const deployed = trained.report.deployedLoss;
        expect(Number.isFinite(deployed)).toBe(true);
        const simulated = independentLoss(net, trained, { u: train.u }, { y: train.y });
        expect(relDiff(deployed, simulated)).toBe(0);
        expect(relDiff(await subject.evaluate(trained, { inputs: { u: train.u }, targets: { y: train.y } }), simulated)).toBe(0);
        expect(relDiff(predictLoss(trained, train), simulated)).toBe(0);
        const unseenSimulated = independentLoss(net, trained, { u: unseen.u }, { y: unseen.y });
        expect(relDiff(await subject.evaluate(trained, { inputs: { u: unseen.u }, targets: { y: unseen.y } }), unseenSimulated)).toBe(0);

        const dir = await mkdtemp(join(tmpdir(), "plexus-nongradient-"));
        try {
          const path = join(dir, "trained.plexus");
          await save(trained, path);
          const loaded = await load<{ u: 1 }, { y: 1 }>(path, { network: net });
          expect(loaded.report).toEqual(trained.report);
          expect(loaded.predict({ u: train.u }).y.data).toEqual(trained.predict({ u: train.u }).y.data);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
    }
  }
});
