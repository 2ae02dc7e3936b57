import { type FrozenCopy, type FrozenSubnetwork, frozenCopyOf, InternalError, type PortDims, PortError } from "@plexus/core";
import type { FrozenRunner } from "./FrozenRunner.js";
import { frozenCopy } from "./frozenCopy.js";
import { findInPort, findOutPort } from "./internal/findPort.js";
import { type Interior, interiorOf, sealToken, setInterior } from "./internal/interior.js";
import { normalizePorts } from "./internal/normalizeData.js";
import { createRunner, runFrozen } from "./internal/runFrozen.js";
import { latency as networkLatency } from "./latency.js";
import { TrainedInPort, TrainedOutPort } from "./TrainedPort.js";
import type { PortInputs, PortOutputs } from "./TrainingData.js";
import type { TrainingReport } from "./TrainingReport.js";

/** A trained parameter, as `trained.parameters` returns it (a copy). */
export interface TrainedParameter {
  /** Row-major shape, e.g. `[nNeurons, dimensions]` for encoders. */
  readonly shape: readonly number[];
  readonly values: Float64Array;
  /** Whether training could change it (frozen parameters are kept too, so the subnetwork is whole). */
  readonly trainable: boolean;
}

/** The typed handles of the input ports of a subnetwork with input ports `I`. */
export type TrainedInPorts<I extends PortDims> = { readonly [K in keyof I]: TrainedInPort<I[K]> };
/** The typed handles of the output ports of a subnetwork with output ports `O`. */
export type TrainedOutPorts<O extends PortDims> = { readonly [K in keyof O]: TrainedOutPort<O[K]> };

const portError = (message: string, label: string): Error => new PortError(message, { label });

/**
 * A trained subnetwork, sealed: the network it was trained from plus its trained parameters by
 * name, frozen. Its interior (ensembles, connections) is unreachable; it is entered and left
 * through its ports only, so data, coupled inputs and training all take the same path through
 * every learned parameter (the connections leaving an input port included).
 *
 * Trainers create it (through `freeze`); `load` recreates it from a saved bundle.
 */
export class TrainedSubnetwork<I extends PortDims = PortDims, O extends PortDims = PortDims> implements FrozenSubnetwork<I, O> {
  /** The network's label. */
  readonly label: string | undefined;
  /** Port names and dimensions. */
  readonly ports: { readonly inputs: Readonly<I>; readonly outputs: Readonly<O> };
  /** Input port handles, typed by name and dimensions. */
  readonly in: TrainedInPorts<I>;
  /** Output port handles, typed by name and dimensions. */
  readonly out: TrainedOutPorts<O>;
  /** What the trainer reported, and the deployed loss. */
  readonly report: TrainingReport;

  /** @internal Trainers create these through `freeze`. */
  constructor(token: typeof sealToken, interior: Interior, report: TrainingReport) {
    if (token !== sealToken) throw new TypeError("TrainedSubnetwork: create one with a trainer, freeze() or load()");
    setInterior(this, interior);
    const net = interior.network;
    this.label = net.label;
    const inputs: Record<string, number> = {};
    const outputs: Record<string, number> = {};
    const ins: Record<string, TrainedInPort> = {};
    const outs: Record<string, TrainedOutPort> = {};
    for (const p of net.inPorts) {
      inputs[p.name] = p.dimensions;
      ins[p.name] = new TrainedInPort(this as TrainedSubnetwork, p.name, p.dimensions);
    }
    for (const p of net.outPorts) {
      outputs[p.name] = p.dimensions;
      outs[p.name] = new TrainedOutPort(this as TrainedSubnetwork, p.name, p.dimensions);
    }
    this.ports = Object.freeze({ inputs: Object.freeze(inputs) as I, outputs: Object.freeze(outputs) as O });
    this.in = Object.freeze(ins) as TrainedInPorts<I>;
    this.out = Object.freeze(outs) as TrainedOutPorts<O>;
    this.report = deepFreeze(structuredClone(report));
    Object.freeze(this);
  }

  /** The names of the trained parameters (`parameterName` of `@plexus/core`), in the trainer's order. */
  get parameterNames(): readonly string[] {
    return [...interiorOf(this).parameters.keys()];
  }

  /** Every parameter by name: fresh copies, so changing them changes nothing here. */
  get parameters(): Readonly<Record<string, TrainedParameter>> {
    const out: Record<string, TrainedParameter> = {};
    for (const [name, p] of interiorOf(this).parameters) {
      out[name] = Object.freeze({ shape: Object.freeze([...p.shape]), values: Float64Array.from(p.values), trainable: p.trainable });
    }
    return Object.freeze(out);
  }

  /** Time step (s) of the deployed simulation. */
  get dt(): number {
    return interiorOf(this).dt;
  }

  /**
   * Runs the frozen subnetwork on `@plexus/simulator` through its input ports: each example from
   * a reset simulator; row k of example e is given to the input ports during step k + 1, and the
   * output ports are read after that step. Returns `[batch][steps][dims]` per output port.
   * @throws PortError for an unknown or missing input port, a wrong shape or a non-finite value.
   */
  predict(inputs: PortInputs<I>): PortOutputs<O> {
    const interior = interiorOf(this);
    const data = normalizePorts(interior.network, inputs, "inputs", portError, { requireAll: true });
    const batchSize = data.batchSize === 0 ? 1 : data.batchSize;
    const steps = data.steps === 0 ? 1 : data.steps;
    const outs = runFrozen(interior, data.arrays, batchSize, steps);
    const result: Record<string, { data: Float64Array; shape: readonly [number, number, number] }> = {};
    for (const p of interior.network.outPorts) {
      const out = outs[p.name];
      if (out === undefined)
        throw new InternalError(`${interior.network}: the frozen run gave no values for output port '${p.name}'; this is a bug in the trainer`);
      result[p.name] = Object.freeze({ data: out, shape: Object.freeze([batchSize, steps, p.dimensions] as const) });
    }
    return result as PortOutputs<O>;
  }

  /** A fresh simulator of the frozen subnetwork, driven one step at a time through its ports. */
  runner(): FrozenRunner<I, O> {
    return createRunner(interiorOf(this)) as FrozenRunner<I, O>;
  }

  /**
   * The latency in steps from an input port to an output port: the least number of synapses on
   * any path between them (0: direct feedthrough; `Infinity`: the output does not depend on it).
   * @throws PortError for an unknown port.
   */
  latency(from: (keyof I & string) | TrainedInPort, to: (keyof O & string) | TrainedOutPort): number {
    const net = interiorOf(this).network;
    const inPort = findInPort(net, typeof from === "string" ? from : this.ownPort(from).name);
    const outPort = findOutPort(net, typeof to === "string" ? to : this.ownPort(to).name);
    return networkLatency(net, inPort, outPort);
  }

  /** Its frozen copy (a new, sealed one each call): what `@plexus/coupler` runs, through `@plexus/core`'s FrozenSubnetwork interface. */
  [frozenCopyOf](): FrozenCopy<I, O> {
    return frozenCopy(this);
  }

  toString(): string {
    return `TrainedSubnetwork ${this.label !== undefined ? `'${this.label}'` : "(unlabelled)"}`;
  }

  private ownPort<P extends TrainedInPort | TrainedOutPort>(port: P): P {
    if (port.subnetwork !== (this as TrainedSubnetwork)) {
      throw new PortError(`${port}: belongs to ${port.subnetwork}, not to ${this}`, { label: `${port.kind === "trainedInPort" ? "in" : "out"}.${port.name}` });
    }
    return port;
  }
}

function deepFreeze<T>(x: T): T {
  if (typeof x === "object" && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}
