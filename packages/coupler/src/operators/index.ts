// The window operators, one per file (as RxJS's src/operators/index.ts lists its own).
export { averageRate } from "./averageRate.js";
export { delaySteps } from "./delaySteps.js";
export { holdRate } from "./holdRate.js";
export { holdUpsample } from "./holdUpsample.js";
