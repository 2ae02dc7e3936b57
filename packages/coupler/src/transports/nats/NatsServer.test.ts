import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import { connectNats } from "./connectNats.js";
import { findNatsServer, startNatsServer } from "./NatsServer.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("NatsServer (a nats-server child process on a loopback port)", () => {
  it("starts on a free loopback port, carries messages, restarts on the same port and stops", async () => {
    const server = await startNatsServer();
    try {
      expect(server.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
      const pid = defined(server.pid);
      expect(alive(pid)).toBe(true);
      const nc = await connectNats({ servers: server.url });
      const got: string[] = [];
      nc.subscribe("t", { callback: (_e, m) => void got.push(m.string()) });
      nc.publish("t", "one");
      await nc.flush();
      await server.restart({ signal: "SIGKILL" });
      expect(alive(pid)).toBe(false);
      expect(server.pid).not.toBe(pid);
      // the client reconnects to the new process on the same port and resubscribes
      for (let i = 0; i < 100 && got.length < 2; i++) {
        nc.publish("t", "two");
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(got.slice(0, 2)).toEqual(["one", "two"]);
      await nc.close();
      const newPid = defined(server.pid);
      await server.stop();
      expect(server.running).toBe(false);
      expect(alive(newPid)).toBe(false);
    } finally {
      await server.stop({ signal: "SIGKILL" });
    }
  });

  it("two servers get two ports", async () => {
    const [a, b] = await Promise.all([startNatsServer(), startNatsServer()]);
    expect(a.port).not.toBe(b.port);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("names the Debian package when the binary is missing", async () => {
    expect(() => findNatsServer("/nonexistent/nats-server")).toThrow(CouplingError);
    expect(() => findNatsServer("/nonexistent/nats-server")).toThrow(/install the Debian package `nats-server` \(apt-get install nats-server\)/);
    await expect(startNatsServer({ binary: "/nonexistent/nats-server" })).rejects.toThrow(/Debian package `nats-server`/);
    await expect(startNatsServer({ port: 70000 })).rejects.toThrow(/port must be an integer in 1\.\.65535/);
  });

  it("reports a port already taken, with the server's log", async () => {
    const a = await startNatsServer();
    try {
      await expect(startNatsServer({ port: a.port, startTimeoutMs: 5000 })).rejects.toThrow(CouplingError);
    } finally {
      await a.stop();
    }
  });

  it("a broker that is not there: connecting fails with a CouplingError after the stated timeout", async () => {
    const server = await startNatsServer();
    const url = server.url;
    await server.stop();
    const t0 = performance.now();
    await expect(connectNats({ servers: url, connectTimeoutMs: 500 })).rejects.toThrow(/NATS: could not connect to nats:\/\/127\.0\.0\.1:\d+/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
