// stream() snapshotted and resumed as run() is: the same snapshot bytes as run's, and a resumed
// stream (the snapshot's probe data first, then the windows after it) equal, per probe, to the
// uninterrupted stream bit for bit, in-process and on worker threads (the composed network on one
// simulator is the oracle of the uninterrupted stream).
import { CouplingError, SnapshotError } from "@plexus/core";
import { from, lastValueFrom, type Observable, tap, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import type { CoupledSystem, RunOptions } from "../src/CoupledSystem.js";
import { decodeSystemSnapshot } from "../src/internal/snapshot/systemSnapshot.js";
import type { OutputWindow } from "../src/OutputWindow.js";
import { RunInterruptedError } from "../src/RunInterruptedError.js";
import { Window } from "../src/Window.js";
import { runComposed } from "./support/compare.js";
import { mutualLoop } from "./support/loops.js";
import { bits } from "./support/nets.js";

const STEPS = 300;

/** The shared mutual loop (a, b, c reading b) over STEPS steps. */
function loop(seed = 4): CoupledSystem {
  return mutualLoop(STEPS, { seed });
}

/** Every window of a stream, joined per probe; each probe's windows must follow on from step 1 without a gap or a repeat. */
async function collect(stream: Observable<OutputWindow>): Promise<{ data: Map<string, Float64Array>; first: Map<string, OutputWindow> }> {
  const parts = new Map<string, Float64Array[]>();
  const next = new Map<string, number>();
  const first = new Map<string, OutputWindow>();
  for (const o of await lastValueFrom(stream.pipe(toArray()))) {
    expect(o.window.start, `${o.probe}: windows follow on`).toBe(next.get(o.probe) ?? 1);
    next.set(o.probe, o.window.end + 1);
    if (!first.has(o.probe)) first.set(o.probe, o);
    parts.set(o.probe, [...(parts.get(o.probe) ?? []), o.window.data]);
  }
  const data = new Map<string, Float64Array>();
  for (const [name, list] of parts) {
    const out = new Float64Array(list.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of list) {
      out.set(p, at);
      at += p.length;
    }
    data.set(name, out);
  }
  return { data, first };
}

function expectSameData(got: Map<string, Float64Array>, want: Map<string, Float64Array>, what: string): void {
  expect([...got.keys()].sort(), what).toEqual([...want.keys()].sort());
  for (const [name, data] of want) expect(bits(got.get(name) ?? new Float64Array(0)), `${what}: ${name}`).toEqual(bits(data));
}

/** Snapshots by step, from run() or stream(). */
async function taken(system: CoupledSystem, how: "run" | "stream", options: RunOptions & { steps: number }): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  const all = { ...options, onSnapshot: (bytes: Uint8Array, step: number) => void out.set(step, bytes) };
  if (how === "run") await system.run(all);
  else await collect(system.stream(all));
  return out;
}

/**
 * Two snapshots of one step agree: every unit's step, the steps of the windows kept in flight with
 * the same values (their cut may differ between runs: windows are cut by timing and at a resume),
 * and the probe data so far. (A simulator's bytes may differ in what it counted since it was
 * built; resuming from a snapshot checks its state.)
 */
function expectSameState(a: Uint8Array, b: Uint8Array, what: string): void {
  const [x, y] = [decodeSystemSnapshot(a), decodeSystemSnapshot(b)];
  expect(x.state.step, what).toBe(y.state.step);
  expect(x.structureHash, what).toBe(y.structureHash);
  const units = (s: typeof x) =>
    s.state.units.map((u) => ({
      unit: u.unit,
      step: u.step,
      inEdges: u.inEdges.map((ws) => joined(ws.map((w) => Window.fromBytes(w)))),
    }));
  const byUnit = (s: typeof x) => units(s).sort((p, q) => p.unit - q.unit);
  expect(byUnit(x), what).toEqual(byUnit(y));
  expect(
    x.probes.map((p) => [p.name, p.steps, bits(p.data)]),
    what,
  ).toEqual(y.probes.map((p) => [p.name, p.steps, bits(p.data)]));
}

/** Contiguous windows as their first step, last step and values. */
function joined(ws: readonly Window[]): { start: number; end: number; data: number[] } {
  return { start: ws[0]?.start ?? 0, end: ws.at(-1)?.end ?? 0, data: ws.flatMap((w) => [...w.data]) };
}

function at(snapshots: ReadonlyMap<number, Uint8Array>, step: number): Uint8Array {
  const bytes = snapshots.get(step);
  if (bytes === undefined) throw new Error(`no snapshot at step ${step} (taken: ${[...snapshots.keys()].join(", ")})`);
  return bytes;
}

const WORKERS = { a: "worker", b: "worker", c: "worker:shared" } as const;

