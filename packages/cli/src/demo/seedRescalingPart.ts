import type { SeedRescalingResults } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";

/** Part 1: the reported case, trained at several data lengths. */
export async function seedRescalingPart(_ctx: DemoContext): Promise<PartOutcome<SeedRescalingResults>> {
  return { ran: false, reason: "waiting for @plexus/trainer (GradientTrainer, TrainedSubnetwork, save/load) and examples/seed-rescaling" };
}
