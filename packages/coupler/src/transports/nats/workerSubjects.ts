import { CouplingError } from "@plexus/core";

/** Version of the claim messages below; a worker refuses a claim of another version. */
export const WORKER_PROTOCOL_VERSION = 1;

/** The queue group every worker joins: a claim for "any worker" goes to exactly one of them. */
export const WORKER_QUEUE = "plexus-workers";

/** A worker name: one subject token of letters, digits, `_` and `-`, 1 to 64 characters. */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** @throws CouplingError when `name` cannot be a worker's name */
export function checkWorkerName(name: string): string {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new CouplingError(`NATS worker: a name must be 1 to 64 letters, digits, '_' or '-' (got ${JSON.stringify(name)})`, { label: "nats" });
  }
  return name;
}

/** Where a coordinator claims a worker: the named one, or any (through the queue group). */
export function claimSubject(worker?: string): string {
  return worker === undefined ? "plexus.workers.claim" : `plexus.workers.${worker}.claim`;
}

/** Where a worker answers pings (by name), and where every worker answers (to count them). */
export function pingSubject(worker?: string): string {
  return worker === undefined ? "plexus.workers.ping" : `plexus.workers.${worker}.ping`;
}

/** What a coordinator sends to claim a worker for one host of one run. */
export interface ClaimRequest {
  readonly version: number;
  /** The run id (the transports' subjects). */
  readonly run: string;
  /** The host's index in the run (its channels' subjects: `plexus.<run>.host.<host>.cmd|evt`). */
  readonly host: number;
}

/** What the claimed worker answers. */
export interface ClaimReply {
  readonly worker: string;
  readonly pid: number;
  /** Set when the worker refuses (another protocol version). */
  readonly error?: string;
}

/** The channels of one host: commands to it, events from it. */
export function hostChannels(host: number): { readonly commands: string; readonly events: string } {
  return { commands: `host.${host}.cmd`, events: `host.${host}.evt` };
}
