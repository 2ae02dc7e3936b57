import { CouplingError, type InPort, type OutPort } from "@plexus/core";
import type { RunStats } from "./RunStats.js";
import type { Subsystem } from "./Subsystem.js";
import type { SubsystemInPort } from "./SubsystemInPort.js";
import type { SubsystemOutPort } from "./SubsystemOutPort.js";

/** A probe's record in a result. */
export interface CoupledProbe {
  /** `plant.out.x`, or the probe's label. */
  readonly name: string;
  /** The probed port. */
  readonly port: InPort | OutPort;
  /** The key of the probed subsystem. */
  readonly key: string;
  /** The probed subsystem. */
  readonly subsystem: Subsystem;
  /** The probed subsystem's time step (s). */
  readonly dt: number;
  readonly dims: number;
  /** `steps × dims`, row-major: row k-1 is the value at the subsystem's step k (time k·dt). */
  data: Float64Array;
  /** Steps recorded (fewer than planned after a fault). */
  steps: number;
}

/** What a coupled run recorded: probe data by port or name, and the run's counters. */
export class CouplingResult {
  constructor(
    /** Base time step (s). */
    readonly dt: number,
    /** Base steps the run was asked for. */
    readonly steps: number,
    private readonly records: readonly CoupledProbe[],
    /** Counters of the run (windows and steps per edge and unit). */
    readonly stats: RunStats,
    /** The error that stopped the run, if one did (then data stops before the failed step). */
    readonly error: Error | undefined,
  ) {}

  /** The probes' names, in the order they were added. */
  get probes(): string[] {
    return this.records.map((r) => r.name);
  }

  /**
   * The data of a probe, `steps × dims` row-major (a copy): row k-1 is the value at step k of the
   * probed subsystem, time k·dt.
   * @throws CouplingError when no probe (or more than one) matches
   */
  data(probe: string | SubsystemOutPort | SubsystemInPort | OutPort | InPort): Float64Array {
    const r = this.record(probe);
    return r.data.slice(0, r.steps * r.dims);
  }

  /** The times (s) of a probe's rows: `k·dt` for k = 1..steps (default: the first probe). */
  trange(probe?: string | SubsystemOutPort | SubsystemInPort | OutPort | InPort): Float64Array {
    const r = probe === undefined ? this.records[0] : this.record(probe);
    if (r === undefined) return Float64Array.from({ length: this.steps }, (_, k) => (k + 1) * this.dt);
    return Float64Array.from({ length: r.steps }, (_, k) => (k + 1) * r.dt);
  }

  /** The full record of a probe (its port, dt, dims, steps). */
  record(probe: string | SubsystemOutPort | SubsystemInPort | OutPort | InPort): CoupledProbe {
    const matches =
      typeof probe === "string"
        ? this.records.filter((r) => r.name === probe)
        : "subsystem" in probe
          ? this.records.filter((r) => r.port === probe.port && r.subsystem === probe.subsystem)
          : this.records.filter((r) => r.port === probe);
    const [only] = matches;
    if (only === undefined || matches.length !== 1) {
      throw new CouplingError(
        matches.length === 0
          ? `CouplingResult: no probe ${String(probe)} (probes: ${this.probes.join(", ") || "none"})`
          : `CouplingResult: ${matches.length} probes record ${String(probe)}; ask by name (${matches.map((m) => m.name).join(", ")})`,
        { label: String(probe) },
      );
    }
    return only;
  }
}
