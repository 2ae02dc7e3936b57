import type { Connection } from "../Connection.js";
import { kindArgument } from "../internal/argumentChecks.js";

/**
 * Nengo's `conn._to_neurons`: the connection feeds the post neurons directly, its post being
 * `ens.neurons` or an ensemble it is solved for full weights into (a solver with `weights: true`).
 * PES learns such a connection through the post ensemble's scaled encoders.
 */
export function toNeurons(conn: Connection): boolean {
  kindArgument(conn, ["connection"], "toNeurons", "conn", "a Connection");
  return conn.post.kind === "neurons" || (conn.pre.kind === "ensemble" && conn.post.kind === "ensemble" && conn.solver.weights);
}
