// Public objects used in odd orders (re-entered mid-run, closed, reset, restored, fed a failing
// source): each case was found by probing call orders, and now either works as documented or
// ends in a typed Plexus error that keeps what was already computed.
import { CouplingError, LIFRate, Network, SimulationError, TrainingError, ValidationError } from "@plexus/core";
import { couple, subsystem } from "@plexus/coupler";
import { Simulator } from "@plexus/simulator";
import { GradientTrainer, PesTrainer, partialResult, type TrainedSubnetwork } from "@plexus/trainer";
import { concat, interval, map, NEVER, of, take, throwError } from "rxjs";
import { describe, expect, it } from "vitest";
import { defined } from "../support/defined.js";
import { thrownBy } from "../support/thrown.js";

/** A node that calls `hook` (set by the test) at every step, into an ensemble that a probe records. */
function reentrant(): { net: Network; probe: ReturnType<Network["probe"]>; hook: { call: () => void } } {
  const hook = { call: (): void => {} };
  const net = new Network({ seed: 1, label: "re" });
  const node = net.node({
    output: () => {
      hook.call();
      return 0;
    },
    label: "evil",
  });
  const ens = net.ensemble({ nNeurons: 5, dimensions: 1, label: "e" });
  net.connect(node, ens);
  return { net, probe: net.probe(ens), hook };
}

describe("Simulator: call order", () => {
  it("refuses step, runSteps, reset, snapshot/restore and close from a node function mid-run, naming the node and step, keeping the steps before", () => {
    const { net, probe, hook } = reentrant();
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(2);
    const calls: [string, () => void][] = [
      // before: a nested step recursed until the stack overflowed; reset, close and a nested run
      // were overwritten by the outer run's step count (nSteps 5 with 1 probe row after a reset)
      ["step", () => sim.step()],
      ["runSteps", () => sim.runSteps(1)],
      ["reset", () => sim.reset()],
      ["close", () => sim.close()],
      ["snapshot", () => sim.snapshot()],
    ];
    for (const [name, call] of calls) {
      hook.call = call;
      const e = thrownBy(SimulationError, () => sim.runSteps(3));
      expect(e.message).toContain(`Node 'evil' at step 3 (t = 0.003 s): output function threw: Simulator.${name}: called while the simulator runs`);
      expect(e.step).toBe(3);
      hook.call = () => {};
      expect(sim.nSteps).toBe(2);
      expect(sim.data(probe).shape).toEqual([2, 1]);
      expect(sim.isClosed).toBe(false);
    }
    sim.runSteps(3);
    expect(sim.data(probe).shape).toEqual([5, 1]);
  });

  it("a progress callback that throws (or re-enters) ends the run with a SimulationError and keeps the steps it reported on", () => {
    const { net, probe } = reentrant();
    const sim = new Simulator(net, {
      progress: () => {
        throw new Error("cb boom");
      },
    });
    // before: "step 1000 failed: cb boom" with nSteps 999 but 1000 probe rows
    const e = thrownBy(SimulationError, () => sim.runSteps(2500));
    expect(e.message).toMatch(/^Simulator progress callback threw after step 1000 \(t = 1 s\): cb boom; the steps run so far are kept/);
    expect(e.step).toBe(1000);
    expect(sim.nSteps).toBe(1000);
    expect(sim.data(probe).shape).toEqual([1000, 1]);

    let resetting: Simulator | undefined;
    resetting = new Simulator(net, { progress: () => resetting?.reset() });
    // before: the reset was overwritten (nSteps 2500 with 1500 probe rows)
    expect(() => resetting?.runSteps(2500)).toThrow(/progress callback threw after step 1000 .*Simulator\.reset: called while the simulator runs/);
    expect(resetting.nSteps).toBe(1000);
  });

  it("run refuses a closed simulator even for 0 s, and snapshot/data refuse a non-object with a ValidationError", () => {
    const { net } = reentrant();
    const sim = new Simulator(net, { progress: false });
    sim.runSteps(2);
    sim.close();
    sim.close();
    // before: run(0) on a closed simulator passed silently
    expect(() => sim.run(0)).toThrow(/^Simulator\.run: the simulator is closed \(it ran 2 steps\)/);
    expect(sim.snapshot().length).toBeGreaterThan(0);
    // before: TypeErrors (reading 'probeData' / 'toString' of null)
    expect(thrownBy(ValidationError, () => sim.snapshot(null as never)).message).toMatch(/^Simulator\.snapshot\.options: must be an options object/);
    expect(thrownBy(ValidationError, () => sim.data(null as never)).message).toMatch(/^Simulator\.data \(got null\): is not part of the simulated network/);
  });

  it("refuses a run that would take the step counter past 2^53 - 1 (run(1) at dt 1e-300 could never end), keeping what it recorded", () => {
    // before: with no probe to refuse the memory, run(1) asked for ~1e300 steps and looped for ever (past 2^53, n + 1 === n)
    const bare = new Network({ seed: 1, label: "bare" });
    bare.ensemble({ nNeurons: 5, dimensions: 1, label: "e" });
    const unprobed = new Simulator(bare, { progress: false, dt: 1e-300 });
    expect(thrownBy(ValidationError, () => unprobed.run(1)).message).toMatch(/^Simulator\.steps: [\d.e+]+ steps from step 0 would pass step 2\^53 - 1/);
    const { net, probe } = reentrant();
    const sim = new Simulator(net, { progress: false, dt: 1e-300 });
    sim.runSteps(3);
    const before = Array.from(sim.data(probe).data);
    expect(thrownBy(ValidationError, () => sim.run(1)).message).toMatch(/^Simulator\.steps: [\d.e+]+ steps from step 3 would pass step 2\^53 - 1/);
    expect(() => sim.runSteps(Number.MAX_SAFE_INTEGER - 2)).toThrow(ValidationError);
    expect(sim.nSteps).toBe(3);
    expect(Array.from(sim.data(probe).data)).toEqual(before);
    sim.runSteps(2); // and it goes on
    expect(sim.nSteps).toBe(5);
  });
});

