import { Network } from "@plexus/core";
import { describe, expectTypeOf, test } from "vitest";
import { couple } from "./couple.js";
import type { CoupledSystem } from "./CoupledSystem.js";
import { subsystem, type Subsystem } from "./Subsystem.js";
import type { SubsystemInPort } from "./SubsystemInPort.js";

const netA = new Network({ inputs: { u: 1 }, outputs: { y: 2 } });
const netB = new Network({ inputs: { v: 2, w: 3 }, outputs: { z: 1 } });
const a = subsystem(netA);
const b = subsystem(netB);

describe("wire types", () => {
  test("ports keep their literal sizes", () => {
    expectTypeOf(a).toEqualTypeOf<Subsystem<{ u: 1 }, { y: 2 }>>();
    expectTypeOf(b.in.w).toEqualTypeOf<SubsystemInPort<3>>();
    expectTypeOf(couple({ a, b })).toEqualTypeOf<CoupledSystem<{ readonly a: Subsystem<{ u: 1 }, { y: 2 }>; readonly b: Subsystem<{ v: 2; w: 3 }, { z: 1 }> }>>();
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
    couple({ a, b }).wire(a.out.y, b.in.w, { transform: [[1, 0], [0, 1], [1, 1]] });
  });

  test("inputs and probes take ports of any size", () => {
    couple({ a, b })
      .input(b.in.w, (t) => [t, t, t])
      .input(a.in.u, new Float64Array(10))
      .probe(b.out.z, { synapse: 0.01 })
      .probe(b.in.w, { label: "w" });
  });
});
