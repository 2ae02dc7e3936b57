import type { Connection, Ensemble, Node, Probe } from "@plexus/core";
import type { BuildContext } from "./BuildContext.js";
import { buildConnection } from "./builders/buildConnection.js";
import { buildEnsemble } from "./builders/buildEnsemble.js";
import { buildNode } from "./builders/buildNode.js";
import { buildProbe } from "./builders/buildProbe.js";
import { defaultFilterSteps, type FilterSteps, linearFilterKernel, type SynapseKernelBuilder, stepperKernel } from "./kernels/filterKernels.js";
import { type NeuronKernelBuilder, neuronKernelBuilders } from "./kernels/neuronKernel.js";

/** Builders of the IR kinds a network holds (dispatched by `kind`). */
export interface ObjectBuilders {
  readonly node: (node: Node, ctx: BuildContext) => void;
  readonly ensemble: (ens: Ensemble, ctx: BuildContext) => void;
  readonly connection: (conn: Connection, ctx: BuildContext) => void;
  readonly probe: (probe: Probe, ctx: BuildContext) => void;
}

/**
 * What `build` turns IR objects into kernels with, passed explicitly (no global lookup):
 * builders per IR kind, step kernels per neuron kind, kernels per synapse kind and per
 * LinearFilter step kind. `"*"` entries serve kinds without their own entry.
 */
export interface Registry {
  readonly objects: ObjectBuilders;
  /**
   * By `NeuronType.kind` (`"LIF"`, ..., `"custom:<Name>"` for types defined outside Plexus, whose
   * kernel may be a `plainKernel`); `"*"`: any other kind.
   */
  readonly neurons: Readonly<Record<string, NeuronKernelBuilder>>;
  /** By `Synapse.kind` (`"Lowpass"`, ...); `"*"`: any other kind. */
  readonly synapses: Readonly<Record<string, SynapseKernelBuilder>>;
  /** By `DiscreteFilter.stepKind`, for the linear filters. */
  readonly filterSteps: FilterSteps;
}

/**
 * The default registry: Nengo's builders; neurons by the generated kernels of `@plexus/kernels`
 * (LIF and Sigmoid inlined, the same operations as their `step`), other neurons through their own
 * `step`; linear filters
 * (LinearFilter, Lowpass, Alpha) stepped inline with constant coefficients; any other synapse
 * (e.g. Triangle) through its own stepper.
 */
export const defaultRegistry: Registry = Object.freeze({
  objects: Object.freeze({ node: buildNode, ensemble: buildEnsemble, connection: buildConnection, probe: buildProbe }),
  neurons: Object.freeze(neuronKernelBuilders()),
  synapses: Object.freeze({ LinearFilter: linearFilterKernel, Lowpass: linearFilterKernel, Alpha: linearFilterKernel, "*": stepperKernel }),
  filterSteps: defaultFilterSteps,
});