describe("CoupledSystem: a failing observable input", () => {
  it("an observable that errors ends the run with a CouplingError naming the input, keeping the data up to then", async () => {
    const net = new Network({ label: "a", inputs: { u: 1 }, outputs: { y: 1 }, seed: 1 });
    net.connect(net.in.u, net.out.y, { synapse: null });
    const a = subsystem(net);
    const system = couple({ a })
      .input(
        a.in.u,
        concat(
          of(1, 2, 3),
          throwError(() => new Error("sensor lost")),
        ),
      )
      .probe(a.out.y, { label: "y" });
    // before: the source's own Error came out as is (not a PlexusError, naming nothing)
    const e = await system.run({ steps: 10 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CouplingError);
    expect((e as CouplingError).message).toBe("input a.in.u: the observable failed after 3 base steps: sensor lost; the probe data up to then is kept");
    expect((e as CouplingError).subsystem).toBe("a");
    expect((e as CouplingError).cause).toBeInstanceOf(Error);
    expect(Array.from(system.lastResult?.data("y").subarray(0, 3) ?? [])).toEqual([1, 2, 3]);

    const other = couple({ a }).input(
      a.in.u,
      throwError(() => "not an Error"),
    );
    await expect(other.run({ steps: 5 })).rejects.toThrow(/^input a\.in\.u: the observable failed after 0 base steps: not an Error/);
  });
});

describe("CoupledSystem: an observable input that goes silent", () => {
  const feedthrough = () => {
    const net = new Network<{ u: 1 }, { y: 1 }>({ label: "a", inputs: { u: 1 }, outputs: { y: 1 }, seed: 1 });
    net.connect(net.in.u, net.out.y, { synapse: null });
    return subsystem(net);
  };

  it("ends the run with a CouplingError after inputTimeoutMs, naming the input and keeping the data up to then (it hung before)", async () => {
    const a = feedthrough();
    const system = couple({ a })
      .input(a.in.u, concat(of(1, 2), NEVER))
      .probe(a.out.y, { label: "y" });
    const e = await system.run({ steps: 10, inputTimeoutMs: 50 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CouplingError);
    expect((e as CouplingError).message).toMatch(
      /^input a\.in\.u \(after 2 base steps\): the observable sent nothing for 50 ms while the run waited on it \(10 base steps to run\); the probe data up to then is kept; make it send, or raise inputTimeoutMs/,
    );
    expect((e as CouplingError).subsystem).toBe("a");
    expect(Array.from(system.lastResult?.data("y").subarray(0, 2) ?? [])).toEqual([1, 2]);
    await expect(system.run({ steps: 10, inputTimeoutMs: 0 })).rejects.toThrow(/^run: inputTimeoutMs must be an integer >= 1 \(got 0\)/);
  });

  it("a source slower than the run but never silent for inputTimeoutMs runs to the end", async () => {
    const a = feedthrough();
    const system = couple({ a })
      .input(
        a.in.u,
        interval(5).pipe(
          take(6),
          map((k) => k + 1),
        ),
      )
      .probe(a.out.y, { label: "y" });
    const r = await system.run({ steps: 6, inputTimeoutMs: 1000 });
    expect(Array.from(r.data("y"))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("trainers: a callback that throws", () => {
  const channel = (): Network<{ u: 1 }, { y: 1 }> => {
    const net = new Network({ label: "channel", seed: 3, inputs: { u: 1 }, outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 20, dimensions: 1, neuronType: new LIFRate(), label: "a" });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: 0.005 });
    return net;
  };
  const steps = 50;
  const u = Float64Array.from({ length: steps }, (_, k) => Math.sin(k / 8));
  const data = { inputs: { u: { data: u, shape: [1, steps, 1] as const } }, targets: { y: { data: u.slice(), shape: [1, steps, 1] as const } } };
  const quiet = { onWarning: (): void => {} };

  const values = (t: TrainedSubnetwork): number[][] => Object.values(t.parameters).map((p) => Array.from(p.values));

  it("ends fit with a TrainingError naming the callback and the epoch, its cause the thrown value, and keeps what was learned", async () => {
    const boom = new Error("cb boom");
    // before: the callback's own Error (or a bare string) came out of fit as is, and then with
    // the learned weights lost; now they are kept, as for an aborted signal
    const pes = await new PesTrainer({ learningRate: 1e-4, init: "zeros" })
      .fit(channel(), data, {
        epochs: 3,
        ...quiet,
        callbacks: {
          onEpochEnd: (epoch) => {
            if (epoch >= 1) throw boom;
          },
        },
      })
      .catch((e: unknown) => e);
    expect(pes).toBeInstanceOf(TrainingError);
    expect((pes as TrainingError).message).toMatch(
      /callbacks\.onEpochEnd \(epoch 1\) threw: cb boom; training stopped there and the weights learned until then were kept; partialResult\(error\) returns them$/,
    );
    expect((pes as TrainingError).cause).toBe(boom);
    expect((pes as TrainingError).label).toBe("callbacks.onEpochEnd");
    const keptPes = defined(partialResult(pes));
    expect(keptPes.report.stopped?.reason).toBe("callbackThrew");
    expect(keptPes.report.history.length).toBe(2);
    // the weights after two epochs: what a fit of two epochs learns
    const twoEpochs = await new PesTrainer({ learningRate: 1e-4, init: "zeros" }).fit(channel(), data, { epochs: 2, ...quiet });
    expect(values(keptPes)).toEqual(values(twoEpochs));
    expect(
      values(keptPes)
        .flat()
        .some((v) => v !== 0),
    ).toBe(true);

    const grad = await new GradientTrainer()
      .fit(channel(), data, {
        epochs: 2,
        ...quiet,
        callbacks: {
          onBatchEnd: async () => {
            throw "batch boom";
          },
        },
      })
      .catch((e: unknown) => e);
    expect(grad).toBeInstanceOf(TrainingError);
    expect((grad as TrainingError).message).toMatch(
      /callbacks\.onBatchEnd \(epoch 0, batch 0\) threw: batch boom; training stopped there and the parameters at that moment were kept/,
    );
    expect((grad as TrainingError).cause).toBe("batch boom");
    // one optimiser step was taken before the callback: what a fit of one epoch (one minibatch) learns
    const keptGrad = defined(partialResult(grad));
    expect(keptGrad.report.stopped).toMatchObject({ reason: "callbackThrew", epoch: 0, batch: 0 });
    const oneEpoch = await new GradientTrainer().fit(channel(), data, { epochs: 1, ...quiet });
    expect(values(keptGrad)).toEqual(values(oneEpoch));
    const untrained = await new GradientTrainer().fit(channel(), data, { epochs: 0, ...quiet });
    expect(values(keptGrad)).not.toEqual(values(untrained));
  });
});
