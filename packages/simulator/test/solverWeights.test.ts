// A network-wide LstsqL2({ weights: true }) default: full weights between ensembles, and on
// connections into a node (or from one) Nengo's behaviour: a warning, and decoders as usual.
import { LstsqL2, Network } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { captureWarnings } from "../../../test/support/warnings.js";

afterEach(() => vi.restoreAllMocks());

function net(weights: boolean): {
  net: Network;
  probe: ReturnType<Network["probe"]>;
  toNode: ReturnType<Network["connect"]>;
  toEns: ReturnType<Network["connect"]>;
} {
  const n = new Network({ seed: 5 });
  if (weights) n.config.connection.solver = new LstsqL2({ weights: true });
  const stim = n.node({ output: (t: number) => Math.sin(6 * t) });
  const a = n.ensemble({ nNeurons: 30, dimensions: 1 });
  const b = n.ensemble({ nNeurons: 30, dimensions: 1 });
  const out = n.node({ sizeIn: 1 });
  n.connect(stim, a);
  const toEns = n.connect(a, b);
  const toNode = n.connect(b, out, { function: (x) => defined(x[0]) * 2 });
  return { net: n, probe: n.probe(out), toNode, toEns };
}

describe("LstsqL2({ weights: true }) as a network-wide default", () => {
  it("builds: connections into nodes warn and solve decoders, ensemble-to-ensemble ones solve weights", () => {
    const emitted = captureWarnings();
    const w = net(true);
    // the stimulus connection (from a node) and the one into a node warn; ens -> ens does not
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatch(/Connection from Node\[0\] to Ensemble\[0\]\.solver: a connection from Node\[0\] \(not an Ensemble\) solves nothing/);
    expect(emitted[1]).toMatch(
      /Connection from Ensemble\[1\] to Node\[1\]\.solver: weights: true has no effect on a connection into Node\[1\] \(not an Ensemble\); it solves for decoders/,
    );
    expect(w.toEns.solver.weights).toBe(true);
    expect(w.toNode.solver.weights).toBe(false);
    expect(w.toNode.solver).toBeInstanceOf(LstsqL2);
    expect((w.toNode.solver as LstsqL2).reg).toBe(0.1);
    const plan = build(w.net);
    expect(defined(plan.built.connections.get(w.toEns)).weightsShape).toEqual([30, 30]);
    // and the node's input is what it is with decoders everywhere (same seed, same draws)
    const d = net(false);
    const sw = new Simulator(plan, { progress: false });
    const sd = new Simulator(d.net, { progress: false });
    sw.runSteps(200);
    sd.runSteps(200);
    const yw = sw.data(w.probe).data;
    const yd = sd.data(d.probe).data;
    expect(yw.every(Number.isFinite)).toBe(true);
    let err = 0;
    for (let i = 0; i < yd.length; i++) err = Math.max(err, Math.abs(defined(yw[i]) - defined(yd[i])));
    expect(err).toBeLessThan(1e-9);
  });
});
