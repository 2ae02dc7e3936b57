// Random networks for the fuzz suite, valid and invalid: node outputs, ensembles, connections
// (slices, synapses, transforms, functions), probes, dt and run length.
import {
  Alpha,
  Direct,
  type Ensemble,
  LIF,
  LIFRate,
  Lowpass,
  Network,
  type NeuronType,
  type Node,
  type Probe,
  RectifiedLinear,
  Sigmoid,
  type Slice,
  SpikingRectifiedLinear,
  type SynapseLike,
  Tanh,
} from "@plexus/core";
import { Simulator } from "@plexus/simulator";
import fc from "fast-check";
import { defined } from "../support/defined.js";
import { count, maybeBad, real, type Tagged } from "./values.js";

const neuronTypes: Record<string, (tauRc: number) => NeuronType> = {
  LIF: (tauRc) => new LIF({ tauRc }),
  LIFRate: (tauRc) => new LIFRate({ tauRc }),
  RectifiedLinear: () => new RectifiedLinear(),
  SpikingRectifiedLinear: () => new SpikingRectifiedLinear(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  Direct: () => new Direct(),
};

/** `arb` one time in `1 + nullWeight`, else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, nullWeight: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: nullWeight, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const arbSynapse = fc.oneof(
  fc.constant({ kind: "none" as const, tau: ["valid", 0] as Tagged<number> }),
  fc.record({ kind: fc.constantFrom("lowpass" as const, "alpha" as const), tau: real(0.001, 0.05) }),
);

const arbSlice = fc.oneof(
  fc
    .array(
      maybeBad(fc.integer({ min: -4, max: 4 }), [
        ["NaN", NaN],
        ["fractional", 0.5],
        ["huge", 1e12],
        ["Inf", Infinity],
        ["negative", -100],
      ]),
      { minLength: 1, maxLength: 3 },
    )
    .map((l) => ({ list: l })),
  fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }).map((m) => ({ mask: ["mask", m] as Tagged<boolean[]> })),
  fc.record({
    start: fc.option(
      maybeBad(fc.integer({ min: -3, max: 3 }), [
        ["NaN", NaN],
        ["fractional", 0.5],
        ["huge", 1e12],
      ]),
    ),
    stop: fc.option(
      maybeBad(fc.integer({ min: -3, max: 3 }), [
        ["Inf", Infinity],
        ["huge", 1e12],
        ["NaN", NaN],
      ]),
    ),
    step: fc.option(
      maybeBad(
        fc.integer({ min: -2, max: 2 }).filter((s) => s !== 0),
        [
          ["zero", 0],
          ["fractional", 0.5],
          ["NaN", NaN],
          ["Inf", Infinity],
        ],
      ),
    ),
  }),
);

const arbTransform = fc.oneof(
  real(-1, 1).map((s) => ({ scalar: s })),
  fc.record({ rows: fc.integer({ min: 1, max: 3 }), cols: fc.integer({ min: 1, max: 3 }), values: fc.array(real(-1, 1), { minLength: 9, maxLength: 9 }) }),
);

export const arbNetworkCase = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  nodes: fc.array(
    fc.record({
      kind: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("const" as const, "fn" as const, "passthrough" as const) },
        { weight: 1, arbitrary: fc.constantFrom("nan" as const, "throws" as const, "wrongSize" as const) },
      ),
      dims: count(3),
      value: real(-1, 1),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  ensembles: fc.array(
    fc.record({
      n: count(12),
      dims: count(3),
      type: fc.constantFrom(...Object.keys(neuronTypes)),
      radius: real(0.5, 2),
      tauRc: real(0.01, 0.05),
      intercept: real(-0.9, 0.5),
      evalPoint: rarely(real(-1, 1), 4),
    }),
    { maxLength: 3 },
  ),
  connections: fc.array(
    fc.record({
      from: fc.nat(),
      to: fc.nat(),
      synapse: arbSynapse,
      transform: rarely(arbTransform, 3),
      preSlice: rarely(arbSlice, 4),
      postSlice: rarely(arbSlice, 6),
      fn: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("none" as const, "square" as const) },
        { weight: 1, arbitrary: fc.constantFrom("nan" as const, "wrongSize" as const) },
      ),
      neurons: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
  probeSynapse: arbSynapse,
  /** A top-level input port `u` driven by setInput (an array of steps × dims) or writeInput (per step). */
  input: rarely(
    fc.record({
      dims: fc.integer({ min: 1, max: 3 }),
      how: fc.constantFrom("setInput" as const, "writeInput" as const, "constant" as const),
      values: fc.array(
        maybeBad(
          fc.double({ min: -1, max: 1, noNaN: true }),
          [
            ["NaN", NaN],
            ["Inf", Infinity],
            ["huge", 1e300],
            ["tiny", 5e-324],
          ],
          1,
          40,
        ),
        { minLength: 1, maxLength: 40 },
      ),
    }),
    2,
  ),
  dt: maybeBad(fc.constantFrom(0.001, 0.0005), [
    ["NaN", NaN],
    ["negative", -0.001],
    ["zero", 0],
    ["Inf", Infinity],
    ["huge", 1e12],
  ]),
  steps: maybeBad(fc.integer({ min: 1, max: 25 }), [
    ["negative", -1],
    ["fractional", 1.5],
    ["NaN", NaN],
  ]),
});

export type NetworkCase = typeof arbNetworkCase extends fc.Arbitrary<infer T> ? T : never;

const small = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= 12;

function synapseOf(s: NetworkCase["probeSynapse"]): SynapseLike {
  if (s.kind === "none") return null;
  return s.kind === "lowpass" ? new Lowpass(s.tau[1]) : new Alpha(s.tau[1]);
}

