// A network as JSON: the full spec (every value, to rebuild the network without its code) or its
// structure only (what the structure hash covers: no parameter values, no seeds).

import { ValidationError } from "../errors.js";
import {
  AdaptiveLIF,
  AdaptiveLIFRate,
  Alpha,
  BCM,
  BrownNoise,
  Choice,
  type Connection,
  type ConnectionOptions,
  type ConnectionSource,
  type ConnectionTarget,
  CosineSimilarity,
  CustomLearningRule,
  Direct,
  type DiscretizeMethod,
  type DistOrArray,
  Distribution,
  type Ensemble,
  type EnsembleOptions,
  Exponential,
  FilteredNoise,
  Gaussian,
  Izhikevich,
  LearningRule,
  type LearningRuleType,
  type LearningRuleTypes,
  LIF,
  LIFRate,
  LinearFilter,
  Lowpass,
  Lstsq,
  LstsqDrop,
  LstsqL2,
  LstsqL2nz,
  LstsqMultNoise,
  LstsqNoise,
  Network,
  type NetworkOptions,
  type NeuronType,
  Nnls,
  NnlsL2,
  NnlsL2nz,
  type Node,
  type NodeOptions,
  NoSolver,
  type NumericLike,
  Oja,
  PDF,
  PES,
  Piecewise,
  type PiecewiseInterpolation,
  PoissonSpiking,
  PresentInput,
  Process,
  QuasirandomSequence,
  RectifiedLinear,
  RegularSpiking,
  RLS,
  Samples,
  ScatteredHypersphere,
  Sigmoid,
  SoftLIFRate,
  type Solver,
  SpikingRectifiedLinear,
  SqrtBeta,
  StochasticSpiking,
  SubvectorLength,
  type Synapse,
  Tanh,
  Triangle,
  toShaped,
  Uniform,
  UniformHypersphere,
  Voja,
  WhiteNoise,
  WhiteSignal,
} from "../index.js";
import { networkArgument, recordArgument } from "../internal/argumentChecks.js";
import { elemAt, numAt } from "../internal/checked.js";
import { isPlainRecord } from "../internal/isPlainRecord.js";
import { kindOf } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import { isLearningRuleType } from "../learning/learningRules.js";
import { canonicalJson, decodeNumber, encodeNumber, type Json } from "./canonicalJson.js";
import { decodeTransform, encodeTransform } from "./transformSpec.js";

/** `"spec"`: every value, to rebuild the network; `"structure"`: no parameter values and no seeds. */
export type SpecMode = "spec" | "structure";

type Fields = Readonly<Record<string, unknown>>;
const num = (x: unknown): number => x as number;

