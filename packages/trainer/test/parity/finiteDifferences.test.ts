// The typed engine's gradients are the derivatives of its training-mode loss: central finite
// differences on every kind of parameter of a network that uses every compiled structure.
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { richData, richNetwork } from "./richNetwork.js";

describe("typed engine gradients", () => {
  it("match central finite differences through every structure (BPTT through synapses and recurrence)", () => {
    // Perturbed through setParameter, which speaks unit encoders: the gradients of the unit parametrisation.
    const model = new TypedEngine().compile(richNetwork(), { encoders: "unit" });
    const data = richData(2, 30);
    const names = model.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["a.encoders", "a.bias", "sub/s.encoders", "Connection[3].weights", "sub/Connection[1].weights"]));
    const shapes = Object.fromEntries(model.parameters.map((p) => [p.name, p.shape]));
    expect(shapes["a.encoders"]).toEqual([30, 2]);
    expect(shapes["Connection[0].weights"]).toEqual([2, 2]); // matrix transform
    expect(shapes["Connection[1].weights"]).toEqual([2]); // vector transform
    expect(shapes["Connection[3].weights"]).toEqual([1, 30]); // decoded a → b
    expect(shapes["Connection[4].weights"]).toEqual([1, 20]); // decoded recurrent, transform folded in

    model.lossAndGradients(data);
    const grads = new Map(model.parameters.filter((p) => p.trainable).map((p) => [p.name, model.gradient(p.name)]));
    let checked = 0;
    for (const p of model.parameters) {
      if (!p.trainable) continue;
      const g = defined(grads.get(p.name));
      const base = model.getParameter(p.name);
      const scale = Math.max(...Array.from(g, Math.abs));
      const picks = new Set<number>([0, base.length - 1, Math.floor(base.length / 2), Math.floor(base.length / 3)]);
      for (const i of picks) {
        const h = 1e-6 * Math.max(1, Math.abs(defined(base[i])));
        const v = Float64Array.from(base);
        v[i] = defined(base[i]) + h;
        model.setParameter(p.name, v);
        const up = model.lossAndGradients(data);
        v[i] = defined(base[i]) - h;
        model.setParameter(p.name, v);
        const down = model.lossAndGradients(data);
        model.setParameter(p.name, base);
        const fd = (up - down) / (2 * h);
        const err = Math.abs(fd - defined(g[i]));
        if (!(err <= 1e-6 * scale + 1e-5 * Math.abs(defined(g[i])) + 1e-12)) {
          throw new Error(`${p.name}[${i}]: gradient ${g[i]}, finite difference ${fd} (max |g| ${scale})`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});
