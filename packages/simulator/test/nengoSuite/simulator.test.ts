// Nengo 4.1's nengo/tests/test_simulator.py, translated. Each `it` names the Nengo tests it translates.
// Nengo compares with pytest-allclose's defaults (rtol 1e-5, atol 1e-8) unless a test says otherwise;
// so do these.
// Not translated: test_dtype (Plexus has float64 and float32 modes, tested in Simulator.test.ts),
// test_simulation_data (a Python mapping class), test_warn_on_opensim_del and test_entry_point
// (Python-only), test_signal_init_values (operators on raw signals are internal to the planner),
// test_pickle_optimize (snapshots are tested in test/snapshot.test.ts). Deliberate differences: run(0)
// is silent rather than a warning, and Nengo's deprecated `trange(dt=...)` does not exist.

import type { ProgressEvent } from "@plexus/core";
import { Network, SimulationError, ValidationError, WhiteNoise } from "@plexus/core";
import type { BuiltEnsemble } from "@plexus/simulator";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../nengoParity/support.js";
import { allcloseExcess } from "./support.js";

const opts = { progress: false } as const;
const nengoTol = { rtol: 1e-5, atol: 1e-8 } as const;

function oneEnsemble(): Network {
  const m = new Network();
  m.ensemble({ nNeurons: 10, dimensions: 1 });
  return m;
}

