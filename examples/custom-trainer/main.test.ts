import { TrainingError } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { LeastSquaresTrainer, type Trainer } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { defined } from "../../test/support/defined.js";
import { channel, halfData, main, RandomSearchTrainer } from "./main.js";

describe("examples/custom-trainer", () => {
  it("plugs a user's trainer into the Trainer interface, and freeze reports the simulator's loss", async () => {
    const trainer: Trainer = new RandomSearchTrainer({ parameter: "Connection[0].weights", trials: 25, seed: 3 });
    const net = channel();
    const data = halfData(300);
    const trained = await trainer.fit(net, data);
    const r = trained.report;
    expect(r.trainer).toBe("RandomSearchTrainer");
    expect(r.epochs).toBe(25);
    expect(r.trainLoss).toBe(r.deployedLoss);
    const gain = defined(defined(trained.parameters["Connection[0].weights"]).values[0]);
    expect(Math.abs(gain - 0.5)).toBeLessThan(0.1);

    // The same loss from a plain simulator run with the learned transform.
    const sim = new Simulator(build(net, { seed: r.seed, overrides: new Map([["Connection[0].weights", Float64Array.of(gain)]]) }), { progress: false });
    const u = (data.inputs.u as { data: Float64Array }).data;
    const y = (data.targets.y as { data: Float64Array }).data;
    let sum = 0;
    for (let k = 0; k < u.length; k++) {
      sim.writeInput("u", [defined(u[k])]);
      sim.step();
      sum += (defined(sim.readOutput("y")[0]) - defined(y[k])) ** 2;
    }
    expect(Math.abs(sum / u.length - r.deployedLoss) / r.deployedLoss).toBeLessThan(1e-4);

    // It sits beside Plexus's own trainers: the same network and data, interchangeably.
    const solved = await new LeastSquaresTrainer().fit(net, data, { onWarning: () => {} });
    expect(Number.isFinite(solved.report.deployedLoss)).toBe(true);
  });

  it("gets the typed errors of freeze for bad data", async () => {
    const err = await new RandomSearchTrainer({ parameter: "Connection[0].weights", trials: 1 })
      .fit(channel(), { inputs: { u: [[[NaN]]] }, targets: { y: [[[0]]] } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("in.u");
  });

  it("runs as a program", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await main([]);
    } finally {
      console.log = log;
    }
    expect(lines[0]).toMatch(/RandomSearchTrainer: input transform 0\.\d+/);
    expect(lines[1]).toMatch(/deployedLoss/);
  });
});
