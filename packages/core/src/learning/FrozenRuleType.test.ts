import { describe, expect, it } from "vitest";
import { thrownBy } from "../../../../test/support/thrown.js";
import { ValidationError } from "../errors.js";
import { Network } from "../Network.js";
import { Alpha } from "../synapses/Alpha.js";
import { BCM } from "./BCM.js";
import { CustomLearningRule, type CustomLearningRuleOptions } from "./CustomLearningRule.js";
import { Oja } from "./Oja.js";
import { PES } from "./PES.js";
import { RLS } from "./RLS.js";
import { Voja } from "./Voja.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

/** Assigns `value` to `obj[attr]` past TypeScript's readonly, as JavaScript code could. */
function assign(obj: object, attr: string, value: unknown): void {
  (obj as Record<string, unknown>)[attr] = value;
}

class Scaled extends CustomLearningRule {
  static override readonly modifies = "weights";
  readonly gain: number;
  constructor(options: CustomLearningRuleOptions & { readonly gain?: number } = {}) {
    super(options);
    this.gain = options.gain ?? 1;
  }
  step(): void {}
}

class OtherScaled extends Scaled {}

describe("learning rule types are frozen, with equality by parameters (Nengo's FrozenObject)", () => {
  it("test_frozen: equal parameters give equal rule types and keys; another synapse does not; assigning a parameter throws", () => {
    const a = new PES({ learningRate: 2e-3, preSynapse: 4e-3 });
    const b = new PES({ learningRate: 2e-3, preSynapse: 4e-3 });
    const c = new PES({ learningRate: 2e-3, preSynapse: 5e-3 });
    expect(a.key).toBe(a.key);
    expect(a.equals(a)).toBe(true);
    expect(a.equals(b)).toBe(true);
    expect(a.key).toBe(b.key);
    expect(a.equals(c)).toBe(false);
    expect(a.key).not.toBe(c.key);
    expect(b.equals(c)).toBe(false);
    const e = thrown(() => assign(a, "learningRate", 1e-1));
    expect(e.message).toMatch(/^PES\.learningRate: is read-only: a learning rule type is frozen once made/);
    expect(a.learningRate).toBe(2e-3);
  });

  it("every rule type: parameters are read-only at run time and compared by value (synapses by their fields)", () => {
    const cases: [object, object, object, string][] = [
      [new BCM({ thetaSynapse: 0.5 }), new BCM({ thetaSynapse: 0.5 }), new BCM({ thetaSynapse: new Alpha(0.5) }), "thetaSynapse"],
      [new Oja({ beta: 0.3 }), new Oja({ beta: 0.3 }), new Oja({ beta: 0.4 }), "beta"],
      [new Voja({ postSynapse: null }), new Voja({ postSynapse: null }), new Voja(), "postSynapse"],
      [new RLS({ learningRate: 0.1 }), new RLS({ learningRate: 0.1 }), new RLS({ learningRate: 0.2 }), "learningRate"],
      [new Scaled({ gain: 2, sizeIn: "post" }), new Scaled({ gain: 2, sizeIn: "post" }), new Scaled({ gain: 2, sizeIn: "pre" }), "sizeIn"],
    ];
    for (const [x, same, other, attr] of cases) {
      const [rx, rs, ro] = [x, same, other] as [PES, PES, PES];
      expect(rx.equals(rs), rx.key).toBe(true);
      expect(rx.equals(ro), `${rx.key} vs ${ro.key}`).toBe(false);
      expect(rx.key === ro.key).toBe(false);
      const before = (x as Record<string, unknown>)[attr];
      expect(thrown(() => assign(x, attr, 0.7)).attr).toBe(attr);
      expect((x as Record<string, unknown>)[attr]).toBe(before);
    }
    // not equal across classes, even with the same parameters; not equal to other values
    expect(new Scaled().equals(new OtherScaled())).toBe(false);
    expect(new PES().equals({ ...new PES() })).toBe(false);
    expect(new PES().equals(null)).toBe(false);
  });

  it("a custom rule's own fields are frozen when a connection takes it", () => {
    const rule = new Scaled({ gain: 3 });
    const net = new Network();
    const a = net.ensemble({ nNeurons: 4, dimensions: 1 });
    const b = net.ensemble({ nNeurons: 3, dimensions: 1 });
    net.connect(a.neurons, b.neurons, { transform: Array.from({ length: 3 }, () => [0, 0, 0, 0]), learningRule: rule });
    expect(thrown(() => assign(rule, "gain", 4)).message).toMatch(/^Scaled\.gain: is read-only: a learning rule type is frozen once made/);
    expect(rule.gain).toBe(3);
    expect(rule.key).toBe(new Scaled({ gain: 3 }).key);
  });
});
