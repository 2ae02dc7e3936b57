import { BuildError, Network, Sigmoid } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { GradientTrainer } from "../../GradientTrainer.js";
import { TfjsEngine } from "../TfjsEngine.js";

function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ label: "x", nNeurons: 8, dimensions: 1, neuronType: new Sigmoid() });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

describe("tfjs backends", () => {
  it("'tensorflow' without @tensorflow/tfjs-node says it is not installed and keeps the loader's error as the cause", async () => {
    let error: unknown;
    try {
      await new TfjsEngine({ backend: "tensorflow" }).compile(channel());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toMatch(/the 'tensorflow' backend could not start; @tensorflow\/tfjs-node is not installed: install it/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(String(((error as Error).cause as Error).message)).toMatch(/@tensorflow\/tfjs-node/);
  });

  it("the training report records which backend ran", async () => {
    const u = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i));
    const trained = await new GradientTrainer({ engine: "tfjs", minibatchSize: 10 }).fit(
      channel(),
      { inputs: { u }, targets: { y: u } },
      { epochs: 1, progress: false, onWarning: () => {} },
    );
    expect(trained.report.engine).toBe("tfjs");
    expect(["tensorflow", "wasm", "cpu"]).toContain(trained.report.backend);
    const typed = await new GradientTrainer({ minibatchSize: 10 }).fit(
      channel(),
      { inputs: { u }, targets: { y: u } },
      { epochs: 1, progress: false, onWarning: () => {} },
    );
    expect(typed.report.backend).toBeUndefined();
  });
});
