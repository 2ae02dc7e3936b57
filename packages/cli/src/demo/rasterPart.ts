import type { SpikeRaster } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";

/** The spike raster of one spiking ensemble, run on the simulator. */
export async function rasterPart(_ctx: DemoContext): Promise<PartOutcome<SpikeRaster>> {
  return { ran: false, reason: "waiting for @plexus/simulator (Simulator with spike probes)" };
}
