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

/** Whether a backend started, and why not (the error it threw, kept as the cause). */
type Started = { readonly ok: true } | { readonly ok: false; readonly missing: boolean; readonly cause: unknown };

const NODE_PACKAGE = "@tensorflow/tfjs-node";

/** Whether the package `specifier` itself is absent (rather than installed and failing to load). */
function isMissing(specifier: string): boolean {
  try {
    createRequire(import.meta.url).resolve(specifier);
    return false;
  } catch {
    return true;
  }
}

async function start(name: string, load: () => Promise<unknown>, specifier: string | null): Promise<Started> {
  try {
    await load();
    if (await tf.setBackend(name)) return { ok: true };
    return { ok: false, missing: false, cause: new Error(`tf.setBackend('${name}') returned false`) };
  } catch (cause) {
    return { ok: false, missing: specifier !== null && isMissing(specifier), cause };
  }
}

// A variable specifier: the package is an optional peer, absent from most installs.
const tryNode = (): Promise<Started> => start("tensorflow", () => import(NODE_PACKAGE), NODE_PACKAGE);

const tryWasm = (): Promise<Started> =>
  start(
    "wasm",
    async () => {
      if (!wasmPathsSet) {
        const dist = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
        setWasmPaths(`${dist}/`);
        wasmPathsSet = true;
      }
    },
    null,
  );

const why = (s: Started): string => (s.ok ? "" : s.cause instanceof Error ? s.cause.message : String(s.cause));

/**
 * Makes `requested` the active tfjs backend (falling back as `"auto"` does) and returns the name
 * of the one in use.
 * @throws BuildError when an explicitly requested backend cannot start: not installed, or
 *   installed and failing (its error kept as the cause and quoted).
 */
export async function selectBackend(requested: TfjsBackendName): Promise<string> {
  const fail = (what: string, how: string, cause?: unknown): never => {
    throw new BuildError(`TfjsEngine.backend: the '${what}' backend could not start; ${how}`, {
      label: "TfjsEngine",
      ...(cause === undefined ? {} : { cause }),
    });
  };
  switch (requested) {
    case "tensorflow": {
      const s = await tryNode();
      if (!s.ok) {
        if (s.missing) fail("tensorflow", `${NODE_PACKAGE} is not installed: install it (an optional peer dependency) or use 'wasm'`, s.cause);
        else
          fail("tensorflow", `${NODE_PACKAGE} is installed but failed: ${why(s)} (the error is this one's cause); fix its installation or use 'wasm'`, s.cause);
      }
      break;
    }
    case "wasm": {
      const s = await tryWasm();
      if (!s.ok) fail("wasm", `${why(s)}; check that @tensorflow/tfjs-backend-wasm and its .wasm files are installed, or use 'cpu'`, s.cause);
      break;
    }
    case "cpu":
      if (!(await tf.setBackend("cpu"))) fail("cpu", "the tfjs installation is broken");
      break;
    case "auto":
      if (!(await tryNode()).ok && !(await tryWasm()).ok && !(await tf.setBackend("cpu"))) fail("auto", "no tfjs backend is available");
      break;
  }
  await tf.ready();
  return tf.getBackend();
}

/** Switches back to `name` (already initialised) if another model switched away; synchronous. */
export function activate(name: string): void {
  if (tf.getBackend() !== name) void tf.setBackend(name);
}
