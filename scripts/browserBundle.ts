// Bundles Plexus for the browser with esbuild (platform browser, no externals), failing the build
// when any Node builtin (`fs`, `worker_threads`, `node:crypto`, `readline`, ...) is reached: what a
// web app bundling Plexus would hit. Run it to print the gzipped sizes of core, core + simulator,
// + coupler and + trainer (every export of each, minified):
//   npx tsx scripts/browserBundle.ts
// test/browser/plexusInBrowser.test.ts builds the same bundles (and the page's) with it.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));

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
 * Each workspace package's browser stand-ins as source files: the `browser` field maps a built
 * file (`./dist/remote/workerThreads.js` → `./dist/remote/workerThreads.browser.js`, what a web
 * app bundles); the sources do not ship, so the field cannot name them: this is the same map
 * from `src/X.ts` to `src/Y.ts`, absolute.
 */
function sourceStandIns(): Map<string, string> {
  const map = new Map<string, string>();
  const packages = join(root, "packages");
  for (const name of readdirSync(packages)) {
    let browser: unknown;
    try {
      browser = (JSON.parse(readFileSync(join(packages, name, "package.json"), "utf8")) as { browser?: unknown }).browser;
    } catch {
      continue;
    }
    if (typeof browser !== "object" || browser === null) continue;
    const source = (built: string): string => join(packages, name, built.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"));
    for (const [from, to] of Object.entries(browser)) {
      if (from.startsWith("./dist/") && typeof to === "string") map.set(source(from), source(to));
    }
  }
  return map;
}

/** Resolves a relative import of a package's source to its browser stand-in, where the package names one. */
function browserStandIns(map: ReadonlyMap<string, string>): Plugin {
  return {
    name: "browser-stand-ins",
    setup(bundle) {
      bundle.onResolve({ filter: /^\.\.?\// }, (args) => {
        const standIn = map.get(resolve(dirname(args.importer), args.path.replace(/\.js$/, ".ts")));
        return standIn === undefined ? undefined : { path: standIn };
      });
    },
  };
}

/** A bundle: its code and sizes (bytes and gzipped bytes, zlib's default level). */
export interface BrowserBundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** The source files in the bundle's graph (repository-relative). */
  readonly inputs: readonly string[];
}

/** What to bundle: a file, or module text (resolved from the repository root). */
export type BundleEntry = string | { readonly contents: string };

/**
 * Bundles `entry` as an IIFE that sets `globalThis[globalName]` to the entry's exports, for a
 * page to load with a script tag. Resolves the workspace packages from source (`@plexus/source`),
 * with their browser stand-ins (each package's `browser` field).
 * @throws the esbuild failure (listing each Node builtin reached) when the graph is not browser-clean.
 */
export async function buildBrowserBundle(entry: BundleEntry, globalName: string, options: { readonly minify?: boolean } = {}): Promise<BrowserBundle> {
  const result = await build({
    ...(typeof entry === "string" ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: root, sourcefile: "entry.ts", loader: "ts" } }),
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName,
    target: "es2022",
    conditions: ["@plexus/source"],
    minify: options.minify ?? false,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [browserStandIns(sourceStandIns()), noNodeBuiltins],
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote no output for ${typeof entry === "string" ? entry : "the entry"}`);
  return { code: output.text, bytes: output.contents.byteLength, gzipBytes: gzipSync(output.contents).byteLength, inputs: Object.keys(result.metafile.inputs) };
}

/** The bundles whose sizes are reported: each adds a package's whole API to the one before. */
export const SIZE_BUNDLES: readonly { readonly name: string; readonly packages: readonly string[] }[] = [
  { name: "core", packages: ["@plexus/core"] },
  { name: "core + simulator", packages: ["@plexus/core", "@plexus/simulator"] },
  { name: "+ coupler", packages: ["@plexus/core", "@plexus/simulator", "@plexus/coupler"] },
  { name: "+ trainer", packages: ["@plexus/core", "@plexus/simulator", "@plexus/coupler", "@plexus/trainer"] },
];

/** One measured bundle: every export of its packages, minified, and its gzipped size. */
export interface BundleSize {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly inputs: readonly string[];
}

/** Builds each of {@link SIZE_BUNDLES} (minified, every export kept) and measures it. */
export async function bundleSizes(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const { name, packages } of SIZE_BUNDLES) {
    const contents = packages.map((p, i) => `export * as p${i} from "${p}";`).join("\n");
    const bundle = await buildBrowserBundle({ contents }, "plexus", { minify: true });
    sizes.push({ name, bytes: bundle.bytes, gzipBytes: bundle.gzipBytes, inputs: bundle.inputs });
  }
  return sizes;
}

/** The sizes as a Markdown table (KiB, 1 decimal). */
export function sizesTable(sizes: readonly BundleSize[]): string {
  const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
  const rows = sizes.map((s) => `| ${s.name} | ${kib(s.bytes)} | ${kib(s.gzipBytes)} |`);
  return ["| browser bundle (every export, minified) | KiB | KiB gzipped |", "| --- | ---: | ---: |", ...rows].join("\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.log(sizesTable(await bundleSizes()));
}
