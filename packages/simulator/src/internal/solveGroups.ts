import { type Ensemble, LstsqL2, LstsqL2nz, type Network, parameterName, type Solver } from "@plexus/core";
import type { SharedSolve, SolveGroup, SolveMember } from "./decoders.js";
import { defaultSolver } from "./defaultSolver.js";

/** Solvers whose `solveMany` shares one factorisation and ignores the generator, so a shared solve gives each target what its own solve gives. */
function shareable(s: Solver): boolean {
  const proto = Object.getPrototypeOf(s) as unknown;
  return proto === LstsqL2.prototype || proto === LstsqL2nz.prototype;
}

function sameSolver(a: Solver, b: Solver): boolean {
  return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The decoder solves of a network that can share one activity matrix and one factorisation
 * (Nengo solves each on its own; the results are the same bits): decoded connections and decoded
 * probes of the same ensemble on its own eval points, with equal LstsqL2 / LstsqL2nz solvers and
 * no weights override. Returns each member's place in its group (groups of one are left out).
 */
export function planSolveGroups(net: Network, overrides: ReadonlyMap<string, Float64Array>): Map<object, SharedSolve> {
  const byEnsemble = new Map<Ensemble, { solver: Solver; members: SolveMember[] }[]>();
  const join = (ens: Ensemble, solver: Solver, member: SolveMember): void => {
    if (ens.neuronType.kind === "Direct" || !shareable(solver)) return;
    let groups = byEnsemble.get(ens);
    if (groups === undefined) {
      groups = [];
      byEnsemble.set(ens, groups);
    }
    let g = groups.find((x) => sameSolver(x.solver, solver));
    if (g === undefined) {
      g = { solver, members: [] };
      groups.push(g);
    }
    g.members.push(member);
  };
  for (const conn of net.all("connection")) {
    if (conn.pre.kind !== "ensemble" || conn.evalPoints !== undefined) continue;
    if (overrides.has(parameterName(conn, "weights", net))) continue;
    join(conn.pre, conn.solver, { key: conn, owner: conn.toString(), function: conn.function, preSlice: conn.preSlice, sizeMid: conn.sizeMid });
  }
  for (const probe of net.all("probe")) {
    const target = probe.target;
    if (target.kind !== "ensemble" || probe.attr !== "decoded") continue;
    join(target, defaultSolver(), {
      key: probe,
      owner: probe.toString(),
      function: null,
      preSlice: probe.slice,
      sizeMid: probe.slice?.length ?? target.dimensions,
    });
  }
  const out = new Map<object, SharedSolve>();
  for (const groups of byEnsemble.values()) {
    for (const g of groups) {
      if (g.members.length < 2) continue;
      const group: SolveGroup = { members: g.members };
      for (const m of g.members) out.set(m.key, { key: m.key, group });
    }
  }
  return out;
}
