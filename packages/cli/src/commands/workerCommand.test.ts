import { spawn } from "node:child_process";
import { Network } from "@plexus/core";
import { couple, subsystem } from "@plexus/coupler";
import { natsHosts, startNatsServer } from "@plexus/coupler/nats";
import { build, Simulator } from "@plexus/simulator";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { plexusBin, runPlexus } from "../../test/support/runPlexus.js";

/** Two ensembles in a loop (no code in either: both can run on a worker). */
function loop(steps: number) {
  const half = (label: string) => {
    const net = new Network({ label, inputs: { ref: 1, fb: 1 }, outputs: { y: 1 } });
    const e = net.ensemble({ nNeurons: 30, dimensions: 1, label: "ens" });
    net.connect(net.in.ref, e, { synapse: 0.005 });
    net.connect(net.in.fb, e, { synapse: 0.005, transform: -0.5 });
    net.connect(e, net.out.y, { synapse: null });
    return net;
  };
  const a = subsystem(half("a"));
  const b = subsystem(half("b"));
  const ref = Float64Array.from({ length: steps }, (_, k) => Math.sin((k + 1) * 0.01));
  return couple({ a, b }, { seed: 4 })
    .input(a.in.ref, ref)
    .input(b.in.ref, ref)
    .wire(a.out.y, b.in.fb, { delaySteps: 1 })
    .wire(b.out.y, a.in.fb, { delaySteps: 2 })
    .probe(a.out.y)
    .probe(b.out.y);
}

describe("plexus worker", () => {
  it("hosts the subsystems a coordinator places on it by name, gives the composed bits, and stops on SIGTERM", async () => {
    const server = await startNatsServer();
    const worker = spawn(process.execPath, [plexusBin, "worker", "--nats", server.url, "--name", "cli-w1"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CI: "true" },
    });
    let log = "";
    worker.stderr.on("data", (c: Buffer) => (log += c.toString()));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !log.includes("serving"); i++) await new Promise((r) => setTimeout(r, 50));
      expect(log).toMatch(/plexus worker 'cli-w1' \(pid \d+\) serving nats:\/\/127\.0\.0\.1:\d+/);
      const steps = 300;
      const nats = await natsHosts({ url: server.url });
      const result = await loop(steps).run({ steps, placement: { a: "worker:cli-w1", b: "worker:cli-w1" }, hosts: nats });
      await nats.close();
      const comp = loop(steps).compose();
      const sim = new Simulator(build(comp.network, { dt: comp.dt, seed: comp.seed, overrides: comp.overrides }), { progress: false, seed: comp.seed });
      sim.runSteps(steps);
      for (const name of result.probes) expect(Array.from(result.data(name))).toEqual(Array.from(sim.data(defined(comp.probes.get(name))).data));
      expect(log).toMatch(/hosting host 0/);
      worker.kill("SIGTERM");
      const code = await exited;
      expect(code, log).toBe(0);
    } finally {
      worker.kill("SIGKILL");
      await server.stop();
    }
  });

  it("needs --nats (a usage error), and says when the broker cannot be reached", async () => {
    const unreachable = async (): Promise<Awaited<ReturnType<typeof runPlexus>>> => {
      const server = await startNatsServer();
      const url = server.url;
      await server.stop();
      return runPlexus(["worker", "--nats", url]);
    };
    // the two processes at once (each takes seconds to start)
    const [usage, run] = await Promise.all([runPlexus(["worker"]), unreachable()]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/required option '--nats <url>'/);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NATS: could not connect to nats:\/\/127\.0\.0\.1:\d+/);
  });
});
