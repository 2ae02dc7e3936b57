import { CouplingError, Network } from "@plexus/core";
import { of } from "rxjs";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { feedthrough, neural } from "../test/support/nets.js";
import type { InPortRef, OutPortRef } from "./CoupledSystem.js";
import { couple } from "./couple.js";
import { subsystem } from "./Subsystem.js";

describe("CoupledSystem: wiring", () => {
  it("names a loop with no delay, as ctrl.u -> plant.u -> plant.x -> ctrl.x, and keeps the system unchanged", () => {
    const ctrlNet = new Network({ label: "ctrl", inputs: { x: 1 }, outputs: { u: 1 } });
    const f = ctrlNet.node({ output: (_t: number, x: Float64Array) => [-defined(x[0])], sizeIn: 1, sizeOut: 1 });
    ctrlNet.connect(ctrlNet.in.x, f, { synapse: null });
    ctrlNet.connect(f, ctrlNet.out.u, { synapse: null });
    const plantNet = new Network({ label: "plant", inputs: { u: 1 }, outputs: { x: 1 } });
    plantNet.connect(plantNet.in.u, plantNet.out.x, { synapse: null });
    const ctrl = subsystem(ctrlNet);
    const plant = subsystem(plantNet);
    const system = couple({ ctrl, plant }).wire(ctrl.out.u, plant.in.u);
    let error: unknown;
    try {
      system.wire(plant.out.x, ctrl.in.x);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as CouplingError).message).toContain("closes the loop ctrl.u -> plant.u -> plant.x -> ctrl.x whose total delay is 0 steps");
    expect((error as CouplingError).label).toBe("ctrl.u -> plant.u -> plant.x -> ctrl.x");
    // the failed wire was not kept: the same wire with a delay is accepted
    system.wire(plant.out.x, ctrl.in.x, { delaySteps: 1 });
    expect(() => system.compose()).not.toThrow();
  });

  it("accepts a loop with no wire delay when a synapse inside a subsystem closes it", () => {
    const a = subsystem(neural("a")); // latency 1
    const b = subsystem(feedthrough("b")); // latency 0
    expect(() => couple({ a, b }).wire(a.out.y, b.in.u).wire(b.out.y, a.in.u)).not.toThrow();
    const c = subsystem(feedthrough("c"));
    const d = subsystem(feedthrough("d"));
    expect(() => couple({ c, d }).wire(c.out.y, d.in.u).wire(d.out.y, c.in.u)).toThrow("closes the loop c.y -> d.u -> d.y -> c.u");
    // a self-loop needs a delay too
    expect(() => couple({ c }).wire(c.out.y, c.in.u)).toThrow("closes the loop c.y -> c.u");
    expect(() => couple({ c }).wire(c.out.y, c.in.u, { delaySteps: 2 })).not.toThrow();
  });

  it("refuses a zero-delay loop between subsystems of different dtMultiple (it would need one simulator)", () => {
    const a = subsystem(neural("a"), { dtMultiple: 1 });
    const b = subsystem(neural("b"), { dtMultiple: 2 });
    const system = couple({ a, b }).wire(a.out.y, b.in.u);
    expect(() => system.wire(b.out.y, a.in.u)).toThrow(
      "Subsystems 'a', 'b' form a loop whose wires have no delay (its delay is inside them), so they run fused in one simulator, which needs one dtMultiple (got a: 1, b: 2); give one wire of the loop delaySteps >= 1",
    );
    expect(() => system.wire(b.out.y, a.in.u, { delaySteps: 1 })).not.toThrow();
  });

  it("checks sizes at run time where the types cannot (and transforms' shapes)", () => {
    const a = subsystem(feedthrough("a", 2));
    const b = subsystem(feedthrough("b", 3));
    const system = couple({ a, b });
    const from = a.out.y as OutPortRef;
    const to = b.in.u as InPortRef;
    expect(() => system.wire(from, to)).toThrow(
      "Wire a.out.y -> b.in.u: the output has 2 dimensions but the input takes 3; wire ports of one size or give a 3×2 transform",
    );
    expect(() => system.wire(from, to, { transform: 2 })).toThrow(
      "the transform is a scalar, but the output has 2 dimensions and the input takes 3; give a 3×2 matrix",
    );
    expect(() =>
      system.wire(from, to, {
        transform: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      }),
    ).toThrow("the transform is a 2×3 matrix");
    expect(() =>
      system.wire(from, to, {
        transform: [
          [1, 2],
          [3, NaN],
          [5, 6],
        ],
      }),
    ).toThrow("transform entry 3 is NaN");
    expect(() =>
      system.wire(from, to, {
        transform: [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      }),
    ).not.toThrow();
    expect(() => system.wire(a.out.y, a.in.u, { delaySteps: -1 })).toThrow("delaySteps must be an integer >= 0");
    expect(() => system.wire(a.out.y, a.in.u, { delaySteps: 1, rate: "linear" as "hold" })).toThrow('rate must be "hold" or "average"');
  });

  it("drives each input port from exactly one source unless every source says sum", () => {
    const a = subsystem(feedthrough("a"));
    const b = subsystem(feedthrough("b"));
    const system = couple({ a, b }).input(a.in.u, (t) => t);
    expect(() => system.wire(a.out.y, b.in.u).input(b.in.u, new Float64Array(10))).toThrow(
      "input b.in.u: b.in.u is already driven by the wire from a.out.y; to add the sources, pass { sum: true } on every wire and input into it",
    );
    expect(() => system.input(b.in.u, new Float64Array(10), { sum: true })).toThrow(/already driven/);
    const ok = couple({ a, b })
      .input(a.in.u, (t) => t)
      .wire(a.out.y, b.in.u, { sum: true })
      .input(b.in.u, new Float64Array(10), { sum: true });
    expect(() => ok.compose()).not.toThrow();
  });

  it("names every undriven input port at run time and in compose()", async () => {
    const a = subsystem(feedthrough("a"));
    const b = subsystem(feedthrough("b"));
    const system = couple({ a, b }).wire(a.out.y, b.in.u, { delaySteps: 1 });
    expect(() => system.compose()).toThrow(
      "input port a.in.u is not driven; wire an output to it or give it an input (an undriven port is an error, not a silent zero)",
    );
    await expect(system.run({ steps: 5 })).rejects.toThrow(/a\.in\.u is not driven/);
    const c = subsystem(feedthrough("c"));
    expect(() => couple({ a, c }).compose()).toThrow("input ports a.in.u, c.in.u are not driven");
  });

  it("resolves ports of the system's subsystems only, by handle or by their network's port", () => {
    const netA = feedthrough("a");
    const a = subsystem(netA);
    const b = subsystem(feedthrough("b"));
    const stranger = subsystem(feedthrough("s"));
    const system = couple({ a, b });
    expect(() => system.wire(netA.out.y, b.in.u)).not.toThrow();
    expect(() => system.wire(stranger.out.y, a.in.u)).toThrow("its subsystem is not part of this system (keys: a, b)");
    expect(() => couple({ a, x: subsystem(netA) }).wire(netA.out.y, b.in.u)).toThrow(/share its network/);
    expect(() => couple({ a, again: a })).toThrow(/one Subsystem is given as 'a' and 'again'/);
    expect(() => couple({})).toThrow(/at least one subsystem/);
    expect(() => couple({ "a.b": a })).toThrow(/may not contain/);
  });

  it("checks inputs and probes", async () => {
    const a = subsystem(feedthrough("a", 2));
    const system = couple({ a });
    expect(() => system.input(a.in.u, new Float64Array(3))).toThrow("not a positive multiple of the port's 2 dimensions");
    expect(() => system.input(a.in.u, 5 as unknown as Float64Array)).toThrow(/give a Float64Array/);
    system.input(a.in.u, new Float64Array(8)).probe(a.out.y);
    expect(() => system.probe(a.out.y)).toThrow("Probe 'a.out.y': a probe of that name exists; give this one a label");
    expect(() => system.probe(a.out.y, { label: "f", synapse: -1 })).toThrow(/synapse/);
    await expect(system.run({ steps: 5 })).rejects.toThrow("input a.in.u: the array has 4 rows (base steps) but the run needs 5");
    await expect(system.run({ steps: 1.5 })).rejects.toThrow(/integer >= 0/);
    const r = await system.run({ seconds: 0.0035 }); // round half to even: 4 steps
    expect(r.trange()).toEqual(Float64Array.from([1, 2, 3, 4], (k) => k * 0.001));
    expect(() => couple({ a }, { dt: 0 })).toThrow(/dt must be/);
    expect(
      couple({ a })
        .input(a.in.u, of([1, 2]))
        .compose()
        .inputs.has("a.in.u"),
    ).toBe(true);
  });
});
