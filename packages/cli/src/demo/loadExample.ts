import { ValidationError } from "@plexus/core";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { examplesDir } from "../internal/paths.js";

/**
 * Imports `examples/<name>/main.ts`. The path is computed at run time so that the package
 * builds on its own (examples are not part of it); the shape the demo relies on is `T`, and
 * test/exampleContracts.ts checks at compile time that each example has it.
 * @throws ValidationError when the example is not in this checkout, or lacks one of `exports`.
 */
export async function loadExample<T>(name: string, exports: readonly (keyof T & string)[]): Promise<T> {
  const main = join(examplesDir, name, "main.ts");
  if (!existsSync(main)) {
    throw new ValidationError({ object: `Example '${name}'`, message: `not found (no examples/${name}/main.ts); the demo runs from a checkout of the Plexus repository` });
  }
  const module = (await import(pathToFileURL(main).href)) as Record<string, unknown>;
  const lacking = exports.filter((e) => typeof module[e] !== "function");
  if (lacking.length > 0) {
    throw new ValidationError({ object: `Example '${name}'`, message: `does not export ${lacking.join(", ")}, which the demo calls` });
  }
  return module as T;
}