/** How to construct each serialisable class from its fields (its own enumerable properties). */
const factories: Readonly<Record<string, (f: Fields) => object>> = {
  // distributions
  Uniform: (f) => new Uniform(num(f["low"]), num(f["high"]), { integer: f["integer"] === true }),
  Gaussian: (f) => new Gaussian(num(f["mean"]), num(f["std"])),
  Exponential: (f) => new Exponential(num(f["scale"]), num(f["shift"]), num(f["high"])),
  UniformHypersphere: (f) => new UniformHypersphere(f),
  ScatteredHypersphere: (f) => new ScatteredHypersphere(f),
  QuasirandomSequence: () => new QuasirandomSequence(),
  SqrtBeta: (f) => new SqrtBeta(num(f["n"]), num(f["m"])),
  SubvectorLength: (f) => new SubvectorLength(num(f["n"]) + num(f["m"]), num(f["m"])),
  CosineSimilarity: (f) => new CosineSimilarity(num(f["n"]) + num(f["m"])),
  PDF: (f) => new PDF(f["x"] as Float64Array, f["p"] as Float64Array),
  Samples: (f) => {
    const [samples, dims] = [f["samples"] as Float64Array, num(f["dimensions"])];
    return new Samples(dims === 0 ? samples : rowsOf(samples, dims));
  },
  Choice: (f) => {
    const [options, dims] = [f["options"] as Float64Array, num(f["dimensions"])];
    return new Choice(dims === 0 ? options : rowsOf(options, dims), { weights: f["weights"] as Float64Array });
  },
  // neuron types
  LIFRate: (f) => new LIFRate(f),
  LIF: (f) => new LIF(f),
  AdaptiveLIFRate: (f) => new AdaptiveLIFRate(f),
  AdaptiveLIF: (f) => new AdaptiveLIF(f),
  SoftLIFRate: (f) => new SoftLIFRate(f),
  RectifiedLinear: (f) => new RectifiedLinear(f),
  SpikingRectifiedLinear: (f) => new SpikingRectifiedLinear(f),
  Sigmoid: (f) => new Sigmoid(f),
  Tanh: (f) => new Tanh(f),
  Izhikevich: (f) => new Izhikevich(f),
  Direct: (f) => new Direct(f),
  RegularSpiking: (f) => new RegularSpiking(f["baseType"] as NeuronType, f),
  PoissonSpiking: (f) => new PoissonSpiking(f["baseType"] as NeuronType, f),
  StochasticSpiking: (f) => new StochasticSpiking(f["baseType"] as NeuronType, f),
  // synapses
  Lowpass: (f) => new Lowpass(num(f["tau"])),
  Alpha: (f) => new Alpha(num(f["tau"])),
  Triangle: (f) => new Triangle(num(f["t"])),
  LinearFilter: (f) => new LinearFilter(f["num"] as number[], f["den"] as number[], { analog: f["analog"] === true, method: f["method"] as DiscretizeMethod }),
  // solvers
  LstsqL2: (f) => new LstsqL2(f),
  LstsqL2nz: (f) => new LstsqL2nz(f),
  Lstsq: (f) => new Lstsq(f),
  LstsqNoise: (f) => new LstsqNoise(f),
  LstsqMultNoise: (f) => new LstsqMultNoise(f),
  LstsqDrop: (f) => new LstsqDrop(f),
  Nnls: (f) => new Nnls(f),
  NnlsL2: (f) => new NnlsL2(f),
  NnlsL2nz: (f) => new NnlsL2nz(f),
  NoSolver: (f) => new NoSolver(f),
  // processes (a seed left unset stays unset: the node's seed decides)
  WhiteNoise: (f) => new WhiteNoise({ dist: f["dist"] as Distribution, scale: f["scale"] === true, seed: f["seed"] as number | undefined }),
  FilteredNoise: (f) =>
    new FilteredNoise({ synapse: f["synapse"] as Synapse, dist: f["dist"] as Distribution, scale: f["scale"] === true, seed: f["seed"] as number | undefined }),
  BrownNoise: (f) => new BrownNoise({ dist: f["dist"] as Distribution, seed: f["seed"] as number | undefined }),
  WhiteSignal: (f) =>
    new WhiteSignal(num(f["period"]), num(f["high"]), {
      rms: num(f["rms"]),
      ...(f["y0"] === undefined ? {} : { y0: num(f["y0"]) }),
      seed: f["seed"] as number | undefined,
    }),
  PresentInput: (f) => {
    const [inputs, n] = [f["inputs"] as Float64Array, num(f["nInputs"])];
    return new PresentInput({ inputs: rowsOf(inputs, inputs.length / n), presentationTime: num(f["presentationTime"]), seed: f["seed"] as number | undefined });
  },
  Piecewise: (f) => {
    const [times, values] = [f["times"] as number[], f["values"] as Float64Array[]];
    const data = new Map(times.map((t, i) => [t, values[i] as Float64Array]));
    return new Piecewise(data, { interpolation: f["interpolation"] as PiecewiseInterpolation, seed: f["seed"] as number | undefined });
  },
  // learning rule types (their synapses are given explicitly: null is none, not the default)
  PES: (f) => new PES({ learningRate: num(f["learningRate"]), preSynapse: f["preSynapse"] as Synapse | null }),
  BCM: (f) =>
    new BCM({
      learningRate: num(f["learningRate"]),
      preSynapse: f["preSynapse"] as Synapse | null,
      postSynapse: f["postSynapse"] as Synapse | null,
      thetaSynapse: f["thetaSynapse"] as Synapse | null,
    }),
  Oja: (f) =>
    new Oja({
      learningRate: num(f["learningRate"]),
      preSynapse: f["preSynapse"] as Synapse | null,
      postSynapse: f["postSynapse"] as Synapse | null,
      beta: num(f["beta"]),
    }),
  Voja: (f) => new Voja({ learningRate: num(f["learningRate"]), postSynapse: f["postSynapse"] as Synapse | null }),
  RLS: (f) => new RLS({ learningRate: num(f["learningRate"]), preSynapse: f["preSynapse"] as Synapse | null }),
};

