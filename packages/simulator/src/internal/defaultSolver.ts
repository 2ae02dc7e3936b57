import { LstsqL2, type Solver } from "@plexus/core";

/** The solver of decoded probes: Nengo's default, LstsqL2(reg=0.1). */
export function defaultSolver(): Solver {
  return new LstsqL2({ reg: 0.1 });
}
