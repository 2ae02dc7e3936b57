import { CouplingError, LIFRate, Network, type PortDims, parameterName, Rng, Sigmoid } from "@plexus/core";
import { adam, freeze, GradientTrainer, type TrainedSubnetwork } from "@plexus/trainer";
import { beforeAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { couple } from "../src/couple.js";
import { Subsystem, subsystem } from "../src/Subsystem.js";
import { expectSameBits, runComposed, runWith, schedules } from "./support/compare.js";
import { bits, feedthrough, neural } from "./support/nets.js";

const STEPS = 150;

/**
 * u → (port transform, initialised at 3) → 40 Sigmoid → y: the transform on the connection
 * leaving the input port is the trained parameter (encoders, gains, biases and decoders keep their
 * built values), and the task (y = 0.3·u) pulls it far from 3 and from 1.
 */
function gainNet(): { net: Network<{ u: 1 }, { y: 1 }>; portWeight: string } {
  const net = new Network({ label: "gain", seed: 3, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons: 40, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  const port = net.connect(net.in.u, x, { synapse: null, transform: 3 });
  const out = net.connect(x, net.out.y, { synapse: null });
  net.config.setTrainable(x, false).setTrainable(x.neurons, false).setTrainable(out, false);
  return { net, portWeight: parameterName(port, "weights", net) };
}

async function trainGain(): Promise<{ trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>; weight: number }> {
  const { net, portWeight } = gainNet();
  const rng = new Rng(1);
  const u = Float64Array.from({ length: 400 }, () => 2 * rng.random() - 1);
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 0.02 }), minibatchSize: 50, seed: 0 });
  const trained = await trainer.fit(net, { inputs: { u }, targets: { y: u.map((v) => 0.3 * v) } }, { epochs: 40, progress: false, onWarning: () => {} });
  return { trained, weight: defined(defined(trained.parameters[portWeight]).values[0]) };
}

const drive = (t: number): number => 0.8 * Math.sin(2 * Math.PI * 4 * t) + 0.3 * Math.cos(2 * Math.PI * 11 * t);

/** `values(k)` for base steps 1..steps, as a one-example input of `predict`. */
function sequence(steps: number, values: (k: number) => number): { data: Float64Array; shape: [number, number, number] } {
  return { data: Float64Array.from({ length: steps }, (_, i) => values(i + 1)), shape: [1, steps, 1] };
}

