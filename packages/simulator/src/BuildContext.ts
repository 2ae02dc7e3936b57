import {
  BuildError,
  type Connection,
  type ConnectionSource,
  type ConnectionTarget,
  deriveSeed,
  type Ensemble,
  type InPort,
  type IRObject,
  type Network,
  type Node,
  type OutPort,
  PlexusError,
  type Probe,
  parameterName,
  Rng,
} from "@plexus/core";
import type { BuiltConnection, BuiltEnsemble } from "./Built.js";
import { contiguous } from "./internal/codegen.js";
import type { SharedSolve } from "./internal/decoders.js";
import { buildEnsembleParams, scaleEncoders } from "./internal/ensembleParams.js";
import type { NeuronInput } from "./internal/fuseNeuronInputs.js";
import type { Kernel, KernelContext } from "./Kernel.js";
import { copyKernel } from "./kernels/copyKernel.js";
import { setTarget } from "./kernels/Target.js";
import type { Registry } from "./Registry.js";
import { Signal } from "./Signal.js";

/** The buffers of an ensemble. */
export type EnsembleSignals = NeuronEnsembleSignals | DirectEnsembleSignals;

/** The buffers of an ensemble with neurons. */
export interface NeuronEnsembleSignals {
  readonly ensemble: Ensemble;
  readonly direct: false;
  /** The decoded input (sum of connections into the ensemble), `dimensions`. */
  readonly input: Signal;
  /** What decoded connections read: the neurons' output. */
  readonly output: Signal;
  /** Input current J, `nNeurons`. */
  readonly neuronsIn: Signal;
  /** Rates or spikes, `nNeurons`. */
  readonly neuronsOut: Signal;
  readonly bias: Signal;
  readonly scaledEncoders: Signal;
  readonly state: Readonly<Record<string, Signal>>;
  /** True when the neurons spike (their output is mostly zeros). */
  readonly spiking: boolean;
  readonly params: BuiltEnsemble;
}

/** The buffers of a Direct-mode ensemble: only its input, which decoded connections read. */
export interface DirectEnsembleSignals {
  readonly ensemble: Ensemble;
  readonly direct: true;
  /** The decoded input (sum of connections into the ensemble), `dimensions`. */
  readonly input: Signal;
  /** The input itself. */
  readonly output: Signal;
  readonly neuronsIn: null;
  readonly neuronsOut: null;
  readonly bias: null;
  readonly scaledEncoders: null;
  readonly state: Readonly<Record<string, Signal>>;
  readonly spiking: false;
  readonly params: null;
}

/** The buffers of a node: input (null when it takes none) and output (null for sizeOut 0). */
export interface NodeSignals {
  readonly input: Signal | null;
  readonly output: Signal | null;
}

/** What a connection's build left for probes. */
export interface ConnectionSignals {
  /** What enters the connection: the pre object's output (full, before slicing). */
  readonly input: Signal;
  /** The weighted (and filtered) output, when materialised (probed or filtered); else null. */
  readonly output: Signal | null;
  readonly built: BuiltConnection;
  /** The live weights of a connection with a learning rule (probes of `weights` record them). */
  readonly weights?: Signal | undefined;
}

/** A probe's recording: the buffer copied after every step it samples. */
export interface ProbeRecord {
  readonly probe: Probe;
  readonly signal: Signal;
  /** Record at steps n with `n % period < 1` (Nengo's rule); 1 = every step. */
  readonly period: number;
}

/**
 * The state of one build: signals, kernels and built parameters, and the seeds of every object.
 * Object builders (the `Registry.objects` entries) add to it; the planner then orders the
 * kernels and fixes the arena.
 */
