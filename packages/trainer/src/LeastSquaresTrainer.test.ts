import { LIF, LIFRate, LstsqL2, LstsqL2nz, LstsqNoise, Network, Nnls, Sigmoid, TrainingError, UniformHypersphere } from "@plexus/core";
import { build } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { independentLoss, rateChannel, relDiff, sineData, spikingChannel } from "../test/nongradient/fixtures.js";
import { LeastSquaresTrainer } from "./LeastSquaresTrainer.js";

const square = (v: number): number => v * v;

describe("LeastSquaresTrainer from data", () => {
  for (const [kind, make] of [
    ["rate (LIFRate)", rateChannel],
    ["spiking (LIF)", spikingChannel],
  ] as const) {
    it(`${kind}: fits u² through the ports, and its fit's loss is the simulator's deployed loss`, async () => {
      const net = make();
      const { u, y } = sineData(2, 400, square);
      const trainer = new LeastSquaresTrainer();
      const asBuilt = await trainer.evaluate(net, { inputs: { u }, targets: { y } });
      const trained = await trainer.fit(net, { inputs: { u }, targets: { y } });
      const r = trained.report;
      expect(r.trainer).toBe("LeastSquaresTrainer");
      expect(r.engine).toBe("LstsqL2 on data");
      expect(r.epochs).toBe(1);
      expect(relDiff(r.trainLoss, r.deployedLoss)).toBeLessThan(1e-9);
      expect(r.deployedLoss).toBeLessThan(0.02);
      expect(r.deployedLoss).toBeLessThan(asBuilt / 5); // the built channel decodes u, not u²
      expect(relDiff(await trainer.evaluate(trained, { inputs: { u }, targets: { y } }), r.deployedLoss)).toBe(0);
      expect(relDiff(independentLoss(net, trained, { u }, { y }), r.deployedLoss)).toBe(0);
      expect(trained.parameterNames).toEqual(["Connection[1].weights"]);
      expect(defined(trained.parameters["Connection[1].weights"]).shape).toEqual([1, 40]);
    });
  }

  it("solves connections that feed the same output together, with the rest of the network as a fixed part", async () => {
    const net = new Network({ label: "two", seed: 5, inputs: { u: 1 }, outputs: { y: 2 } });
    const a = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    const b = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new Sigmoid(), label: "b" });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(net.in.u, b, { synapse: null });
    net.connect(a, net.out.y, { transform: [[1], [0.5]] }); // both dimensions
    net.connect(b, net.out.y, { postSlice: [1], synapse: 0.01 }); // dimension 1 only
    net.connect(net.in.u, net.out.y, { transform: [[0.3], [0]], synapse: null }); // not decoded: stays
    const frozen = net.connect(a, net.out.y, { postSlice: [0], function: (x) => defined(x[0]) ** 3 });
    net.config.setTrainable(frozen, false);
    const batch = 2;
    const steps = 300;
    const { u } = sineData(batch, steps, square);
    const y = new Float64Array(batch * steps * 2);
    for (let i = 0; i < batch * steps; i++) {
      y[2 * i] = Math.sin(3 * defined(u.data[i]));
      y[2 * i + 1] = defined(u.data[i]) ** 2 - 0.2;
    }
    const data = { inputs: { u }, targets: { y: { data: y, shape: [batch, steps, 2] as const } } };
    const trained = await new LeastSquaresTrainer({ solver: new LstsqL2({ reg: 0.01 }) }).fit(net, data);
    expect(trained.parameterNames).toEqual(["Connection[2].weights", "Connection[3].weights"]);
    expect(defined(trained.parameters["Connection[2].weights"]).shape).toEqual([2, 30]);
    expect(defined(trained.parameters["Connection[3].weights"]).shape).toEqual([1, 20]);
    expect(relDiff(trained.report.trainLoss, trained.report.deployedLoss)).toBeLessThan(1e-9);
    expect(trained.report.deployedLoss).toBeLessThan(0.01);
    expect(relDiff(independentLoss(net, trained, data.inputs, data.targets), trained.report.deployedLoss)).toBe(0);
  });

  it("takes any of core's solvers", async () => {
    const net = rateChannel();
    const { u, y } = sineData(1, 300, (v) => Math.abs(v));
    for (const solver of [new LstsqL2nz({ reg: 0.05 }), new Nnls()]) {
      const trained = await new LeastSquaresTrainer({ solver }).fit(net, { inputs: { u }, targets: { y } });
      expect(trained.report.engine).toBe(`${solver.kind} on data`);
      expect(relDiff(trained.report.trainLoss, trained.report.deployedLoss)).toBeLessThan(1e-9);
      if (solver instanceof Nnls) expect(Math.min(...defined(trained.parameters["Connection[1].weights"]).values)).toBeGreaterThanOrEqual(0);
    }
  });

  it("says why when the activities are all zero (single-step examples through a synapse)", async () => {
    const net = rateChannel();
    const u = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i / 8));
    const err = await new LeastSquaresTrainer().fit(net, { inputs: { u }, targets: { y: u } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("out.y");
    expect((err as TrainingError).message).toMatch(/all zero.*one step/);
  });

  it("needs a trainable decoded connection into a port with a target", async () => {
    const net = rateChannel();
    net.config.setTrainable("connection", false);
    const { u, y } = sineData(1, 20, square);
    const err = await new LeastSquaresTrainer().fit(net, { inputs: { u }, targets: { y } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as TrainingError).label).toBe("out.y");
  });
});

