import { Network, Rng } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { build } from "../build.js";
import { dotIncKernel } from "../kernels/dotIncKernel.js";
import { incTarget, setTarget } from "../kernels/Target.js";
import { Signal } from "../Signal.js";
import { compile } from "./compile.js";
import { dedupeProducts } from "./dedupeProducts.js";

describe("dedupeProducts", () => {
  it("turns a product of the same constant weights and input into a copy of the earlier result (the same bits)", () => {
    const rng = new Rng(2);
    const W = rng.fillNormal(new Float64Array(6 * 20));
    const x = Signal.base(
      "x",
      20,
      Float64Array.from({ length: 20 }, (_, j) => (j % 3 === 0 ? 1000 : 0)),
    );
    const w1 = Signal.base("w1", W.length, W, true);
    const w2 = Signal.base("w2", W.length, Float64Array.from(W), true);
    const w3 = Signal.base(
      "w3",
      W.length,
      Float64Array.from(W, (v, i) => (i === 7 ? v + 1 : v)),
      true,
    );
    const y = [Signal.base("y1", 6), Signal.base("y2", 6), Signal.base("y3", 6), Signal.base("y4", 6, new Float64Array(6).fill(1))];
    const product = (w: Signal, dst: ReturnType<typeof setTarget>, owner: string) =>
      dotIncKernel({ weights: w, rows: 6, cols: 20, layout: "columns", x, dst, eventDriven: true, owner });
    const kernels = [
      product(w1, setTarget(defined(y[0])), "a"),
      product(w2, setTarget(defined(y[1])), "b"),
      product(w3, setTarget(defined(y[2])), "c"),
      product(w2, incTarget(defined(y[3])), "d"),
    ];
    const deduped = dedupeProducts(kernels);
    expect(deduped.map((k) => k.role)).toEqual(["weights", "weights (= a)", "weights", "weights"]);
    const run = (ks: typeof kernels) => {
      const signals = [x, w1, w2, w3, ...y];
      let off = 0;
      for (const s of signals) {
        s.place(off);
        off += s.size;
      }
      const arena = new Float64Array(off);
      for (const s of signals) if (s.initial !== null) arena.set(s.initial, s.offset);
      compile(ks, [], arena, 0.001, 0, true).step(1, 0.001);
      return Array.from(arena);
    };
    expect(run(deduped)).toEqual(run(kernels));
  });

  it("serves a decoded probe from the product of a decoded connection with the same decoders", () => {
    const net = new Network({ seed: 1 });
    const ens = net.ensemble({ nNeurons: 80, dimensions: 4 });
    net.connect(net.node({ output: [0.1, 0.2, -0.1, 0.3] }), ens);
    net.connect(ens, ens, { synapse: 0.1 });
    net.probe(ens, { synapse: null });
    expect(build(net).describe()).toMatch(/Probe.*: weights \(= Connection/);
  });
});
