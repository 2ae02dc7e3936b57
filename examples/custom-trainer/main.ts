// A trainer written outside Plexus: random search over one named parameter, plugged in through
// the public Trainer interface and finished by `freeze`, which also measures every candidate
// (the simulator's loss through the ports), so no Plexus package is touched.
//
//   npx tsx --conditions=@plexus/source examples/custom-trainer/main.ts
import { pathToFileURL } from "node:url";
import { LIF, Network, type PortDims, parameterName, Rng, TrainingError } from "@plexus/core";
import { build } from "@plexus/simulator";
import { type EpochLogs, type FitOptions, freeze, type TrainedSubnetwork, type Trainer, type TrainingData } from "@plexus/trainer";
import { exampleArgs } from "../internal/exampleArgs.js";

export interface RandomSearchOptions {
  /** The parameter to search, by `parameterName`, e.g. `"Connection[0].weights"`. */
  readonly parameter: string;
  /** Candidates to try. Default 40. */
  readonly trials?: number;
  /** Each candidate multiplies the best values so far by a factor in [1 − spread, 1 + spread]. Default 0.5. */
  readonly spread?: number;
  readonly seed?: number;
}

/** Random search: keep whichever scaled copy of one parameter gives the lowest deployed loss. */
export class RandomSearchTrainer implements Trainer {
  readonly name = "RandomSearchTrainer";
  constructor(readonly options: RandomSearchOptions) {}

  async fit<const I extends PortDims, const O extends PortDims>(
    net: Network<I, O>,
    data: TrainingData<I, O>,
    options: FitOptions = {},
  ): Promise<TrainedSubnetwork<I, O>> {
    const { parameter, trials = 40, spread = 0.5, seed = 0 } = this.options;
    const plan = build(net, { seed });
    const conn = net.all("connection").find((c) => parameterName(c, "weights", net) === parameter);
    const built = conn === undefined ? undefined : plan.built.connections.get(conn);
    if (built === undefined)
      throw new TrainingError(`${net}: no connection weights named '${parameter}'; give the name parameterName(connection, "weights", net) returns`, {
        label: parameter,
      });
    const shape = built.weightsShape;
    // freeze runs the frozen network on the simulator through its ports: the loss of a candidate.
    const lossOf = (values: Float64Array): number =>
      freeze(net, { parameters: { [parameter]: { shape, values } }, data, run: { trainer: this.name, epochs: 0, trainLoss: NaN }, seed }).report.deployedLoss;
    const rng = new Rng(seed);
    let best = Float64Array.from(built.weights);
    let bestLoss = lossOf(best);
    const history: EpochLogs[] = [];
    for (let t = 0; t < trials; t++) {
      if (options.signal?.aborted === true) break;
      const factor = 1 + spread * (2 * rng.random() - 1);
      const candidate = best.map((w) => w * factor);
      const loss = lossOf(candidate);
      if (loss < bestLoss) [best, bestLoss] = [candidate, loss];
      history.push({ epoch: t, loss: bestLoss });
    }
    return freeze(net, {
      parameters: { [parameter]: { shape, values: best } },
      data,
      run: { trainer: this.name, engine: "random search", epochs: history.length, trainLoss: bestLoss, history },
      seed,
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    });
  }
}

/** A spiking channel u → 50 LIF → y whose input port transform (`Connection[0].weights`) starts at 1. */
export function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: 50, dimensions: 1, neuronType: new LIF(), label: "a" });
  net.connect(net.in.u, a, { synapse: null });
  net.connect(a, net.out.y, { synapse: 0.01 });
  return net;
}

/** u = sin(2π·2t) for `steps` ms, target y = gain · u. */
export function halfData(steps: number, gain = 0.5): TrainingData<{ u: 1 }, { y: 1 }> {
  const u = Float64Array.from({ length: steps }, (_, k) => Math.sin(2 * Math.PI * 2 * (k + 1) * 0.001));
  return { inputs: { u: { data: u, shape: [1, steps, 1] } }, targets: { y: { data: u.map((v) => gain * v), shape: [1, steps, 1] } } };
}

/** The command line: `plexus run custom-trainer --help` lists the options. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const values = exampleArgs(
    { name: "custom-trainer", summary: "A trainer of your own: random search over one named parameter, plugged in through the Trainer interface." },
    {
      trials: { type: "integer", placeholder: "n", description: "candidates to try (default 40)" },
      seed: { type: "integer", placeholder: "n", description: "seed of the search (default 3)" },
    },
    argv,
  );
  if (values === undefined) return;
  const trained = await new RandomSearchTrainer({ parameter: "Connection[0].weights", trials: values.trials ?? 40, seed: values.seed ?? 3 }).fit(
    channel(),
    halfData(500),
  );
  const r = trained.report;
  const transform = trained.parameters["Connection[0].weights"]?.values[0];
  console.log(`${r.trainer}: input transform ${transform?.toFixed(3) ?? "(not trained)"}`);
  console.log(`trainLoss ${r.trainLoss.toExponential(3)}, deployedLoss ${r.deployedLoss.toExponential(3)} (the simulator's, through the ports)`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
