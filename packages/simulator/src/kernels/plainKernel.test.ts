import { Network, type NeuronKind, type NeuronStateSpec, NeuronType, SimulationError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { defaultRegistry, type Registry } from "../Registry.js";
import { Simulator } from "../Simulator.js";
import type { NeuronKernelBuilder } from "./neuronKernel.js";
import { plainKernel } from "./plainKernel.js";

/** A neuron type defined outside Plexus: rate = gain · J, with a running count of steps as state. */
class Scaled extends NeuronType {
  readonly kind: NeuronKind = "custom:Scaled";
  readonly spiking = false;
  constructor(readonly factor: number) {
    super();
  }
  get stateSpec(): NeuronStateSpec {
    return { count: 0 };
  }
  rateFromCurrent(j: Float64Array, out: Float64Array): void {
    for (let i = 0; i < j.length; i++) out[i] = this.factor * Math.max(0, defined(j[i]));
  }
  step(_dt: number, j: Float64Array, output: Float64Array, state: Readonly<Record<string, Float64Array>>): void {
    this.rateFromCurrent(j, output);
    const count = defined(state["count"]);
    for (let i = 0; i < count.length; i++) count[i] = defined(count[i]) + 1;
  }
}

/** Its third-party kernel, a plain function: `out = factor · max(0, J)`, `count += n` (the step number, to tell it from the reference step). */
const scaledKernel =
  (onStep?: (n: number) => void): NeuronKernelBuilder =>
  (spec) =>
    plainKernel({
      owner: spec.owner,
      role: "scaled neurons",
      reads: [spec.input],
      sets: [spec.output, defined(spec.state["count"])],
      incs: [],
      updates: [],
      prepare({ view }) {
        const J = view(spec.input);
        const out = view(spec.output);
        const count = view(defined(spec.state["count"]));
        const factor = (spec.neuronType as Scaled).factor;
        return (_t, n) => {
          onStep?.(n);
          for (let i = 0; i < J.length; i++) {
            out[i] = factor * Math.max(0, defined(J[i]));
            count[i] = defined(count[i]) + n;
          }
        };
      },
    });

function network(): { net: Network; probes: Record<"input" | "output" | "count", ReturnType<Network["probe"]>> } {
  const net = new Network({ label: "third party" });
  const ens = net.ensemble({
    nNeurons: 3,
    dimensions: 1,
    gain: [1, 2, 3],
    bias: [-1, 0, 0.5],
    encoders: [[1], [-1], [1]],
    neuronType: new Scaled(4),
    label: "e",
  });
  const node = net.node({ output: (t: number) => [Math.sin(30 * t)] });
  net.connect(node, ens, { synapse: null });
  const attr = (a: string): ReturnType<Network["probe"]> => net.probe(ens.neurons, { attr: a });
  return { net, probes: { input: attr("input"), output: attr("output"), count: attr("count") } };
}

const registryWith = (builder: NeuronKernelBuilder): Registry => ({ ...defaultRegistry, neurons: { ...defaultRegistry.neurons, "custom:Scaled": builder } });

describe("plainKernel: a third-party kernel as a plain function", () => {
  it("runs a registered third-party neuron kernel each step, ordered by its declared access", () => {
    const { net, probes } = network();
    const sim = new Simulator(net, { registry: registryWith(scaledKernel()), progress: false });
    sim.runSteps(20);
    const J = sim.data(probes.input).data;
    const out = sim.data(probes.output).data;
    const count = sim.data(probes.count).data;
    for (let k = 0; k < 20; k++) {
      for (let i = 0; i < 3; i++) {
        // the output of this step's current (the kernel ran after the input was summed)
        expect(out[3 * k + i]).toBe(4 * Math.max(0, defined(J[3 * k + i])));
        // count = 1 + 2 + ... + (k + 1): the kernel's (not Scaled.step's, which counts 1 per step)
        expect(count[3 * k + i]).toBe(((k + 1) * (k + 2)) / 2);
      }
    }
    expect(J.some((x) => x > 0) && J.some((x) => x < 0)).toBe(true);
  });

  it("without a registered kernel, the type's own step runs", () => {
    const { net, probes } = network();
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(5);
    expect(Array.from(sim.data(probes.count).data)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
  });

  it("an error thrown by the function aborts the step with a SimulationError naming the owner", () => {
    const { net } = network();
    const sim = new Simulator(net, {
      registry: registryWith(
        scaledKernel((n) => {
          if (n === 3) throw new Error("out of range");
        }),
      ),
      progress: false,
    });
    sim.runSteps(2);
    expect(() => sim.runSteps(1)).toThrow(SimulationError);
    expect(() =>
      new Simulator(network().net, {
        registry: registryWith(
          scaledKernel((n) => {
            if (n === 1) throw new Error("boom");
          }),
        ),
        progress: false,
      }).runSteps(1),
    ).toThrow(/Ensemble 'e'.*scaled neurons threw: boom/);
  });
});
