import {
  type Connection,
  cloneNetwork,
  InternalError,
  Lowpass,
  Network,
  PES,
  type PortDims,
  type Probe,
  parameterName,
  Rng,
  type SynapseLike,
  TrainingError,
} from "@plexus/core";
import { f64At } from "@plexus/core/runtime";
import { build, Simulator } from "@plexus/simulator";
import type { BatchData } from "./engine/CompiledModel.js";
import { freezeBatch, type ParameterValue } from "./freeze.js";
import { type CallbackThrew, callbackStop, earlyStopError, outputsLabel, userCallback } from "./internal/earlyStop.js";
import { listEntry, mapEntry } from "./internal/entry.js";
import { findInPort, findOutPort } from "./internal/findPort.js";
import { buildSeed, checkDtSeed, decodedPortConnections, evaluateOnSimulator, type PortConnection, trainingError } from "./internal/nongradient/common.js";
import { hasLearningRules } from "./internal/nongradient/hasLearningRules.js";
import { normalizeData } from "./internal/normalizeData.js";
import { optionsArgument, shown } from "./internal/optionsArgument.js";
import { portLoss } from "./internal/portLoss.js";
import { sealedCopy } from "./internal/sealedCopy.js";
import type { TrainedSubnetwork } from "./TrainedSubnetwork.js";
import type { FitOptions, Trainer } from "./Trainer.js";
import type { TrainingData } from "./TrainingData.js";
import type { EarlyStop, EpochLogs } from "./TrainingReport.js";

/** Options of {@link PesTrainer}. */
export interface PesTrainerOptions {
  /** κ of Nengo's PES (the change per step is −κ·dt/n · error · activities). Default 1e-4 (Nengo's). */
  readonly learningRate?: number;
  /** Filter of the pre-synaptic activities: a Synapse, a Lowpass time constant (s), or null. Default Lowpass(0.005). */
  readonly preSynapse?: SynapseLike;
  /** The weights learning starts from: the build's solved decoders (`"built"`, default) or zeros (`"zeros"`, learning from scratch). */
  readonly init?: "built" | "zeros";
  /** Time step (s). Default 0.001. */
  readonly dt?: number;
  /** Seed of the build (a network's own seed wins) and of the example order when shuffling. Default 0. */
  readonly seed?: number;
}

/** Options of {@link PesTrainer.fit}. */
export interface PesFitOptions extends FitOptions {
  /** Passes over the data. Default 1. */
  readonly epochs?: number;
  /** Present the examples in a new order each epoch (core's `Rng`, from the trainer's seed). Default false. */
  readonly shuffle?: boolean;
  readonly callbacks?: { readonly onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void> };
}

/** The network run while learning: a copy of the subnetwork with PES on its port decoders, and the error wiring around it. */
interface Harness {
  readonly network: Network<PortDims, PortDims>;
  /** Input port of the harness carrying each output port's target. */
  readonly targetPort: ReadonlyMap<string, string>;
  /** Per learned connection: its copy's weights name in the harness, and the probe of its live weights. */
  readonly learned: readonly { readonly pc: PortConnection; readonly name: string; readonly probe: Probe; readonly size: number }[];
}

/**
 * Trains a subnetwork online with Nengo's PES rule while the simulator runs over the training
 * data, then freezes the learned weights. The trainable decoded connections from ensembles into
 * the output ports that have a target learn, each with error = (output port value − target) on
 * the dimensions it feeds, every step (no filter on the error): Δω = −κ·dt/n · error · a, a being
 * the pre neurons' output through `preSynapse`, applied from the next step on (the core `PES`
 * rule run by the simulator's PES kernel, which matches Nengo 4.1 step for step).
 *
 * Each example runs from a reset simulator (neuron and synapse state reset, as `predict` and
 * `deployedLoss` run them) while the weights carry over from example to example and epoch to
 * epoch; the change computed at an example's last step is not applied (as reading Nengo's
 * weights probe at the end of a run). `report.trainLoss` is the loss over the last epoch while
 * the weights were learning (the outputs the learning network produced), so it is usually above
 * `deployedLoss`, the loss of the final, frozen weights.
 *
 * @example
 * const trained = await new PesTrainer({ learningRate: 1e-3, init: "zeros" }).fit(channel, { inputs: { u }, targets: { y: u } }, { epochs: 3 });
 */
