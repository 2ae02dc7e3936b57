import { randomBytes } from "node:crypto";
import { CouplingError } from "@plexus/core";

/** A run id: letters, digits, `_` and `-` (one NATS subject token), 1 to 64 characters. */
const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A fresh run id (16 hex digits), unique enough that concurrent runs on one broker never share subjects. */
export function newRunId(): string {
  return randomBytes(8).toString("hex");
}

/** @throws CouplingError when `runId` is not one subject token of letters, digits, `_` and `-` */
export function checkRunId(runId: string): string {
  if (typeof runId !== "string" || !RUN_ID.test(runId)) {
    throw new CouplingError(`NATS: runId must be 1 to 64 letters, digits, '_' or '-' (got ${JSON.stringify(runId)})`, { label: "nats" });
  }
  return runId;
}

/** The subjects of one direction of one edge: windows go on `data`, acknowledgements come back on `ack`. */
export interface EdgeSubjects {
  readonly data: string;
  readonly ack: string;
}

/** `plexus.<runId>.edge.<n>` and `plexus.<runId>.edge.<n>.ack`: numbers only, never a label. */
export function edgeSubjects(runId: string, n: number): EdgeSubjects {
  const data = `plexus.${runId}.edge.${n}`;
  return { data, ack: `${data}.ack` };
}
