// The coupler's argument checks: a misspelt or missing port, non-finite input values and a delay
// line too large to allocate are CouplingErrors naming the call, the port, the step and the index.
import { CouplingError } from "@plexus/core";
import { of } from "rxjs";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { InPortRef, OutPortRef } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { Window } from "../src/Window.js";
import { feedthrough } from "./support/nets.js";

function caught(f: () => unknown): CouplingError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CouplingError);
    return e as CouplingError;
  }
  throw new Error("expected a CouplingError");
}

async function rejected(p: Promise<unknown>): Promise<CouplingError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CouplingError);
    return e as CouplingError;
  }
  throw new Error("expected a CouplingError");
}

describe("coupler argument checks", () => {
  const make = () => {
    const a = subsystem(feedthrough("a"));
    const b = subsystem(feedthrough("b", 2));
    return { a, b, system: couple({ a, b }) };
  };

  it("names the call and lists the ports for an undefined or misspelt port in wire, input and probe", () => {
    const { a, b, system } = make();
    // deliberately undefined: a misspelt port
    const typo = (a.out as unknown as Record<string, OutPortRef | undefined>)["yy"] as OutPortRef;
    const e1 = caught(() => system.wire(typo, b.in.u as unknown as InPortRef<number>));
    expect(e1.message).toBe("wire (from): got undefined (a misspelt port name?) where an output port belongs; the system has a.out.y, b.out.y");
    const e2 = caught(() => system.wire(a.out.y, undefined as unknown as InPortRef<1>));
    expect(e2.message).toMatch(/^wire \(to\): got undefined .* where an input port belongs; the system has a\.in\.u, b\.in\.u$/);
    const e3 = caught(() => system.input(undefined as unknown as InPortRef<1>, new Float64Array(3)));
    expect(e3.message).toMatch(/^input: got undefined/);
    const e4 = caught(() => system.probe(null as unknown as OutPortRef));
    expect(e4.message).toBe("probe: got null where a port belongs; the system has a.out.y, b.out.y, a.in.u, b.in.u");
    const e5 = caught(() => system.probe({ kind: "nonsense" } as unknown as OutPortRef));
    expect(e5.message).toMatch(/^probe: got \[object Object\] where a port belongs/);
  });

  it("refuses a NaN or infinite value in an input array, naming the port, the base step and the index", () => {
    const { b, system } = make();
    const data = new Float64Array([0, 1, 2, 3, 4, NaN]);
    const e = caught(() => system.input(b.in.u, data));
    expect(e.message).toBe("input b.in.u: base step 3, index 1 is NaN; input values must be finite");
    expect(e.step).toBe(3);
    expect(e.subsystem).toBe("b");
    expect(e.label).toBe("b.in.u");
    expect(caught(() => system.input(b.in.u, new Float64Array([Infinity, 0]))).message).toMatch(/base step 1, index 0 is Infinity/);
  });

  it("refuses a NaN or infinite value from an input observable when it arrives, keeping the steps before it", async () => {
    const a = subsystem(feedthrough("a"));
    const system = couple({ a })
      .input(a.in.u, of(0.5, 0.25, -Infinity, 1))
      .probe(a.out.y);
    const e = await rejected(system.run({ steps: 4 }));
    expect(e.message).toBe("input a.in.u: the observable sent -Infinity at base step 3, index 0; input values must be finite");
    expect(e.step).toBe(3);
    expect(e.subsystem).toBe("a");
    const kept = defined(system.lastResult);
    expect(kept.record("a.out.y").steps).toBe(2);
    expect(Array.from(kept.data("a.out.y"))).toEqual([0.5 * 0.5 + 0.25, 0.5 * 0.25 + 0.25]);
    const b = subsystem(feedthrough("b", 2));
    const s2 = couple({ b }).input(b.in.u, of(new Window(1, 2, 2, Float64Array.of(1, 2, 3, NaN))));
    const e2 = await rejected(s2.run({ steps: 2 }));
    expect(e2.message).toMatch(/sent NaN at base step 2, index 1/);
  });

  it("refuses a delay line too large to allocate at wire(), with the bytes it needs", () => {
    const { a, b, system } = make();
    const bb = subsystem(feedthrough("c"));
    const s = couple({ a, c: bb });
    const e = caught(() => s.wire(a.out.y, bb.in.u, { delaySteps: 1e12 }));
    expect(e.message).toMatch(
      /^Wire a\.out\.y -> c\.in\.u: delaySteps 1000000000000 needs a delay line of 1000000000000 × 1 values \(7\.3 TiB\), more than the 1\.0 GiB a wire may hold/,
    );
    expect(() => system.wire(b.out.y, b.in.u, { delaySteps: 1000 })).not.toThrow();
  });
});
