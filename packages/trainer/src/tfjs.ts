// @plexus/trainer/tfjs: the TensorFlow.js gradient engine, apart from the main entry so that a
// bundle of the trainer carries TensorFlow.js only when its code imports this. In Node,
// `engine: "tfjs"` loads it by name; in browsers, pass `engine: new TfjsEngine()`.
export type { TfjsBackendName, TfjsEngineOptions } from "./tfjs/TfjsEngine.js";
export { TfjsEngine } from "./tfjs/TfjsEngine.js";
