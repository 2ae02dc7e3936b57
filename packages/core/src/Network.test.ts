import { describe, expect, it } from "vitest";
import { PortError, ValidationError } from "./errors.js";
import { elemAt } from "./internal/checked.js";
import { Network } from "./Network.js";
import { Sigmoid } from "./neurons/Sigmoid.js";
import { objectPath, parameterName } from "./parameterName.js";

describe("Network", () => {
  it("holds objects by kind and names them by label or kind and index", () => {
    const net = new Network({ label: "top", seed: 0 });
    const stim = net.node({ output: (t) => [Math.sin(2 * Math.PI * t)], label: "stim" });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1, label: "A" });
    const b = net.ensemble({ nNeurons: 10, dimensions: 1 });
    const c = net.connect(stim, a);
    net.connect(a, b, { function: (x) => [elemAt(x, 0) ** 2], synapse: 0.01 });
    const inner = net.network({ label: "inner" });
    const d = inner.ensemble({ nNeurons: 5, dimensions: 2 });
    expect(net.nodes).toEqual([stim]);
    expect(net.ensembles).toEqual([a, b]);
    expect(String(a)).toBe("Ensemble 'A'");
    expect(String(b)).toBe("Ensemble[1]");
    expect(String(c)).toBe("Connection[0]");
    expect(net.all("ensemble")).toEqual([a, b, d]);
    expect(objectPath(d, net)).toBe("inner/Ensemble[0]");
    expect(parameterName(a, "encoders", net)).toBe("A.encoders");
    expect(parameterName(c, "weights", net)).toBe("Connection[0].weights");
  });

  it("infers a callable node's size from one call at t = 0, as Nengo does", () => {
    const net = new Network();
    const calls: number[] = [];
    const n = net.node({
      output: (t) => {
        calls.push(t);
        return [t, 2 * t, 3];
      },
    });
    expect(n.sizeOut).toBe(3);
    expect(calls).toEqual([0]);
    const m = net.node({ output: (_t, x) => x, sizeIn: 4 });
    expect(m.sizeOut).toBe(4);
  });

  it("applies config defaults to objects created in it and its subnetworks", () => {
    const net = new Network();
    net.config.ensemble.neuronType = new Sigmoid();
    net.config.connection.synapse = null;
    const inner = net.network();
    const e = inner.ensemble({ nNeurons: 3, dimensions: 1 });
    const f = net.ensemble({ nNeurons: 3, dimensions: 1 });
    expect(e.neuronType.kind).toBe("Sigmoid");
    expect(net.connect(e, f).synapse).toBeNull();
  });

  it("resolves trainable flags from objects, kinds and parents (nengo_dl semantics)", () => {
    const net = new Network();
    const inner = net.network();
    const e = inner.ensemble({ nNeurons: 3, dimensions: 1 });
    const f = inner.ensemble({ nNeurons: 3, dimensions: 1 });
    const c = inner.connect(e, f);
    expect(inner.config.isTrainable(e)).toBe(true);
    net.config.setTrainable("ensemble", false);
    expect(inner.config.isTrainable(e)).toBe(false);
    expect(inner.config.isTrainable(e.neurons)).toBe(false);
    inner.config.setTrainable(e.neurons, true);
    expect(inner.config.isTrainable(e.neurons)).toBe(true);
    expect(inner.config.isTrainable(c)).toBe(true);
    inner.config.setTrainable(c, false);
    expect(inner.config.isTrainable(c)).toBe(false);
  });

  it("gives typed ports and checks their use", () => {
    const channel = new Network({ label: "channel", inputs: { u: 1 }, outputs: { y: 1 } });
    const x = channel.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid() });
    channel.connect(channel.in.u, x, { synapse: null });
    channel.connect(x, channel.out.y, { synapse: null });
    expect(channel.in.u.dimensions).toBe(1);
    expect(String(channel.out.y)).toBe("Network 'channel'.out.y");
    // Inside, an output port is a target only.
    expect(() => channel.connect(channel.out.y, x)).toThrow(PortError);
    // Outside, from a parent, an input port is a target only.
    const top = new Network();
    top.add(channel);
    const src = top.node({ output: 0.5 });
    top.connect(src, channel.in.u);
    expect(() => top.connect(channel.in.u, src as never)).toThrow(PortError);
    // A network that does not contain the subnetwork cannot reach its ports.
    const other = new Network();
    const n = other.node({ output: 1 });
    expect(() => other.connect(n, channel.in.u)).toThrow(PortError);
  });

  it("rejects invalid port dimensions with a PortError naming the port", () => {
    expect(() => new Network({ label: "p", inputs: { u: 0 } })).toThrow(/port 'u'/);
  });

  it("names the object and attribute in parameter errors", () => {
    const net = new Network();
    expect(() => net.ensemble({ nNeurons: 0, dimensions: 1, label: "a" })).toThrow(ValidationError);
    expect(() => net.ensemble({ nNeurons: 0, dimensions: 1, label: "a" })).toThrow("Ensemble 'a'.nNeurons: must be an integer >= 1 (got 0)");
    expect(() => net.connect(net.node({ output: 1 }), net.node({ output: null, sizeIn: 1 }), { synapse: -1 })).toThrow(ValidationError);
  });

  it("refuses, at add(), a network added inside itself or into any of its own subnetworks", () => {
    const n1 = new Network({ label: "n1" });
    const n2 = n1.network({ label: "n2" });
    const n3 = n2.network({});
    expect(() => n2.add(n1)).toThrow(ValidationError);
    expect(() => n2.add(n1)).toThrow(/Network 'n2': cannot add Network 'n1' to it: Network 'n1' already contains it/);
    expect(() => n3.add(n1)).toThrow(ValidationError);
    expect(() => n1.add(n1)).toThrow(/cannot contain itself/);
    // nothing was added by the refused calls
    expect(n2.networks).toEqual([n3]);
    expect(n3.networks).toEqual([]);
    expect(n1.owners).toEqual([]);
    // a sibling is fine
    const other = new Network({});
    n3.add(other);
    expect(n1.contains(other)).toBe(true);
  });

  it("names an unlabelled top-level network, and objects in no network, without a -1 index", () => {
    const net = new Network({ inputs: { u: 1 } });
    expect(String(net)).toBe("the top-level Network");
    expect(String(net.in.u)).toBe("the top-level Network.in.u");
    const sub = net.network({});
    expect(String(sub)).toBe("Network[0]");
    expect(String(new Network({ label: "x" }))).toBe("Network 'x'");
  });
});