export class BuildContext implements KernelContext {
  readonly signals: Signal[] = [];
  readonly kernels: Kernel[] = [];
  readonly ensembles = new Map<Ensemble, BuiltEnsemble>();
  readonly connections = new Map<Connection, BuiltConnection>();
  readonly decodedProbes = new Map<Probe, BuiltConnection>();
  readonly probeRecords: ProbeRecord[] = [];
  /** Top-level input ports and their buffers. */
  readonly inputs = new Map<InPort, Signal>();
  /** Kernels dropped when a buffer they depend on is never written (e.g. the encoders of an ensemble without input). */
  readonly elidable = new Map<Kernel, Signal>();
  /** Connections whose output a probe records (so it is materialised). */
  readonly probedOutputs = new Set<Connection>();
  /** The kernels of each ensemble's input current (for fuseNeuronInputs). */
  readonly neuronInputs: NeuronInput[] = [];
  /** Decoded connections and probes that share one decoder solve, by connection or probe. */
  readonly solveGroups = new Map<object, SharedSolve>();
  private readonly ensSignals = new Map<Ensemble, EnsembleSignals>();
  private readonly nodeSignals = new Map<Node, NodeSignals>();
  private readonly portSignals = new Map<InPort | OutPort, Signal>();
  readonly connectionSignals = new Map<Connection, ConnectionSignals>();
  private learnedEncoders: Set<Ensemble> | null = null;

  /** True when a learning rule of the network changes `ens`'s encoders (Nengo's `modifies = "encoders"`). */
  encodersLearned(ens: Ensemble): boolean {
    if (this.learnedEncoders === null) {
      this.learnedEncoders = new Set();
      for (const c of this.network.all("connection"))
        if (c.learningRules.some((r) => r.rule.modifies === "encoders") && c.post.kind === "ensemble") this.learnedEncoders.add(c.post);
    }
    return this.learnedEncoders.has(ens);
  }

  /** Each learning rule's probeable signals by attribute (`delta`, `theta`, `preFiltered`, ...; Nengo's `model.sig[rule]`). */
  readonly ruleSignals = new Map<Node, Readonly<Record<string, Signal>>>();
  private readonly netSeeds = new Map<Network, number>();

  constructor(
    readonly network: Network,
    readonly dt: number,
    /** The seed objects without their own seed derive theirs from. */
    readonly seed: number,
    readonly registry: Registry,
    /** Parameter values by `parameterName` (encoders, gain, bias, weights), applied after sampling and solving. */
    readonly overrides: ReadonlyMap<string, Float64Array> = new Map(),
  ) {}

  private readonly usedOverrides = new Set<string>();

  /** The override for `obj`'s parameter, checked to hold `length` values (and marked used). */
  override(obj: Ensemble | Connection, param: "encoders" | "gain" | "bias" | "weights", length: number): Float64Array | undefined {
    const name =
      obj.kind === "ensemble" ? parameterName(obj, param as "encoders" | "gain" | "bias", this.network) : parameterName(obj, "weights", this.network);
    const value = this.overrides.get(name);
    if (value === undefined) return undefined;
    if (value.length !== length) {
      throw new BuildError(`${obj}: the override '${name}' has ${value.length} values but the parameter has ${length}`, { label: obj.toString() });
    }
    this.usedOverrides.add(name);
    return value;
  }

  /** @throws BuildError naming the overrides that matched no parameter. */
  checkOverridesUsed(): void {
    const unused = [...this.overrides.keys()].filter((k) => !this.usedOverrides.has(k));
    if (unused.length > 0) {
      throw new BuildError(
        `${this.network}: the overrides ${unused.map((k) => `'${k}'`).join(", ")} name no parameter of the network (names are parameterName(obj, "encoders" | "gain" | "bias" | "weights"))`,
        {
          label: this.network.toString(),
        },
      );
    }
  }

  // --- seeds

  /** The stable path of an object from the top network: `["network", 1, "ensemble", 0]`. */
  pathOf(obj: IRObject): (string | number)[] {
    const path: (string | number)[] = [];
    let cur: IRObject | undefined = obj;
    while (cur !== undefined && cur !== this.network) {
      path.unshift(cur.kind, cur.index);
      cur = cur.owner;
    }
    return path;
  }

  /** The seed of a network's objects: its own seed, else derived from its owner's. */
  private networkSeed(net: Network): number {
    if (net === this.network) return this.seed;
    const known = this.netSeeds.get(net);
    if (known !== undefined) return known;
    const owner = net.owner;
    const seed = net.seed ?? deriveSeed(owner === undefined ? this.seed : this.networkSeed(owner), "network", net.index);
    this.netSeeds.set(net, seed);
    return seed;
  }

