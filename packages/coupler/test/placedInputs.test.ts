// Observable inputs into subsystems placed on worker threads and NATS workers: the coordinator
// subscribes them and forwards their windows to the unit's host; the same bits as the composed
// network fed the same values (and as in-process), also across a dead worker and a resume.
import { CouplingError } from "@plexus/core";
import { asapScheduler, from, type Observable, scheduled } from "rxjs";
import { afterAll, describe, expect, it } from "vitest";
import type { CoupledSystem, RunOptions } from "../src/CoupledSystem.js";
import { couple } from "../src/couple.js";
import { subsystem } from "../src/Subsystem.js";
import { type NatsHostConnector, natsHosts } from "../src/transports/nats/index.js";
import { Window } from "../src/Window.js";
import { expectSameBits, runComposed } from "./support/compare.js";
import { killingWorkers } from "./support/killingWorkers.js";
import { twoInputs } from "./support/nets.js";
import { sampled } from "./support/placements.js";

const STEPS = 300;
const VALUES = Float64Array.from({ length: STEPS }, (_, k) => Math.sin(7 * (k + 1) * 0.001) + 0.3 * Math.cos(41 * (k + 1) * 0.001));

/** From base step `first` on: windows of 9 steps, then single values, delivered on the asap scheduler (asynchronously). */
function stream(first = 1): Observable<Window | number> {
  const chunks: (Window | number)[] = [];
  let k = first - 1;
  for (; k + 9 <= Math.min(first - 1 + 90, STEPS); k += 9) chunks.push(new Window(k + 1, 9, 1, VALUES.slice(k, k + 9)));
  for (; k < STEPS; k++) chunks.push(VALUES[k] ?? 0);
  return scheduled(chunks, asapScheduler);
}

/** a (observable input) and b (array input) in a loop; `multiple` is both subsystems' dtMultiple. */
function loop(input: Observable<Window | number> = stream(), multiple = 1): CoupledSystem {
  const a = subsystem(twoInputs("a"), { dtMultiple: multiple });
  const b = subsystem(twoInputs("b", { fbTransform: 0.8 }), { dtMultiple: multiple });
  return couple({ a, b }, { seed: 3 })
    .input(a.in.ref, input)
    .input(
      b.in.ref,
      sampled((t) => Math.cos(30 * t), STEPS),
    )
    .wire(a.out.y, b.in.fb, { delaySteps: 2 * multiple })
    .wire(b.out.y, a.in.fb, { delaySteps: 3 * multiple })
    .probe(a.out.y)
    .probe(b.out.y, { synapse: 0.01 });
}

let nats: NatsHostConnector | undefined;
afterAll(async () => {
  await nats?.close();
});

describe("observable inputs on placed subsystems", () => {
  const composed = runComposed(loop(), STEPS, { "a.in.ref": VALUES });

  it("on worker threads (its subsystem alone, or sharing a worker), asynchronous or all at once: the composed bits", async () => {
    const cases: [string, () => CoupledSystem, RunOptions][] = [
      ["a on a worker", () => loop(), { placement: { a: "worker" } }],
      ["a and b on one worker", () => loop(), { placement: { a: "worker:x", b: "worker:x" }, maxWindowSteps: 8 }],
      ["all at once (synchronous)", () => loop(from(VALUES)), { placement: { a: "worker", b: "worker" } }],
    ];
    for (const [name, make, options] of cases) expectSameBits(await make().run({ steps: STEPS, ...options }), composed, name);
  });

  it("on a NATS worker process: the composed bits", async () => {
    nats ??= await natsHosts();
    expectSameBits(await loop().run({ steps: STEPS, placement: { a: "worker" }, maxWindowSteps: 16, hosts: nats }), composed, "a on NATS");
  });

  it("at dtMultiple 2 (held to the subsystem's steps in the coordinator): the composed bits", async () => {
    const held = runComposed(loop(stream(), 2), STEPS, { "a.in.ref": VALUES });
    expectSameBits(await loop(stream(), 2).run({ steps: STEPS, placement: { a: "worker" } }), held, "dtMultiple 2");
  });

  it("a worker fed by an observable terminated mid-run restarts from the last snapshot, the input's windows sent again: the composed bits", async () => {
    const hosts = killingWorkers("worker#0", 170);
    const r = await loop().run({ steps: STEPS, placement: { a: "worker", b: "worker" }, snapshotEvery: 60, maxWindowSteps: 8, hosts });
    expect(hosts.kills).toHaveLength(1);
    expect(r.stats.restarts).toBe(1);
    expectSameBits(r, composed, "after a restart");
  });

  it("resumes a snapshot of a run with an observable input, the observable continuing from the step after it: the composed bits", async () => {
    const taken = new Map<number, Uint8Array>();
    await loop().run({ steps: STEPS, placement: { a: "worker" }, snapshotEvery: 120, onSnapshot: (bytes, step) => void taken.set(step, bytes) });
    const bytes = taken.get(120) ?? new Uint8Array(0);
    expect(bytes.length).toBeGreaterThan(0);
    expectSameBits(await loop(stream(121)).run({ steps: STEPS, from: bytes }), composed, "resumed in-process");
    expectSameBits(await loop(stream(121)).run({ steps: STEPS, from: bytes, placement: { a: "worker" } }), composed, "resumed on a worker");
    const wrong = await loop(stream(1))
      .run({ steps: STEPS, from: bytes, placement: { a: "worker" } })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CouplingError);
    expect((wrong as Error).message).toMatch(/^input a\.in\.ref: the observable sent a window of steps 1\.\.9, expected a window from step 121/);
  });

  it("an observable that ends early or runs too far ahead of its worker: a CouplingError naming the input", async () => {
    const short = await loop(from(VALUES.slice(0, 100)))
      .run({ steps: STEPS, placement: { a: "worker" } })
      .catch((e: unknown) => e);
    expect(short).toBeInstanceOf(CouplingError);
    expect((short as Error).message).toBe(
      "input a.in.ref: the observable completed after 100 base steps, but the run needs 300; give it at least as many steps as the run",
    );
    const ahead = await loop(from(VALUES))
      .run({ steps: STEPS, placement: { a: "worker" }, inputBufferSteps: 50 })
      .catch((e: unknown) => e);
    expect(ahead).toBeInstanceOf(CouplingError);
    expect((ahead as Error).message).toMatch(/^input a\.in\.ref: the observable is 51 base steps ahead of a \(at most 50\)/);
  });
});
