import { CouplingError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { testScheduler, win } from "../test/support/marbles.js";
import { InProcessTransport } from "./InProcessTransport.js";
import type { Window } from "./Window.js";

const bits = (w: Window): number[] => Array.from(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));

describe("InProcessTransport", () => {
  it("passes each window along synchronously, in order, as the same object", () => {
    const link = new InProcessTransport().open("a -> b");
    const got: Window[] = [];
    let done = false;
    link.windows.subscribe({ next: (w) => got.push(w), complete: () => (done = true) });
    const a = win(1, 1, 2);
    link.send(a);
    link.send(win(3, 3));
    link.close();
    expect(got[0]).toBe(a);
    expect(got.map((w) => w.start)).toEqual([1, 3]);
    expect(done).toBe(true);
  });

  for (const serialize of ["object", "bytes"] as const) {
    it(`through ${serialize}, delivers a new window with the same bits`, () => {
      const t = new InProcessTransport({ serialize });
      expect(t.name).toBe(`in-process (${serialize})`);
      const link = t.open("x");
      const sent = win(5, -0, Number.MIN_VALUE, Math.E);
      let got: Window | undefined;
      link.windows.subscribe((w) => (got = w));
      link.send(sent);
      expect(got).not.toBe(sent);
      expect([defined(got).start, defined(got).steps, defined(got).dims]).toEqual([5, 3, 1]);
      expect(bits(defined(got))).toEqual(bits(sent));
    });
  }

  it("delivers on a scheduler, keeping the order", () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable }) => {
      const link = new InProcessTransport({ scheduler: ts }).open("x");
      const a = win(1, 1);
      const b = win(2, 2);
      cold("a-b-|", { a, b }).subscribe({ next: (w) => link.send(w), complete: () => link.close() });
      expectObservable(link.windows).toBe("a-b-|", { a, b });
    });
  });

  it("rejects an unknown serialisation", () => {
    expect(() => new InProcessTransport({ serialize: "json" as "bytes" })).toThrow(CouplingError);
  });
});
