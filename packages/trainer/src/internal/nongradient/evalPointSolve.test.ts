import { LIF, LstsqL2, LstsqNoise, Network, Sigmoid, UniformHypersphere } from "@plexus/core";
import { build } from "@plexus/simulator";
import { expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import { evalPointSolve } from "./evalPointSolve.js";

it("solves each decoded connection's decoders exactly as the build did", () => {
  const net = new Network({ label: "nef", seed: 21, inputs: { u: 2 }, outputs: { y: 1 } });
  const sub = net.network({ label: "sub" });
  const a = sub.ensemble({ nNeurons: 40, dimensions: 2, neuronType: new LIF(), radius: 2, label: "a" });
  const b = net.ensemble({ nNeurons: 25, dimensions: 1, neuronType: new Sigmoid(), label: "b" });
  net.connect(net.in.u, a, { synapse: null });
  const conns = [
    net.connect(a, b, { function: (x) => defined(x[0]) * defined(x[1]) }),
    net.connect(a, b, {
      preSlice: [1],
      evalPoints: new UniformHypersphere({ surface: false }),
      scaleEvalPoints: false,
      solver: new LstsqNoise({ noise: 0.2 }),
    }),
    net.connect(b, net.out.y, { transform: [[3]] }),
  ];
  const plan = build(net, { seed: 0 });
  for (const conn of conns) {
    const pre = conn.pre as typeof a;
    const built = defined(plan.built.connections.get(conn));
    const sol = evalPointSolve(net, conn, pre, defined(plan.built.ensembles.get(pre)), built, conn.solver, 0.001, 21);
    expect(Array.from(sol.decoders)).toEqual(Array.from(defined(built.decoders)));
    expect(Array.from(sol.weights)).toEqual(Array.from(built.weights));
    expect(Array.from(sol.rmses)).toEqual(Array.from(defined(built.solverInfo).rmses));
  }
  // Another solver gives other decoders.
  const other = evalPointSolve(
    net,
    defined(conns[0]),
    a,
    defined(plan.built.ensembles.get(a)),
    defined(plan.built.connections.get(defined(conns[0]))),
    new LstsqL2({ reg: 0.01 }),
    0.001,
    21,
  );
  expect(Array.from(other.decoders)).not.toEqual(Array.from(defined(defined(plan.built.connections.get(defined(conns[0]))).decoders)));
});
