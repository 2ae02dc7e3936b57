import { stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { BundleError } from "@plexus/core";
import { libm } from "@plexus/core/runtime";
import { channel, verdict } from "@plexus/examples/seed-rescaling";
import { adam, freeze, GradientTrainer } from "@plexus/trainer";
import { load, save } from "@plexus/trainer/node";
import type { BundleRecord, SeedRescalingRun, SeedRescalingSetup } from "../results/DemoResults.js";

/** Seconds of each run's data shown as output vs target (two periods of the 5 Hz signal). */
const TRACE_SECONDS = 0.4;

/** What one data length of part 1 needs; plain data, so it can cross to a worker thread. */
export interface SeedRescalingJob {
  readonly simT: number;
  readonly setup: SeedRescalingSetup;
  /** Which panel of part 1 (0: the main one, 1: the report's setting). */
  readonly panel: number;
  /** Appended to the bundle's file name, e.g. "-as-reported". */
  readonly bundleSuffix: string;
  readonly seed: number;
  /** Folder of results.json; the bundle goes to `<outDir>/bundles/`. */
  readonly outDir: string;
  /** The working directory the reload line is written for. */
  readonly cwd: string;
}

/** The outcome of one data length. */
export interface SeedRescalingJobResult {
  readonly run: SeedRescalingRun;
  readonly bundle: BundleRecord;
}

/**
 * Trains examples/seed-rescaling's channel on `job.simT` seconds of data, measures it through its
 * port and with the learned port transform dropped, saves it and checks that the reloaded bundle
 * predicts the same bits. Results depend on the job only, not on where or when it runs.
 */
export async function runSeedRescalingJob(job: SeedRescalingJob, onEpoch: (epoch: number, loss: number) => void): Promise<SeedRescalingJobResult> {
  const { simT, setup, seed } = job;
  const { dt } = setup;
  const n = Math.round(simT / dt);
  const x = Float64Array.from({ length: n }, (_, k) => libm.sin(2 * Math.PI * setup.signalHz * k * dt));
  const data = { inputs: { u: x }, targets: { y: x } };
  const { net, inputTransform } = channel(seed);
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: setup.learningRate }), minibatchSize: setup.minibatchSize, loss: "mse", seed, dt });
  const trainerWarnings: string[] = [];
  const lossPerEpoch: number[] = [];
  const trained = await trainer.fit(net, data, {
    epochs: setup.epochs,
    progress: false, // the demo draws its own bars
    onWarning: (message) => void trainerWarnings.push(message),
    callbacks: {
      onEpochEnd: (epoch, logs) => {
        lossPerEpoch.push(logs.loss);
        onEpoch(epoch, logs.loss);
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
    seed,
    onWarning: () => {},
  });
  const bypass = bypassed.predict({ u: x }).y.data;
  const file = `bundles/channel-${simT}s${job.bundleSuffix}.plexus`;
  const path = join(job.outDir, file);
  await save(trained, path);
  // Where the result came from, checked: the reloaded bundle predicts the same bits.
  const reloadedPort = (await load(path)).predict({ u: x })["y"];
  if (reloadedPort === undefined) throw new BundleError(`${path}: the reloaded bundle has no output port 'y'; save the channel again`, { label: path });
  const reloaded = reloadedPort.data;
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
  const shown = Math.min(n, Math.round(TRACE_SECONDS / dt));
  return {
    run: {
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
      verdict: verdict(measured) ?? null,
    },
    bundle: {
      name: `channel trained on ${simT} s of data${job.panel === 0 ? "" : " (as reported)"}`,
      path: file,
      bytes: (await stat(path)).size,
      reload: `const channel = await load(${JSON.stringify(relative(job.cwd, path))});`,
      reloadCheck: identical ? "identical" : "differs",
    },
  };
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
