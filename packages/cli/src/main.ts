// Entry point of the `plexus` command (see bin/plexus.js).
import { runCli } from "./runCli.js";

process.exitCode = await runCli(process.argv.slice(2));
