import { BuildError, type Synapse } from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** The kernel of a synapse, from the registry: by the synapse's kind, else the `"*"` entry. */
export function synapseKernel(synapse: Synapse, input: Signal, output: Signal, owner: string, ctx: BuildContext): Kernel {
  const reg = ctx.registry;
  const builder = reg.synapses[synapse.kind] ?? reg.synapses["*"];
  if (builder === undefined) {
    throw new BuildError(`${owner}: the registry has no synapse kernel for ${synapse.kind} and no "*" entry; add registry.synapses.${synapse.kind}`, {
      label: owner,
    });
  }
  return builder({ synapse, input, output, owner }, ctx, reg);
}
