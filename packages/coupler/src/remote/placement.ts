import { CouplingError } from "@plexus/core";
import type { UnitPlan } from "../internal/runtime/planUnits.js";

/**
 * Where a subsystem runs: `"main"` (the coordinator's thread, the default), `"worker"` (a worker
 * thread of its own), or `"worker:NAME"` (the worker thread NAME, shared by every subsystem
 * placed there).
 */
export type Placement = "main" | "worker" | `worker:${string}`;

/** Which host runs each unit (`main`, `worker:NAME`, or `worker#i` for a worker of its own), by unit index. */
export function hostsOf(plans: readonly UnitPlan[], placement: Readonly<Record<string, Placement>>, keys: readonly string[]): string[] {
  for (const [key, where] of Object.entries(placement)) {
    if (!keys.includes(key)) throw new CouplingError(`run: placement names '${key}', which is not a subsystem (keys: ${keys.join(", ")})`, { label: key });
    if (!(where === "main" || where === "worker" || (typeof where === "string" && where.startsWith("worker:") && where.length > 7))) {
      throw new CouplingError(`run: placement of '${key}' must be "main", "worker" or "worker:NAME" (got ${String(where)})`, { label: key });
    }
  }
  return plans.map((plan) => {
    const wheres = [...new Set(plan.members.map((e) => placement[e.key] ?? "main"))];
    if (wheres.length > 1) {
      throw new CouplingError(
        `run: subsystems ${plan.members.map((e) => `'${e.key}'`).join(", ")} run fused (a loop without delay joins them) but are placed apart (${plan.members.map((e) => `${e.key}: ${placement[e.key] ?? "main"}`).join(", ")}); place them together, or give a wire of the loop delaySteps >= 1`,
        { label: plan.name },
      );
    }
    const where = wheres[0] ?? "main";
    return where === "worker" ? `worker#${plan.index}` : where;
  });
}
