// What the learning-rule parity tests share: the rule's probes under Nengo's names, and the
// largest difference between a run and Nengo's recorded one, probe by probe.
import type { LearningRule, Network, Probe } from "@plexus/core";
import type { Simulator } from "../../src/Simulator.js";

/** Nengo's probeable names → Plexus attribute names of a rule. */
export const ruleAttrs: Readonly<Record<string, string>> = {
  delta: "delta",
  error: "error",
  activities: "activities",
  theta: "theta",
  pre_filtered: "preFiltered",
  post_filtered: "postFiltered",
  scaled_encoders: "scaledEncoders",
  inv_gamma: "invGamma",
};

/** Probes of every attribute the rule exposes, keyed by Nengo's name (`prefix` before it). */
export function probeRule(net: Network, rule: LearningRule, sampleEvery: number, prefix = ""): Record<string, Probe> {
  const probes: Record<string, Probe> = {};
  const known: readonly string[] = rule.rule.probeable;
  for (const [nengoName, attr] of Object.entries(ruleAttrs)) if (known.includes(attr)) probes[prefix + nengoName] = net.probe(rule, { attr, sampleEvery });
  return probes;
}

/** The largest |ours − Nengo's| over every sample, by probe; throws when a probe's length differs from Nengo's. */
export function maxErrors(sim: Simulator, probes: Readonly<Record<string, Probe>>, want: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, p] of Object.entries(probes)) {
    const rows = want[key] as number[][] | undefined;
    if (rows === undefined) throw new Error(`the reference has no probe '${key}'`);
    const flat = rows.flat();
    const got = sim.data(p).data;
    if (got.length !== flat.length) throw new Error(`probe '${key}': ${got.length} values, Nengo's has ${flat.length}`);
    let m = 0;
    for (let i = 0; i < flat.length; i++) m = Math.max(m, Math.abs((got[i] ?? Number.NaN) - (flat[i] ?? Number.NaN)));
    out[key] = m;
  }
  return out;
}

/** The largest change of a recorded matrix between its first and last sample (that the rule ran). */
export function maxChange(rows: readonly (readonly number[])[], from: readonly number[] = rows[0] ?? []): number {
  const last = rows.at(-1) ?? [];
  return last.reduce((m, v, i) => Math.max(m, Math.abs(v - (from[i] ?? Number.NaN))), 0);
}
