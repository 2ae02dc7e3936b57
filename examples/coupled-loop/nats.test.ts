import { describe, expect, it } from "vitest";
import { runCoupledLoop } from "./main.js";

describe("examples/coupled-loop --nats (the governor on a NATS worker)", () => {
  it("runs the loop with the governor on a worker process through a nats-server Plexus starts, the same bits as compose()", async () => {
    const result = await runCoupledLoop({ quick: true, seconds: 2, seed: 0, nats: {} });
    expect(result.placement).toMatch(/^gov on a NATS worker \(nats-server started by Plexus at nats:\/\/127\.0\.0\.1:\d+\), osc in this process$/);
    expect(result.coupledEqualsComposed).toBe(true);
    expect(result.reloadedLoopIdentical).toBe(true);
  });
});
