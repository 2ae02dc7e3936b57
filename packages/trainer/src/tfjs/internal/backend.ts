// Backend selection for the tfjs engine: @tensorflow/tfjs-node when the user installed it (an
// optional peer dependency, loaded lazily), else the wasm backend (SIMD; threads do not work in
// Node), else the pure-JS cpu backend.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { BuildError } from "@plexus/core";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** A tfjs backend, or `"auto"`: tfjs-node if installed, else wasm, else cpu. */
export type TfjsBackendName = "auto" | "tensorflow" | "wasm" | "cpu";

let wasmPathsSet = false;

async function tryNode(): Promise<boolean> {
  try {
    // A variable specifier: the package is an optional peer, absent from most installs.
    const name = "@tensorflow/tfjs-node";
    await import(name);
    return await tf.setBackend("tensorflow");
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    if (!wasmPathsSet) {
      const dist = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
      setWasmPaths(`${dist}/`);
      wasmPathsSet = true;
    }
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

/**
 * Makes `requested` the active tfjs backend (falling back as `"auto"` does) and returns the name
 * of the one in use.
 * @throws BuildError when an explicitly requested backend cannot start.
 */
export async function selectBackend(requested: TfjsBackendName): Promise<string> {
  const fail = (what: string, how: string): never => {
    throw new BuildError(`TfjsEngine.backend: the '${what}' backend could not start; ${how}`, { label: "TfjsEngine" });
  };
  switch (requested) {
    case "tensorflow":
      if (!(await tryNode())) fail("tensorflow", "install @tensorflow/tfjs-node (an optional peer dependency) or use 'wasm'");
      break;
    case "wasm":
      if (!(await tryWasm())) fail("wasm", "check that @tensorflow/tfjs-backend-wasm and its .wasm files are installed, or use 'cpu'");
      break;
    case "cpu":
      if (!(await tf.setBackend("cpu"))) fail("cpu", "the tfjs installation is broken");
      break;
    case "auto":
      if (!(await tryNode()) && !(await tryWasm()) && !(await tf.setBackend("cpu"))) fail("auto", "no tfjs backend is available");
      break;
  }
  await tf.ready();
  return tf.getBackend();
}

/** Switches back to `name` (already initialised) if another model switched away; synchronous. */
export function activate(name: string): void {
  if (tf.getBackend() !== name) void tf.setBackend(name);
}
