import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { Window } from "../Window.js";
import { decodeHostMessage, encodeHostMessage } from "./codec.js";
import type { HostEvent } from "./protocol.js";

describe("host message codec", () => {
  it("carries float64 values bit for bit (-0, NaN, infinities, subnormals) and window bytes", () => {
    const values = Float64Array.from([-0, NaN, Infinity, -Infinity, 5e-324, 0.1 + 0.2]);
    const w = new Window(3, 2, 3, values);
    const event: HostEvent = { type: "probes", unit: 1, probe: 0, windows: [w.toBytes()] };
    const back = decodeHostMessage<Extract<HostEvent, { type: "probes" }>>(encodeHostMessage(event));
    expect(back.type).toBe("probes");
    const again = Window.fromBytes(defined(back.windows[0]));
    expect(new Uint8Array(again.data.buffer)).toEqual(new Uint8Array(values.buffer));
    const load = {
      type: "load",
      version: 1,
      params: { run: "r", maxWindowSteps: 8, heartbeatMs: 0, probeFlushMs: 0 },
      units: [{ overrides: [{ name: "E.bias", values }] }],
    };
    const restored = decodeHostMessage(encodeHostMessage(load as unknown as HostEvent)) as unknown as typeof load;
    const v = defined(defined(restored.units[0]).overrides[0]).values;
    expect(v).toBeInstanceOf(Float64Array);
    expect(new Uint8Array(v.buffer)).toEqual(new Uint8Array(values.buffer));
  });

  it("refuses bytes that are no message", () => {
    expect(() => decodeHostMessage(new TextEncoder().encode("{]"))).toThrow(/not a host message/);
    expect(() => decodeHostMessage(new TextEncoder().encode("42"))).toThrow(/no type/);
  });
});
