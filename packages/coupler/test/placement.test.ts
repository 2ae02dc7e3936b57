import { Alpha, Choice, FilteredNoise, Gaussian, Network, WhiteNoise, WhiteSignal } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { twoInputs } from "./support/nets.js";

const sampled = (steps: number, f: (t: number) => number): Float64Array => Float64Array.from({ length: steps }, (_, k) => f((k + 1) * 0.001));

describe("placement", () => {
  it("mutual loop on two workers gives the composed bits", async () => {
    const steps = 200;
    const make = () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
      return couple({ a, b }, { seed: 11 })
        .input(a.in.ref, sampled(steps, Math.sin))
        .input(
          b.in.ref,
          sampled(steps, (t) => Math.cos(20 * t)),
        )
        .wire(a.out.y, b.in.fb, { delaySteps: 1 })
        .wire(b.out.y, a.in.fb, { delaySteps: 3 })
        .probe(a.out.y)
        .probe(b.out.y, { synapse: 0.01 });
    };
    const composed = runComposed(make(), steps);
    const r = await make().run({ steps, placement: { a: "worker", b: "worker" } });
    expectSameBits(r, composed, "workers");
    const mixed = await make().run({ steps, placement: { a: "worker" } });
    expectSameBits(mixed, composed, "mixed");
    for (const e of r.stats.edges) expect([e.sentWindows, e.sentSteps]).toEqual([e.receivedWindows, e.receivedSteps]);
    // CPU: each worker thread's own (Linux), at most the run's wall time; the coordinator's process over the run
    const hosts = r.stats.hosts ?? [];
    expect(hosts.map((h) => h.host).sort()).toEqual(["worker#0", "worker#1"]);
    for (const h of hosts) {
      expect(h.runCpuSeconds).toBeGreaterThan(0);
      expect(h.runCpuSeconds).toBeLessThanOrEqual(r.stats.runSeconds + 0.02);
    }
    expect(r.stats.runCpuSeconds).toBeGreaterThanOrEqual(0);
    const onMain = mixed.stats.hosts?.find((h) => h.host === "main");
    expect(onMain?.runCpuSeconds).toBeNaN(); // a thread among others: not measured
  });
});

describe("placement of built-in processes", () => {
  it("a subsystem with noise nodes and Choice encoders runs on a worker with the composed bits (its processes travel in its spec)", async () => {
    const steps = 150;
    const noisy = () => {
      const net = new Network({ label: "noisy", inputs: { u: 1 }, outputs: { y: 1 } });
      const ens = net.ensemble({ nNeurons: 30, dimensions: 1, encoders: new Choice([[1], [-1]], { weights: [2, 1] }), label: "ens" });
      const white = net.node({ output: new WhiteNoise({ dist: new Gaussian(0, 0.3) }), sizeOut: 1, label: "white" });
      const smooth = net.node({ output: new FilteredNoise({ synapse: new Alpha(0.005), seed: 7 }), sizeOut: 1, label: "smooth" });
      const signal = net.node({ output: new WhiteSignal(0.1, 10, { rms: 0.3 }), sizeOut: 1, label: "signal" });
      net.connect(net.in.u, ens);
      for (const n of [white, smooth, signal]) net.connect(n, ens, { transform: 0.5 });
      net.connect(ens, net.out.y, { synapse: 0.01 });
      return net;
    };
    const make = () => {
      const a = subsystem(noisy());
      const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
      return couple({ a, b }, { seed: 13 })
        .input(b.in.ref, sampled(steps, Math.sin))
        .wire(a.out.y, b.in.fb, { delaySteps: 2 })
        .wire(b.out.y, a.in.u, { delaySteps: 2 })
        .probe(a.out.y)
        .probe(b.out.y);
    };
    const composed = runComposed(make(), steps);
    expectSameBits(await make().run({ steps, placement: { a: "worker" } }), composed, "noisy subsystem on a worker");
  });
});

describe("pipelined windows", () => {
  it("runs windows of at most half a delay between hosts (sent while the peer computes), with the composed bits", async () => {
    const steps = 120;
    const make = () => {
      const a = subsystem(twoInputs("a"));
      const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
      return couple({ a, b }, { seed: 12 })
        .input(a.in.ref, sampled(steps, Math.sin))
        .input(b.in.ref, sampled(steps, Math.cos))
        .wire(a.out.y, b.in.fb, { delaySteps: 10 })
        .wire(b.out.y, a.in.fb, { delaySteps: 11 })
        .probe(a.out.y)
        .probe(b.out.y);
    };
    const composed = runComposed(make(), steps);
    const inProcess = await make().run({ steps });
    expect(Math.max(...inProcess.stats.units.map((u) => u.maxWindowSteps))).toBeGreaterThanOrEqual(10); // one window per loop delay
    const placed = await make().run({ steps, placement: { a: "worker", b: "worker" } });
    expectSameBits(placed, composed, "workers");
    expect(placed.stats.units.map((u) => u.maxWindowSteps)).toEqual([5, 5]);
    const mixed = await make().run({ steps, placement: { b: "worker" }, maxWindowSteps: 3 });
    expectSameBits(mixed, composed, "mixed");
    expect(Math.max(...mixed.stats.units.map((u) => u.maxWindowSteps))).toBeLessThanOrEqual(3); // maxWindowSteps still bounds them
  });
});

describe("placement refused", () => {
  it("names a subsystem with code placed on a worker, and why", async () => {
    const { feedthrough } = await import("./support/nets.js");
    const c = subsystem(feedthrough("c"));
    const system = couple({ c }).input(c.in.u, new Float64Array(10)).probe(c.out.y);
    await expect(system.run({ steps: 10, placement: { c: "worker" } })).rejects.toThrow(
      /^Subsystem 'c' cannot run on a worker thread \(worker#0\): .*Node 'f'.*output is a function \(code cannot be saved\).*place it on "main"$/,
    );
  });

  it("names fused subsystems placed apart, an unknown key and a bad placement", async () => {
    const a = subsystem(twoInputs("a"));
    const b = subsystem(twoInputs("b"));
    const make = () =>
      couple({ a, b }).input(a.in.ref, new Float64Array(10)).input(b.in.ref, new Float64Array(10)).wire(a.out.y, b.in.fb).wire(b.out.y, a.in.fb).probe(a.out.y);
    await expect(make().run({ steps: 10, placement: { a: "worker", b: "main" } })).rejects.toThrow(
      /subsystems 'a', 'b' run fused .* placed apart \(a: worker, b: main\)/,
    );
    await expect(make().run({ steps: 10, placement: { z: "worker" } })).rejects.toThrow(/placement names 'z', which is not a subsystem \(keys: a, b\)/);
    await expect(make().run({ steps: 10, placement: { a: "gpu" as "worker" } })).rejects.toThrow(
      /placement of 'a' must be "main", "worker" or "worker:NAME" \(got gpu\)/,
    );
  });
});
