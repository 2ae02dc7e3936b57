// @plexus/trainer/node: what needs Node (files). Everything else, bundle bytes included
// (toBytes/fromBytes), is in the package's main entry and runs in browsers too.
export type { LoadOptions } from "./load.js";
export { load } from "./load.js";
export { save } from "./save.js";