function sliceOf(s: NonNullable<NetworkCase["connections"][number]["preSlice"]>): Slice {
  if ("list" in s) return s.list.map(([, v]) => v);
  if ("mask" in s) return s.mask[1];
  return { start: s.start?.[1], stop: s.stop?.[1], step: s.step?.[1] };
}

function nodeOf(net: Network, n: NetworkCase["nodes"][number]): Node {
  const dims = n.dims[1];
  const v = n.value[1];
  const fill = (x: number): number[] => Array.from({ length: small(dims) ? dims : 1 }, () => x);
  switch (n.kind) {
    case "const":
      return small(dims) ? net.node({ output: fill(v) }) : net.node({ output: () => fill(v), sizeOut: dims });
    case "fn":
      return net.node({ output: (t: number, x: Float64Array) => fill(Math.sin(t) + (x[0] ?? 0) * v), sizeIn: dims, sizeOut: dims });
    case "nan":
      return net.node({ output: (t: number) => fill(t > 0.003 ? NaN : v), sizeOut: dims });
    case "throws":
      return net.node({
        output: (t: number) => {
          if (t > 0.002) throw new Error("node function failed");
          return fill(v);
        },
        sizeOut: dims,
      });
    case "wrongSize":
      return net.node({ output: (t: number) => (t > 0.002 ? [v, v, v, v, v] : fill(v)), sizeOut: dims });
    case "passthrough":
      return net.node({ sizeIn: dims });
  }
}

/** Builds and runs a case; returns the probes' data (the caller checks it is finite). Throws what Plexus throws. */
export function runNetworkCase(c: NetworkCase): Float64Array[] {
  const net = new Network({ seed: c.seed, ...(c.input !== null ? { inputs: { u: c.input.dims } } : {}) });
  const nodes = c.nodes.map((n) => nodeOf(net, n));
  if (c.input !== null) {
    const into = net.node({ sizeIn: c.input.dims });
    net.connect(defined(net.in["u"]), into, { synapse: null });
    nodes.push(into);
  }
  const ensembles: Ensemble[] = c.ensembles.map((e) =>
    net.ensemble({
      nNeurons: e.n[1],
      dimensions: e.dims[1],
      neuronType: defined(neuronTypes[e.type])(e.tauRc[1]),
      radius: e.radius[1],
      ...(small(e.n[1]) ? { intercepts: Array.from({ length: e.n[1] }, (_, i) => (i % 2 === 0 ? e.intercept[1] : -0.5)) } : {}),
      ...(e.evalPoint !== null && small(e.dims[1])
        ? { evalPoints: [Array.from({ length: e.dims[1] }, () => defined(e.evalPoint)[1]), Array.from({ length: e.dims[1] }, () => 0.3)] }
        : {}),
    }),
  );
  const objects: (Node | Ensemble)[] = [...nodes, ...ensembles];
  for (const k of c.connections) {
    const pre = defined(objects[k.from % objects.length]);
    const post = defined(objects[k.to % objects.length]);
    const t = k.transform;
    const transform =
      t === null
        ? undefined
        : "scalar" in t
          ? t.scalar[1]
          : Array.from({ length: t.rows }, (_, i) => Array.from({ length: t.cols }, (_, j) => defined(t.values[i * 3 + j])[1]));
    const fn =
      k.fn === "square"
        ? (x: Float64Array) => [defined(x[0]) * defined(x[0])]
        : k.fn === "nan"
          ? (x: Float64Array) => [defined(x[0]) > 0.5 ? NaN : defined(x[0])]
          : k.fn === "wrongSize"
            ? (x: Float64Array) => (defined(x[0]) > 0 ? [1, 2] : [1])
            : null;
    const target = k.neurons && post.kind === "ensemble" ? post.neurons : post;
    net.connect(pre, target, {
      synapse: synapseOf(k.synapse),
      ...(transform !== undefined ? { transform } : {}),
      ...(fn !== null ? { function: fn } : {}),
      ...(k.preSlice !== null ? { preSlice: sliceOf(k.preSlice) } : {}),
      ...(k.postSlice !== null ? { postSlice: sliceOf(k.postSlice) } : {}),
    } as Parameters<Network["connect"]>[2] & object);
  }
  const ps = synapseOf(c.probeSynapse);
  const probes: Probe[] = [...nodes.map((n) => net.probe(n, { synapse: ps })), ...ensembles.map((e) => net.probe(e, { synapse: ps }))];
  const sim = new Simulator(net, { progress: false, dt: c.dt[1] });
  try {
    const input = c.input;
    const values =
      input === null
        ? new Float64Array(0)
        : Float64Array.from(
            { length: c.steps[1] > 0 && c.steps[1] <= 25 ? Math.ceil(c.steps[1]) * input.dims : input.dims },
            (_, i) => defined(input.values[i % input.values.length])[1],
          );
    if (input !== null && input.how === "setInput") sim.setInput("u", values);
    if (input !== null && input.how === "constant") sim.setInput("u", defined(values[0]));
    if (input !== null && input.how === "writeInput" && Number.isInteger(c.steps[1]) && c.steps[1] >= 0) {
      for (let k = 0; k < c.steps[1]; k++) {
        sim.writeInput("u", values.subarray((k * input.dims) % values.length, ((k * input.dims) % values.length) + input.dims));
        sim.step();
      }
    } else {
      sim.runSteps(c.steps[1]);
    }
    return probes.map((p) => sim.data(p).data);
  } finally {
    sim.close();
  }
}
