import { readFile } from "node:fs/promises";
import { ValidationError } from "@plexus/core";
import type { DemoResults } from "./DemoResults.js";
import { parseResultsText } from "./parseResults.js";

/**
 * Reads and checks a results file written by `plexus demo`.
 * @throws ValidationError when the file is missing or unreadable, not JSON, or has a bad field.
 */
export async function readResultsFile(path: string): Promise<DemoResults> {
  const source = `Results '${path}'`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "file not found; check the path, or run 'plexus demo' to write plexus-report/results.json"
        : code === "EISDIR"
          ? "is a directory; give the results.json file inside it"
          : `cannot be read (${code ?? String(error)})`;
    throw new ValidationError({ object: source, message: why }, { cause: error });
  }
  return parseResultsText(text, source);
}