/** Constructors of classes the spec does not know (a package's own processes), by kind: built from their fields (own enumerable properties). */
export type ClassFactories = Readonly<Record<string, (fields: Readonly<Record<string, unknown>>) => object>>;

/** The factories in force while rebuilding (the built-in ones and those given to the call). */
let active: ClassFactories = factories;

class Encoder {
  readonly problems: string[] = [];
  private readonly paths = new Map<Network, number[]>();
  /** The objects and arrays being encoded (the path from the root to here), to find a cycle. */
  private readonly open = new Set<object>();
  constructor(
    readonly mode: SpecMode,
    private readonly classes: ClassFactories = factories,
  ) {}

  network(net: Network, path: number[]): Json {
    this.paths.set(net, path);
    if (this.mode === "spec") this.checkRuleOrder(net);
    const subnets = net.networks.map((s, i) => this.network(s, [...path, i]));
    const spec = this.mode === "spec";
    return {
      label: net.label ?? null,
      ...(spec ? { seed: net.seed ?? null } : {}),
      inputs: net.inPorts.map((p) => ({ name: p.name, dimensions: p.dimensions })),
      outputs: net.outPorts.map((p) => ({ name: p.name, dimensions: p.dimensions })),
      nodes: net.nodes.map((n) => this.node(n)),
      ensembles: net.ensembles.map((e) => this.ensemble(e)),
      networks: subnets,
      connections: net.connections.map((c) => this.connection(c)),
    };
  }

  /**
   * A rebuild makes each learning rule's node with its connection, after the network's other
   * nodes: a node made after a connection with a learning rule would move.
   */
  private checkRuleOrder(net: Network): void {
    const firstRule = net.nodes.findIndex((n) => n instanceof LearningRule);
    if (firstRule < 0) return;
    const late = net.nodes.findIndex((n, i) => i > firstRule && !(n instanceof LearningRule));
    if (late >= 0)
      this.problems.push(
        `${String(net.nodes[late])} is made after the connection with ${String(net.nodes[firstRule])}; make nodes before connections with learning rules to save the network as a spec`,
      );
  }

  private node(n: Node): Json {
    const where = String(n);
    if (n instanceof LearningRule) {
      // Made by its connection (whose spec carries the rule); no spec of its own.
      const conn = n.connection;
      return {
        label: n.label ?? null,
        learningRuleOf: { net: conn.owner === undefined ? null : (this.paths.get(conn.owner) ?? null), index: conn.index },
        sizeIn: n.sizeIn,
      };
    }
    const out = n.output;
    let output: Json;
    if (out === null) output = { passthrough: true };
    else if (typeof out === "number" || (typeof out === "object" && "length" in out)) output = { constant: this.field(out, `${where}.output`) };
    else if (out instanceof Process) output = { process: this.instance(out, `${where}.output`) };
    else {
      if (this.mode === "spec") this.problems.push(`${where}.output is a function (code cannot be saved)`);
      output = { function: true };
    }
    return { label: n.label ?? null, ...(this.mode === "spec" ? { seed: n.seed ?? null } : {}), sizeIn: n.sizeIn, sizeOut: n.sizeOut, output };
  }

