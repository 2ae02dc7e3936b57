import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { exampleArgs } from "./exampleArgs.js";

const usage = { name: "demo-example", summary: "Does a thing." };
const options = {
  json: { type: "boolean", description: "print JSON" },
  lengths: { type: "numbers", placeholder: "s,s", description: "data lengths" },
  epochs: { type: "integer", placeholder: "n", description: "epochs" },
  lr: { type: "number", placeholder: "x", description: "learning rate" },
  engine: { type: "string", placeholder: "typed|tfjs", choices: ["typed", "tfjs"], description: "engine" },
} as const;

describe("exampleArgs", () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it("parses each kind of option", () => {
    const v = exampleArgs(usage, options, ["--json", "--lengths", "1,4.5", "--epochs", "20", "--lr", "1e-5", "--engine", "tfjs"]);
    expect(v).toEqual({ json: true, lengths: [1, 4.5], epochs: 20, lr: 1e-5, engine: "tfjs" });
    expect(exampleArgs(usage, options, [])).toEqual({});
  });

  it("answers --help with every option and returns undefined", () => {
    expect(exampleArgs(usage, options, ["--help"])).toBeUndefined();
    const text = out.join("");
    expect(text).toContain("Usage: plexus run demo-example [options]");
    for (const flag of ["--json", "--lengths <s,s>", "--epochs <n>", "--lr <x>", "--engine <typed|tfjs>", "-h, --help"]) expect(text).toContain(flag);
    expect(process.exitCode).toBeUndefined();
  });

  it.each([
    [["--nope"], "error: unknown option '--nope'"],
    [["--epochs"], "error: option '--epochs <value>' argument missing"],
    [["--epochs", "2.5"], "error: option '--epochs' wants an integer (got '2.5')"],
    [["--lr", "fast"], "error: option '--lr' wants a number (got 'fast')"],
    [["--lengths", "1,,2"], "error: option '--lengths' wants a number (got '')"],
    [["--engine", "gpu"], "error: option '--engine' wants one of typed, tfjs (got 'gpu')"],
    [["stray"], "error: unexpected argument 'stray'"],
  ])("turns %j into one line and exit status 2", (argv, message) => {
    expect(exampleArgs(usage, options, argv)).toBeUndefined();
    expect(err.join("")).toBe(`${message}\n(add --help for usage)\n`);
    expect(process.exitCode).toBe(2);
  });
});