export class PesTrainer implements Trainer<PesFitOptions> {
  readonly name = "PesTrainer";
  readonly rule: PES;
  readonly init: "built" | "zeros";
  readonly dt: number;
  readonly seed: number | undefined;

  /** @throws ValidationError for a bad learning rate or synapse; TrainingError for a bad init, dt or seed. */
  constructor(options: PesTrainerOptions = {}) {
    optionsArgument(options, "PesTrainer");
    this.rule = new PES({ learningRate: options.learningRate ?? 1e-4, preSynapse: options.preSynapse === undefined ? new Lowpass(0.005) : options.preSynapse });
    this.init = options.init ?? "built";
    this.dt = options.dt ?? 0.001;
    this.seed = options.seed;
    checkDtSeed("PesTrainer", this.dt, this.seed);
    if (this.init !== "built" && this.init !== "zeros")
      throw new TrainingError(
        `PesTrainer.init: must be "built" or "zeros" (got ${typeof this.init === "string" ? JSON.stringify(this.init) : typeof this.init})`,
        { label: "PesTrainer" },
      );
  }

  /** κ. */
  get learningRate(): number {
    return this.rule.learningRate;
  }

  /**
   * Learns the port decoders online over `options.epochs` passes and returns the frozen
   * subnetwork; the network is not modified.
   * @throws TrainingError for bad data (unknown port, wrong shape, non-finite value), a network
   *   without trainable decoded connections into the output ports with a target, or one with
   *   learning rules of its own; outputs that become NaN or infinite (which epoch and example;
   *   `partialResult(error)` keeps the weights before that example); an aborted `signal` or an
   *   `onEpochEnd` that threw (`partialResult(error)` keeps the weights at that moment).
   */
  async fit<const I extends PortDims, const O extends PortDims>(
    userNetwork: Network<I, O>,
    data: TrainingData<I, O>,
    options: PesFitOptions = {},
  ): Promise<TrainedSubnetwork<I, O>> {
    optionsArgument(options, "PesTrainer.fit");
    const network = sealedCopy(userNetwork);
    const epochs = options.epochs ?? 1;
    if (!(Number.isInteger(epochs) && epochs >= 0))
      throw new TrainingError(`${this.name} fit: epochs must be an integer >= 0 (got ${shown(epochs)})`, { label: "epochs" });
    const batch = normalizeData(network, data, trainingError);
    const seed = buildSeed(network, this.seed);
    const conns = decodedPortConnections(network, new Set(Object.keys(batch.targets)));
    if (conns.length === 0) {
      throw new TrainingError(
        `${network}: has no trainable connection from an ensemble (with neurons) into the output ports with a target (${Object.keys(batch.targets).join(", ")}); PES learns the decoders of such connections`,
        {
          label: Object.keys(batch.targets)
            .map((p) => `out.${p}`)
            .join(","),
        },
      );
    }
    if (hasLearningRules(network)) {
      throw new TrainingError(
        `${network}: holds learning rules of its own; PesTrainer adds PES to its port connections itself (remove the learningRule options)`,
        { label: "learningRule" },
      );
    }
    const harness = this.harness(network, conns, seed, Object.keys(batch.targets));
    const initial = build(network, { dt: this.dt, seed });
    let weights: Float64Array[] = conns.map((pc) =>
      this.init === "zeros"
        ? new Float64Array(pc.rows * pc.pre.nNeurons)
        : Float64Array.from(mapEntry(initial.built.connections, pc.connection, "built connection").weights),
    );

    const rng = new Rng(seed);
    const history: EpochLogs[] = [];
    let stopped: EarlyStop | undefined;
    let threw: CallbackThrew | undefined;
    let lastYield = performance.now();
    const outputs: Record<string, Float64Array> = {};
    for (const p of network.outPorts) outputs[p.name] = new Float64Array(batch.batchSize * batch.steps * p.dimensions);
    epochLoop: for (let epoch = 0; epoch < epochs; epoch++) {
      const order = options.shuffle === true ? rng.permutation(batch.batchSize) : Int32Array.from({ length: batch.batchSize }, (_, i) => i);
      for (const [b, example] of order.entries()) {
        if (performance.now() - lastYield > 25) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        if (options.signal?.aborted === true) {
          stopped = {
            reason: "aborted",
            epoch,
            batch: b,
            message: `training was aborted during epoch ${epoch} before example ${b}; the weights learned until then were kept`,
          };
          break epochLoop;
        }
        const next = this.runExample(harness, network, batch, example, weights, seed, outputs);
        if (next === null) {
          stopped = {
            reason: "nonFiniteLoss",
            epoch,
            batch: b,
            message: `the outputs became non-finite in epoch ${epoch} at example ${b} (learning rate ${this.learningRate} too high?); training stopped and the weights from before that example were kept`,
          };
          break epochLoop;
        }
        weights = next;
      }
      const logs: EpochLogs = { epoch, loss: portLoss(outputs, batch.targets) };
      history.push(logs);
      threw = await userCallback(`onEpochEnd (epoch ${epoch})`, () => options.callbacks?.onEpochEnd?.(epoch, logs));
      if (threw !== undefined) {
        stopped = callbackStop(threw, epoch, batch.batchSize - 1, "the weights learned until then");
        break;
      }
    }

    const parameters: Record<string, ParameterValue> = {};
    conns.forEach((pc, i) => (parameters[pc.name] = { shape: [pc.rows, pc.pre.nNeurons], values: listEntry(weights, i, "learned weights") }));
    const trained = freezeBatch(network, {
      parameters,
      data: batch,
      run: {
        trainer: this.name,
        engine: "simulator (PES)",
        epochs: history.length,
        trainLoss: history.at(-1)?.loss ?? NaN,
        history,
        ...(stopped === undefined ? {} : { stopped }),
      },
      dt: this.dt,
      seed,
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    });
    if (stopped !== undefined)
      throw earlyStopError(`${network}`, stopped, trained as TrainedSubnetwork, { signal: options.signal, callback: threw, outputs: outputsLabel(batch) });
    return trained;
  }

