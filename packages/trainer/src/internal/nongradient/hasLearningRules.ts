import { LearningRule, type Network } from "@plexus/core";

/** Whether `net` or a subnetwork holds a learning rule. */
export function hasLearningRules(net: Network): boolean {
  return net.all("node").some((n) => n instanceof LearningRule);
}
