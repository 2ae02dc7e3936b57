// The browser bundle's entry: every script the browser test runs in Chromium and in Node.
export { channelAsHex, coupledAsHex } from "./channel.js";
export { libmSampleAsHex } from "./libmSample.js";
export { seedTrainingAsHex } from "./seedTraining.js";
