// A coupled run snapshotted as bytes (every subsystem's simulator, the windows in flight, the probe
// data so far) and resumed from them, in another system object and with another placement: the
// same bits as the uninterrupted run (the composed network on one simulator is the oracle).
import { CouplingError, SnapshotError } from "@plexus/core";
import { afterAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import type { CoupledSystem, RunOptions } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { decodeSystemSnapshot } from "../src/internal/snapshot/systemSnapshot.js";
import { subsystem } from "../src/Subsystem.js";
import { snapshotInfo } from "../src/snapshotInfo.js";
import { type NatsHostConnector, natsHosts } from "../src/transports/nats/index.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { type MutualLoopOptions, mutualLoop } from "./support/loops.js";
import { bits, neural, twoInputs } from "./support/nets.js";
import { sampled } from "./support/placements.js";

const STEPS = 400;

/** The shared mutual loop (a, b, c reading b) over STEPS steps. */
function loop(options: Omit<MutualLoopOptions, "reader"> = {}): CoupledSystem {
  return mutualLoop(STEPS, options);
}

/** Runs `system` with `options`, keeping every snapshot it takes (by step). */
async function snapshots(system: CoupledSystem, options: RunOptions & { steps: number }): Promise<Map<number, Uint8Array>> {
  const taken = new Map<number, Uint8Array>();
  await system.run({ ...options, onSnapshot: (bytes, step) => void taken.set(step, bytes) });
  return taken;
}

function at(taken: ReadonlyMap<number, Uint8Array>, step: number): Uint8Array {
  const bytes = taken.get(step);
  if (bytes === undefined) throw new Error(`no snapshot at step ${step} (taken: ${[...taken.keys()].join(", ")})`);
  return bytes;
}

function withProbe(system: CoupledSystem): CoupledSystem {
  const a = system.subsystems["a"];
  if (a === undefined) throw new Error("no subsystem a");
  return system.probe(defined(a.out["y"]), { label: "extra" });
}

const WORKERS = { a: "worker", b: "worker", c: "worker:shared" } as const;

describe("coupled snapshot and resume", () => {
  const composed = runComposed(loop(), STEPS);

  it("in-process, on worker threads or mixed: snapshots taken with one placement resume with another, the bits of the uninterrupted run", async () => {
    const cases: [string, RunOptions, RunOptions][] = [
      ["in-process -> workers", {}, { placement: WORKERS }],
      ["workers -> in-process", { placement: WORKERS }, {}],
      ["a on a worker -> b and c on one worker", { placement: { a: "worker" } }, { placement: { b: "worker:x", c: "worker:x" } }],
    ];
    for (const [name, take, resume] of cases) {
      const system = loop();
      const taken = await snapshots(system, { steps: STEPS, snapshotEvery: 100, maxWindowSteps: 16, ...take });
      expect([...taken.keys()], name).toEqual([100, 200, 300]);
      expectSameBits(defined(system.lastResult), composed, `${name}: the run that took them`);
      expect(snapshotInfo(at(taken, 200)), name).toMatchObject({ step: 200, subsystems: ["a", "b", "c"], seed: 4, dt: 0.001 });
      // as a file read back gives it: a Node Buffer at an offset into a larger buffer
      const read = Buffer.concat([Buffer.alloc(3), at(taken, 200)]).subarray(3);
      const resumed = await loop().run({ steps: STEPS, from: read, maxWindowSteps: 16, ...resume });
      expectSameBits(resumed, composed, `${name}: resumed from step 200`);
      // it ran the steps after the snapshot only
      expect(
        resumed.stats.units.map((u) => [u.unit, u.steps]),
        name,
      ).toEqual([
        ["a", 200],
        ["b", 200],
        ["c", 200],
      ]);
    }
  });

  it("resumes from every snapshot of a run, each taken mid-window (windows in flight on the wires), with other window sizes", async () => {
    // snapshots every 30 steps, windows of 8: boundaries fall inside windows, and the delayed wires hold windows not yet consumed
    const taken = await snapshots(loop(), { steps: STEPS, snapshotEvery: 30, maxWindowSteps: 8, placement: { b: "worker" } });
    expect(taken.size).toBe(13);
    const state = decodeSystemSnapshot(at(taken, 150)).state;
    expect(state.step).toBe(150);
    const inFlight = state.units.flatMap((u) => u.inEdges.map((e) => e.length));
    expect(inFlight.every((n) => n > 0)).toBe(true);
    for (const [step, bytes] of taken) {
      const resumed = await loop().run({ steps: STEPS, from: bytes, maxWindowSteps: 1 + (step % 7) });
      expectSameBits(resumed, composed, `resumed from step ${step}`);
    }
  });

  it("the resumed run holds the probe data from step 1, may run longer than the run that took the snapshot, and may be snapshotted again", async () => {
    const short = await snapshots(loop(), { steps: 250, snapshotEvery: 120 });
    expect([...short.keys()]).toEqual([120, 240]);
    const again = new Map<number, Uint8Array>();
    const resumed = await loop().run({
      steps: STEPS,
      from: at(short, 240),
      snapshotEvery: 70,
      onSnapshot: (bytes, step) => void again.set(step, bytes),
    });
    expectSameBits(resumed, composed, "resumed and run to the end");
    expect([...again.keys()]).toEqual([310, 380]);
    expectSameBits(await loop().run({ steps: STEPS, from: at(again, 310) }), composed, "from a snapshot of the resumed run");
    // a run as long as the snapshot's step only gives its data back
    const same = await loop().run({ steps: 240, from: at(short, 240) });
    expect(bits(same.data("c.out.y"))).toEqual(bits(defined(composed.get("c.out.y")).slice(0, 240)));
  });

  it("multi-rate subsystems (dtMultiple 2 and 3, hold and average): resumed from a snapshot on workers in-process, the bits of the uninterrupted run", async () => {
    const system = (): CoupledSystem => {
      const a = subsystem(twoInputs("a"), { dtMultiple: 2 });
      const b = subsystem(neural("b", { inSynapse: 0.01 }), { dtMultiple: 3 });
      return couple({ a, b }, { seed: 9 })
        .input(a.in.ref, sampled(Math.sin, STEPS))
        .wire(a.out.y, b.in.u, { delaySteps: 1, rate: "average" })
        .wire(b.out.y, a.in.fb, { delaySteps: 4 })
        .probe(a.out.y)
        .probe(b.out.y);
    };
    const whole = await system().run({ steps: STEPS });
    const taken = await snapshots(system(), { steps: STEPS, snapshotEvery: 66, maxWindowSteps: 5, placement: { a: "worker", b: "worker" } });
    expect([...taken.keys()]).toEqual([66, 132, 198, 264, 330, 396]);
    for (const step of [132, 330]) {
      const resumed = await system().run({ steps: STEPS, from: at(taken, step), maxWindowSteps: 7 });
      for (const p of whole.probes) expect(bits(resumed.data(p)), `${p} from step ${step}`).toEqual(bits(whole.data(p)));
    }
    await expect(system().run({ steps: STEPS, snapshotEvery: 10 })).rejects.toThrow(
      /snapshotEvery must be .* a multiple of every subsystem's dtMultiple \(6\) \(got 10\)/,
    );
  });
});

describe("refused snapshots", () => {
  let bytes: Uint8Array;
  const snapshot = async (): Promise<Uint8Array> => {
    bytes ??= at(await snapshots(loop(), { steps: STEPS, snapshotEvery: 200 }), 200);
    return bytes;
  };

  it("corrupted, truncated or foreign bytes: a SnapshotError saying so, before anything runs", async () => {
    const good = await snapshot();
    const flipped = good.slice();
    flipped[good.length - 100] = (flipped[good.length - 100] ?? 0) ^ 1;
    const refusals: [string, unknown, RegExp][] = [
      ["a flipped bit", flipped, /^Coupled snapshot: corrupted or truncated: its content hash does not match its bytes$/],
      ["truncated", good.subarray(0, good.length - 8), /corrupted or truncated/],
      ["the first 10 bytes", good.subarray(0, 10), /^Coupled snapshot: truncated: 10 bytes$/],
      ["other bytes", new TextEncoder().encode("a file that is no snapshot at all, long enough"), /not a Plexus coupled-system snapshot/],
      ["no bytes", "snapshot.bin", /expected the Uint8Array that onSnapshot received \(got string\)/],
    ];
    const version = good.slice();
    new DataView(version.buffer).setUint32(8, 7, true);
    refusals.push(["another format version", version, /format version 7; this Plexus reads version 1/]);
    for (const [what, from, message] of refusals) {
      const system = loop();
      const error = await system.run({ steps: STEPS, from: from as Uint8Array }).catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(SnapshotError);
      expect((error as Error).message, what).toMatch(message);
    }
  });

  it("a snapshot of another system: a SnapshotError naming what differs", async () => {
    const good = await snapshot();
    const cases: [string, CoupledSystem, RegExp][] = [
      ["another delay", loop({ delayAB: 3 }), /wire a\.out\.y -> b\.in\.fb: delaySteps 2 in the snapshot, 3 here/],
      ["another seed", loop({ seed: 5 }), /seed 4 in the snapshot, 5 here/],
      [
        "another probe synapse",
        loop({ bSynapse: 0 }),
        /^Coupled snapshot: it was taken of another system \(probe b\.out\.y: synapse "Lowpass\(0\.01\)" in the snapshot, "Lowpass\(0\)" here; structure hash/,
      ],
      ["a probe more", withProbe(loop()), /probe extra only here/],
    ];
    for (const [what, system, message] of cases) {
      const error = await system.run({ steps: STEPS, from: good }).catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(SnapshotError);
      expect((error as Error).message, what).toMatch(message);
      expect(system.lastResult, what).toBeUndefined();
    }
    await expect(loop().run({ steps: 150, from: good })).rejects.toThrow(/taken at base step 200, after the run's end \(150 steps\); run at least 200 steps/);
  });

  it("a subsystem whose network differs (same wiring): its simulator refuses the state with a SnapshotError naming it, on main and on a worker", async () => {
    const good = await snapshot();
    const onMain = await loop({ aNeurons: 41 })
      .run({ steps: STEPS, from: good })
      .catch((e: unknown) => e);
    expect(onMain).toBeInstanceOf(SnapshotError);
    expect((onMain as Error).message).toMatch(/^Subsystem 'a': its state in the snapshot does not fit \(its network, parameters or seed differ .*another plan/);
    const onWorker = await loop({ aNeurons: 41 })
      .run({ steps: STEPS, from: good, placement: { a: "worker" } })
      .catch((e: unknown) => e);
    expect(onWorker).toBeInstanceOf(SnapshotError);
    expect((onWorker as Error).message).toMatch(
      /^Subsystem 'a': its state in the snapshot does not fit \(its network, parameters or seed differ .*another plan/,
    );
  });

  it("onSnapshot that throws or rejects ends the run with a CouplingError (data so far kept); misused options are CouplingErrors", async () => {
    for (const onSnapshot of [
      (): void => {
        throw new Error("disk full");
      },
      (): Promise<void> => Promise.reject(new Error("disk full")),
    ]) {
      const system = loop();
      const error = await system.run({ steps: STEPS, snapshotEvery: 100, placement: { b: "worker" }, onSnapshot }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CouplingError);
      expect((error as Error).message).toBe("run: onSnapshot failed on the snapshot at base step 100: disk full");
      expect(defined(system.lastResult).data("c.out.y").length).toBeGreaterThanOrEqual(100);
    }
    await expect(loop().run({ steps: STEPS, onSnapshot: () => undefined })).rejects.toThrow(/onSnapshot receives the snapshots that snapshotEvery takes/);
  });
});

describe("coupled snapshot and resume over NATS (a real nats-server and worker processes)", () => {
  let nats: NatsHostConnector | undefined;
  afterAll(async () => {
    await nats?.close();
  });

  it("snapshots taken on NATS workers resume in-process, and snapshots taken in-process resume on NATS workers, with the composed bits", async () => {
    nats = await natsHosts();
    const composed = runComposed(loop(), STEPS);
    const onNats = await snapshots(loop(), {
      steps: STEPS,
      snapshotEvery: 90,
      maxWindowSteps: 8,
      placement: { a: "worker", b: "worker:shared", c: "worker:shared" },
      hosts: nats,
    });
    expectSameBits(await loop().run({ steps: STEPS, from: at(onNats, 180) }), composed, "NATS -> in-process");
    const inProcess = await snapshots(loop(), { steps: STEPS, snapshotEvery: 90 });
    const resumed = await loop().run({
      steps: STEPS,
      from: at(inProcess, 270),
      placement: { a: "worker", c: "worker:shared" },
      maxWindowSteps: 8,
      hosts: nats,
    });
    expectSameBits(resumed, composed, "in-process -> NATS");
  });
});
