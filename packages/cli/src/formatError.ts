import { formatIssue, PlexusError, ValidationError } from "@plexus/core";

/**
 * How the CLI reports an error: one line, `<ErrorClass>: <message>`, or with `verbose` every
 * problem, the stack and the chain of causes.
 */
export function formatError(error: unknown, verbose: boolean): string {
  if (verbose) return verboseText(error);
  if (error instanceof ValidationError && error.issues.length > 1) {
    const [first] = error.issues;
    const more = error.issues.length - 1;
    return `${error.name}: ${first === undefined ? error.message : formatIssue(first)} (and ${more} more problem${more === 1 ? "" : "s"}; --verbose lists them)`;
  }
  if (error instanceof PlexusError) return `${error.name}: ${oneLine(error.message)}`;
  if (error instanceof Error) return `${error.name}: ${oneLine(error.message)} (an unexpected error; --verbose shows the stack)`;
  return `Error: ${oneLine(String(error))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "; ").trim();
}

function verboseText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    if (depth > 0) parts.push("Caused by:");
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join("\n");
}
