import { type Connection, type LearningRule, type Network, parameterName } from "@plexus/core";

/**
 * The parameters an online learning rule of `net` changes while the network runs, by
 * `parameterName`: a connection's weights for rules that modify decoders or weights (PES, RLS,
 * BCM, Oja), the post ensemble's encoders for rules that modify encoders (Voja); every rule of a
 * connection with several. The gradient engines leave them out of training, as nengo_dl does: the
 * deployed network changes them itself, so a trained value would be overwritten from the first
 * step on.
 */
export function onlineLearned(net: Network): Map<string, OnlineLearned> {
  const out = new Map<string, OnlineLearned>();
  for (const conn of net.all("connection")) for (const rule of conn.learningRules) add(out, net, conn, rule);
  return out;
}

/** The parameter one rule of `conn` changes; when another rule changes it too, both are named (`PES+BCM`). */
function add(out: Map<string, OnlineLearned>, net: Network, conn: Connection, rule: LearningRule): void {
  const kind = rule.rule.typeName;
  const [name, configTrainable] =
    rule.rule.modifies === "encoders" && conn.post.kind === "ensemble"
      ? [parameterName(conn.post, "encoders", net), (conn.post.owner ?? net).config.isTrainable(conn.post)]
      : [parameterName(conn, "weights", net), (conn.owner ?? net).config.isTrainable(conn)];
  const before = out.get(name);
  out.set(name, { rule: before === undefined ? kind : `${before.rule}+${kind}`, configTrainable });
}

/** A parameter changed online: by which rule (rules joined by `+`), and whether the config asks for it to be trained. */
export interface OnlineLearned {
  readonly rule: string;
  readonly configTrainable: boolean;
}
