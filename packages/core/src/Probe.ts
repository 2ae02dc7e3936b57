import type { Connection } from "./Connection.js";
import type { Ensemble } from "./Ensemble.js";
import { ValidationError } from "./errors.js";
import type { InPort } from "./InPort.js";
import { IRObject } from "./IRObject.js";
import { kindArgument } from "./internal/argumentChecks.js";
import type { Neurons } from "./Neurons.js";
import type { Node } from "./Node.js";
import type { OutPort } from "./OutPort.js";
import { resolveSlice, type Slice } from "./resolveSlice.js";
import type { Synapse, SynapseLike } from "./synapses/Synapse.js";
import { toSynapse } from "./synapses/toSynapse.js";

/** What a probe can record. */
export type ProbeTarget = Node | Ensemble | Neurons | Connection | InPort | OutPort;

/**
 * The attribute a probe records:
 * - Ensemble: `"decoded"` (default, the decoded output), `"input"`;
 * - Neurons: `"output"` (default; rates, or spikes of height amplitude/dt), `"spikes"` (alias),
 *   `"input"` (the current J), or a state variable (`"voltage"`, `"refractoryTime"`, `"adaptation"`, ...);
 * - Node, port: `"output"` (default); Connection: `"output"` (default, after the synapse and
 *   transform), `"input"` (what enters the connection), `"weights"`.
 */
export type ProbeAttr = "decoded" | "output" | "spikes" | "input" | "weights" | (string & {});

export interface ProbeOptions {
  readonly attr?: ProbeAttr;
  /** Filter applied to the probed signal (default null: none). */
  readonly synapse?: SynapseLike;
  /** Record every `sampleEvery` seconds instead of every step (default: every step). */
  readonly sampleEvery?: number | null;
  /**
   * Entries of the target to record (Nengo's `Probe(ens[1])`, `Probe(ens.neurons[0:10])`,
   * `Probe(node[1:])`): indices, a boolean mask or `{ start, stop, step }`; default all. For a
   * decoded probe of an ensemble the slice picks the dimensions decoded (as a connection's
   * `preSlice`); otherwise the recorded signal's entries (before the probe's synapse). Not for
   * connections.
   */
  readonly slice?: Slice;
  readonly label?: string;
  readonly seed?: number;
}

const PROBE_TARGET_KINDS: readonly ProbeTarget["kind"][] = ["node", "ensemble", "neurons", "connection", "inPort", "outPort"];

export function defaultProbeAttr(target: ProbeTarget): ProbeAttr {
  kindArgument(target, PROBE_TARGET_KINDS, "defaultProbeAttr", "target", "a Node, Ensemble, Neurons, Connection or port");
  return target.kind === "ensemble" ? "decoded" : "output";
}

/** Records a signal of the network while it runs (Nengo's `nengo.Probe`). */
export class Probe extends IRObject {
  readonly kind = "probe" as const;
  readonly target: ProbeTarget;
  readonly attr: ProbeAttr;
  readonly synapse: Synapse | null;
  readonly sampleEvery: number | null;
  /** The entries recorded (resolved indices), or null for all. */
  readonly slice: Int32Array | null;

  constructor(target: ProbeTarget, options: ProbeOptions = {}) {
    super(options);
    if (typeof target !== "object" || target === null) {
      throw new ValidationError({
        object: options.label !== undefined ? `Probe '${options.label}'` : "Probe",
        attr: "target",
        message: `must be a Node, Ensemble, Neurons, Connection or port to probe (got ${target === null ? "null" : typeof target})`,
      });
    }
    const where = options.label !== undefined ? `Probe '${options.label}'` : `Probe of ${target}`;
    this.target = target;
    this.attr = options.attr === "spikes" ? "output" : (options.attr ?? defaultProbeAttr(target));
    try {
      this.synapse = toSynapse(options.synapse ?? null);
    } catch (cause) {
      throw new ValidationError({ object: where, attr: "synapse", message: cause instanceof Error ? cause.message : String(cause) }, { cause });
    }
    const se = options.sampleEvery ?? null;
    if (se !== null && !(Number.isFinite(se) && se > 0)) {
      throw new ValidationError({ object: where, attr: "sampleEvery", message: `must be a finite number of seconds > 0 (got ${se})` });
    }
    this.sampleEvery = se;
    if (options.slice !== undefined && target.kind === "connection") {
      throw new ValidationError({ object: where, attr: "slice", message: "a connection's signals cannot be sliced; probe the post object's slice instead" });
    }
    this.slice = resolveSlice(options.slice, probedSize(target), where, "slice");
  }
}

/** The size of what a probe of `target` records before slicing (ensemble: dimensions; neurons: neurons). */
function probedSize(target: ProbeTarget): number {
  switch (target.kind) {
    case "ensemble":
      return target.dimensions;
    case "neurons":
      return target.size;
    case "node":
      return target.sizeOut;
    case "inPort":
    case "outPort":
      return target.dimensions;
    case "connection":
      return 0;
  }
}
