import { type Network, TrainingError } from "@plexus/core";
import type { CompiledModel } from "../engine/CompiledModel.js";
import { onlineLearned } from "../engine/internal/onlineLearned.js";
import { portReach } from "./gradientReach.js";

/**
 * What a gradient trainer checks before its first step, so that it never pretends to train:
 * something is trainable; a parameter an online learning rule changes is left out (warned when
 * the config asked for it); every output port with a target sees a gradient within an example
 * (refused when none does, warned for each one that does not); inputs reach each such port.
 * @throws TrainingError when nothing is trainable, or no output port with a target can see a gradient.
 */
export function checkTrainable(net: Network, model: CompiledModel, targets: readonly string[], steps: number, warn: (message: string) => void): void {
  const trained = new Set(model.parameters.filter((p) => p.trainable).map((p) => p.name));
  const learned = [...onlineLearned(net)].filter(([name, l]) => l.configTrainable && model.parameters.some((p) => p.name === name));
  if (learned.length > 0) {
    warn(
      `${net}: ${learned.map(([name, l]) => `${name} (${l.rule})`).join(", ")} ${learned.length === 1 ? "is" : "are"} changed online by a learning rule while the network runs, so gradient training leaves ${learned.length === 1 ? "it" : "them"} as built (as nengo_dl does)`,
    );
  }
  if (trained.size === 0) {
    throw new TrainingError(
      `${net}: nothing to train: every encoder, bias and connection weight is frozen (net.config.setTrainable) or changed online by a learning rule; make some trainable, or train with another trainer`,
      { label: "parameters" },
    );
  }
  const reach = portReach(net, trained).filter((r) => targets.includes(r.port.name));
  const blind = reach.filter((r) => r.fromParameters >= steps);
  const why = (r: (typeof reach)[number]): string =>
    `${r.port}: its latency from the trained parameters is ${r.fromParameters === Infinity ? "infinite (none reaches it)" : `${r.fromParameters} step${r.fromParameters === 1 ? "" : "s"} (synapses on the way)`} but each example has ${steps} step${steps === 1 ? "" : "s"}, so within an example its output never depends on them and no gradient reaches it; ${
      r.fromParameters === Infinity
        ? "make a parameter on its way trainable"
        : `give examples of more than ${r.fromParameters} steps, or remove a synapse on the way`
    }`;
  if (blind.length > 0 && blind.length === reach.length) {
    throw new TrainingError(`${net}: nothing would train: ${blind.map(why).join("; ")}`, { label: blind.map((r) => `out.${r.port.name}`).join(",") });
  }
  for (const r of blind) warn(`${net}: ${why(r)}`);
  for (const r of reach) {
    if (r.fromParameters < steps && r.fromInputs >= steps) {
      warn(
        `${net}: ${r.port}: its latency from the input ports is ${r.fromInputs === Infinity ? "infinite (no input reaches it)" : `${r.fromInputs} steps`} but each example has ${steps} step${steps === 1 ? "" : "s"}, so an example's inputs never reach its output within the example; it can only learn a constant`,
      );
    }
  }
}
