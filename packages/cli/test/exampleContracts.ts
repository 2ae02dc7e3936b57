// Compile-time check (run by `tsc -p packages/cli/tsconfig.json`) that the examples the demo
// imports at run time (src/demo/loadExample.ts) have the shape it relies on.
import * as coupledLoop from "../../../examples/coupled-loop/main.js";
import * as seedRescaling from "../../../examples/seed-rescaling/main.js";
import type { CoupledLoopExample, SeedRescalingExample } from "../src/demo/exampleContracts.js";

export const seedRescalingContract: SeedRescalingExample = seedRescaling;
export const coupledLoopContract: CoupledLoopExample = coupledLoop;
