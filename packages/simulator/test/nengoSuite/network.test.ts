// Nengo 4.1's nengo/tests/test_network.py, with the network parts of test_config.py and
// test_copy.py, translated. Each `it` names the Nengo tests it translates. Plexus has no `with net:`
// context: an object belongs to the network whose method made it (`net.ensemble(...)`), so the
// context tests check that objects land where they were made.
// Not translated: test_context_errors, test_context_is_threadsafe and test_config_exit_errors (no
// context stack), test_readonly_attributes (TypeScript `readonly`), Network.n_neurons (Plexus
// has no such property; the sum over `all("ensemble")` is what it would be), the config tests of
// Python parameter descriptors, and the pickling tests (serialisation is tested in core).
import { cloneNetwork, type Ensemble, Lowpass, Network, ValidationError } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";

const opts = { progress: false } as const;

describe("test_network.py", () => {
  it("test_basic_context: objects belong to the network that made them, not to its parent or siblings", () => {
    const model1 = new Network({ label: "test1" });
    const model2 = new Network({ label: "test2" });
    const e = model1.ensemble({ nNeurons: 1, dimensions: 1 });
    const n = model1.node({ output: [0] });
    expect(model1.ensembles).toContain(e);
    expect(model1.nodes).toContain(n);
    const con = model1.network();
    const e2 = con.ensemble({ nNeurons: 1, dimensions: 1 });
    expect(con.ensembles).toContain(e2);
    expect(model1.ensembles).not.toContain(e2);
    const e3 = model1.ensemble({ nNeurons: 1, dimensions: 1 });
    expect(model1.ensembles).toContain(e3);
    const e4 = model2.ensemble({ nNeurons: 1, dimensions: 1 });
    expect(model1.ensembles).not.toContain(e4);
    expect(model2.ensembles).toContain(e4);
  });

  it("test_nested_context: three levels of subnetworks each hold only their own objects", () => {
    const model = new Network();
    const con1 = model.network();
    const con2 = con1.network();
    const con3 = con2.network();
    const e1 = con1.ensemble({ nNeurons: 1, dimensions: 1 });
    const e2 = con2.ensemble({ nNeurons: 1, dimensions: 1 });
    const e3 = con3.ensemble({ nNeurons: 1, dimensions: 1 });
    const e6 = model.ensemble({ nNeurons: 1, dimensions: 1 });
    expect(con1.ensembles).toEqual([e1]);
    expect(con2.ensembles).toEqual([e2]);
    expect(con3.ensembles).toEqual([e3]);
    expect(model.ensembles).toEqual([e6]);
    expect(model.contains(con3)).toBe(true);
    expect(con3.contains(model)).toBe(false);
  });

  it("test_get_objects, test_n_neurons: all(kind) lists every object of a kind, at any depth, every time", () => {
    const model = new Network();
    const ens1 = model.ensemble({ nNeurons: 10, dimensions: 1 });
    const node1 = model.node({ output: [0] });
    const conn1 = model.connect(node1, ens1);
    const pr1 = model.probe(ens1);
    const subnet = model.network();
    const ens2 = subnet.ensemble({ nNeurons: 10, dimensions: 1 });
    const node2 = subnet.node({ output: [0] });
    const conn2 = subnet.connect(node2, ens2);
    const pr2 = subnet.probe(ens2);
    const subnet2 = subnet.network();
    const ens3 = subnet2.ensemble({ nNeurons: 10, dimensions: 1 });
    const asSet = <T>(xs: readonly T[]) => new Set(xs);
    expect(asSet(model.all("ensemble"))).toEqual(asSet([ens1, ens2, ens3]));
    expect(model.all("ensemble")).toHaveLength(3);
    expect(asSet(model.all("node"))).toEqual(asSet([node1, node2]));
    expect(asSet(model.all("connection"))).toEqual(asSet([conn1, conn2]));
    expect(asSet(model.all("probe"))).toEqual(asSet([pr1, pr2]));
    expect(asSet(model.all("network"))).toEqual(asSet([subnet, subnet2]));
    expect(asSet(model.all("ensemble"))).toEqual(asSet([ens1, ens2, ens3]));
    const nNeurons = (net: Network) => net.all("ensemble").reduce((s, e: Ensemble) => s + e.nNeurons, 0);
    expect(nNeurons(model)).toBe(30);
    expect(nNeurons(subnet2)).toBe(10);
  });

  it("test_raises_exception_on_incompatiple_type_arguments: a non-string label or non-number seed is refused", () => {
    expect(() => new Network({ label: 1 as unknown as string })).toThrow(ValidationError);
    expect(() => new Network({ seed: "label" as unknown as number })).toThrow(ValidationError);
  });

  it("test_network_contains: contains() is true for subnetworks at any depth only", () => {
    const net = new Network();
    const sub = net.network();
    const other = new Network();
    expect(net.contains(sub)).toBe(true);
    expect(net.contains(other)).toBe(false);
    expect(net.contains(net)).toBe(false);
  });
});

