// Connection and probe synapses in a simulator: filt() delayed by one step
// (the sim_* fields of shared/reference/nengo/synapses.json).
import { Alpha, LinearFilter, Lowpass, Network, PresentInput, type Synapse, Triangle } from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, loadReference } from "./support.js";

interface SynapseCase {
  num?: number[];
  den?: number[];
  analog?: boolean;
  sim_step_response: number[];
  sim_impulse_response: number[];
}
interface SynapsesRef {
  cases: Record<string, { dt: number; n_steps: number; synapses: Record<string, SynapseCase> }>;
}

const ref = loadReference<SynapsesRef>("nengo/synapses.json");

/** The synapses of the reference, by the name the reference gives them. */
const synapses: Record<string, () => Synapse> = {
  "Lowpass(0.005)": () => new Lowpass(0.005),
  "Lowpass(0.1)": () => new Lowpass(0.1),
  "Alpha(0.01)": () => new Alpha(0.01),
  "LinearFilter([1],[0.0002,0.03,1])": () => new LinearFilter([1], [0.0002, 0.03, 1]),
  "Triangle(0.01)": () => new Triangle(0.01),
  "Lowpass(0)": () => new Lowpass(0),
  "LinearFilter([0.02,1],[0.01,1])": () => new LinearFilter([0.02, 1], [0.01, 1]),
  "LinearFilter([0.5],[1,-0.5],analog=False)": () => new LinearFilter([0.5], [1, -0.5], { analog: false }),
};

/** Runs u (one value per step, through PresentInput) through the synapse on both routes. */
function simulate(syn: () => Synapse, u: number[], dt: number): { probe: Float64Array; connection: Float64Array } {
  const net = new Network();
  const node = net.node({ output: new PresentInput({ inputs: u.map((v) => [v]), presentationTime: dt }) });
  const pass = net.node({ sizeIn: 1 });
  net.connect(node, pass, { synapse: syn() });
  const pProbe = net.probe(node, { synapse: syn() });
  const pConn = net.probe(pass, { synapse: null });
  const sim = new Simulator(net, { dt, progress: false });
  sim.runSteps(u.length);
  return { probe: Float64Array.from(sim.data(pProbe).data), connection: Float64Array.from(sim.data(pConn).data) };
}

for (const [dtKey, group] of Object.entries(ref.cases)) {
  describe(`synapses in a simulator, ${dtKey}`, () => {
    it("covers every reference synapse", () => {
      expect(Object.keys(group.synapses).filter((k) => !(k in synapses))).toEqual([]);
    });
    for (const [name, c] of Object.entries(group.synapses)) {
      const make = defined(synapses[name]);
      it(`${name}: step response, probe and connection routes`, () => {
        const u = new Array<number>(group.n_steps).fill(1);
        const r = simulate(make, u, group.dt);
        expectAllClose(r.probe, c.sim_step_response, { what: `${name} step (probe)` });
        expectAllClose(r.connection, c.sim_step_response, { what: `${name} step (connection)` });
      });
      it(`${name}: impulse response, probe and connection routes`, () => {
        const u = new Array<number>(group.n_steps).fill(0);
        u[0] = 1 / group.dt;
        const r = simulate(make, u, group.dt);
        expectAllClose(r.probe, c.sim_impulse_response, { what: `${name} impulse (probe)` });
        expectAllClose(r.connection, c.sim_impulse_response, { what: `${name} impulse (connection)` });
      });
    }
  });
}