  /**
   * The simulator's loss of a trained subnetwork (its frozen weights) or of a network (as built)
   * on `data`; for a trained subnetwork it equals `report.deployedLoss` on the same data.
   * @throws TrainingError for bad data.
   */
  async evaluate<const I extends PortDims, const O extends PortDims>(
    target: TrainedSubnetwork<I, O> | Network<I, O>,
    data: TrainingData<I, O>,
  ): Promise<number> {
    return evaluateOnSimulator(target as TrainedSubnetwork | Network, data, this.dt, this.seed);
  }

  /** Runs one example on the learning network from `weights`; returns the weights after it, or null when an output became non-finite. */
  private runExample(
    h: Harness,
    net: Network,
    data: BatchData,
    example: number,
    weights: readonly Float64Array[],
    seed: number,
    outputs: Record<string, Float64Array>,
  ): Float64Array[] | null {
    const overrides = new Map<string, Float64Array>();
    h.learned.forEach((l, i) => overrides.set(l.name, listEntry(weights, i, "learned weights")));
    const sim = new Simulator(build(h.network, { dt: this.dt, seed, overrides }), { progress: false });
    const ins = net.inPorts.map((p) => ({ name: p.name, data: portData(data.inputs, p.name, "batch.inputs"), d: p.dimensions }));
    for (const [port, t] of Object.entries(data.targets))
      ins.push({ name: mapEntry(h.targetPort, port, "target port"), data: t, d: t.length / (data.batchSize * data.steps) });
    const outs = net.outPorts.map((p) => ({ name: p.name, data: portData(outputs, p.name, "outputs"), d: p.dimensions }));
    for (let k = 0; k < data.steps; k++) {
      const row = example * data.steps + k;
      for (const i of ins) sim.writeInput(i.name, i.data.subarray(row * i.d, (row + 1) * i.d));
      sim.step();
      for (const o of outs) {
        const y = sim.readOutput(o.name);
        for (let j = 0; j < o.d; j++) if (!Number.isFinite(f64At(y, j))) return null;
        o.data.set(y, row * o.d);
      }
    }
    return h.learned.map((l) => {
      const w = sim.data(l.probe).data;
      return Float64Array.from(w.subarray(w.length - l.size));
    });
  }

