import type { Plan } from "../Plan.js";
import { Hash64 } from "./hash64.js";

const cache = new WeakMap<Plan, string>();

/**
 * The hash of a plan's structure, which snapshots carry: the time step, the arena layout (every
 * signal's name, offset and size), the kernels in step order (owner, role and the offsets they
 * read and write), the probes and input ports, and the initial arena (the built weights, so a
 * plan of another seed differs). Two builds of the same network with the same seed and dt hash
 * alike, in any process. Computed once per plan.
 */
export function planHash(plan: Plan): string {
  const known = cache.get(plan);
  if (known !== undefined) return known;
  const h = new Hash64();
  const at = (signals: readonly { readonly offset: number; readonly size: number }[]): string => signals.map((s) => `${s.offset}+${s.size}`).join(",");
  h.text(`plexus plan\ndt ${plan.dt}\narena ${plan.arenaSize}\n`);
  for (const s of plan.signals) h.text(`signal ${s.name} ${s.offset} ${s.size}\n`);
  for (const k of plan.kernels) h.text(`kernel ${k.owner} ${k.role} r[${at(k.reads)}] s[${at(k.sets)}] i[${at(k.incs)}] u[${at(k.updates)}]\n`);
  for (const r of plan.probes.values()) h.text(`probe ${r.signal.offset} ${r.signal.size} ${r.period}\n`);
  for (const s of plan.inputs.values()) h.text(`input ${s.offset} ${s.size}\n`);
  const a = plan.initialArena;
  h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const digest = h.digest();
  cache.set(plan, digest);
  return digest;
}
