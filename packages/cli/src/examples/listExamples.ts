import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { examplesDir } from "../internal/paths.js";

/** An example that `plexus run` can run. */
export interface ExampleInfo {
  /** Folder name under examples/, e.g. "seed-rescaling". */
  readonly name: string;
  /** Absolute path of its main.ts. */
  readonly main: string;
  /** First line of its README.md (without the heading marks), or "". */
  readonly summary: string;
}

/** Every folder of `examples/` that has a main.ts, sorted by name. */
export async function listExamples(dir: string = examplesDir): Promise<ExampleInfo[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const examples: ExampleInfo[] = [];
  for (const name of entries.sort()) {
    const main = join(dir, name, "main.ts");
    if (!(await exists(main))) continue;
    examples.push({ name, main, summary: await summaryOf(join(dir, name, "README.md")) });
  }
  return examples;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function summaryOf(readme: string): Promise<string> {
  try {
    const text = await readFile(readme, "utf8");
    const line = text.split("\n").find((l) => l.trim() !== "");
    return line === undefined ? "" : line.replace(/^#+\s*/, "").trim();
  } catch {
    return "";
  }
}
