import { fileURLToPath } from "node:url";

/** The repository root of this checkout (src/internal → packages/cli → root; dist/internal alike). */
export const repoRoot: string = fileURLToPath(new URL("../../../../", import.meta.url));

/** The folder holding the examples, `<repoRoot>/examples`. */
export const examplesDir: string = fileURLToPath(new URL("../../../../examples/", import.meta.url));
