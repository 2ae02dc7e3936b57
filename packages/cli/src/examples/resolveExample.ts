import { ValidationError } from "@plexus/core";
import { examplesDir } from "../internal/paths.js";
import { type ExampleInfo, listExamples } from "./listExamples.js";

/**
 * The example named `name`.
 * @throws ValidationError when there is no `examples/<name>/main.ts`, listing the examples there are.
 */
export async function resolveExample(name: string, dir: string = examplesDir): Promise<ExampleInfo> {
  const examples = await listExamples(dir);
  const found = examples.find((e) => e.name === name);
  if (found !== undefined) return found;
  const choices = examples.length === 0 ? "there are none yet" : `choose one of: ${examples.map((e) => e.name).join(", ")}`;
  throw new ValidationError({ object: `Example '${name}'`, message: `not found (no examples/${name}/main.ts); ${choices}` });
}
