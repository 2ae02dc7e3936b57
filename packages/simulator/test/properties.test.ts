// Properties of build + run over random networks (fast-check).
import {
  AdaptiveLIF,
  Alpha,
  BuildError,
  Direct,
  type Ensemble,
  Izhikevich,
  LIF,
  LIFRate,
  Network,
  type NeuronType,
  type Node,
  PlexusError,
  type Probe,
  RectifiedLinear,
  RegularSpiking,
  Rng,
  Sigmoid,
  SoftLIFRate,
  SpikingRectifiedLinear,
  type SynapseLike,
  Tanh,
  Uniform,
  ValidationError,
} from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";

const neuronTypes: Record<string, () => NeuronType> = {
  LIF: () => new LIF(),
  LIFRate: () => new LIFRate(),
  RectifiedLinear: () => new RectifiedLinear(),
  SpikingRectifiedLinear: () => new SpikingRectifiedLinear(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  AdaptiveLIF: () => new AdaptiveLIF(),
  Izhikevich: () => new Izhikevich(),
  SoftLIFRate: () => new SoftLIFRate(),
  RegularSpiking: () => new RegularSpiking(new LIFRate()),
  Direct: () => new Direct(),
};

const synapses = ["none", "zero", "lowpass", "alpha"] as const;
const toSynapse = (s: (typeof synapses)[number]): SynapseLike => (s === "none" ? null : s === "zero" ? 0 : s === "lowpass" ? 0.005 : new Alpha(0.003));

const arbSpec = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  nodes: fc.array(fc.record({ kind: fc.constantFrom("sin", "const", "fn"), dims: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
  ensembles: fc.array(
    fc.record({
      n: fc.integer({ min: 2, max: 12 }),
      dims: fc.integer({ min: 1, max: 3 }),
      type: fc.constantFrom(...Object.keys(neuronTypes)),
      radius: fc.double({ min: 0.5, max: 2, noNaN: true }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  connections: fc.array(
    fc.record({
      from: fc.nat(),
      to: fc.nat(),
      synapse: fc.constantFrom(...synapses),
      neurons: fc.boolean(),
      fn: fc.boolean(),
      matrix: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  probeSynapse: fc.constantFrom(...synapses),
});

type Spec = typeof arbSpec extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  net: Network;
  probes: Probe[];
  ensembles: Ensemble[];
  nodes: Node[];
}

/**
 * A valid network from a spec: synapse-less connections only go forward (no same-step cycle);
 * intercepts below 0.5 so that some eval point makes some neuron fire (else a decoder solve has
 * all-zero activities, a BuildError in Nengo too).
 */
function makeNetwork(spec: Spec): Built {
  const rng = new Rng(spec.seed);
  const net = new Network({ seed: spec.seed });
  const nodes = spec.nodes.map((n, i) => {
    if (n.kind === "const") return net.node({ output: Array.from({ length: n.dims }, () => rng.uniform(-1, 1)), label: `n${i}` });
    if (n.kind === "sin")
      return net.node({ output: (t: number) => Array.from({ length: n.dims }, (_, j) => Math.sin(2 * Math.PI * (j + 1) * t)), label: `n${i}` });
    return net.node({
      output: (t: number, x: Float64Array) => Array.from({ length: n.dims }, (_, j) => Math.tanh((x[j] ?? 0) + t)),
      sizeIn: n.dims,
      label: `n${i}`,
    });
  });
  const ensembles = spec.ensembles.map((e, i) =>
    net.ensemble({
      nNeurons: e.n,
      dimensions: e.dims,
      neuronType: defined(neuronTypes[e.type])(),
      radius: e.radius,
      intercepts: new Uniform(-0.9, 0.5),
      label: `e${i}`,
    }),
  );
  const objects: (Node | Ensemble)[] = [...nodes, ...ensembles];
  for (const c of spec.connections) {
    const pre = defined(objects[c.from % objects.length]);
    const targets = objects.filter((o) => o.kind === "ensemble" || o.sizeIn > 0);
    const post = defined(targets[c.to % targets.length]);
    const ip = objects.indexOf(pre);
    const iq = objects.indexOf(post);
    const synapse = c.synapse === "none" && ip >= iq ? 0.005 : toSynapse(c.synapse);
    const preDims = pre.kind === "node" ? pre.sizeOut : pre.dimensions;
    const useNeurons = c.neurons && post.kind === "ensemble" && post.neuronType.kind !== "Direct";
    const postDims = post.kind === "node" ? post.sizeIn : useNeurons ? post.nNeurons : post.dimensions;
    // a bounded square: x² itself, fed back through a Direct ensemble, grows doubly exponentially
    // and overflows within 20 steps (a SimulationError, rightly), which no valid-network property can promise
    const fn = c.fn && pre.kind === "ensemble" ? (x: Float64Array) => [Math.tanh(defined(x[0])) ** 2] : null;
    const mid = fn === null ? preDims : 1;
    const transform =
      c.matrix || mid !== postDims ? Array.from({ length: postDims }, () => Array.from({ length: mid }, () => rng.uniform(-1, 1))) : rng.uniform(-1, 1);
    net.connect(pre, useNeurons && post.kind === "ensemble" ? post.neurons : post, { synapse, transform, function: fn });
  }
  const ps = toSynapse(spec.probeSynapse);
  const probes = [
    ...nodes.map((n) => net.probe(n, { synapse: ps })),
    ...ensembles.map((e) => net.probe(e, { synapse: ps })),
    ...ensembles.filter((e) => e.neuronType.kind !== "Direct").map((e) => net.probe(e.neurons)),
  ];
  return { net, probes, ensembles, nodes };
}

describe("random valid networks", () => {
  it("build and run with finite output, the same bits for the same seed (fused or not, SIMD or not)", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const a = makeNetwork(spec);
        const sim = new Simulator(a.net, { progress: false });
        sim.runSteps(20);
        for (const p of a.probes) {
          const d = sim.data(p);
          expect(d.shape[0]).toBe(20);
          for (const v of d.data) expect(Number.isFinite(v)).toBe(true);
        }
        for (const options of [{ fused: false }, { simd: false }]) {
          const b = makeNetwork(spec);
          const sim2 = new Simulator(b.net, { progress: false, ...options });
          sim2.runSteps(20);
          a.probes.forEach((p, i) => expect(Array.from(sim2.data(defined(b.probes[i])).data)).toEqual(Array.from(sim.data(p).data)));
        }
      }),
      { numRuns: 40 },
    );
  });
});

const mutations = [
  "transformShape",
  "preSliceRange",
  "cycleWithoutSynapse",
  "interceptsAboveOne",
  "probeAttr",
  "zeroEncoder",
  "evalPointsShape",
  "twoNetworks",
  "innerPortUndriven",
  "badDt",
] as const;

function mutate(b: Built, m: (typeof mutations)[number]): { dt?: number } {
  const { net, ensembles, nodes } = b;
  const e = defined(ensembles[0]);
  switch (m) {
    case "transformShape":
      net.connect(defined(nodes[0]), e, { transform: Array.from({ length: e.dimensions + 1 }, () => [1]) });
      return {};
    case "preSliceRange":
      net.connect(defined(nodes[0]), e, { preSlice: [defined(nodes[0]).sizeOut + 2], transform: Array.from({ length: e.dimensions }, () => [1]) });
      return {};
    case "cycleWithoutSynapse": {
      const p = net.node({ sizeIn: 1, label: "loop" });
      net.connect(p, p, { synapse: null });
      return {};
    }
    case "interceptsAboveOne":
      net.ensemble({ nNeurons: 3, dimensions: 1, neuronType: new LIF(), intercepts: new Uniform(1.2, 1.5) });
      return {};
    case "probeAttr":
      net.probe(defined(nodes[0]), { attr: "voltage" });
      return {};
    case "zeroEncoder":
      net.ensemble({
        nNeurons: 2,
        dimensions: 2,
        encoders: [
          [0, 0],
          [1, 0],
        ],
      });
      return {};
    case "evalPointsShape":
      net.ensemble({ nNeurons: 2, dimensions: 2, evalPoints: [[1, 2, 3]] });
      return {};
    case "twoNetworks": {
      const other = new Network();
      other.add(e);
      return {};
    }
    case "innerPortUndriven": {
      const sub = net.network({ inputs: { u: 1 }, outputs: { y: 1 } });
      sub.connect(sub.in.u, sub.out.y);
      return {};
    }
    case "badDt":
      return { dt: -0.001 };
  }
}

describe("random invalid networks", () => {
  it("throw ValidationError or BuildError (never TypeError, never NaN)", () => {
    fc.assert(
      fc.property(arbSpec, fc.constantFrom(...mutations), (spec, m) => {
        const b = makeNetwork(spec);
        let err: unknown;
        try {
          // some mistakes are refused where they are made (a bad slice at connect), others at build
          build(b.net, mutate(b, m));
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PlexusError);
        expect(err instanceof ValidationError || err instanceof BuildError).toBe(true);
        expect((err as Error).message).not.toMatch(/NaN|undefined/);
      }),
      { numRuns: 80 },
    );
  });
});
