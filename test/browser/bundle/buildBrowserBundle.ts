// Bundles a script for the browser with esbuild (platform browser, no externals), failing the
// build when any Node builtin (`fs`, `worker_threads`, `node:crypto`, `readline`, ...) is reached:
// what a web app bundling Plexus would hit.
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

/** Every Node builtin, with and without the `node:` prefix (`fs`, `node:fs`, `fs/promises`, ...). */
const nodeBuiltin = new RegExp(`^(node:.*|(${builtinModules.map((name) => name.replace(/[/]/g, "\\/")).join("|")}))$`);

/** Fails the build, naming the importer, when a module reaches a Node builtin. */
const noNodeBuiltins: Plugin = {
  name: "no-node-builtins",
  setup(bundle) {
    bundle.onResolve({ filter: nodeBuiltin }, (args) => ({
      errors: [{ text: `Node builtin "${args.path}" imported by ${args.importer} is in the browser bundle's graph` }],
    }));
  },
};

/**
 * The coupler's browser stand-in for worker-thread hosts, for a bundle built from the sources: the
 * package's `browser` field maps the built `dist/remote/workerThreads.js` (what a web app bundles);
 * its sources do not ship, so the field cannot name them, and this plugin does the same for them.
 */
const couplerBrowserStandIns: Plugin = {
  name: "coupler-browser-stand-ins",
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/remote\/workerThreads\.js$/ }, (args) =>
      /packages[\\/]coupler[\\/]src$/.test(dirname(args.importer)) ? { path: join(dirname(args.importer), "remote", "workerThreads.browser.ts") } : undefined,
    );
  },
};

/** A bundle: its code and sizes (bytes and gzipped bytes, zlib's default level). */
export interface BrowserBundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The source files in the bundle's graph (repository-relative). */
  readonly inputs: readonly string[];
}

/**
 * Bundles `entry` as an IIFE that sets `globalThis[globalName]` to the entry's exports, for a
 * page to load with a script tag. Resolves the workspace packages from source (`@plexus/source`).
 * @throws the esbuild failure (listing each Node builtin reached) when the graph is not browser-clean.
 */
export async function buildBrowserBundle(entry: string, globalName: string): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName,
    target: "es2022",
    conditions: ["@plexus/source"],
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [couplerBrowserStandIns, noNodeBuiltins],
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote no output for ${entry}`);
  const code = output.text;
  return { code, bytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents).byteLength, inputs: Object.keys(result.metafile.inputs) };
}
