/** What crossed one edge in a run (counted on both sides, for exactly-once checks). */
export interface EdgeStats {
  /** `ctrl.out.u -> plant.in.u`. */
  readonly edge: string;
  /** Windows handed to the transport by the sender. */
  sentWindows: number;
  /** Steps in those windows. */
  sentSteps: number;
  /** Windows the receiver got from the transport. */
  receivedWindows: number;
  /** Steps in those windows. */
  receivedSteps: number;
  /** The most base steps the sender may run ahead of the receiver (the edge's bound). */
  readonly capacitySteps: number;
  /** The most base steps the sender was ever ahead of the receiver. */
  maxAheadSteps: number;
}

/** How one unit (a subsystem, or subsystems fused by a zero-delay loop) ran. */
export interface UnitStats {
  /** `plant`, or `ctrl+plant` for a fused unit. */
  readonly unit: string;
  /** Windows run. */
  runs: number;
  /** Steps run (the unit's own steps). */
  steps: number;
  /** The longest window run, in its own steps. */
  maxWindowSteps: number;
}

/** One host of a run with placement (a worker thread, a process). */
export interface HostStats {
  /** `worker#0`, `worker:NAME`, `main`. */
  readonly host: string;
  /** The units it ran. */
  readonly units: readonly string[];
  /** The most memory (bytes) its thread or process held, heap and external buffers (NaN where not measured, e.g. main). */
  readonly peakMemoryBytes: number;
  /**
   * CPU seconds the host used over its run (its last attempt's): a worker process all its threads
   * (V8's compiler threads included), a worker thread its own thread (Linux only); NaN where not
   * measured (main, a worker thread elsewhere).
   */
  readonly runCpuSeconds: number;
}

/** Counters of a run, filled in while it runs. */
export interface RunStats {
  readonly edges: EdgeStats[];
  readonly units: UnitStats[];
  /** The hosts of a run with placement (absent for an all-"main" run). */
  hosts?: HostStats[];
  /** With placement: how many times the hosts were started again after one died (from the last snapshot). */
  restarts?: number;
  /** Wall time spent building the units' simulators (s). */
  buildSeconds: number;
  /** Wall time from the first window to the end of the run (s), building excluded. */
  runSeconds: number;
  /** CPU time of this process over the same span (s; with placement the coordinator's: see {@link HostStats.runCpuSeconds} for the hosts'), where the platform tells it (Node); else NaN. */
  runCpuSeconds: number;
}