  private ensemble(e: Ensemble): Json {
    const where = String(e);
    const base: Record<string, Json> = {
      label: e.label ?? null,
      nNeurons: e.nNeurons,
      dimensions: e.dimensions,
      radius: encodeNumber(e.radius),
      neuronType: this.instance(e.neuronType, `${where}.neuronType`),
      normalizeEncoders: e.normalizeEncoders,
      noise: e.noise === null ? null : this.instance(e.noise, `${where}.noise`),
    };
    if (this.mode === "structure") return base;
    const v = (x: DistOrArray | undefined, attr: string): Json => (x === undefined ? null : this.value(x, `${where}.${attr}`));
    return {
      ...base,
      seed: e.seed ?? null,
      encoders: v(e.encoders, "encoders"),
      intercepts: v(e.intercepts, "intercepts"),
      maxRates: v(e.maxRates, "maxRates"),
      gain: v(e.gain, "gain"),
      bias: v(e.bias, "bias"),
      evalPoints: v(e.evalPoints, "evalPoints"),
      nEvalPoints: e.nEvalPoints ?? null,
    };
  }

  private connection(c: Connection): Json {
    const where = String(c);
    // A transform without dense values before the build (Sparse, Convolution, a drawn Dense) is
    // written as its object; the others keep their values, so their structure text is unchanged.
    const dense = c.denseTransform;
    const object = (values: boolean): Json => encodeTransform(c.transformObject, values, (d) => this.instance(d, `${where}.transform.init`));
    const base: Record<string, Json> = {
      label: c.label ?? null,
      pre: this.ref(c.pre),
      post: this.ref(c.post),
      synapse: c.synapse === null ? null : this.instance(c.synapse, `${where}.synapse`),
      transformShape: dense === null ? [c.postSize, c.sizeMid] : [...dense.shape],
      ...(dense === null ? { transformObject: object(false) } : {}),
      function: c.function !== null,
      solver: this.instance(c.solver, `${where}.solver`),
      learningRule: this.learningRules(c, `${where}.learningRule`),
      scaleEvalPoints: c.scaleEvalPoints,
      preSlice: c.preSlice === null ? null : Array.from(c.preSlice),
      postSlice: c.postSlice === null ? null : Array.from(c.postSlice),
    };
    if (this.mode === "structure") return base;
    const standIn = c.function === null ? undefined : standInSize(c.function);
    if (c.function !== null && standIn === undefined) this.problems.push(`${where}.function is a function (code cannot be saved)`);
    return {
      ...base,
      ...(standIn === undefined ? {} : { functionStandIn: standIn }),
      seed: c.seed ?? null,
      ...(dense === null ? { transformObject: object(true) } : { transform: Array.from(dense.data, encodeNumber) }),
      evalPoints: c.evalPoints === undefined ? null : this.value(c.evalPoints, `${where}.evalPoints`),
    };
  }

  private ref(end: ConnectionSource | ConnectionTarget): Json {
    const path = (net: Network | undefined): Json => (net === undefined ? null : (this.paths.get(net) ?? null));
    switch (end.kind) {
      case "node":
      case "ensemble":
        return { kind: end.kind, net: path(end.owner), index: end.index };
      case "neurons":
        return { kind: "neurons", net: path(end.ensemble.owner), index: end.ensemble.index };
      case "inPort":
      case "outPort":
        return { kind: end.kind, net: path(end.network), name: end.name };
    }
  }

  /** A parameter given as a distribution or as values. */
  private value(x: DistOrArray, where: string): Json {
    if (x instanceof Distribution) return { dist: this.instance(x, where) };
    const s = toShaped(x as NumericLike);
    if (typeof s === "string") {
      this.problems.push(`${where}: ${s}`);
      return null;
    }
    return { shape: [...s.shape], data: Array.from(s.data, encodeNumber) };
  }

  /**
   * A connection's `learningRule` option (Nengo's learning_rule_type): one rule type as an
   * instance, a list as a list of instances, a record as `{ keyed: [[key, instance], ...] }` (in
   * its order, which is the order the rules are built in; a plain record's keys would be sorted).
   */
  private learningRules(c: Connection, where: string): Json {
    const given = c.learningRuleType;
    if (given === null) return null;
    if (isLearningRuleType(given)) return this.instance(given, where);
    if (Array.isArray(given)) return given.map((r: LearningRuleType, i) => this.instance(r, `${where}[${i}]`));
    return { keyed: Object.entries(given).map(([k, r]) => [k, this.instance(r, `${where}.${k}`)]) };
  }

