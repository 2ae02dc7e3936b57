import { Network } from "@plexus/core";
import type { TrainedSubnetwork } from "@plexus/trainer";
import { describe, expectTypeOf, test } from "vitest";
import type { CoupledSystem } from "./CoupledSystem.js";
import { couple } from "./couple.js";
import { type Subsystem, subsystem } from "./Subsystem.js";
import type { SubsystemInPort } from "./SubsystemInPort.js";
import type { SubsystemOutPort } from "./SubsystemOutPort.js";

const netA = new Network({ inputs: { u: 1 }, outputs: { y: 2 } });
const netB = new Network({ inputs: { v: 2, w: 3 }, outputs: { z: 1 } });
const a = subsystem(netA);
const b = subsystem(netB);

describe("wire types", () => {
  test("ports keep their literal sizes", () => {
    expectTypeOf(a).toEqualTypeOf<Subsystem<{ u: 1 }, { y: 2 }>>();
    expectTypeOf(b.in.w).toEqualTypeOf<SubsystemInPort<3>>();
    expectTypeOf(couple({ a, b })).toEqualTypeOf<
      CoupledSystem<{ readonly a: Subsystem<{ u: 1 }, { y: 2 }>; readonly b: Subsystem<{ v: 2; w: 3 }, { z: 1 }> }>
    >();
  });

  test("equal sizes wire, through handles or network ports", () => {
    const s = couple({ a, b });
    s.wire(a.out.y, b.in.v);
    s.wire(netA.out.y, netB.in.v, { delaySteps: 1, transform: [1, -1] });
    s.wire(b.out.z, a.in.u, { transform: 2, rate: "average" });
  });

  test("different literal sizes are a compile error", () => {
    const s = couple({ a, b });
    // @ts-expect-error 2 -> 3 dimensions
    s.wire(a.out.y, b.in.w);
    // @ts-expect-error 1 -> 2 dimensions, network ports
    s.wire(netB.out.z, netB.in.v);
    // @ts-expect-error a scalar transform keeps the size
    s.wire(a.out.y, b.in.w, { transform: 0.5 });
    // @ts-expect-error an output cannot be wired into an output
    s.wire(a.out.y, b.out.z);
  });

  test("a matrix transform may change the size", () => {
    couple({ a, b }).wire(a.out.y, b.in.w, {
      transform: [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    });
  });

  test("inputs and probes take ports of any size", () => {
    couple({ a, b })
      .input(b.in.w, (t) => [t, t, t])
      .input(a.in.u, new Float64Array(10))
      .probe(b.out.z, { synapse: 0.01 })
      .probe(b.in.w, { label: "w" });
  });
});

describe("trained subnetworks in couple()", () => {
  const ctrl = null as unknown as TrainedSubnetwork<{ ref: 1; x: 2 }, { u: 2 }>;
  const plantNet = new Network({ inputs: { u: 2 }, outputs: { x: 2, e: 1 } });
  const obs = subsystem(new Network({ inputs: { x: 2 }, outputs: { y: 1 } }));

  test("the system's subsystems keep the trained ports' types", () => {
    const s = couple({ ctrl, plant: plantNet, obs });
    expectTypeOf(s.subsystems.ctrl).toEqualTypeOf<Subsystem<{ ref: 1; x: 2 }, { u: 2 }>>();
    expectTypeOf(s.subsystems.plant.out.e).toEqualTypeOf<SubsystemOutPort<1>>();
    expectTypeOf(s.subsystems.obs).toEqualTypeOf(obs);
    expectTypeOf(subsystem(ctrl).in.x).toEqualTypeOf<SubsystemInPort<2>>();
  });

  test("wires through trained.in/out, checked by size", () => {
    const s = couple({ ctrl, plant: plantNet, obs });
    s.wire(ctrl.out.u, plantNet.in.u)
      .wire(plantNet.out.x, ctrl.in.x, { delaySteps: 1 })
      .wire(plantNet.out.x, obs.in.x, {
        transform: [
          [2, 0],
          [0, 2],
        ],
      })
      .input(ctrl.in.ref, (t) => Math.sin(t))
      .probe(ctrl.out.u);
    // @ts-expect-error 2 -> 1 dimensions
    s.wire(ctrl.out.u, ctrl.in.ref);
    // @ts-expect-error 1 -> 2 dimensions
    s.wire(plantNet.out.e, ctrl.in.x);
    // @ts-expect-error an output cannot be wired into an output
    s.wire(ctrl.out.u, ctrl.out.u);
    s.wire(plantNet.out.e, ctrl.in.x, { transform: [[1], [1]] });
  });

  test("a trained subnetwork takes no seed or overrides", () => {
    subsystem(ctrl, { label: "c", dtMultiple: 2 });
    // @ts-expect-error its seed is its own
    subsystem(ctrl, { seed: 1 });
  });
});
