// Measures which learning rates converge on the seed-rescaling case: for each learning rate, the
// channel trained at every data length for seeds 0, 1 and 2 (100 epochs, minibatch 100), and a
// Markdown table of how many runs converged (portMse < 0.01 and trainLoss within 2x of
// deployedLoss), the range of trainLoss / deployedLoss, the MSE through the port, bypass / port
// and the learned transform. README.md's table comes from it. Takes minutes per learning rate.
//
//   npx tsx --conditions=@plexus/source examples/seed-rescaling/sweep.ts [--lr 1e-3,1e-7] [--seeds 0,1,2]
import { pathToFileURL } from "node:url";
import { exampleArgs } from "../internal/exampleArgs.js";
import { AS_REPORTED, LENGTHS, type Run, run } from "./main.js";

const LEARNING_RATES = [1e-3, 1e-4, 1e-5, 1e-6, 3e-7, 1e-7];

/** True when a run converged: portMse < 0.01 and trainLoss within a factor of 2 of deployedLoss. */
export function converged(r: Run): boolean {
  return r.portMse < 0.01 && r.trainLoss <= 2 * r.deployedLoss && r.deployedLoss <= 2 * r.trainLoss;
}

/** One table row per learning rate, over every seed and length. */
export function sweepRow(learningRate: number, runs: readonly Run[]): string {
  const range = (xs: number[], digits = 2): string => `${Math.min(...xs).toPrecision(digits)} – ${Math.max(...xs).toPrecision(digits)}`;
  return `| ${learningRate} | ${runs.filter(converged).length} / ${runs.length} | ${range(runs.map((r) => r.trainLoss / r.deployedLoss))} | ${range(runs.map((r) => r.portMse))} | ${range(runs.map((r) => r.bypassMse / r.portMse))} | ${range(
    runs.map((r) => r.inputTransform),
    6,
  )} |`;
}

async function main(): Promise<void> {
  const values = exampleArgs(
    {
      name: "seed-rescaling",
      command: "npx tsx --conditions=@plexus/source examples/seed-rescaling/sweep.ts",
      summary: "Which learning rates converge, over every data length and several seeds.",
    },
    {
      lr: { type: "numbers", placeholder: "x,x,...", description: `learning rates (default ${LEARNING_RATES.join(",")})` },
      seeds: { type: "numbers", placeholder: "n,n,...", description: "seeds (default 0,1,2)" },
    },
  );
  if (values === undefined) return;
  console.log("| Adam learning rate | converged | trainLoss / deployedLoss | MSE through the port | bypass / port | learned transform |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const learningRate of values.lr ?? LEARNING_RATES) {
    const runs: Run[] = [];
    for (const seed of values.seeds ?? [0, 1, 2])
      runs.push(...(await run({ lengths: LENGTHS, epochs: AS_REPORTED.epochs, learningRate, seed, onWarning: () => {} })));
    console.log(sweepRow(learningRate, runs));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
