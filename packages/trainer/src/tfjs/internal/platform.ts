/** Whether this is Node (rather than a browser or another runtime): the engine's Node-only help applies. */
export const inNode = (): boolean => typeof process !== "undefined" && typeof process.versions?.node === "string";