  /** A class instance (neuron type, synapse, solver, distribution, process) by kind and fields. */
  instance(obj: object, where: string): Json {
    return this.enter(obj, where, () => this.instanceFields(obj, where));
  }

  /** Encodes `x` with `f`, refusing an object that contains itself (the encoding would never end). */
  private enter(x: object, where: string, f: () => Json): Json {
    if (this.open.has(x)) {
      throw new ValidationError({ object: where, message: "contains itself (a cycle), which a spec cannot hold; give the object plain, acyclic fields" });
    }
    this.open.add(x);
    try {
      return f();
    } finally {
      this.open.delete(x);
    }
  }

  private instanceFields(obj: object, where: string): Json {
    const kindField = (obj as { kind?: unknown }).kind;
    // a custom learning rule type is saved by its class name: its step is code, which a factory given for that name supplies
    const custom = obj instanceof CustomLearningRule;
    const kind = custom ? obj.typeName : typeof kindField === "string" ? kindField : className(obj);
    if (this.mode === "spec" && !(kind in this.classes))
      this.problems.push(
        custom
          ? `${where} is the custom learning rule type ${kind}, whose step is code that a spec cannot hold; give a factory for it to save and rebuild it ({ ${kind}: (fields) => new ${kind}(fields) } as the classes argument)`
          : `${where} is a ${kind}, which cannot be rebuilt from a saved spec`,
      );
    const fields: Record<string, Json> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === "kind" || v === undefined) continue;
      fields[k] = this.field(v, `${where}.${k}`);
    }
    return { class: kind, fields };
  }

  private field(v: unknown, where: string): Json {
    if (typeof v === "number") return Number.isFinite(v) ? encodeNumber(v) : { num: encodeNumber(v) };
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "function") {
      if (this.mode === "spec") this.problems.push(`${where} is a function (code cannot be saved)`);
      return { function: true };
    }
    if (ArrayBuffer.isView(v)) return { typed: v.constructor.name, data: Array.from(v as unknown as ArrayLike<number>, (x) => this.field(x, where)) };
    if (Array.isArray(v)) return this.enter(v, where, () => v.map((x, i) => this.field(x, `${where}[${i}]`)));
    if (typeof v === "object") {
      if (isPlainRecord(v)) {
        return this.enter(v, where, () => {
          const rec: Record<string, Json> = {};
          for (const [k, x] of Object.entries(v)) if (x !== undefined) rec[k] = this.field(x, `${where}.${k}`);
          return { record: rec };
        });
      }
      return this.instance(v, where);
    }
    if (this.mode === "spec") this.problems.push(`${where} is a ${typeof v}, which cannot be saved`);
    return null;
  }
}

const STAND_IN: unique symbol = Symbol("plexus.solveStandIn");

/**
 * A stand-in for a decoded connection's function whose solve a saved parameter replaces (a
 * trained subnetwork's decoders): it returns `size` zeros, and the spec saves it as its size, so a
 * network whose only code is such functions rebuilds without that code. Never use it where the
 * function's values are used (the solve it feeds must be overridden).
 */
export function solveStandIn(size: number): (x: Float64Array) => Float64Array {
  const f = (): Float64Array => new Float64Array(size);
  return Object.assign(f, { [STAND_IN]: size });
}

function standInSize(f: unknown): number | undefined {
  const size = (f as { [STAND_IN]?: unknown })[STAND_IN];
  return typeof size === "number" ? size : undefined;
}

/** The network as JSON, and what in it cannot be saved (spec mode: functions, and classes (a package's own processes) it has no factory for). */
export function encodeNetwork(net: Network, mode: SpecMode, classes: ClassFactories = {}): { readonly json: Json; readonly problems: readonly string[] } {
  networkArgument(net, "encodeNetwork");
  if (mode !== "spec" && mode !== "structure") {
    throw new ValidationError({ object: "encodeNetwork", attr: "mode", message: `must be "spec" or "structure" (got ${showValue(mode)})` });
  }
  classesArgument(classes, "encodeNetwork");
  const enc = new Encoder(mode, { ...factories, ...classes });
  const json = enc.network(net, []);
  return { json, problems: enc.problems };
}

