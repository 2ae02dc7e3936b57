import { mkdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { GradientTrainer, adam, freeze, load, save } from "@plexus/trainer";
import type { BundleRecord, SeedRescalingResults, SeedRescalingRun } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";
import type { SeedRescalingExample } from "./exampleContracts.js";
import { loadExample } from "./loadExample.js";

/** The setup of issue 4's reported case (examples/seed-rescaling). */
const SETUP = { network: "1 → 100 Sigmoid → 1", dt: 0.001, epochs: 100, minibatchSize: 100, learningRate: 1e-3, signalHz: 5 } as const;
const LENGTHS = [1, 4, 7, 10, 13, 16];
/** Reduced sizes for `--quick` (tests). */
const QUICK = { lengths: [1, 2], epochs: 5 } as const;
/** Seconds of each run's data shown as output vs target (two periods of the 5 Hz signal). */
const TRACE_SECONDS = 0.4;

/**
 * Part 1, the reported case: examples/seed-rescaling's channel trained by gradient descent at
 * each data length, measured through its port and with the learned port transform dropped (the
 * original pass-through wiring), each trained subnetwork saved as a bundle.
 */
export async function seedRescalingPart(ctx: DemoContext): Promise<PartOutcome<SeedRescalingResults>> {
  const example = await loadExample<SeedRescalingExample>("seed-rescaling", ["channel", "verdict"]);
  const lengths = ctx.quick ? QUICK.lengths : LENGTHS;
  const setup = { ...SETUP, epochs: ctx.quick ? QUICK.epochs : SETUP.epochs };
  const { dt, epochs } = setup;
  const bundleDir = join(ctx.outDir, "bundles");
  await mkdir(bundleDir, { recursive: true });
  const runs: SeedRescalingRun[] = [];
  const bundles: BundleRecord[] = [];
  for (const simT of lengths) {
    const n = Math.round(simT / dt);
    const x = Float64Array.from({ length: n }, (_, k) => Math.sin(2 * Math.PI * setup.signalHz * k * dt));
    const data = { inputs: { u: x }, targets: { y: x } };
    const { net, inputTransform } = example.channel(ctx.seed);
    const trainer = new GradientTrainer({ optimizer: adam({ learningRate: setup.learningRate }), minibatchSize: setup.minibatchSize, loss: "mse", seed: ctx.seed, dt });
    const trainerWarnings: string[] = [];
    const lossPerEpoch: number[] = [];
    const task = ctx.progress.task(`seed rescaling, ${simT} s of data`, epochs, "epochs");
    const trained = await trainer.fit(net, data, {
      epochs,
      progress: false, // the demo draws its own bars, one per part

      onWarning: (message) => void trainerWarnings.push(message),
      callbacks: {
        onEpochEnd: (epoch, logs) => {
          lossPerEpoch.push(logs.loss);
          task.update(epoch + 1, `loss ${logs.loss.toExponential(2)}`);
        },
      },
    });
    const port = trained.predict({ u: x }).y.data;
    // The original wiring: the same trained parameters, the port transform back at its initial 1.
    const bypassed = freeze(net, {
      parameters: { ...trained.parameters, [inputTransform]: { shape: [], values: [1] } },
      data,
      run: { trainer: "bypass (port transform reset to 1)", epochs: 0, trainLoss: NaN },
      dt,
      seed: ctx.seed,
      onWarning: () => {},
    });
    const bypass = bypassed.predict({ u: x }).y.data;
    const file = `bundles/channel-${simT}s.plexus`;
    await save(trained, join(ctx.outDir, file));
    // Where the result came from, checked: the reloaded bundle predicts the same bits.
    const reloaded = (await load(join(ctx.outDir, file))).predict({ u: x }).y.data;
    const identical = reloaded.length === port.length && reloaded.every((v, i) => Object.is(v, port[i]));
    const transform = trained.parameters[inputTransform]?.values ?? new Float64Array();
    const measured = {
      simT,
      trainLoss: trained.report.trainLoss,
      deployedLoss: trained.report.deployedLoss,
      portMse: mse(port, x),
      bypassMse: mse(bypass, x),
      inputTransform: transform[0] ?? NaN,
    };
    const verdict = example.verdict(measured) ?? null;
    const shown = Math.min(n, Math.round(TRACE_SECONDS / dt));
    runs.push({
      ...measured,
      inputTransform: Array.from(transform),
      lossPerEpoch,
      trace: {
        t: Array.from({ length: shown }, (_, k) => round(k * dt)),
        series: [
          { name: "target", values: Array.from(x.subarray(0, shown)) },
          { name: "port", values: Array.from(port.subarray(0, shown)) },
          { name: "bypass", values: Array.from(bypass.subarray(0, shown)) },
        ],
      },
      bundle: file,
      trainerWarnings,
      verdict,
    });
    bundles.push({
      name: `channel trained on ${simT} s of data`,
      path: file,
      bytes: (await stat(join(ctx.outDir, file))).size,
      reload: `const channel = await load(${JSON.stringify(relative(process.cwd(), join(ctx.outDir, file)))});`,
      reloadCheck: identical ? "identical" : "differs",
    });
    task.done(`MSE port ${measured.portMse.toExponential(1)}, dropped ${measured.bypassMse.toExponential(1)}`);
  }
  return { ran: true, value: { setup, runs }, bundles };
}

function mse(y: Float64Array, target: Float64Array): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += ((y[i] ?? NaN) - (target[i] ?? NaN)) ** 2;
  return s / target.length;
}

/** Removes float noise from `k · dt`. */
function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
