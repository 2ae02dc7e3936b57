// `npm run fuzz -- --runs N [--seed S]`: the fuzz suite (fuzz.test.ts) with N network cases (and
// N/3 training and coupling cases) instead of the 300 that `npm test` runs.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3000" }, seed: { type: "string" } } });
const runs = Number(values.runs);
if (!(Number.isInteger(runs) && runs >= 1)) {
  console.error(`fuzz: --runs must be an integer >= 1 (got ${values.runs})`);
  process.exit(2);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error(`fuzz: --seed must be an integer (got ${values.seed})`);
  process.exit(2);
}
const env = { ...process.env, PLEXUS_FUZZ_RUNS: String(runs), ...(seed === undefined ? {} : { PLEXUS_FUZZ_SEED: String(seed) }) };
const result = spawnSync("npx", ["vitest", "run", "test/fuzz/fuzz.test.ts", "--testTimeout", "0"], { env, stdio: "inherit" });
process.exit(result.status ?? 1);