  /** An object's seed: its own, else derived from its network's seed, its kind and its index. */
  seedOf(obj: IRObject): number {
    if (obj.seed !== undefined) return obj.seed;
    if (obj.kind === "network") return this.networkSeed(obj as Network);
    const owner = obj.owner;
    return deriveSeed(owner === undefined ? this.seed : this.networkSeed(owner), obj.kind, obj.index);
  }

  /** A generator seeded with the object's seed (a new one each call). */
  rngOf(obj: IRObject): Rng {
    return new Rng(this.seedOf(obj));
  }

  // --- signals and kernels

  signal(name: string, size: number, initial?: Float64Array): Signal {
    const s = Signal.base(name, size, initial ?? null);
    this.signals.push(s);
    return s;
  }

  /** A buffer that no kernel writes (weights, biases, gains). */
  constant(name: string, values: Float64Array): Signal {
    const s = Signal.base(name, values.length, values, true);
    this.signals.push(s);
    return s;
  }

  add(kernel: Kernel, elideUnlessWritten?: Signal): Kernel {
    this.kernels.push(kernel);
    if (elideUnlessWritten !== undefined) this.elidable.set(kernel, elideUnlessWritten);
    return kernel;
  }

  /**
   * The entries `index` of a signal: the signal itself (null index), a view (a contiguous range),
   * or a new buffer set by a copy kernel (Nengo's `slice_signal`).
   */
  slice(sig: Signal, index: Int32Array | null, owner: string): Signal {
    if (index === null) return sig;
    const first = index[0];
    if (first !== undefined && contiguous(index)) {
      if (first === 0 && index.length === sig.size) return sig;
      return sig.view(first, index.length);
    }
    const out = this.signal(`${owner}.sliced`, index.length);
    this.add(copyKernel(sig, index, setTarget(out), owner, "slice"));
    return out;
  }

  // --- the buffers of objects (made on first use)

  ensemble(ens: Ensemble): EnsembleSignals {
    const known = this.ensSignals.get(ens);
    if (known !== undefined) return known;
    const name = ens.toString();
    let sigs: EnsembleSignals;
    if (ens.neuronType.kind === "Direct") {
      const input = this.signal(`${name}.input`, ens.dimensions);
      sigs = {
        ensemble: ens,
        direct: true,
        input,
        output: input,
        neuronsIn: null,
        neuronsOut: null,
        bias: null,
        scaledEncoders: null,
        state: {},
        spiking: false,
        params: null,
      };
    } else {
      const params = this.overridden(ens, buildEnsembleParams(ens, this.rngOf(ens)));
      this.ensembles.set(ens, params);
      const input = this.signal(`${name}.input`, ens.dimensions);
      const neuronsIn = this.signal(`${name}.neurons.input`, ens.nNeurons);
      const neuronsOut = this.signal(`${name}.neurons.output`, ens.nNeurons);
      const state: Record<string, Signal> = {};
      for (const [key, init] of Object.entries(params.initialState)) state[key] = this.signal(`${name}.neurons.${key}`, ens.nNeurons, Float64Array.from(init));
      sigs = {
        ensemble: ens,
        direct: false,
        input,
        output: neuronsOut,
        neuronsIn,
        neuronsOut,
        bias: this.constant(`${name}.bias`, Float64Array.from(params.bias)),
        // an encoder learning rule (Voja) writes them: then a plain buffer, not a constant
        scaledEncoders: this.encodersLearned(ens)
          ? this.signal(`${name}.scaledEncoders`, params.scaledEncoders.length, Float64Array.from(params.scaledEncoders))
          : this.constant(`${name}.scaledEncoders`, Float64Array.from(params.scaledEncoders)),
        state,
        spiking: ens.neuronType.spiking,
        params,
      };
    }
    this.ensSignals.set(ens, sigs);
    return sigs;
  }

