import { describe, expect, it } from "vitest";
import { ruleNet } from "../../../../test/support/ruleNets.js";
import { thrownBy } from "../../../../test/support/thrown.js";
import { ValidationError } from "../errors.js";
import { validate } from "../validate.js";
import { BCM } from "./BCM.js";
import { LearningRule } from "./LearningRule.js";
import { Oja } from "./Oja.js";
import { PES } from "./PES.js";

const thrown = (f: () => unknown): ValidationError => thrownBy(ValidationError, f);

describe("several learning rules on one connection", () => {
  const square = (n: number) => Array.from({ length: n }, () => new Array<number>(n).fill(0));

  it("test_learningrule_attr: one rule, a list or a record, each a handle on the connection with its type", () => {
    const { net, a, b } = ruleNet(10, 10, { dimensions: 2, defaultNeurons: true });
    const r1 = new PES();
    const c1 = net.connect(a.neurons, b.neurons, { learningRule: r1, transform: square(10) });
    expect(c1.learningRule?.connection).toBe(c1);
    expect(c1.learningRule?.rule).toBe(r1);
    expect(c1.learningRules).toHaveLength(1);
    expect(c1.learningRuleFor(0)).toBe(c1.learningRule);
    const r2 = [new PES(), new BCM()] as const;
    const c2 = net.connect(a.neurons, b.neurons, { learningRule: r2, transform: square(10) });
    expect(c2.learningRules.map((r) => [r.connection, r.rule, r.key])).toEqual([
      [c2, r2[0], 0],
      [c2, r2[1], 1],
    ]);
    expect(c2.learningRuleType).toBe(r2);
    const r3 = { oja: new Oja(), bcm: new BCM() };
    const c3 = net.connect(a.neurons, b.neurons, { learningRule: r3, transform: square(10) });
    expect(c3.learningRules.map((r) => r.key)).toEqual(["oja", "bcm"]);
    expect(c3.learningRuleFor("oja").rule).toBe(r3.oja);
    expect(c3.learningRuleFor("bcm").rule).toBe(r3.bcm);
    expect(String(c3.learningRuleFor("bcm"))).toContain('.learningRule["bcm"] (BCM)');
    // every rule is a node of the network, in order, so errors and probes can reach each
    expect(net.nodes.filter((n) => n instanceof LearningRule)).toEqual([...c1.learningRules, ...c2.learningRules, ...c3.learningRules]);
  });

  it("reads several rules through learningRules / learningRuleFor, and names the connection otherwise", () => {
    const { net, a, b } = ruleNet(4, 4, { defaultNeurons: true });
    const c = net.connect(a.neurons, b.neurons, { label: "w", learningRule: [new PES(), new BCM()], transform: square(4) });
    expect(thrown(() => c.learningRule).message).toMatch(
      /Connection 'w'.*has 2 learning rules \(PES, BCM\); read learningRules\[i\] or learningRuleFor\(key\)/,
    );
    expect(thrown(() => c.learningRuleFor("pes")).message).toContain('has no learning rule "pes"');
    expect(thrown(() => c.learningRuleFor(2)).attr).toBe("learningRule");
    // probes of each rule's attributes; an attribute of the other rule's type is refused by validate
    net.probe(c.learningRuleFor(0), { attr: "error" });
    net.probe(c.learningRuleFor(1), { attr: "theta" });
    expect(validate(net, { throw: false })).toEqual([]);
    net.probe(c.learningRuleFor(1), { attr: "error" });
    expect(validate(net, { throw: false })).toHaveLength(1);
    // an empty list means no rule (Nengo's conn.learning_rule == [])
    expect(net.connect(a, b, { learningRule: [] }).learningRule).toBeNull();
  });

  it("test_learningruletypeparam: every entry must be a learning rule type (a typed error naming the entry)", () => {
    const { net, a, b } = ruleNet(4, 4, { defaultNeurons: true });
    const bad = (learningRule: unknown) => thrown(() => net.connect(a.neurons, b.neurons, { learningRule: learningRule as PES, transform: square(4) }));
    expect(bad("a").message).toContain("must be a learning rule type (PES, RLS, BCM, Oja, Voja, a CustomLearningRule), or a list or record of them; got a");
    expect(bad([new Oja(), "a", new Oja()]).message).toContain("(entry 1)");
    expect(bad({ oja: new Oja(), x: 3 }).message).toContain('(entry "x")');
    // each rule is checked against the connection as it would be alone
    expect(thrown(() => net.connect(a, b, { learningRule: [new PES(), new BCM()] })).message).toContain("BCM can only be applied on connections to neurons");
  });
});