  /**
   * A copy of the subnetwork (same seed, so the same built parameters) whose learned connections
   * carry this trainer's PES, inside a network that feeds its input ports, reads its output
   * ports, and connects (output − target) on each learned connection's dimensions into its rule.
   */
  private harness(net: Network, conns: readonly PortConnection[], seed: number, targets: readonly string[]): Harness {
    const learnedSet = new Set<Connection>(conns.map((c) => c.connection));
    const copy = cloneNetwork(net, { seed, connectionOptions: (c) => (learnedSet.has(c) ? { learningRule: this.rule } : {}) });
    const inner = copy.network;
    const taken = new Set(net.inPorts.map((p) => p.name));
    const targetPort = new Map<string, string>();
    const inputs: Record<string, number> = {};
    for (const p of net.inPorts) inputs[p.name] = p.dimensions;
    for (const p of net.outPorts) {
      if (!targets.includes(p.name)) continue;
      let name = `target.${p.name}`;
      while (taken.has(name)) name = `_${name}`;
      taken.add(name);
      targetPort.set(p.name, name);
      inputs[name] = p.dimensions;
    }
    const outputs: Record<string, number> = {};
    for (const p of net.outPorts) outputs[p.name] = p.dimensions;
    const h = new Network<PortDims, PortDims>({ label: "PesTrainer", seed, inputs, outputs });
    h.add(inner as Network);
    for (const p of net.inPorts) h.connect(findInPort(h, p.name), findInPort(inner, p.name), { synapse: null });
    for (const p of net.outPorts) h.connect(findOutPort(inner, p.name), findOutPort(h, p.name), { synapse: null });
    const learned = conns.map((pc) => {
      const copied = mapEntry(copy.connections, pc.connection, "copied connection");
      const rule = copied.learningRule;
      if (rule === null) throw new InternalError(`${copied}: the harness's copy has no PES rule; this is a bug in PesTrainer, please report it`);
      const dims = Array.from(pc.portDims);
      h.connect(findOutPort(inner, pc.port.name), rule, { preSlice: dims, synapse: null });
      h.connect(findInPort(h, mapEntry(targetPort, pc.port.name, "target port")), rule, { preSlice: dims, transform: -1, synapse: null });
      return { pc, name: parameterName(copied, "weights", h), probe: h.probe(copied, { attr: "weights" }), size: pc.rows * pc.pre.nNeurons };
    });
    return { network: h, targetPort, learned };
  }
}

/** The data of port `name` in `arrays` (the normalised batch's, or the outputs the trainer made for every port). @throws TrainingError if there is none. */
function portData(arrays: Readonly<Record<string, Float64Array>>, name: string, what: string): Float64Array {
  const a = arrays[name];
  if (a === undefined) throw new TrainingError(`${what}.${name}: no data for port '${name}'; give data for every input port`, { label: name });
  return a;
}
