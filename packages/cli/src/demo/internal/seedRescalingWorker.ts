// A worker thread of part 1: runs the data lengths it is given, posting each epoch and result.
import { parentPort, workerData } from "node:worker_threads";
import { runSeedRescalingJob, type SeedRescalingJob } from "../seedRescalingRun.js";
import type { WorkerMessage } from "./workerMessages.js";

const port = parentPort;
if (port === null) throw new Error("seedRescalingWorker: run me as a worker thread");
const post = (message: WorkerMessage): void => port.postMessage(message);
try {
  for (const { id, job } of workerData as readonly { readonly id: number; readonly job: SeedRescalingJob }[]) {
    const result = await runSeedRescalingJob(job, (epoch, loss) => post({ kind: "epoch", id, epoch, loss }));
    post({ kind: "result", id, result });
  }
  post({ kind: "done" });
} catch (error) {
  post({
    kind: "error",
    name: error instanceof Error ? error.name : "Error",
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? (error.stack ?? "") : "",
  });
}