/** The SHA-256 input of the structure hash: the structure as canonical JSON. */
export function structureText(net: Network): string {
  networkArgument(net, "structureText");
  return canonicalJson(encodeNetwork(net, "structure").json);
}

// --- rebuilding

type J = Record<string, unknown>;

function decodeField(j: unknown): unknown {
  if (j === null || typeof j !== "object") return j;
  if (Array.isArray(j)) return j.map(decodeField);
  const o = j as J;
  if ("num" in o) return decodeNumber(o["num"]);
  if ("typed" in o) return Float64Array.from((o["data"] as unknown[]).map((x) => decodeField(x) as number));
  if ("record" in o) {
    const rec: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o["record"] as J)) rec[k] = decodeField(v);
    return rec;
  }
  if ("class" in o) return decodeInstance(o);
  throw specError(`unknown encoded value ${JSON.stringify(j).slice(0, 80)}`);
}

/** A connection's `learningRule` option back from {@link Encoder}'s `learningRules` (undefined for none). */
function decodeLearningRules(j: unknown): LearningRuleTypes | undefined {
  if (j === null || j === undefined) return undefined;
  if (Array.isArray(j)) return j.map((r) => decodeInstance(r as J) as LearningRuleType);
  const o = j as J;
  if (!("keyed" in o)) return decodeInstance(o) as LearningRuleType;
  return Object.fromEntries((o["keyed"] as [string, J][]).map(([k, r]) => [k, decodeInstance(r) as LearningRuleType]));
}

function decodeInstance(o: J): object {
  const kind = String(o["class"]);
  const make = active[kind];
  if (make === undefined) throw specError(`${kind} cannot be rebuilt`);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o["fields"] as J)) fields[k] = decodeField(v);
  return make(fields);
}

function decodeValue(j: unknown): DistOrArray | undefined {
  if (j === null || j === undefined) return undefined;
  const o = j as J;
  if ("dist" in o) return decodeInstance(o["dist"] as J) as Distribution;
  const shape = o["shape"] as number[];
  const data = (o["data"] as unknown[]).map(decodeNumber);
  return unshape(shape, data);
}

function unshape(shape: readonly number[], data: number[]): NumericLike {
  if (shape.length === 0) return numAt(data, 0);
  if (shape.length === 1) return data;
  return rowsOf(data, (shape as [number, number])[1]);
}

/** `data` (row-major) as its rows of `cols` entries. */
function rowsOf<T extends Float64Array | number[]>(data: T, cols: number): T[] {
  return Array.from({ length: data.length / cols }, (_, r) => data.slice(r * cols, (r + 1) * cols) as T);
}

function opt<T extends object>(entries: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== null) out[k] = v;
  return out as T;
}

/**
 * Rebuilds a network from `encodeNetwork(net, "spec").json`.
 * @throws Error when the spec is malformed or names a class that cannot be rebuilt.
 */
export function rebuildNetwork(spec: Json, classes: ClassFactories = {}): Network {
  classesArgument(classes, "rebuildNetwork");
  const before = active;
  active = { ...factories, ...classes };
  try {
    return rebuildNetworkWith(spec);
  } catch (e) {
    throw damaged(e);
  } finally {
    active = before;
  }
}

