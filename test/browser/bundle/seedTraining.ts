// The trainer in the browser: the seed case (input port u → 100 Sigmoid neurons → output port y,
// no synapses, x = y = sin(2π·5t) over 1 s, Adam 1e-3, minibatches of 100, seed 0) trained by
// GradientTrainer with the typed engine, saved to bundle bytes (toBytes), read back (fromBytes),
// run through its ports (predict) and coupled with a second subnetwork. Everything the page
// computes comes back as hex bytes, to be compared with Node's bit for bit. The data's sines are
// our libm's (@plexus/core/runtime), as Plexus's own are: the engines' Math.sin may differ.
import { Lowpass, Network, Sigmoid } from "@plexus/core";
import { libm } from "@plexus/core/runtime";
import { couple } from "@plexus/coupler";
import { adam, fromBytes, GradientTrainer, toBytes } from "@plexus/trainer";
import { float64Hex } from "./channel.js";

/** What the page hands back, each as hex bytes. */
export interface SeedTrainingHex {
  /** Each epoch's loss, then trainLoss and deployedLoss. */
  readonly losses: string;
  /** Every trained parameter, by name. */
  readonly parameters: { readonly name: string; readonly hex: string }[];
  /** The whole bundle (toBytes). */
  readonly bundle: string;
  /** `predict` of the subnetwork read back from the bundle (fromBytes), and of the trained one. */
  readonly predicted: { readonly loaded: string; readonly trained: string };
  /** The read-back subnetwork coupled with a second one: the probes of both ports. */
  readonly coupled: { readonly label: string; readonly hex: string }[];
}

function bytesHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** The seed case's network: u → 100 Sigmoid → y, no synapses. */
function seedChannel(seed: number): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 100, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

/** A second subnetwork `u → 40 LIF → y` (doubling), for the coupled run. */
function doubler(seed: number): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "doubler", seed, inputs: { u: 1 }, outputs: { y: 1 } });
  const ens = net.ensemble({ nNeurons: 40, dimensions: 1, label: "ens" });
  net.connect(net.in.u, ens, { synapse: new Lowpass(0.005) });
  net.connect(ens, net.out.y, { function: (v) => [2 * (v[0] ?? 0)], synapse: new Lowpass(0.01) });
  return net;
}

/** Trains the seed case `epochs` epochs, round trips it through bundle bytes, predicts and couples it (`steps` steps). */
export async function seedTrainingAsHex(epochs: number, steps: number, seed = 0): Promise<SeedTrainingHex> {
  const x = Float64Array.from({ length: 1000 }, (_, k) => libm.sin(2 * Math.PI * 5 * k * 0.001));
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 100, seed, engine: "typed" });
  const trained = await trainer.fit(seedChannel(seed), { inputs: { u: x }, targets: { y: x } }, { epochs, onWarning: () => {} });
  const bytes = toBytes(trained);
  const loaded = fromBytes<{ u: 1 }, { y: 1 }>(bytes);
  const { report } = trained;
  const losses = Float64Array.from([...report.history.map((h) => h.loss), report.trainLoss, report.deployedLoss]);
  const parameters = Object.entries(trained.parameters).map(([name, p]) => ({ name, hex: float64Hex(p.values) }));
  const second = doubler(seed + 1);
  const system = couple({ trained: loaded, doubler: second })
    .wire(loaded.out.y, second.in.u)
    .input(loaded.in.u, (t) => [libm.sin(2 * Math.PI * 5 * t)])
    .probe(loaded.out.y, { label: "trained.y" })
    .probe(second.out.y, { label: "doubler.y" });
  const result = await system.run({ steps });
  return {
    losses: float64Hex(losses),
    parameters,
    bundle: bytesHex(bytes),
    predicted: { loaded: float64Hex(loaded.predict({ u: x }).y.data), trained: float64Hex(trained.predict({ u: x }).y.data) },
    coupled: ["trained.y", "doubler.y"].map((label) => ({ label, hex: float64Hex(result.data(label)) })),
  };
}
