import type { Connection } from "../Connection.js";
import { ValidationError } from "../errors.js";
import { kindOf } from "../internal/optionsObject.js";
import { Node } from "../Node.js";
import type { RuleSizeIn } from "./CustomLearningRule.js";
import type { LearningRuleType } from "./PES.js";

/**
 * The learning rule of one connection (Nengo's `conn.learning_rule`), made by
 * `net.connect(a, b, { learningRule: new PES() })` and added to the network with the connection.
 * Its error signal comes through ordinary connections into it, `net.connect(error, conn.learningRule)`:
 * it is a pass-through node of `conn.postSize` dimensions whose value each step is the sum of
 * those connections (zero without any), which the simulator's rule kernel reads.
 */
export class LearningRule extends Node {
  /** The connection whose weights the rule changes. */
  readonly connection: Connection;
  readonly rule: LearningRuleType;
  /**
   * Where the rule stands in the connection's `learningRule` option: its index in a list, its
   * name in a record, or null for a rule given alone.
   */
  readonly key: string | number | null;

  constructor(connection: Connection, rule: LearningRuleType, key: string | number | null = null) {
    // normally made by connect(); checked here too, as it is exported
    if (typeof connection !== "object" || connection === null || connection.kind !== "connection") {
      throw new ValidationError({
        object: "LearningRule",
        attr: "connection",
        message: `must be the Connection whose weights it learns (got ${kindOf(connection)}); give the rule as connect()'s learningRule option`,
      });
    }
    if (typeof rule !== "object" || rule === null || typeof rule.modifies !== "string") {
      throw new ValidationError({ object: "LearningRule", attr: "rule", message: `must be a learning rule type such as new PES() (got ${kindOf(rule)})` });
    }
    super({ output: null, sizeIn: resolveSizeIn(connection, rule.sizeIn) });
    this.connection = connection;
    this.rule = rule;
    this.key = key;
  }

  /** What the rule changes (Nengo's `LearningRule.modifies`): its type's `modifies`. */
  get modifies(): string {
    return this.rule.modifies;
  }

  /**
   * The size of the rule's input: PES's and RLS's error (the connection's `postSize`, or the post
   * ensemble's dimensions when the post is `ens.neurons`), Voja's learning signal (1), none for BCM and Oja.
   */
  get errorSize(): number {
    return this.sizeIn;
  }

  override toString(): string {
    const at = this.key === null ? "" : `[${typeof this.key === "number" ? this.key : JSON.stringify(this.key)}]`;
    return `${this.connection}.learningRule${at} (${this.rule.typeName})`;
  }
}

/**
 * Nengo's `LearningRule.size_in`: a number as it is; `"pre"` the connection's `preSize`, `"mid"`
 * its `sizeMid`, `"post"` its `postSize`; `"pre_state"` / `"post_state"` the same, but the
 * ensemble's dimensions where the pre / post is `ens.neurons` (PES's and RLS's error).
 */
export function resolveSizeIn(conn: Connection, sizeIn: RuleSizeIn): number {
  switch (sizeIn) {
    case "pre":
      return conn.preSize;
    case "mid":
      return conn.sizeMid;
    case "post":
      return conn.postSize;
    case "pre_state":
      return conn.pre.kind === "neurons" ? conn.pre.ensemble.dimensions : conn.preSize;
    case "post_state":
      return conn.post.kind === "neurons" ? conn.post.ensemble.dimensions : conn.postSize;
    default:
      return sizeIn;
  }
}
