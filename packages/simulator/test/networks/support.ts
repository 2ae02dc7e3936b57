// Helpers of the network-library tests: the structure of a built network, in the form the
// generator (reference/gen_networks.py) writes Nengo's, and the reference file.
import type { Network } from "@plexus/core";
import { defined } from "../../../../test/support/defined.js";
import { loadReferenceBeside } from "../../../../test/support/reference.js";

export interface StructureRef {
  readonly ensembles: [number, number, number][];
  readonly connections: { pre: number; post: number; transform: unknown; synapse: number | null; function: boolean }[];
  readonly n_nodes: number;
}

export const networksRef = loadReferenceBeside<Record<string, unknown> & { dt: number; steps: number }>(import.meta.url, "./reference/networks.json");

function flatten(x: unknown): number[] {
  return Array.isArray(x) ? x.flatMap(flatten) : [x as number];
}

/** One connection as a comparable text: sizes, synapse, function or not, transform (rounded to 1e-9). */
function connKey(pre: number, post: number, synapse: number | null, fn: boolean, transform: ArrayLike<number>): string {
  const t = Array.from(transform, (v) => (Math.round(v * 1e9) / 1e9 + 0).toString()).join(",");
  return `${pre}>${post} syn=${synapse} fn=${fn} [${t}]`;
}

/** The structure of a Plexus network, each list sorted (build order differs between the two). */
export function structureOf(net: Network): { ensembles: string[]; connections: string[]; nNodes: number } {
  return {
    ensembles: net
      .all("ensemble")
      .map((e) => `${e.nNeurons}x${e.dimensions} r=${e.radius}`)
      .sort(),
    connections: net
      .all("connection")
      .map((c) => {
        const tau = c.synapse === null ? null : (c.synapse as unknown as { tau: number }).tau;
        const t = c.denseTransform?.data ?? [1];
        return connKey(c.preSize, c.postSize, tau, c.function !== null || c.functionPoints !== null, t);
      })
      .sort(),
    nNodes: net.all("node").length,
  };
}

/** Nengo's structure in the same form. */
export function structureOfRef(ref: StructureRef): { ensembles: string[]; connections: string[]; nNodes: number } {
  return {
    ensembles: ref.ensembles.map(([n, d, r]) => `${n}x${d} r=${r}`).sort(),
    connections: ref.connections.map((c) => connKey(c.pre, c.post, c.synapse, c.function, flatten(c.transform))).sort(),
    nNodes: ref.n_nodes,
  };
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(defined(a[i]) - defined(b[i])));
  return m;
}

/** Root mean square of a vector. */
export function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += defined(x[i]) * defined(x[i]);
  return Math.sqrt(s / x.length);
}