describe("stream() with snapshots and resume", () => {
  const composed = runComposed(loop(), STEPS);

  it("snapshotted in-process or on workers: the snapshots run() hands over (in-process the very bytes), and the windows of the uninterrupted stream", async () => {
    const whole = await collect(loop().stream({ steps: STEPS, maxWindowSteps: 16 }));
    expectSameData(whole.data, composed, "the uninterrupted stream");
    for (const [name, placement] of [
      ["in-process", {}],
      ["on workers", { placement: WORKERS }],
    ] as const) {
      const options = { steps: STEPS, snapshotEvery: 100, maxWindowSteps: 16, ...placement };
      const fromRun = await taken(loop(), "run", options);
      const snapshots = new Map<number, Uint8Array>();
      const streamed = await collect(loop().stream({ ...options, onSnapshot: (bytes, step) => void snapshots.set(step, bytes) }));
      expect([...snapshots.keys()], name).toEqual([100, 200]);
      for (const step of [100, 200]) expectSameState(at(snapshots, step), at(fromRun, step), `${name}: the snapshot at ${step}`);
      // in one thread, the windows in flight are cut alike too: the very bytes
      if (name === "in-process") for (const step of [100, 200]) expect(at(snapshots, step), `${name}: the bytes at ${step}`).toEqual(at(fromRun, step));
      expectSameData(streamed.data, whole.data, `${name}: the stream that took them`);
    }
  });

  it("resumed in-process or on workers (from a snapshot taken in-process or on workers): the snapshot's data first, then the rest; the bits of the uninterrupted stream", async () => {
    const whole = await collect(loop().stream({ steps: STEPS }));
    const snapshotsOf = {
      "in-process": await taken(loop(), "stream", { steps: STEPS, snapshotEvery: 100 }),
      "on workers": await taken(loop(), "stream", { steps: STEPS, snapshotEvery: 100, placement: WORKERS, maxWindowSteps: 8 }),
    };
    const cases = [
      ["in-process", "on workers", { placement: WORKERS }],
      ["on workers", "in-process", {}],
      ["on workers", "a on a worker", { placement: { a: "worker" }, maxWindowSteps: 7 }],
    ] as const;
    for (const [took, name, resume] of cases) {
      const what = `taken ${took}, resumed ${name}`;
      const resumed = await collect(loop().stream({ steps: STEPS, from: at(snapshotsOf[took], 200), ...resume }));
      expectSameData(resumed.data, whole.data, what);
      // the snapshot's data as one window per probe, steps 1..200
      for (const o of resumed.first.values()) expect([o.window.start, o.window.end], `${what}: ${o.probe}`).toEqual([1, 200]);
    }
  });

  it("a resumed stream snapshotted again hands over the state of the uninterrupted run's later snapshot; each subscription runs anew", async () => {
    const first = await taken(loop(), "run", { steps: STEPS, snapshotEvery: 100 });
    const again = new Map<number, Uint8Array>();
    const resumed = loop().stream({ steps: STEPS, from: at(first, 100), snapshotEvery: 100, onSnapshot: (bytes, step) => void again.set(step, bytes) });
    const one = await collect(resumed);
    expect([...again.keys()]).toEqual([200]);
    expectSameState(at(again, 200), at(first, 200), "the resumed stream's snapshot at 200");
    expectSameData((await collect(loop().stream({ steps: STEPS, from: at(again, 200) }))).data, composed, "resumed from the resumed stream's snapshot");
    const two = await collect(resumed);
    expectSameData(two.data, one.data, "a second subscription");
    expectSameData(one.data, composed, "the resumed stream");
  });

  it("refusals are typed and come at once: bad bytes, another system, onSnapshot without snapshotEvery, snapshots with a transport; a failing onSnapshot errors the stream", async () => {
    const snapshot = at(await taken(loop(), "run", { steps: STEPS, snapshotEvery: 100 }), 100);
    const refused = (f: () => unknown): unknown => {
      try {
        f();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const corrupt = snapshot.slice();
    corrupt[corrupt.length - 9] = (corrupt[corrupt.length - 9] ?? 0) ^ 1;
    const cases: [string, () => unknown, typeof CouplingError | typeof SnapshotError, RegExp][] = [
      ["corrupted bytes", () => loop().stream({ steps: STEPS, from: corrupt }), SnapshotError, /^Coupled snapshot: corrupted or truncated/],
      ["another system", () => loop(5).stream({ steps: STEPS, from: snapshot }), SnapshotError, /seed 4 in the snapshot, 5 here/],
      ["a shorter stream", () => loop().stream({ steps: 50, from: snapshot }), SnapshotError, /taken at base step 100, after the run's end \(50 steps\)/],
      ["onSnapshot alone", () => loop().stream({ steps: STEPS, onSnapshot: () => undefined }), CouplingError, /give snapshotEvery too/],
      [
        "a transport",
        () => loop().stream({ steps: STEPS, snapshotEvery: 100, onSnapshot: () => undefined, transport: { name: "none", open: () => ({}) as never } }),
        CouplingError,
        /^run: snapshots: a transport is for all-"main" runs without snapshots/,
      ],
    ];
    for (const [what, make, type, message] of cases) {
      const error = refused(make);
      expect(error, what).toBeInstanceOf(type);
      expect((error as Error).message, what).toMatch(message);
    }
    const failing = loop().stream({
      steps: STEPS,
      snapshotEvery: 100,
      onSnapshot: () => {
        throw new Error("disk full");
      },
    });
    const error = await lastValueFrom(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CouplingError);
    expect((error as Error).message).toBe("run: onSnapshot failed on the snapshot at base step 100: disk full");
  });
});

describe("snapshot on request: run({ signal }) and stream({ signal })", () => {
  const composed = runComposed(loop(), STEPS);

  it("aborted (in onSnapshot, or by a timer; in-process or on workers): stops at a snapshot, hands it over, rejects with a RunInterruptedError holding it; resumed, the uninterrupted bits", async () => {
    const cases: [string, RunOptions, "inside" | "outside"][] = [
      ["in-process, aborted in onSnapshot at 100", {}, "inside"],
      ["on workers, aborted in onSnapshot at 100", { placement: WORKERS }, "inside"],
      ["in-process, aborted by a timer while onSnapshot writes the snapshot at 50", {}, "outside"],
    ];
    for (const [what, options, how] of cases) {
      const controller = new AbortController();
      const handed = new Map<number, Uint8Array>();
      const system = loop();
      const error = await system
        .run({
          steps: STEPS,
          snapshotEvery: 50,
          signal: controller.signal,
          ...options,
          onSnapshot: async (bytes, step) => {
            handed.set(step, bytes);
            if (how === "inside" && step === 100) controller.abort();
            // from outside: a timer, while the run waits for this snapshot's write
            if (how === "outside" && step === 50) await new Promise<void>((resolve) => setTimeout(() => resolve(controller.abort()), 5));
          },
        })
        .catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(RunInterruptedError);
      const stopped = error as RunInterruptedError;
      expect(stopped).toBeInstanceOf(CouplingError);
      expect(stopped.step, what).toBe(how === "inside" ? 100 : 50);
      expect(Math.max(...handed.keys()), what).toBe(stopped.step);
      expect(stopped.snapshot, what).toEqual(at(handed, stopped.step));
      expect(stopped.message, what).toMatch(
        /^run: stopped on request at base step \d+ \(its signal was aborted\), after taking the snapshot there; resume from it with run\(\{ from: error\.snapshot \}\)/,
      );
      // the probe data up to the stop is kept
      const kept = system.lastResult;
      expect(kept?.error, what).toBe(error);
      for (const [name, data] of composed) expect(bits(kept?.data(name) ?? new Float64Array(0)), `${what}: ${name}`).toEqual(bits(data.slice(0, stopped.step)));
      const resumed = await loop().run({ steps: STEPS, from: stopped.snapshot });
      for (const [name, data] of composed) expect(bits(resumed.data(name)), `${what}: resumed ${name}`).toEqual(bits(data));
    }
  });

  it("without onSnapshot the error holds the snapshot; a stream ends with it, its windows and the resumed stream's the uninterrupted bits", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await loop()
      .run({ steps: STEPS, snapshotEvery: 150, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunInterruptedError);
    expect((error as RunInterruptedError).step).toBe(150);
    const resumed = await loop().run({ steps: STEPS, from: (error as RunInterruptedError).snapshot });
    for (const [name, data] of composed) expect(bits(resumed.data(name)), name).toEqual(bits(data));

    const windows: OutputWindow[] = [];
    const streamError = await lastValueFrom(
      loop()
        .stream({ steps: STEPS, snapshotEvery: 100, signal: controller.signal })
        .pipe(tap((o) => windows.push(o))),
    ).catch((e: unknown) => e);
    expect(streamError).toBeInstanceOf(RunInterruptedError);
    const stopped = streamError as RunInterruptedError;
    expect(stopped.step).toBe(100);
    const rest = await collect(loop().stream({ steps: STEPS, from: stopped.snapshot }));
    // what the interrupted stream emitted is the start of what the resumed one emits
    const emitted = await collect(from(windows));
    for (const [name, data] of composed) {
      expect(bits(emitted.data.get(name) ?? new Float64Array(0)), name).toEqual(bits(data.slice(0, 100)));
      expect(bits(rest.data.get(name) ?? new Float64Array(0)), name).toEqual(bits(data));
    }
  });

  it("a signal without snapshotEvery is refused with a CouplingError (at once for a stream)", async () => {
    const signal = new AbortController().signal;
    await expect(loop().run({ steps: STEPS, signal })).rejects.toThrow(/^run: signal stops the run at its next snapshot; give snapshotEvery too/);
    expect(() => loop().stream({ steps: STEPS, signal })).toThrow(CouplingError);
  });
});