function rebuildNetworkWith(spec: Json): Network {
  const nets = new Map<string, Network>();
  const portDims = (list: unknown): Record<string, number> =>
    Object.fromEntries((list as { name: string; dimensions: number }[]).map((p) => [p.name, p.dimensions]));
  const create = (s: J, path: number[], parent: Network | undefined): void => {
    const options = opt<NetworkOptions>({ label: s["label"], seed: s["seed"], inputs: portDims(s["inputs"]), outputs: portDims(s["outputs"]) });
    const net = parent === undefined ? new Network(options) : parent.network(options);
    nets.set(path.join("/"), net);
    for (const n of s["nodes"] as J[]) {
      if (n["learningRuleOf"] !== undefined) continue; // made with its connection
      const out = n["output"] as J;
      const output =
        "passthrough" in out
          ? null
          : "constant" in out
            ? (decodeField(out["constant"]) as number | number[])
            : "process" in out
              ? (decodeInstance(out["process"] as J) as Process)
              : undefined;
      if (output === undefined) throw specError("a node's output cannot be rebuilt");
      net.node(
        opt<NodeOptions>({
          label: n["label"],
          seed: n["seed"],
          sizeIn: output === null || output instanceof Process ? n["sizeIn"] : undefined,
          sizeOut: n["sizeOut"],
          output,
        }),
      );
    }
    for (const e of s["ensembles"] as J[]) {
      net.ensemble(
        opt<EnsembleOptions>({
          label: e["label"],
          seed: e["seed"],
          nNeurons: e["nNeurons"],
          dimensions: e["dimensions"],
          radius: decodeNumber(e["radius"]),
          neuronType: decodeInstance(e["neuronType"] as J),
          normalizeEncoders: e["normalizeEncoders"],
          noise: e["noise"] === null ? undefined : decodeInstance(e["noise"] as J),
          encoders: decodeValue(e["encoders"]),
          intercepts: decodeValue(e["intercepts"]),
          maxRates: decodeValue(e["maxRates"]),
          gain: decodeValue(e["gain"]),
          bias: decodeValue(e["bias"]),
          evalPoints: decodeValue(e["evalPoints"]),
          nEvalPoints: e["nEvalPoints"],
        }),
      );
    }
    (s["networks"] as J[]).forEach((sub, i) => create(sub, [...path, i], net));
  };
  const resolve = (r: J): ConnectionSource => {
    const net = nets.get((r["net"] as number[]).join("/"));
    if (net === undefined) throw specError("a connection refers to an unknown network");
    switch (r["kind"]) {
      case "node":
        return elemAt(net.nodes, r["index"] as number);
      case "ensemble":
        return elemAt(net.ensembles, r["index"] as number);
      case "neurons":
        return elemAt(net.ensembles, r["index"] as number).neurons;
      case "inPort":
        return found(
          net.inPorts.find((p) => p.name === r["name"]),
          `input port '${String(r["name"])}'`,
        );
      case "outPort":
        return found(
          net.outPorts.find((p) => p.name === r["name"]),
          `output port '${String(r["name"])}'`,
        );
      default:
        throw specError(`unknown connection end ${String(r["kind"])}`);
    }
  };
  const connect = (s: J, path: number[]): void => {
    const net = found(nets.get(path.join("/")), `network [${path.join(", ")}]`);
    (s["networks"] as J[]).forEach((sub, i) => connect(sub, [...path, i]));
    for (const c of s["connections"] as J[]) {
      const pre = resolve(c["pre"] as J);
      const post = resolve(c["post"] as J) as ConnectionTarget;
      if (pre === undefined || post === undefined) throw specError("a connection end is missing");
      const shape = c["transformShape"] as number[];
      const transform =
        c["transformObject"] !== undefined
          ? decodeTransform(c["transformObject"] as Json, (d) => decodeInstance(d as J) as Distribution)
          : unshape(shape, (c["transform"] as unknown[]).map(decodeNumber));
      const options: ConnectionOptions = {
        ...opt<ConnectionOptions>({
          label: c["label"],
          seed: c["seed"],
          transform,
          solver: decodeInstance(c["solver"] as J) as Solver,
          scaleEvalPoints: c["scaleEvalPoints"],
          evalPoints: decodeValue(c["evalPoints"]),
          preSlice: c["preSlice"],
          postSlice: c["postSlice"],
          learningRule: decodeLearningRules(c["learningRule"]),
        }),
        // null is a value here (no synapse), which `opt` would drop
        synapse: c["synapse"] === null ? null : (decodeInstance(c["synapse"] as J) as Synapse),
      };
      const standIn = c["functionStandIn"];
      net.connect(pre, post, { ...options, transform, ...(typeof standIn === "number" ? { function: solveStandIn(standIn) } : {}) });
    }
  };
  create(spec as J, [], undefined);
  connect(spec as J, []);
  return found(nets.get(""), "its top-level network");
}

