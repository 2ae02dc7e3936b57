import { describe, expect, it } from "vitest";
import { Ensemble } from "./Ensemble.js";
import { formatIssue, ValidationError } from "./errors.js";
import { elemAt } from "./internal/checked.js";
import { Network } from "./Network.js";
import { validate } from "./validate.js";

describe("validate", () => {
  it("accepts a valid network", () => {
    const net = new Network({ inputs: { u: 2 }, outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 10, dimensions: 2 });
    net.connect(net.in.u, a);
    net.connect(a, net.out.y, { function: (x) => elemAt(x, 0) * elemAt(x, 1) });
    net.probe(a);
    net.probe(a.neurons, { attr: "voltage" });
    expect(validate(net)).toEqual([]);
  });

  it("reports every problem at once, naming object and attribute", () => {
    const net = new Network({ outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 10, dimensions: 2, label: "a" });
    const b = net.ensemble({ nNeurons: 10, dimensions: 3, label: "b", encoders: [[1, 0, 0]] });
    // @ts-expect-error: sizes 2 and 3 differ with no transform (a compile error, and a validation issue)
    net.connect(a, b, { label: "ab" });
    net.connect(a, b, { transform: [[1, 2]], label: "ab2" }); // wrong matrix shape
    net.connect(a, b, {
      transform: [
        [NaN, 0],
        [0, 1],
        [1, 1],
      ],
      label: "nan",
    });
    net.probe(a, { attr: "voltage", label: "pv" });
    let err: unknown;
    try {
      validate(net);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues.map((i) => `${i.object}.${i.attr ?? ""}`);
    expect(issues).toContain("Ensemble 'b'.encoders");
    expect(issues).toContain("Connection 'ab'.transform");
    expect(issues).toContain("Connection 'ab2'.transform");
    expect(issues).toContain("Connection 'nan'.transform");
    expect(issues).toContain("Probe 'pv'.attr");
    expect(issues.some((i) => i.startsWith("the top-level Network.out.y"))).toBe(true);
    expect((err as ValidationError).message).toMatch(/problems/);
  });

  it("finds a cycle with no synapse and says how to fix it", () => {
    const net = new Network();
    const a = net.node({ output: (_t, x) => x, sizeIn: 1, label: "a" });
    const b = net.node({ output: (_t, x) => x, sizeIn: 1, label: "b" });
    net.connect(a, b, { synapse: null });
    net.connect(b, a, { synapse: null });
    expect(() => validate(net)).toThrow(/cycle with no synapse.*Node 'a' -> Node 'b' -> Node 'a'|cycle with no synapse.*Node 'b' -> Node 'a' -> Node 'b'/);
    const ok = new Network();
    const c = ok.node({ output: (_t, x) => x, sizeIn: 1 });
    ok.connect(c, c, { synapse: 0 });
    expect(validate(ok)).toEqual([]);
  });

  it("flags an object used in two networks and objects outside the network", () => {
    const e = new Ensemble({ nNeurons: 5, dimensions: 1, label: "shared" });
    const n1 = new Network({ label: "n1" });
    const n2 = new Network({ label: "n2" });
    n1.add(e);
    n2.add(e);
    expect(() => validate(n1)).toThrow(/used in 2 networks/);
    const n3 = new Network();
    const stray = new Ensemble({ nNeurons: 5, dimensions: 1, label: "stray" });
    n3.connect(n3.node({ output: 1 }), stray);
    expect(
      validate(n3, { throw: false })
        .map((i) => i.message)
        .join(),
    ).toMatch(/not in/);
  });

  it("checks slices (connect refuses an out-of-range index before validate sees it)", () => {
    const net = new Network();
    const a = net.ensemble({ nNeurons: 5, dimensions: 2 });
    const b = net.ensemble({ nNeurons: 5, dimensions: 1 });
    expect(() => net.connect(a, b, { preSlice: [3] })).toThrow(/preSlice: index 3 is out of range for size 2/);
  });

  it("names NaN or infinite eval points as the eval points (of the ensemble or of the connection)", () => {
    const net = new Network({});
    const a = net.ensemble({
      nNeurons: 5,
      dimensions: 2,
      evalPoints: [
        [0, 0.5],
        [NaN, 0.1],
      ],
      label: "a",
    });
    const b = net.ensemble({ nNeurons: 5, dimensions: 1, label: "b" });
    net.connect(b, a, { evalPoints: [[0.2], [0.4], [Infinity]], transform: [[1], [1]], label: "ba" });
    const issues = validate(net, { throw: false }).map(formatIssue);
    expect(issues).toContain("Ensemble 'a'.evalPoints: eval point 1 (entry 0) is NaN; eval points must be finite");
    expect(issues).toContain("Connection 'ba'.evalPoints: eval point 2 (entry 0) is Infinity; eval points must be finite");
    expect(issues.join("\n")).not.toMatch(/function/);
  });
});
