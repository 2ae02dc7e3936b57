import { Network } from "@plexus/core";
import { afterEach, describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { build } from "../build.js";
import { Simulator } from "../Simulator.js";

const opts = { progress: false } as const;
const FLAG = "__plexusLabelRan";
const g = globalThis as Record<string, unknown>;

/** Labels that would run code (setting a global) if any reached a generated function's source. */
const HOSTILE = [
  `x\n;globalThis.${FLAG} = "newline";//`,
  `x\r;globalThis.${FLAG} = "cr";//`,
  `x\u2028;globalThis.${FLAG} = "u2028";//`,
  `x\u2029;globalThis.${FLAG} = "u2029";//`,
  `*/ globalThis.${FLAG} = "comment"; /*`,
  `\`\${globalThis.${FLAG} = "template"}\``,
  `"; globalThis.${FLAG} = "dq"; "`,
  `'; globalThis.${FLAG} = 'sq'; '`,
  "</script>\\u0000\\",
];

function hostileNetwork(label: string, marker: string): { net: Network; probe: ReturnType<Network["probe"]> } {
  const net = new Network({ label: `${marker}net${label}`, seed: 3 });
  const sub = net.network({ label: `${marker}sub${label}` });
  const stim = net.node({ output: (t: number) => Math.sin(8 * t), label: `${marker}stim${label}` });
  const a = sub.ensemble({ nNeurons: 20, dimensions: 1, label: `${marker}a${label}` });
  const b = net.ensemble({ nNeurons: 20, dimensions: 1, label: `${marker}b${label}` });
  net.connect(stim, a, { label: `${marker}c1${label}` });
  net.connect(a, b, { function: (x) => defined(x[0]) * 0.5, synapse: 0.01, label: `${marker}c2${label}` });
  net.connect(b, b, { synapse: 0.1, transform: 0.2, label: `${marker}c3${label}` });
  const probe = net.probe(b, { synapse: 0.01, label: `${marker}p${label}` });
  return { net, probe };
}

afterEach(() => {
  delete g[FLAG];
});

describe("compile: no user text in generated source", () => {
  for (const [i, label] of HOSTILE.entries()) {
    it(`builds and runs a network labelled with hostile text ${i} without executing it (fused and unfused)`, () => {
      const marker = `LBL${i}Q`;
      const { net, probe } = hostileNetwork(label, marker);
      const plan = build(net);
      const fused = new Simulator(plan, opts);
      const unfused = new Simulator(plan, { ...opts, fused: false });
      fused.runSteps(50);
      unfused.runSteps(50);
      expect(g[FLAG]).toBeUndefined();
      // neither the label nor the marker around it reaches the source
      expect(fused.source).not.toContain(marker);
      expect(unfused.source).not.toContain(marker);
      const y = fused.data(probe).data;
      expect(y.every(Number.isFinite)).toBe(true);
      expect(Array.from(unfused.data(probe).data)).toEqual(Array.from(y));
    });
  }

  it("marks each kernel by index only, the same network with plain labels giving the same source", () => {
    const a = hostileNetwork(defined(HOSTILE[0]), "A");
    const b = hostileNetwork("plain", "B");
    const sa = new Simulator(build(a.net), opts).source;
    const sb = new Simulator(build(b.net), opts).source;
    expect(sa).toBe(sb);
    expect(sa).toMatch(/\/\/ kernel 0\n/);
    // only identifiers, numbers, operators and the kernel marks
    expect(sa.replace(/^"use strict";\n/, "")).not.toMatch(/["'`\\\u2028\u2029\r]/);
  });
});
