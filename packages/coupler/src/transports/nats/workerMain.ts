// The main module of a worker process that Plexus starts itself (the embedded NATS default):
// `node workerMain.js --nats URL --name NAME`. `plexus worker` runs the same worker.
import { runNatsWorker } from "./runNatsWorker.js";

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = value("--nats");
const name = value("--name");
if (url === undefined) {
  process.stderr.write("workerMain: give --nats URL\n");
  process.exit(2);
}
try {
  await runNatsWorker({ servers: url, ...(name === undefined ? {} : { name }), log: (line) => process.stderr.write(`${line}\n`) });
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
