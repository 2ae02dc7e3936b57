import type { CoupledLoopResults } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";

/** Part 2: two subnetworks trained by different trainers, coupled in a mutual loop. */
export async function coupledLoopPart(_ctx: DemoContext): Promise<PartOutcome<CoupledLoopResults>> {
  return { ran: false, reason: "waiting for @plexus/coupler (couple()), a non-gradient trainer and examples/coupled-loop" };
}
