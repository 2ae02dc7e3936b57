// The coupled loop with its governor on a NATS worker: one run (one nats-server and worker process,
// started by Plexus and stopped after it) gives the composed bits and takes the snapshots that a
// second run, in this process, resumes from.
import { describe, expect, it } from "vitest";
import { runCoupledLoop } from "./main.js";

describe("examples/coupled-loop --nats (the governor on a NATS worker), snapshotted, and resumed in this process", () => {
  it("runs the loop with the governor on a worker process through a nats-server Plexus starts, the same bits as compose(); resumed from its snapshot, the numbers of the uninterrupted run, bit for bit", async () => {
    const taken: [number, Uint8Array][] = [];
    const whole = await runCoupledLoop({
      quick: true,
      seconds: 2,
      seed: 0,
      nats: {},
      snapshotEvery: 800,
      onSnapshot: (bytes, step) => void taken.push([step, bytes]),
    });
    expect(whole.placement).toMatch(/^gov on a NATS worker \(nats-server started by Plexus at nats:\/\/127\.0\.0\.1:\d+\), osc in this process$/);
    expect(whole.coupledEqualsComposed).toBe(true);
    expect(whole.reloadedLoopIdentical).toBe(true);
    expect(taken.map(([step]) => step)).toEqual([800, 1600]);
    const last = taken[1]?.[1] ?? new Uint8Array(0);
    const resumed = await runCoupledLoop({ quick: true, seconds: 2, seed: 0, resumeFrom: last });
    expect(resumed.resumedFromStep).toBe(1600);
    expect(resumed.placement).toBeUndefined();
    expect(resumed.coupledEqualsComposed).toBe(true);
    expect([resumed.error, resumed.stateError, resumed.amplitude, resumed.frequency]).toEqual([
      whole.error,
      whole.stateError,
      whole.amplitude,
      whole.frequency,
    ]);
    expect(resumed.signals).toEqual(whole.signals);
  }, 120_000);
});