describe("test_config.py (networks)", () => {
  it("test_network_nesting: subnetworks inherit their parents' defaults; the nearest setting wins; explicit options win over defaults", () => {
    const net1 = new Network();
    expect(net1.config.defaults("ensemble").radius).toBeUndefined();
    net1.config.ensemble.radius = 3.0;
    const ens1 = net1.ensemble({ nNeurons: 10, dimensions: 1, radius: 2.0 });
    expect(ens1.radius).toBe(2.0);
    expect(net1.ensemble({ nNeurons: 10, dimensions: 1 }).radius).toBe(3.0);
    const net2 = net1.network();
    expect(net2.config.defaults("ensemble").radius).toBe(3.0);
    net2.config.ensemble.radius = 5.0;
    expect(net2.ensemble({ nNeurons: 10, dimensions: 1 }).radius).toBe(5.0);
    const net3 = net2.network();
    net3.config.connection.synapse = null;
    const ens3 = net3.ensemble({ nNeurons: 10, dimensions: 1 });
    expect(ens3.radius).toBe(5.0);
    expect(net3.connect(ens3, ens1).synapse).toBeNull();
    expect(net2.connect(ens3, ens1).synapse).not.toBeNull();
    // the parent's own default is untouched
    expect(net1.config.defaults("ensemble").radius).toBe(3.0);
  });
});

describe("test_copy.py (networks)", () => {
  const make = () => {
    const original = new Network({ seed: 1 });
    const e1 = original.ensemble({ nNeurons: 10, dimensions: 1 });
    const e2 = original.ensemble({ nNeurons: 10, dimensions: 1 });
    original.connect(original.node({ output: 0.5 }), e1);
    original.connect(e1, e2);
    const p = original.probe(e2, { synapse: 0.01 });
    return { original, e1, e2, p };
  };

  it("test_network_copies_defaults: a copy keeps the network's config defaults", () => {
    const original = new Network();
    original.config.ensemble.radius = 1.5;
    original.config.connection.synapse = new Lowpass(0.1);
    const cp = cloneNetwork(original).network;
    expect(cp.config.defaults("ensemble").radius).toBe(1.5);
    expect(cp.config.defaults("connection").synapse).toEqual(new Lowpass(0.1));
  });

  it("test_network_copy_allows_independent_manipulation: adding to the copy or changing its config leaves the original alone", () => {
    const original = new Network();
    original.ensemble({ nNeurons: 10, dimensions: 1 });
    original.config.ensemble.radius = 2.0;
    const cp = cloneNetwork(original).network;
    const e2 = cp.ensemble({ nNeurons: 10, dimensions: 1 });
    cp.config.ensemble.radius = 1.0;
    expect(original.ensembles).not.toContain(e2);
    expect(original.ensembles).toHaveLength(1);
    expect(original.config.defaults("ensemble").radius).toBe(2.0);
  });

  it("test_copies_structure: the copy's connections refer to the copy's objects (probes are deliberately not copied)", () => {
    const { original, e1, e2 } = make();
    const cp = cloneNetwork(original).network;
    const conn = defined(cp.connections[1]);
    expect(conn.pre).not.toBe(e1);
    expect(conn.post).not.toBe(e2);
    expect(cp.ensembles).toContain(conn.pre);
    expect(cp.ensembles).toContain(conn.post);
    expect(cp.probes).toEqual([]);
  });

  it("test_network_copy_builds (and same seed → same run): a copy builds, and runs as the original does", () => {
    const { original, e2, p } = make();
    const copy = cloneNetwork(original);
    const cp = copy.network;
    expect(() => build(cp)).not.toThrow();
    const cpProbe = cp.probe(defined(copy.ensembles.get(e2)), { synapse: 0.01 });
    const a = new Simulator(original, opts);
    a.runSteps(50);
    const b = new Simulator(cp, opts);
    b.runSteps(50);
    expect(Array.from(b.data(cpProbe).data)).toEqual(Array.from(a.data(p).data));
  });
});