  /** The ensemble's parameters with its overrides (encoders, gain, bias) applied, scaled encoders recomputed. */
  private overridden(ens: Ensemble, params: BuiltEnsemble): BuiltEnsemble {
    const n = params.nNeurons;
    const d = params.dimensions;
    const encoders = this.override(ens, "encoders", n * d);
    const gain = this.override(ens, "gain", n);
    const bias = this.override(ens, "bias", n);
    if (encoders === undefined && gain === undefined && bias === undefined) return params;
    const e = encoders === undefined ? params.encoders : Float64Array.from(encoders);
    const g = gain === undefined ? params.gain : Float64Array.from(gain);
    const b = bias === undefined ? params.bias : Float64Array.from(bias);
    const scaledEncoders = new Float64Array(n * d);
    scaleEncoders(scaledEncoders, e, g, params.radius, d);
    const { maxRates: _m, intercepts: _i, ...rest } = params;
    let rates: { maxRates?: Float64Array; intercepts?: Float64Array } = {
      ...(_m !== undefined ? { maxRates: _m } : {}),
      ...(_i !== undefined ? { intercepts: _i } : {}),
    };
    if (gain !== undefined || bias !== undefined) {
      // what the new gain and bias imply (undefined for types without an inverse)
      rates = {};
      try {
        const mi = ens.neuronType.maxRatesIntercepts(g, b);
        rates = { maxRates: Float64Array.from(mi.maxRates), intercepts: Float64Array.from(mi.intercepts) };
      } catch (cause) {
        if (!(cause instanceof PlexusError)) throw cause;
      }
    }
    return { ...rest, ...rates, encoders: e, gain: g, bias: b, scaledEncoders };
  }

  node(node: Node): NodeSignals {
    const known = this.nodeSignals.get(node);
    if (known !== undefined) return known;
    const name = node.toString();
    const out = node.output;
    let sigs: NodeSignals;
    if (typeof out === "number" || (typeof out === "object" && out !== null && "length" in out)) {
      const values = typeof out === "number" ? Float64Array.of(out) : Float64Array.from(out as ArrayLike<number>);
      sigs = { input: null, output: this.constant(`${name}.output`, values) };
    } else {
      const input = node.sizeIn > 0 ? this.signal(`${name}.input`, node.sizeIn) : null;
      const output = out === null ? input : node.sizeOut > 0 ? this.signal(`${name}.output`, node.sizeOut) : null;
      sigs = { input, output };
    }
    this.nodeSignals.set(node, sigs);
    return sigs;
  }

  port(port: InPort | OutPort): Signal {
    const known = this.portSignals.get(port);
    if (known !== undefined) return known;
    const s = this.signal(port.toString(), port.dimensions);
    this.portSignals.set(port, s);
    return s;
  }

  /** Every port buffer made so far. */
  get ports(): ReadonlyMap<InPort | OutPort, Signal> {
    return this.portSignals;
  }

  /** What a connection from `end` reads. @throws BuildError when `end` has no output. */
  source(end: ConnectionSource, owner: string): Signal {
    switch (end.kind) {
      case "node": {
        const s = this.node(end).output;
        if (s === null) throw new BuildError(`${owner}: the pre object ${end} has no output (sizeOut 0); give it an output`, { label: owner });
        return s;
      }
      case "ensemble":
        return this.ensemble(end).output;
      case "neurons": {
        const s = this.ensemble(end.ensemble).neuronsOut;
        if (s === null) throw new BuildError(`${owner}: ${end} of a Direct-mode ensemble has no neurons; connect the ensemble itself`, { label: owner });
        return s;
      }
      case "inPort":
      case "outPort":
        return this.port(end);
    }
  }

  /** What a connection into `end` adds to. @throws BuildError when `end` takes no input. */
  target(end: ConnectionTarget, owner: string): Signal {
    switch (end.kind) {
      case "node": {
        const s = this.node(end).input;
        if (s === null)
          throw new BuildError(`${owner}: the post object ${end} takes no input (sizeIn 0); give it sizeIn and a function (t, x) => ...`, { label: owner });
        return s;
      }
      case "ensemble":
        return this.ensemble(end).input;
      case "neurons": {
        const s = this.ensemble(end.ensemble).neuronsIn;
        if (s === null) throw new BuildError(`${owner}: ${end} of a Direct-mode ensemble has no neurons; connect the ensemble itself`, { label: owner });
        return s;
      }
      case "inPort":
      case "outPort":
        return this.port(end);
    }
  }
}
