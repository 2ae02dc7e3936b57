import type { Connection } from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import { buildConnectionLike, fromConnection } from "../internal/connectionLike.js";
import { buildLearningRule } from "./buildLearningRule.js";

/**
 * Builds a Connection as Nengo's `build_connection` (decoders solved for connections from
 * ensembles; weights, synapse, and the write into the post object).
 */
export function buildConnection(conn: Connection, ctx: BuildContext): void {
  const r = buildConnectionLike(fromConnection(conn, ctx), ctx);
  ctx.connections.set(conn, r.built);
  const learns = conn.learningRules.length > 0;
  ctx.connectionSignals.set(conn, { input: r.input, output: r.output, built: r.built, ...(learns ? { weights: r.weights } : {}) });
  // several rules on one connection: each its own delta, built in the order given (Nengo's build_connection)
  for (const rule of conn.learningRules) buildLearningRule(conn, rule, r, ctx);
}
