// Command-line options of the examples: `--help` prints them, a bad option or value prints one
// line (as the `plexus` command does) and exits with status 2, never a stack.
import { parseArgs } from "node:util";

/** One option of an example: its kind, what it does and, for values, a placeholder. */
export type OptionSpec =
  | { readonly type: "boolean"; readonly description: string }
  | { readonly type: "string"; readonly description: string; readonly placeholder: string; readonly choices?: readonly string[] }
  | { readonly type: "number" | "integer" | "numbers"; readonly description: string; readonly placeholder: string };

/** The parsed value of an option of kind `S` (`numbers`: a comma-separated list). */
export type OptionValue<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["type"] extends "string"
    ? string
    : S["type"] extends "numbers"
      ? number[]
      : number;

/** The options given, each absent unless given. */
export type OptionValues<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]?: OptionValue<O[K]> };

/** How an example is invoked, for its `--help`. */
export interface ExampleUsage {
  /** The example's folder name, e.g. "seed-rescaling". */
  readonly name: string;
  /** One sentence: what it does. */
  readonly summary: string;
  /** How it is run, for the usage line. Default `plexus run <name>`. */
  readonly command?: string;
}

/** A bad option or value: its one-line message. */
class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Parses an example's arguments. With `--help` (or `-h`) it prints the options and returns
 * undefined; on a bad option or value it prints `error: ...` and `(add --help for usage)` on
 * stderr, sets `process.exitCode` to 2 and returns undefined. The caller stops on undefined.
 */
export function exampleArgs<O extends Record<string, OptionSpec>>(
  usage: ExampleUsage,
  options: O,
  argv: readonly string[] = process.argv.slice(2),
): OptionValues<O> | undefined {
  try {
    const config = Object.fromEntries(Object.entries(options).map(([k, spec]) => [k, { type: spec.type === "boolean" ? "boolean" : "string" }] as const));
    const parsed0 = parseArgs({ args: [...argv], options: { ...config, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
    const values: Readonly<Record<string, string | boolean | undefined>> = parsed0.values;
    if (values["help"] === true) {
      process.stdout.write(helpText(usage, options));
      return undefined;
    }
    const parsed: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(options)) {
      const raw = values[key];
      if (raw !== undefined) parsed[key] = typeof raw === "boolean" ? raw : convert(key, spec, raw);
    }
    return parsed as OptionValues<O>;
  } catch (error) {
    const message = usageMessage(error);
    if (message === undefined) throw error;
    process.stderr.write(`error: ${message}\n(add --help for usage)\n`);
    process.exitCode = 2;
    return undefined;
  }
}

function convert(key: string, spec: OptionSpec, raw: string | boolean): unknown {
  const text = String(raw);
  const number = (s: string): number => {
    const n = s.trim() === "" ? NaN : Number(s);
    if (!Number.isFinite(n)) throw new UsageError(`option '--${key}' wants a number (got '${s}')`);
    if (spec.type === "integer" && !Number.isInteger(n)) throw new UsageError(`option '--${key}' wants an integer (got '${s}')`);
    return n;
  };
  switch (spec.type) {
    case "number":
    case "integer":
      return number(text);
    case "numbers":
      return text.split(",").map(number);
    case "string":
      if (spec.choices !== undefined && !spec.choices.includes(text))
        throw new UsageError(`option '--${key}' wants one of ${spec.choices.join(", ")} (got '${text}')`);
      return text;
    default:
      return raw;
  }
}

/** The one-line message of a usage error (ours or node:util's parseArgs), else undefined. */
function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return undefined;
  const first = error.message.split(/\.\s/)[0]?.replace(/\.$/, "") ?? error.message;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function helpText(usage: ExampleUsage, options: Record<string, OptionSpec>): string {
  const rows = [
    ...Object.entries(options).map(([key, spec]) => [spec.type === "boolean" ? `--${key}` : `--${key} <${spec.placeholder}>`, spec.description] as const),
    ["-h, --help", "print this help"] as const,
  ];
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${usage.command ?? `plexus run ${usage.name}`} [options]`,
    "",
    usage.summary,
    "",
    "Options:",
    ...rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    "",
  ].join("\n");
}