describe("LeastSquaresTrainer from evaluation points", () => {
  it("without data gives exactly the build's decoders (Nengo's solve) and no deployed loss", async () => {
    const net = rateChannel();
    const trained = await new LeastSquaresTrainer().fit(net, { inputs: {}, targets: {} });
    const conn = defined(net.connections[1]);
    const built = defined(build(net, { seed: 3 }).built.connections.get(conn));
    expect(Array.from(defined(trained.parameters["Connection[1].weights"]).values)).toEqual(Array.from(built.weights));
    expect(trained.report.engine).toBe("LstsqL2 on eval points");
    expect(trained.report.deployedLoss).toBeNaN();
    const rmse = defined(defined(built.solverInfo).rmses[0]);
    expect(trained.report.trainLoss).toBeCloseTo(rmse * rmse, 15);
    // No data at all says the same thing shorter.
    const bare = await new LeastSquaresTrainer().fit(net);
    expect(Array.from(defined(bare.parameters["Connection[1].weights"]).values)).toEqual(Array.from(built.weights));
    expect(bare.report).toEqual(trained.report);
  });

  it("reproduces the build for functions, transforms, slices, own eval points and solvers that draw noise", async () => {
    const net = new Network({ label: "nef", seed: 11, inputs: { u: 2 }, outputs: { y: 2, z: 1 } });
    const a = net.ensemble({ nNeurons: 50, dimensions: 2, neuronType: new LIF(), radius: 1.5, label: "a" });
    const b = net.ensemble({ nNeurons: 30, dimensions: 1, neuronType: new Sigmoid(), label: "b" });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(net.in.u, b, { preSlice: [1], synapse: null });
    const product = net.connect(a, net.out.y, {
      function: (x) => [defined(x[0]) * defined(x[1])],
      transform: [[2], [-1]],
      evalPoints: new UniformHypersphere({ surface: false }),
    });
    const sliced = net.connect(a, net.out.z, { preSlice: [1], function: (x) => Math.sin(defined(x[0])), solver: new LstsqNoise({ noise: 0.1 }) });
    const scalar = net.connect(b, net.out.z, { transform: 0.5 });
    const solver = new LstsqNoise({ noise: 0.1 });
    // The trainer's solver against each connection's own: compare connection by connection.
    for (const [conn, s] of [
      [product, new LstsqL2()],
      [sliced, solver],
      [scalar, new LstsqL2()],
    ] as const) {
      const trained = await new LeastSquaresTrainer({ solver: s, mode: "evalPoints" }).fit(net, { inputs: {}, targets: {} });
      const built = defined(build(net, { seed: 11 }).built.connections.get(conn));
      const name = `Connection[${net.connections.indexOf(conn)}].weights`;
      expect(Array.from(defined(trained.parameters[name]).values)).toEqual(Array.from(built.weights));
      expect(defined(trained.parameters[name]).shape).toEqual(built.weightsShape);
    }
  });

  it("with data (mode evalPoints) reports the deployed loss of the as-built subnetwork", async () => {
    const net = spikingChannel();
    const { u, y } = sineData(1, 300, (v) => v);
    const trainer = new LeastSquaresTrainer({ mode: "evalPoints" });
    const trained = await trainer.fit(net, { inputs: { u }, targets: { y } }, { onWarning: () => {} });
    expect(trained.report.deployedLoss).toBe(await trainer.evaluate(net, { inputs: { u }, targets: { y } }));
    expect(relDiff(independentLoss(net, trained, { u }, { y }), trained.report.deployedLoss)).toBe(0);
  });

  it("rejects mode data without data and a weight solver", async () => {
    const err = await new LeastSquaresTrainer({ mode: "data" }).fit(rateChannel(), { inputs: {}, targets: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect(() => new LeastSquaresTrainer({ solver: new LstsqL2({ weights: true }) })).toThrow(TrainingError);
    expect(() => new LeastSquaresTrainer({ dt: 0 })).toThrow(/dt/);
  });
});
