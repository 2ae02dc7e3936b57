import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { workerThreadHosts, workerThreads } from "./workerThreads.browser.js";

describe("workerThreads (browser stand-in)", () => {
  it("refuses worker-thread hosts and their links, naming the host or link and the fix", () => {
    const start = (): unknown =>
      workerThreads.start(
        "worker#1",
        { type: "load" } as never,
        new Map() as never,
        () => undefined,
        () => undefined,
      );
    expect(start).toThrow(CouplingError);
    expect(start).toThrow(/worker#1: worker threads are not available in the browser build.*place every unit in the coordinator/);
    expect(() => workerThreads.channel("a.y->b.u", { dims: 1, windowSteps: 1, boundSteps: 1 })).toThrow(/a\.y->b\.u: worker threads are not available/);
    expect(() => workerThreads.localTransport(new Map() as never)).toThrow(CouplingError);
    expect(() => workerThreadHosts({ windows: "messages" }).localTransport(new Map() as never)).toThrow(CouplingError);
  });
});
