// @plexus/examples: the examples `plexus run` runs and the flagship demo (`plexus demo`) is made
// of. Each lives in its own folder (`<name>/main.ts`, with a README); this module lists them.
// The examples themselves are imported by their folder: `@plexus/examples/seed-rescaling`.
import { fileURLToPath } from "node:url";

/** An example that `plexus run <name>` runs. */
export interface ExampleInfo {
  /** Its folder name, e.g. "seed-rescaling". */
  readonly name: string;
  /** One line: the title of its README. */
  readonly summary: string;
  /** Absolute path of its entry module: `main.ts` in a checkout of the repository, the compiled `main.js` once installed. */
  readonly main: string;
}

/** Each example's folder and the title of its README, in the order `plexus run --list` prints them. */
const CATALOG: readonly { readonly name: string; readonly summary: string }[] = [
  { name: "coupled-loop", summary: "Trained apart, run together: a coupled loop" },
  { name: "custom-trainer", summary: "A trainer of your own" },
  { name: "seed-rescaling", summary: "The seed-rescaling report, replayed" },
  { name: "walkthrough", summary: "The API in one page" },
];

/** The entry modules are TypeScript where this module is (a checkout), JavaScript once compiled. */
const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";

/** Every example, sorted by name. */
export const examples: readonly ExampleInfo[] = CATALOG.map((e) =>
  Object.freeze({ ...e, main: fileURLToPath(new URL(`./${e.name}/main.${extension}`, import.meta.url)) }),
);

/** The example called `name`, or undefined. */
export function findExample(name: string): ExampleInfo | undefined {
  return examples.find((e) => e.name === name);
}
