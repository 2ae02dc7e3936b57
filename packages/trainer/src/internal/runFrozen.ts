import { type InPort, type OutPort, PortError } from "@plexus/core";
import { build, type Plan, Simulator } from "@plexus/simulator";
import type { FrozenRunner } from "../FrozenRunner.js";
import type { TrainedInPort, TrainedOutPort } from "../TrainedPort.js";
import { findInPort, findOutPort } from "./findPort.js";
import { inputData } from "./inputData.js";
import { type Interior, overridesOf } from "./interior.js";

const plans = new WeakMap<Interior, Plan>();

/** The simulator plan of the frozen network: the network built with its parameters overridden by name. */
export function frozenPlan(interior: Interior): Plan {
  let plan = plans.get(interior);
  if (plan === undefined) {
    plan = build(interior.network, { dt: interior.dt, seed: interior.seed, overrides: overridesOf(interior) });
    plans.set(interior, plan);
  }
  return plan;
}

/**
 * Runs every example from a reset simulator: row k of each input is written before step k + 1
 * and the output ports are read after it. Arrays are `batchSize × steps × dims` row-major.
 */
export function runFrozen(interior: Interior, inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): Record<string, Float64Array> {
  const net = interior.network;
  const sim = new Simulator(frozenPlan(interior), { dt: interior.dt });
  const ins = net.inPorts.map((p) => ({ port: p, data: inputData(inputs, p, batchSize * steps), d: p.dimensions }));
  const outs = net.outPorts.map((p) => ({ port: p, data: new Float64Array(batchSize * steps * p.dimensions), d: p.dimensions }));
  for (let e = 0; e < batchSize; e++) {
    if (e > 0) sim.reset();
    for (let k = 0; k < steps; k++) {
      const row = e * steps + k;
      for (const i of ins) sim.writeInput(i.port, i.data.subarray(row * i.d, (row + 1) * i.d));
      sim.step();
      for (const o of outs) o.data.set(sim.readOutput(o.port), row * o.d);
    }
  }
  const result: Record<string, Float64Array> = {};
  for (const o of outs) result[o.port.name] = o.data;
  return result;
}

/** A step-by-step runner of the frozen network, through its ports only. */
export function createRunner(interior: Interior): FrozenRunner {
  const net = interior.network;
  const sim = new Simulator(frozenPlan(interior), { dt: interior.dt });
  let step = 0;
  const inPort = (port: string | TrainedInPort): InPort => findInPort(net, typeof port === "string" ? port : port.name);
  const outPort = (port: string | TrainedOutPort): OutPort => findOutPort(net, typeof port === "string" ? port : port.name);
  return {
    dt: interior.dt,
    get step() {
      return step;
    },
    writeInput(port, values) {
      const p = inPort(port);
      if (values.length !== p.dimensions) {
        throw new PortError(`${p}: takes ${p.dimensions} values per step (got ${values.length})`, { label: p.label });
      }
      sim.writeInput(p, Float64Array.from(values));
    },
    runSteps(n = 1) {
      sim.runSteps(n);
      step += n;
    },
    readOutput(port) {
      return Float64Array.from(sim.readOutput(outPort(port)));
    },
    reset() {
      sim.reset();
      step = 0;
    },
  };
}
