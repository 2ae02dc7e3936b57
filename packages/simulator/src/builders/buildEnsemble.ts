import { BuildError, type Ensemble } from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import { copyKernel } from "../kernels/copyKernel.js";
import { blockedWeights, dotIncKernel, prefersBlocks } from "../kernels/dotIncKernel.js";
import { processKernel } from "../kernels/processKernel.js";
import { resetKernel } from "../kernels/resetKernel.js";
import { incTarget, setTarget } from "../kernels/Target.js";

/**
 * Builds an Ensemble as Nengo's `build_ensemble`: J = bias (set) + scaledEncoders · input (inc)
 * + noise (inc) + the connections into its neurons (inc, times the gains), then the neuron
 * type's step kernel (from `registry.neurons`, by kind). A Direct-mode ensemble is only its input
 * buffer, which decoded connections read in the same step.
 */
export function buildEnsemble(ens: Ensemble, ctx: BuildContext): void {
  const s = ctx.ensemble(ens);
  const owner = ens.toString();
  ctx.add(resetKernel(s.input, owner), s.input);
  if (s.direct) return;
  const { neuronsIn, neuronsOut } = s;
  const bias = ctx.add(copyKernel(s.bias, null, setTarget(neuronsIn), owner, "bias"));
  const reg = ctx.registry.neurons;
  const builder = reg[ens.neuronType.kind] ?? reg["*"];
  if (builder === undefined) {
    throw new BuildError(
      `${owner}: the registry has no neuron kernel for ${ens.neuronType.kind} and no "*" entry; add registry.neurons.${ens.neuronType.kind}`,
      {
        label: owner,
      },
    );
  }
  const neurons = ctx.add(
    builder(
      {
        neuronType: ens.neuronType,
        nNeurons: ens.nNeurons,
        input: neuronsIn,
        output: neuronsOut,
        state: s.state,
        owner,
        seedPath: [ctx.seedOf(ens), "neurons"],
      },
      ctx,
    ),
  );
  if (ens.noise !== null) {
    ctx.add(processKernel({ process: ens.noise, input: null, output: neuronsIn, mode: "inc", seedPath: [ctx.seedOf(ens), "noise"], owner }));
  }
  // large encoders also get a copy in blocks of rows (for the SIMD product)
  const blocks = !ctx.encodersLearned(ens) && prefersBlocks(ens.nNeurons, ens.dimensions);
  const weights = blocks
    ? ctx.constant(`${owner}.scaledEncoders.blocks`, blockedWeights(s.params.scaledEncoders, ens.nNeurons, ens.dimensions))
    : s.scaledEncoders;
  const encoders = ctx.add(
    dotIncKernel({
      weights,
      rows: ens.nNeurons,
      cols: ens.dimensions,
      layout: blocks ? "blocks" : "rows",
      x: s.input,
      dst: incTarget(neuronsIn),
      eventDriven: false,
      owner,
      role: "encoders",
    }),
    s.input,
  );
  // the bias, the encoders and the neurons may become one loop (fuseNeuronInputs)
  ctx.neuronInputs.push({
    input: neuronsIn,
    bias,
    biasSignal: s.bias,
    encoders,
    encoderWeights: weights,
    x: s.input,
    cols: ens.dimensions,
    small: !blocks,
    neurons,
  });
}
