// What the tfjs engine needs from Node and only Node: resolving its optional peer packages, and
// letting Node load @tensorflow/tfjs-core's gradient registrations. Imported dynamically, only when
// the engine runs in Node.
//
// tfjs-core registers no gradients itself: its ES-module file dist/register_all_gradients.js does,
// and that file (like every ES module of tfjs-core) imports its siblings without a file extension
// ('./gradients/Abs_grad'), which bundlers resolve and Node's ES-module loader refuses. The hook
// registered here adds the extension, for imports made by files of that one tfjs-core copy only.
import * as nodeModule from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const require = nodeModule.createRequire(import.meta.url);

/** Whether the package `specifier` is installed where the trainer resolves its dependencies. */
export function isInstalled(specifier: string): boolean {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

// The hook, run by Node's loader: `dist` is the URL of tfjs-core's dist folder (ending in '/').
// Files there other than the prebuilt bundles (tf-core.node.js, the main file, is CommonJS) are ES
// modules in a package without "type": "module", hence the format.
const HOOK = `
let dist = "\\0";
export function initialize(data) { dist = data.dist; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent !== undefined && parent.startsWith(dist) && specifier.startsWith(".") && !specifier.endsWith(".js")) {
    return next(specifier + ".js", context);
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.startsWith(dist) && !/\\/tf-core[^/]*\\.js$/.test(url.slice(dist.length))) return next(url, { ...context, format: "module" });
  return next(url, context);
}
`;

let hooked = false;

/**
 * Lets Node import tfjs-core's ES modules (extensionless relative imports); once per thread.
 * Needs `module.register` (Node 20.6 or later).
 */
export function allowTfjsCoreModules(): void {
  if (hooked) return;
  const dist = pathToFileURL(dirname(require.resolve("@tensorflow/tfjs-core/package.json"))).href;
  nodeModule.register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { parentURL: import.meta.url, data: { dist: `${dist}/dist/` } });
  hooked = true;
}

/** Whether this Node can register loader hooks (`module.register`, Node 20.6 or later). */
export const canRegisterHooks: boolean = typeof nodeModule.register === "function";
