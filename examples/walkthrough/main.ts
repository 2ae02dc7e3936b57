// The API in one page: build a subnetwork with ports, train it, save and load it, couple it.
// Run: npx plexus run walkthrough [--epochs n]   (or: npx tsx --conditions=@plexus/source examples/walkthrough/main.ts)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LIFRate, Network, Sigmoid } from "@plexus/core";
import { couple } from "@plexus/coupler";
import { adam, GradientTrainer, LeastSquaresTrainer, type TrainedSubnetwork } from "@plexus/trainer";
import { load, save } from "@plexus/trainer/node";
import { exampleArgs } from "../internal/exampleArgs.js";

export async function walkthrough(epochs = 20): Promise<{
  trainLoss: number;
  deployedLoss: number;
  coupledRmse: number;
  channel: Network<{ u: 1 }, { y: 1 }>;
  reloaded: TrainedSubnetwork<{ u: 1 }, { y: 1 }>;
}> {
  // 1. A subnetwork is entered and left only through its typed ports.
  const channel = new Network({ label: "channel", seed: 0, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = channel.ensemble({ nNeurons: 100, dimensions: 1, neuronType: new Sigmoid() });
  channel.connect(channel.in.u, x, { synapse: null }); // this connection (and what it learns) belongs to port u
  channel.connect(x, channel.out.y, { synapse: null });

  // 2. Train it by gradient descent on x = y = sin(2π·5t): 1000 examples of one step ([batch][steps][dims]).
  const u = Array.from({ length: 1000 }, (_, k) => [[Math.sin(2 * Math.PI * 5 * k * 0.001)]]);
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 100, seed: 0 });
  const trained = await trainer.fit(channel, { inputs: { u }, targets: { y: u } }, { epochs, progress: false, onWarning: () => {} });
  // trainLoss: the running average over the last epoch; deployedLoss: the frozen network on the simulator.
  const { trainLoss, deployedLoss } = trained.report;

  // 3. Save it (safetensors + manifest + SHA-256) and load it back.
  const dir = await mkdtemp(join(tmpdir(), "plexus-"));
  await save(trained, join(dir, "channel.plexus"));
  const reloaded = await load<{ u: 1 }, { y: 1 }>(join(dir, "channel.plexus"));
  await rm(dir, { recursive: true }); // loaded bundles keep nothing open

  // 4. A second subnetwork, trained without gradients: the NEF decoders of 2·u.
  const doubler = new Network({ label: "doubler", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const d = doubler.ensemble({ nNeurons: 100, dimensions: 1, neuronType: new LIFRate(), radius: 1.5 });
  doubler.connect(doubler.in.u, d, { synapse: null });
  doubler.connect(d, doubler.out.y, { synapse: null, function: ([u = 0]) => 2 * u });
  const twice = await new LeastSquaresTrainer().fit(doubler, { inputs: {}, targets: {} }); // from eval points, as Nengo's build solves

  // 5. Couple them port to port; the learned port transform of `channel` applies to coupled inputs too.
  const system = couple({ channel: reloaded, doubler: twice })
    .wire(reloaded.out.y, twice.in.u)
    .input(reloaded.in.u, (t) => [Math.sin(2 * Math.PI * 2 * t)])
    .probe(twice.out.y, { label: "y" });
  const result = await system.run({ seconds: 1 });
  const y = result.data("y");
  const t = result.trange("y");
  let se = 0;
  for (const [k, yk] of y.entries()) se += (yk - 2 * Math.sin(2 * Math.PI * 2 * (t[k] ?? Number.NaN))) ** 2;
  return { trainLoss, deployedLoss, coupledRmse: Math.sqrt(se / y.length), channel, reloaded };
}

/** The command line: `plexus run walkthrough --help` lists the options. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const values = exampleArgs(
    { name: "walkthrough", summary: "The API in one page: build a subnetwork with ports, train it, save and load it, couple it." },
    { epochs: { type: "integer", placeholder: "n", description: "epochs of the gradient-trained channel (default 20)" } },
    argv,
  );
  if (values === undefined) return;
  const r = await walkthrough(values.epochs);
  console.log(`channel: trainLoss ${r.trainLoss.toExponential(3)}, deployedLoss ${r.deployedLoss.toExponential(3)}`);
  console.log(`channel → doubler, coupled for 1 s: RMSE against 2·sin(2π·2t) = ${r.coupledRmse.toExponential(3)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