/** `value`, or a ValidationError saying the spec refers to `what` without defining it. */
function found<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new ValidationError({
      object: "network spec",
      message: `refers to ${what}, which it does not define: the spec is damaged; encode the network again`,
    });
  return value;
}

/**
 * The spec of `net` when it can be rebuilt exactly (the rebuilt network encodes to the same
 * spec), or the reasons it cannot.
 */
export function serialisableSpec(net: Network, classes: ClassFactories = {}): { readonly spec: Json } | { readonly problems: readonly string[] } {
  networkArgument(net, "serialisableSpec");
  classesArgument(classes, "serialisableSpec");
  const { json, problems } = encodeNetwork(net, "spec", classes);
  if (problems.length > 0) return { problems };
  let rebuilt: Network;
  try {
    rebuilt = rebuildNetwork(json, classes);
  } catch (e) {
    return { problems: [`rebuilding it failed: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const again = encodeNetwork(rebuilt, "spec", classes).json;
  if (canonicalJson(again) !== canonicalJson(json))
    return { problems: ["the rebuilt network differs from it (a class keeps state its constructor does not take)"] };
  return { spec: json };
}

/**
 * One object of a network (a synapse, neuron type, solver, distribution or process) as JSON, as
 * the spec writes it, and what in it cannot be rebuilt.
 */
export function encodeObject(obj: object, classes: ClassFactories = {}): { readonly json: Json; readonly problems: readonly string[] } {
  recordArgument(obj, "encodeObject", "obj", "an object of a network (a synapse, neuron type, solver, distribution or process)");
  classesArgument(classes, "encodeObject");
  const enc = new Encoder("spec", { ...factories, ...classes });
  const json = enc.instance(obj, className(obj));
  return { json, problems: enc.problems };
}

/** Rebuilds an object from {@link encodeObject}'s JSON. @throws Error when it names a class that cannot be rebuilt */
export function rebuildObject(json: Json, classes: ClassFactories = {}): object {
  recordArgument(json, "rebuildObject", "json", "the JSON of encodeObject(obj).json");
  classesArgument(classes, "rebuildObject");
  const before = active;
  active = { ...factories, ...classes };
  try {
    return decodeInstance(json as J);
  } catch (e) {
    throw damaged(e);
  } finally {
    active = before;
  }
}

/** The name of `obj`'s class (`Object` for one without a constructor, e.g. `Object.create(null)`). */
function className(obj: object): string {
  const c: unknown = (obj as { constructor?: unknown }).constructor;
  return typeof c === "function" && c.name !== "" ? c.name : "Object";
}

/** The classes argument, checked: an object of factories by kind. */
function classesArgument(classes: unknown, object: string): void {
  recordArgument(classes, object, "classes", "an object of factories by class name, e.g. { MyProcess: (fields) => new MyProcess(fields) }");
  for (const [k, f] of Object.entries(classes as object)) {
    if (typeof f !== "function")
      throw new ValidationError({ object, attr: `classes.${k}`, message: `must be a factory function (fields) => object (got ${kindOf(f)})` });
  }
}

/** A TypeError or RangeError that reading a malformed spec ran into, as the spec's ValidationError (others pass through). */
function damaged(e: unknown): unknown {
  if (!(e instanceof TypeError || e instanceof RangeError)) return e;
  return new ValidationError(
    { object: "network spec", message: `cannot be read (${e.message}): the spec is damaged or from another Plexus; encode the network again` },
    { cause: e },
  );
}

/** A ValidationError for a network spec that cannot be decoded (a damaged or foreign spec). */
function specError(message: string): ValidationError {
  return new ValidationError({ object: "network spec", message: `${message}: the spec is damaged or from another Plexus; encode the network again` });
}
