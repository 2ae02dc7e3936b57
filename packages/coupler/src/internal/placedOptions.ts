import { CouplingError } from "@plexus/core";
import type { RunOptions } from "../CoupledSystem.js";
import type { HostConnector } from "../remote/HostConnector.js";
import type { PlacedSettings } from "../remote/runPlaced.js";
import type { UnitPlan } from "./runtime/planUnits.js";

/** The settings of a run with placement or snapshots, beyond those of every run: checked, defaults filled in. */
export type PlacedOptions = Pick<PlacedSettings, "placement" | "hostTimeoutMs" | "loadTimeoutMs" | "heartbeatMs" | "hosts" | "snapshotEvery" | "restarts">;

/**
 * Checks the placement options of `run` and fills in their defaults (`defaultHosts` when no
 * `hosts` are given: worker threads, imported by CoupledSystem itself so that browser bundles swap
 * in their stand-in).
 * @throws CouplingError for a timeout that is not > 0, a snapshot interval that is no multiple of
 *   every unit's dtMultiple, or a bad restart count
 */
export function placedOptions(options: RunOptions, plans: readonly UnitPlan[], defaultHosts: HostConnector): PlacedOptions {
  const timeout = options.hostTimeoutMs ?? 30000;
  if (!(typeof timeout === "number" && timeout > 0)) throw new CouplingError(`run: hostTimeoutMs must be > 0 (got ${String(timeout)})`);
  const loadTimeout = options.loadTimeoutMs ?? 600_000;
  if (!(typeof loadTimeout === "number" && loadTimeout > 0)) throw new CouplingError(`run: loadTimeoutMs must be > 0 (got ${String(loadTimeout)})`);
  const heartbeat = options.heartbeatMs ?? 1000;
  if (!(Number.isFinite(heartbeat) && heartbeat > 0)) throw new CouplingError(`run: heartbeatMs must be a finite number > 0 (got ${String(heartbeat)})`);
  const every = options.snapshotEvery ?? 0;
  const lcm = snapshotMultiple(plans);
  if (!(Number.isSafeInteger(every) && every >= 0 && every % lcm === 0)) {
    throw new CouplingError(`run: snapshotEvery must be an integer >= 0 and a multiple of every subsystem's dtMultiple (${lcm}) (got ${String(every)})`);
  }
  if (options.onSnapshot !== undefined && every === 0)
    throw new CouplingError("run: onSnapshot receives the snapshots that snapshotEvery takes; give snapshotEvery too (base steps between snapshots)");
  if (options.signal !== undefined && every === 0)
    throw new CouplingError(
      "run: signal stops the run at its next snapshot; give snapshotEvery too (base steps between snapshots, the most it runs on once aborted)",
    );
  const restarts = options.restarts ?? 2;
  if (!(Number.isSafeInteger(restarts) && restarts >= 0)) throw new CouplingError(`run: restarts must be an integer >= 0 (got ${restarts})`);
  return {
    placement: options.placement ?? {},
    hostTimeoutMs: timeout,
    loadTimeoutMs: loadTimeout,
    heartbeatMs: heartbeat,
    hosts: options.hosts ?? defaultHosts,
    snapshotEvery: every,
    restarts,
  };
}

/** The least common multiple of the units' dtMultiple: snapshots fall on multiples of it. */
export function snapshotMultiple(plans: readonly UnitPlan[]): number {
  return plans.reduce((l, p) => (l * p.multiple) / gcd(l, p.multiple), 1);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
