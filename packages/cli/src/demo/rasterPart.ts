import { LIF, Network } from "@plexus/core";
import { f64At, libm } from "@plexus/core/runtime";
import { Simulator } from "@plexus/simulator";
import type { SpikeRaster } from "../results/DemoResults.js";
import type { DemoContext, PartOutcome } from "./DemoContext.js";

/** Frequency of the represented signal, in Hz. */
const SIGNAL_HZ = 2;

/**
 * The spike raster of one ensemble, run on the simulator: LIF neurons representing a sine, half
 * with encoder +1 and half with −1, each half ordered by intercept, so the raster shows which
 * neurons fire at which phase of the signal.
 */
export async function rasterPart(ctx: DemoContext): Promise<PartOutcome<SpikeRaster>> {
  const nNeurons = ctx.quick ? 20 : 40;
  const seconds = ctx.quick ? 0.5 : 1;
  const dt = 0.001;
  const half = nNeurons / 2;
  // Rows 0..half-1: encoder +1, intercepts rising; rows half..: encoder −1, intercepts rising.
  const encoders = Array.from({ length: nNeurons }, (_, i) => [i < half ? 1 : -1]);
  const intercepts = Array.from({ length: nNeurons }, (_, i) => -0.8 + (1.6 * (i % half)) / (half - 1));
  const net = new Network({ label: "raster", seed: ctx.seed });
  const stimulus = net.node({ output: (t: number) => [libm.sin(2 * Math.PI * SIGNAL_HZ * t)], label: "stimulus" });
  const ensemble = net.ensemble({ nNeurons, dimensions: 1, neuronType: new LIF(), encoders, intercepts, label: "A" });
  net.connect(stimulus, ensemble);
  const probe = net.probe(ensemble.neurons, { attr: "spikes" });
  const decoded = net.probe(ensemble, { synapse: 0.01 });

  const task = ctx.progress.task("spike raster", 1, "run");
  const sim = new Simulator(net, { dt, seed: ctx.seed, progress: false });
  sim.run(seconds);
  const { data, shape } = sim.data(probe);
  const [rows, cols] = shape;
  const t: number[] = [];
  const neuron: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (f64At(data, r * cols + c) > 0) {
        t.push(round((r + 1) * dt));
        neuron.push(c);
      }
    }
  }
  const estimate = sim.data(decoded).data;
  const times = Array.from(sim.trange(), round);
  task.done(`${t.length} spikes`);
  return {
    ran: true,
    value: {
      ensemble: "A",
      description: `Ensemble A represents x = sin(2π·${SIGNAL_HZ}·t) with Nengo's LIF neurons (simulated by @plexus/simulator at dt = ${dt} s); neurons 0–${half - 1} have encoder +1, neurons ${half}–${nNeurons - 1} encoder −1, each half ordered by intercept; above, the input and the value decoded from the spikes.`,
      neuronType: "LIF",
      nNeurons,
      tStart: 0,
      tEnd: seconds,
      t,
      neuron,
      groups: [
        { label: "encoder +1: fire when x is high", first: 0, count: half },
        { label: "encoder −1: fire when x is low", first: half, count: nNeurons - half },
      ],
      signal: {
        t: times,
        series: [
          { name: "x, the input", values: times.map((s) => libm.sin(2 * Math.PI * SIGNAL_HZ * s)) },
          { name: "decoded from the spikes (lowpass 10 ms)", values: Array.from(estimate) },
        ],
      },
    },
    bundles: [],
  };
}

/** Removes float noise from `k · dt` (0.30000000000000004 → 0.3). */
function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
