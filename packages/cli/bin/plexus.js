#!/usr/bin/env node
// The `plexus` command. In a checkout (src/ present) it runs the TypeScript sources through tsx
// with the `@plexus/source` condition, so a fresh clone needs no build step; in a published
// install (dist/ only) it runs the compiled code in this process.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const source = fileURLToPath(new URL("../src/main.ts", import.meta.url));

if (existsSync(source)) {
  // Resolve tsx from this package, not from the caller's working directory.
  const tsx = import.meta.resolve("tsx");
  const child = spawn(process.execPath, ["--import", tsx, "--conditions=@plexus/source", source, ...process.argv.slice(2)], { stdio: "inherit" });
  const forward = (signal) => () => child.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  child.on("exit", (code, signal) => {
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else {
  await import(pathToFileURL(fileURLToPath(new URL("../dist/main.js", import.meta.url))).href);
}
