import { BuildError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import type { Kernel } from "../Kernel.js";
import { Signal } from "../Signal.js";
import { orderKernels } from "./planner.js";

const k = (owner: string, access: Partial<Pick<Kernel, "reads" | "sets" | "incs" | "updates">>): Kernel => ({
  owner,
  role: "test",
  reads: access.reads ?? [],
  sets: access.sets ?? [],
  incs: access.incs ?? [],
  updates: access.updates ?? [],
  emit: () => "",
});

const names = (ks: readonly Kernel[]): string[] => ks.map((x) => x.owner);

describe("orderKernels", () => {
  it("runs, per buffer, the set writer before inc writers before readers before update writers", () => {
    const s = Signal.base("s", 1);
    const kernels = [k("update", { updates: [s] }), k("read", { reads: [s] }), k("inc", { incs: [s] }), k("set", { sets: [s] })];
    expect(names(orderKernels(kernels))).toEqual(["set", "inc", "read", "update"]);
  });

  it("treats views as their base", () => {
    const s = Signal.base("s", 4);
    const kernels = [k("read", { reads: [s.view(2, 2)] }), k("inc", { incs: [s.view(0, 2)] })];
    expect(names(orderKernels(kernels))).toEqual(["inc", "read"]);
  });

  it("keeps the order of addition where the data allows", () => {
    const a = Signal.base("a", 1);
    const b = Signal.base("b", 1);
    const kernels = [k("k0", { reads: [b] }), k("k1", { sets: [a] }), k("k2", { sets: [b], reads: [a] }), k("k3", {})];
    expect(names(orderKernels(kernels))).toEqual(["k1", "k2", "k0", "k3"]);
  });

  it("lets an update writer read what it updates from other buffers (a synapse on a loop)", () => {
    const x = Signal.base("x", 1);
    const y = Signal.base("y", 1);
    // node: reads y, sets x; synapse: reads x, updates y
    const kernels = [k("synapse", { reads: [x], updates: [y] }), k("node", { reads: [y], sets: [x] })];
    expect(names(orderKernels(kernels))).toEqual(["node", "synapse"]);
  });

  it("reports a same-step cycle as a BuildError naming the objects", () => {
    const x = Signal.base("x", 1);
    const y = Signal.base("y", 1);
    const kernels = [k("Node 'a'", { reads: [y], sets: [x] }), k("Node 'b'", { reads: [x], sets: [y] })];
    expect(() => orderKernels(kernels)).toThrow(BuildError);
    expect(() => orderKernels(kernels)).toThrow(/Node 'a'.*Node 'b'|Node 'b'.*Node 'a'/);
  });

  it("rejects two set writers of one buffer", () => {
    const x = Signal.base("x", 1);
    expect(() => orderKernels([k("a", { sets: [x] }), k("b", { sets: [x] })])).toThrow(BuildError);
  });
});