describe("couple() takes trained subnetworks directly", () => {
  let trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>;
  let weight: number;
  beforeAll(async () => {
    ({ trained, weight } = await trainGain());
  });

  it("trains a port transform far from identity (the premise of the next tests)", () => {
    expect(Math.abs(weight - 0.3)).toBeLessThan(0.05); // from 3 to about 0.3
    expect(trained.report.deployedLoss).toBeLessThan(1e-3);
  });

  it("runs it through its ports as predict does, bit for bit, and as the composed network does", async () => {
    const system = couple({ g: trained }).input(trained.in.u, drive).probe(trained.out.y).probe(trained.in.u, { label: "u" });
    expect(system.subsystems.g).toBeInstanceOf(Subsystem);
    expect(system.subsystems.g.trained).toBe(trained);
    expect(system.dt).toBe(trained.dt);
    const expected = trained.predict({ u: sequence(STEPS, (k) => drive(k * trained.dt)) }).y.data;
    for (const schedule of schedules()) {
      const result = await runWith(system, STEPS, schedule);
      expect(bits(result.data("g.out.y")), schedule.name).toEqual(bits(expected));
      expectSameBits(result, runComposed(system, STEPS), schedule.name);
    }
    // Without its learned transform (the initial 3 restored) the output is another one: the transform is in force.
    const { net, portWeight } = gainNet();
    const bypass = freeze(net, {
      parameters: { ...trained.parameters, [portWeight]: { shape: [], values: [3] } },
      data: { inputs: { u: [[[0]]] }, targets: { y: [[[0]]] } },
      run: { trainer: "bypass", epochs: 0, trainLoss: NaN },
      seed: 3,
      onWarning: () => {},
    });
    const bypassed = await couple({ g: bypass }).input(bypass.in.u, drive).probe(bypass.out.y).run({ steps: STEPS });
    expect(bits(bypassed.data("g.out.y"))).not.toEqual(bits(expected));
  });

  it("couples it in a mutual loop with a Subsystem and a plain network; what its port received, given to predict, gives what it sent", async () => {
    const plant = subsystem(neural("plant", { inSynapse: 0.005 }));
    const obs = feedthrough("obs");
    const make = () =>
      couple({ ctrl: trained, plant, obs }, { seed: 9 })
        .input(plant.in.u, drive, { sum: true })
        .wire(trained.out.y, plant.in.u, { sum: true, transform: -0.5 })
        .wire(plant.out.y, trained.in.u, { delaySteps: 2 })
        .wire(plant.out.y, obs.in.u, { transform: 2 })
        .probe(trained.in.u, { label: "ctrl input" })
        .probe(trained.out.y)
        .probe(obs.out.y);
    const composed = runComposed(make(), STEPS);
    for (const schedule of schedules()) expectSameBits(await runWith(make(), STEPS, schedule), composed, schedule.name);
    const result = await make().run({ steps: STEPS });
    const received = result.data("ctrl input");
    expect(received.some((v) => v !== 0)).toBe(true);
    const expected = trained.predict({ u: { data: received, shape: [1, STEPS, 1] } }).y.data;
    expect(bits(result.data("ctrl.out.y"))).toEqual(bits(expected));
    expect(make().latencies["ctrl"]).toEqual({ u: { y: 0 } });
  });

  it("keeps the seal: the subsystem runs a fresh copy; the trained subnetwork and its parameters are untouched", () => {
    const a = subsystem(trained);
    const b = subsystem(trained, { label: "again", dtMultiple: 1 });
    expect(a.network).not.toBe(b.network);
    expect(a.overrides).not.toBe(b.overrides);
    expect(a.seed).toBe(trained.report.seed);
    expect(a.network.seed).toBe(trained.report.seed);
    expect([...defined(a.overrides).keys()]).toEqual(trained.parameterNames);
    defined(defined(a.overrides).values().next().value)[0] = 1234;
    expect(Object.values(trained.parameters).every((p) => !p.values.includes(1234))).toBe(true);
    expect(defined(defined(b.overrides).values().next().value)[0]).not.toBe(1234);
    expect(String(b.in.u)).toBe("Subsystem 'again'.in.u");
    expect(a.latency(trained.in.u, trained.out.y)).toBe(trained.latency("u", "y"));
  });

  it("runs one trained subnetwork under two keys, wired through each subsystem's ports", async () => {
    const system = couple({ first: trained, second: trained });
    expect(system.subsystems.first.network).not.toBe(system.subsystems.second.network);
    expect(() => system.wire(trained.out.y, system.subsystems.second.in.u)).toThrow(
      /subsystems first, second run its trained subnetwork; use the subsystem's port \(system\.subsystems\.first\.out\.y\)/,
    );
    system
      .input(system.subsystems.first.in.u, drive)
      .wire(system.subsystems.first.out.y, system.subsystems.second.in.u)
      .probe(system.subsystems.second.out.y, { label: "twice" });
    const result = await system.run({ steps: STEPS });
    const once = trained.predict({ u: sequence(STEPS, (k) => drive(k * trained.dt)) }).y;
    const twice = trained.predict({ u: once }).y.data;
    expect(bits(result.data("twice"))).toEqual(bits(twice));
  });

  it("says what is wrong: a trained port of no subsystem, an undriven port, seed or overrides, a dt it was not trained at, a size", async () => {
    const other = (await trainGain()).trained;
    const system = couple({ g: trained });
    expect(() => system.wire(other.out.y, trained.in.u, { delaySteps: 1 })).toThrow(CouplingError);
    expect(() => system.probe(other.out.y)).toThrow(/its trained subnetwork is not a subsystem of this system \(keys: g\)/);
    await expect(couple({ g: trained }).probe(trained.out.y).run({ steps: 3 })).rejects.toThrow(/input port g\.in\.u is not driven/);
    expect(() => new Subsystem(trained, { seed: 1 })).toThrow(/has its own seed \(3, its report\.seed\)/);
    expect(() => new Subsystem(trained, { overrides: new Map() })).toThrow(/has its own parameters/);
    expect(() => couple({ g: trained }, { dt: 0.002 })).toThrow(
      /'g' \(TrainedSubnetwork 'gain'\) was trained at dt = 0\.001 s, but the system would step it at 0\.002 s/,
    );
    expect(() => couple({ g: subsystem(trained, { dtMultiple: 2 }) })).not.toThrow();
    expect(couple({ g: subsystem(trained, { dtMultiple: 2 }) }).dt).toBe(0.0005);
    expect(() => couple({ g: subsystem(trained, { dtMultiple: 2 }) }, { dt: 0.001 })).toThrow(/dtMultiple 2/);
    expect(() => couple({ g: 42 as unknown as Network })).toThrow(/couple: 'g': subsystem: 42 is neither a Network with ports nor a TrainedSubnetwork/);
    // Sizes only known at run time (e.g. a loaded bundle's ports): a CouplingError, not a compile error.
    const loose = trained as unknown as TrainedSubnetwork<PortDims, PortDims>;
    const wide = new Network({ label: "wide", inputs: { v: 2 }, outputs: { z: 2 } });
    const n = wide.node({ output: null, sizeIn: 2 });
    wide.connect(wide.in.v, n, { synapse: null });
    wide.connect(n, wide.out.z, { synapse: 0.005 });
    const mixed = couple({ g: loose, wide });
    expect(() => mixed.wire(defined(loose.out["y"]), wide.in.v)).toThrow(/Wire g\.out\.y -> wide\.in\.v: the output has 1 dimensions but the input takes 2/);
    mixed.wire(defined(loose.out["y"]), wide.in.v, { transform: [[1], [-1]] }).wire(wide.out.z, defined(loose.in["u"]), { transform: [[0.5, 0.5]] });
  });

  it("takes a trained subnetwork's own dt as the system's (here 2 ms)", async () => {
    const net = new Network({ label: "slow", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new LIFRate(), label: "x" });
    net.connect(net.in.u, x, { synapse: 0.01 });
    net.connect(x, net.out.y, { synapse: null });
    const u = sequence(50, (k) => drive(k * 0.002));
    const slow = freeze(net, {
      parameters: {},
      data: { inputs: { u }, targets: { y: u } },
      run: { trainer: "none", epochs: 0, trainLoss: NaN },
      dt: 0.002,
      onWarning: () => {},
    });
    const system = couple({ slow }).input(slow.in.u, drive).probe(slow.out.y);
    expect(system.dt).toBe(0.002);
    const result = await system.run({ seconds: 0.1 });
    expect(bits(result.data("slow.out.y"))).toEqual(bits(slow.predict({ u }).y.data));
  });

  it("steps a trained subnetwork at its own dt exactly, also where base dt × dtMultiple rounds differently (0.1 / 11 × 11)", async () => {
    const net = new Network({ label: "coarse", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
    const x = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new LIFRate(), label: "x" });
    net.connect(net.in.u, x, { synapse: 0.3 });
    net.connect(x, net.out.y, { synapse: null });
    const u = sequence(20, (k) => Math.sin(k / 3));
    const coarse = freeze(net, {
      parameters: {},
      data: { inputs: { u }, targets: { y: u } },
      run: { trainer: "none", epochs: 0, trainLoss: NaN },
      dt: 0.1,
      onWarning: () => {},
    });
    expect((0.1 / 11) * 11).not.toBe(0.1);
    const sub = subsystem(coarse, { dtMultiple: 11 });
    const system = couple({ coarse: sub })
      .input(sub.in.u, (t) => Math.sin(Math.round(t / 0.1) / 3))
      .probe(sub.out.y);
    expect(system.dt).toBe(0.1 / 11);
    const result = await system.run({ steps: 11 * 20 });
    expect(bits(result.data("coarse.out.y"))).toEqual(bits(coarse.predict({ u }).y.data));
    expect(system.compose().dt).toBe(0.1);
    expectSameBits(result, runComposed(system, 11 * 20));
  });
});