describe("test_simulator.py", () => {
  it("test_steps: nSteps and time follow each step", () => {
    const dt = 0.001;
    const sim = new Simulator(new Network({ label: "test_steps" }), { ...opts, dt });
    expect(sim.nSteps).toBe(0);
    expectAllClose([sim.time], [0], { ...nengoTol, what: "time" });
    sim.step();
    expect(sim.nSteps).toBe(1);
    expectAllClose([sim.time], [dt], { ...nengoTol, what: "time" });
    sim.step();
    expect(sim.nSteps).toBe(2);
    expectAllClose([sim.time], [2 * dt], { ...nengoTol, what: "time" });
    expect(typeof sim.nSteps).toBe("number");
    expect(typeof sim.time).toBe("number");
  });

  it("test_time_absolute: trange after run(0.003) is [0.001, 0.002, 0.003]", () => {
    const sim = new Simulator(new Network(), opts);
    sim.run(0.003);
    expectAllClose(sim.trange(), [0.001, 0.002, 0.003], { ...nengoTol, what: "trange" });
  });

  it("test_trange_with_probes: trange(sampleEvery) has one time per recorded row, for periods dt..20·dt", () => {
    const dt = 1e-3;
    const m = new Network();
    const u = m.node({ output: Math.sin });
    const periods = Array.from({ length: 20 }, (_, i) => dt * (i + 1));
    const probes = periods.map((p) => m.probe(u, { sampleEvery: p, synapse: 5 * p }));
    const sim = new Simulator(m, { ...opts, dt });
    sim.run(0.333);
    periods.forEach((p, i) => {
      expect(sim.trange(p).length, `period ${p}`).toBe(sim.data(defined(probes[i])).shape[0]);
    });
  });

  it("test_simulation_data_with_repeated_simulator_runs: probe data grows over runs", () => {
    const m = new Network();
    const ens = m.ensemble({ nNeurons: 10, dimensions: 1 });
    const p = m.probe(ens);
    const sim = new Simulator(m, { ...opts, dt: 0.001 });
    sim.run(0.01);
    expect(sim.data(p).shape[0]).toBe(10);
    sim.run(0.01);
    expect(sim.data(p).shape[0]).toBe(20);
  });

  it("test_close_function, test_close_steps: a closed simulator refuses run, runSteps, step and reset", () => {
    const sim = new Simulator(oneEnsemble(), opts);
    sim.close();
    expect(() => sim.run(1.0)).toThrow(SimulationError);
    expect(() => sim.reset()).toThrow(SimulationError);
    expect(() => sim.runSteps(1)).toThrow(SimulationError);
    expect(() => sim.step()).toThrow(SimulationError);
  });

  it("test_close_context, test_close_steps, test_sim_reopen: closed at the end of a using block, then refuses everything", () => {
    let outer: Simulator | undefined;
    {
      using sim = new Simulator(oneEnsemble(), opts);
      sim.run(0.01);
      expect(sim.isClosed).toBe(false);
      outer = sim;
    }
    const sim = defined(outer);
    expect(sim.isClosed).toBe(true);
    expect(() => sim.run(1.0)).toThrow(SimulationError);
    expect(() => sim.reset()).toThrow(SimulationError);
    expect(() => sim.runSteps(1)).toThrow(SimulationError);
    expect(() => sim.step()).toThrow(SimulationError);
    expect(() => sim.run(1.0)).toThrow(/closed/);
  });

  it("test_seeding: the same network seed gives the same built ensembles and connection; another seed differs", () => {
    const make = (seed: number) => {
      const m = new Network({ label: "test_seeding", seed });
      const input = m.node({ output: 1, label: "input" });
      const A = m.ensemble({ nNeurons: 40, dimensions: 1, label: "A" });
      const B = m.ensemble({ nNeurons: 20, dimensions: 1, label: "B" });
      m.connect(input, A);
      const C = m.connect(A, B, { function: (x) => [defined(x[0]) ** 2] });
      const built = build(m).built;
      return { A: defined(built.ensembles.get(A)), B: defined(built.ensembles.get(B)), C: defined(built.connections.get(C)) };
    };
    const [m1, m2, m3] = [make(872), make(872), make(873)];
    const ensAttrs = ["encoders", "scaledEncoders", "gain", "bias", "evalPoints", "maxRates", "intercepts"] as const;
    const close = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && allcloseExcess(a, b, 1e-8, 1e-5) <= 0;
    const compare = (x: BuiltEnsemble, y: BuiltEnsemble, equal: boolean) => {
      for (const attr of ensAttrs) expect(close(defined(x[attr]), defined(y[attr])), attr).toBe(equal);
    };
    compare(m1.A, m2.A, true);
    compare(m1.B, m2.B, true);
    compare(m1.A, m3.A, false);
    compare(m1.B, m3.B, false);
    for (const attr of ["evalPoints", "weights"] as const) {
      expect(close(defined(m1.C[attr]), defined(m2.C[attr])), attr).toBe(true);
      expect(close(defined(m1.C[attr]), defined(m3.C[attr])), attr).toBe(false);
    }
  });

  it("test_hierarchical_seeding: an ensemble added to a subnetwork changes no other object's draws", () => {
    const create = (makeExtra: boolean, seed: number) => {
      const model = new Network({ seed, label: "n1" });
      const objs = [model.ensemble({ nNeurons: 10, dimensions: 1, label: "e1" })];
      const n2 = model.network({ label: "n2" });
      objs.push(n2.ensemble({ nNeurons: 10, dimensions: 1, label: "e2" }));
      if (makeExtra) objs.push(n2.ensemble({ nNeurons: 10, dimensions: 1, label: "e3" }));
      objs.push(model.ensemble({ nNeurons: 10, dimensions: 1, label: "e4" }));
      const built = build(model).built;
      return objs.map((o) => Array.from(defined(built.ensembles.get(o)).gain));
    };
    const same1 = create(false, 9);
    const same2 = create(true, 9);
    const diff = create(true, 10);
    diff.forEach((g, i) => {
      expect(g, `object ${i}`).not.toEqual(same2[i]);
    });
    const same2NoExtra = [...same2.slice(0, 2), ...same2.slice(3)];
    same1.forEach((g, i) => {
      expect(g, `object ${i}`).toEqual(same2NoExtra[i]);
    });
  });

  it("test_hierarchical_seeding (builder/network.py's rules): an explicit seed, a probe, or a seeded subnetwork changes no other draw", () => {
    const create = (opts2: { e2Seed?: number; probe?: boolean; topSeed?: number }) => {
      const model = new Network({ seed: opts2.topSeed ?? 9 });
      const e1 = model.ensemble({ nNeurons: 10, dimensions: 1 });
      const e2 = model.ensemble({ nNeurons: 10, dimensions: 1, ...(opts2.e2Seed !== undefined ? { seed: opts2.e2Seed } : {}) });
      if (opts2.probe === true) model.probe(e1);
      const e3 = model.ensemble({ nNeurons: 10, dimensions: 1 });
      const sub = model.network({ seed: 4 });
      const e4 = sub.ensemble({ nNeurons: 10, dimensions: 1 });
      const built = build(model).built;
      return [e1, e2, e3, e4].map((o) => Array.from(defined(built.ensembles.get(o)).gain));
    };
    const base = create({});
    const seeded = create({ e2Seed: 123 });
    expect(seeded[1]).not.toEqual(base[1]);
    expect([seeded[0], seeded[2], seeded[3]]).toEqual([base[0], base[2], base[3]]);
    expect(create({ probe: true })).toEqual(base);
    // the seeded subnetwork's objects do not depend on the parent's seed
    const otherTop = create({ topSeed: 10 });
    expect(otherTop[0]).not.toEqual(base[0]);
    expect(otherTop[3]).toEqual(base[3]);
  });

  it("test_probe_cache: data after reset(seed) is the new run's, not the old one's", () => {
    const m = new Network();
    const u = m.node({ output: new WhiteNoise() });
    const up = m.probe(u);
    const sim = new Simulator(m, { ...opts, seed: 0 });
    sim.runSteps(10);
    const ua = Float64Array.from(sim.data(up).data);
    sim.reset(1);
    sim.runSteps(10);
    const ub = sim.data(up).data;
    expect(allcloseExcess(ua, ub, 1e-1, 1e-5)).toBeGreaterThan(0);
  });

  it("test_invalid_run_time: a negative time is refused; 0.0006 s rounds up to one step", () => {
    const sim = new Simulator(new Network(), opts);
    expect(() => sim.run(-0.0001)).toThrow(ValidationError);
    sim.run(0);
    expect(sim.nSteps).toBe(0);
    sim.run(0.0006);
    expect(sim.nSteps).toBe(1);
  });

  it("test_sim_seed_set_by_network_seed: two simulators of a seeded network share their seed", () => {
    const model = new Network({ seed: 42 });
    const a = new Simulator(model, opts).seed;
    expect(new Simulator(model, opts).seed).toBe(a);
  });

  it("test_simulator_progress_bars: a run's progress reaches its total", () => {
    const m = new Network();
    m.ensemble({ nNeurons: 10, dimensions: 1 });
    const events: ProgressEvent[] = [];
    const sim = new Simulator(m, { progress: (e) => events.push(e) });
    sim.run(2.5); // Plexus reports runs over 1000 steps
    const last = defined(events.at(-1));
    expect(last.total).toBe(2500);
    expect(last.done).toBe(last.total);
    for (const e of events) expect(e.done).toBeLessThanOrEqual(e.total);
  });

  for (const sampleEvery of [0.001, 0.0005, 0.002, 0.0015]) {
    it(`test_sample_every_trange[${sampleEvery}]: trange(sampleEvery) is the time a probe of t records`, () => {
      const model = new Network();
      const t = model.node({ output: (tt) => tt });
      const p = model.probe(t, { sampleEvery });
      const sim = new Simulator(model, opts);
      sim.run(0.01);
      expectAllClose(sim.trange(sampleEvery), sim.data(p).data, { ...nengoTol, what: "trange" });
    });
  }

  it("test_sample_every_trange (errors): trange refuses a sampleEvery that is not a positive finite time", () => {
    const sim = new Simulator(new Network(), opts);
    sim.run(0.01);
    for (const bad of [0, -0.001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sim.trange(bad), String(bad)).toThrow(ValidationError);
    }
  });

  it("test_dt_readonly: dt cannot be set (a getter: assigning it throws in strict code, as Nengo's ReadonlyError)", () => {
    const sim = new Simulator(new Network(), opts);
    expect(() => {
      (sim as unknown as { dt: number }).dt = 0.05;
    }).toThrow(/dt/);
    expect(sim.dt).toBe(0.001);
  });
});
