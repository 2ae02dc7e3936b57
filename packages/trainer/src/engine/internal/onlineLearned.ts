import { type Network, parameterName } from "@plexus/core";

/**
 * The parameters an online learning rule of `net` changes while the network runs, by
 * `parameterName`: a connection's weights for rules that modify decoders or weights (PES), the
 * post ensemble's encoders for rules that modify encoders. The gradient engines leave them out of
 * training, as nengo_dl does: the deployed network changes them itself, so a trained value would
 * be overwritten from the first step on.
 */
export function onlineLearned(net: Network): Map<string, OnlineLearned> {
  const out = new Map<string, OnlineLearned>();
  for (const conn of net.all("connection")) {
    const rule = conn.learningRule;
    if (rule === null) continue;
    const modifies: string = rule.rule.modifies;
    if (modifies === "encoders" && conn.post.kind === "ensemble") {
      const ens = conn.post;
      out.set(parameterName(ens, "encoders", net), { rule: rule.rule.kind, configTrainable: (ens.owner ?? net).config.isTrainable(ens) });
    } else {
      out.set(parameterName(conn, "weights", net), { rule: rule.rule.kind, configTrainable: (conn.owner ?? net).config.isTrainable(conn) });
    }
  }
  return out;
}

/** A parameter changed online: by which rule, and whether the config asks for it to be trained. */
export interface OnlineLearned {
  readonly rule: string;
  readonly configTrainable: boolean;
}
