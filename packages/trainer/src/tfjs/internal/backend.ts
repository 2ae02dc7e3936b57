// Backend selection for the tfjs engine. The backends are optional peer dependencies of the
// trainer, imported only here, when the engine is asked for: @tensorflow/tfjs-node ("tensorflow",
// native TensorFlow), @tensorflow/tfjs-backend-wasm (SIMD; threads do not work in Node) and
// @tensorflow/tfjs-backend-cpu (plain JavaScript). "auto" takes the first of the three that starts.
import { TrainingError } from "@plexus/core";
import * as tf from "@tensorflow/tfjs-core";
import { inNode } from "./platform.js";

/** A tfjs backend, or `"auto"`: tfjs-node if installed, else wasm, else cpu. */
export type TfjsBackendName = "auto" | "tensorflow" | "wasm" | "cpu";

type Concrete = Exclude<TfjsBackendName, "auto">;

/** The npm package that provides each backend (all three optional peers of @plexus/trainer). */
export const BACKEND_PACKAGES: Readonly<Record<Concrete, string>> = {
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

/** Whether a backend started, and why not: its package is not installed, or it failed (the error it threw). */
export type Started = { readonly ok: true } | { readonly ok: false; readonly missing: boolean; readonly cause: unknown };

/** How backends are loaded: the real packages, or stand-ins in tests. */
export interface BackendLoader {
  /** Whether this is Node, where the loader can tell a missing package (else: a bundle, where the app imports the backend). */
  readonly node: boolean;
  /** Whether the backend is registered with tfjs already (its package imported, by the app or before). */
  isRegistered(name: Concrete): boolean;
  /** Imports the backend's package, which registers the backend with tfjs. */
  load(name: Concrete): Promise<unknown>;
  /** Whether the package is installed (so that a failed import says "install it" only when that is the fix). */
  isInstalled(specifier: string): Promise<boolean>;
  /** `tf.setBackend`: whether the backend initialised. */
  setBackend(name: Concrete): Promise<boolean>;
}

/** The packages themselves. The specifiers are variables so that bundlers leave the optional peers out. */
export const packageLoader: BackendLoader = {
  node: inNode(),
  isRegistered: (name) => tf.findBackendFactory(name) != null,
  // tfjs-backend-wasm's Node build finds its .wasm files beside itself (its __dirname); in a browser
  // it fetches them beside the page's script unless the app calls its setWasmPaths first.
  load: (name) => import(BACKEND_PACKAGES[name]),
  async isInstalled(specifier) {
    return inNode() && (await import("./nodeSupport.js")).isInstalled(specifier);
  },
  setBackend: (name) => tf.setBackend(name),
};

const why = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** Loads (unless registered already) and initialises one backend, telling a missing package from a failing one. */
export async function start(name: Concrete, loader: BackendLoader): Promise<Started> {
  try {
    if (!loader.isRegistered(name)) await loader.load(name);
    if (await loader.setBackend(name)) return { ok: true };
    return { ok: false, missing: false, cause: new Error(`tf.setBackend('${name}') returned false (tfjs printed why)`) };
  } catch (cause) {
    return { ok: false, missing: !(await loader.isInstalled(BACKEND_PACKAGES[name])), cause };
  }
}

const alternatives: Readonly<Record<Concrete, string>> = { tensorflow: "or use 'wasm'", wasm: "or use 'cpu'", cpu: "or use 'wasm'" };

/** What to do about a missing backend package: install it (Node), or import it so that the bundle has it. */
const provide = (pkg: string, node: boolean): string =>
  node
    ? `npm install ${pkg}@4.22 (an optional peer dependency of @plexus/trainer)`
    : `install it and import it in your app (import "${pkg}"), so that your bundle has it`;

/** The error for an explicitly requested backend that did not start. */
function failure(name: Concrete, s: Started & { ok: false }, node: boolean): TrainingError {
  const pkg = BACKEND_PACKAGES[name];
  const how = s.missing
    ? `${pkg} is ${node ? "not installed" : "not in this bundle"}: ${provide(pkg, node)}, ${alternatives[name]}`
    : `${pkg} is installed but failed: ${why(s.cause)} (the error is this one's cause); fix its installation, ${alternatives[name]}`;
  return new TrainingError(`TfjsEngine.backend: the '${name}' backend could not start; ${how}`, { label: "TfjsEngine", cause: s.cause });
}

/** "auto": the first of tensorflow, wasm, cpu that starts; the error names what to install when none does. */
async function startAuto(loader: BackendLoader): Promise<void> {
  const tried: [Concrete, Started & { ok: false }][] = [];
  for (const name of ["tensorflow", "wasm", "cpu"] as const) {
    const s = await start(name, loader);
    if (s.ok) return;
    tried.push([name, s]);
  }
  const failed = tried.filter(([, s]) => !s.missing);
  const first = failed[0] ?? tried[0];
  const detail =
    failed.length === 0
      ? loader.node
        ? `none is installed: npm install ${BACKEND_PACKAGES.wasm}@4.22 (or ${BACKEND_PACKAGES.cpu}; ${BACKEND_PACKAGES.tensorflow} for native TensorFlow), optional peer dependencies of @plexus/trainer`
        : `none is in this bundle: install ${BACKEND_PACKAGES.wasm} (or ${BACKEND_PACKAGES.cpu}) and import it in your app (import "${BACKEND_PACKAGES.wasm}")`
      : `${failed.map(([name, s]) => `'${name}' (${BACKEND_PACKAGES[name]}) failed: ${why(s.cause)}`).join("; ")}; the others are not installed`;
  throw new TrainingError(`TfjsEngine.backend: no tfjs backend could start; ${detail}`, {
    label: "TfjsEngine",
    ...(first === undefined ? {} : { cause: first[1].cause }),
  });
}

/**
 * Makes `requested` the active tfjs backend (`"auto"` falling back as it does) and returns the
 * name of the one in use.
 * @throws TrainingError when the backend cannot start: its package not installed (the message names
 *   the npm package to install), or installed and failing (its error kept as the cause and quoted).
 */
export async function selectBackend(requested: TfjsBackendName, loader: BackendLoader = packageLoader): Promise<string> {
  if (requested === "auto") await startAuto(loader);
  else {
    const s = await start(requested, loader);
    if (!s.ok) throw failure(requested, s, loader.node);
  }
  await tf.ready();
  return tf.getBackend();
}

/** Switches back to `name` (already initialised) if another model switched away; synchronous. */
export function activate(name: string): void {
  if (tf.getBackend() !== name) void tf.setBackend(name);
}
