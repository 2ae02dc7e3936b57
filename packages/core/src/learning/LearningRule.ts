import type { Connection } from "../Connection.js";
import { Node } from "../Node.js";
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
    // Nengo's LearningRuleType.size_in: PES and RLS "post_state" (the post size, or the post ensemble's dimensions for
    // a post of neurons: their error), Voja 1 (its learning signal), BCM and Oja none
    const postState = connection.post.kind === "neurons" ? connection.post.ensemble.dimensions : connection.postSize;
    super({ output: null, sizeIn: rule.kind === "PES" || rule.kind === "RLS" ? postState : rule.kind === "Voja" ? 1 : 0 });
    this.connection = connection;
    this.rule = rule;
    this.key = key;
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
    return `${this.connection}.learningRule${at} (${this.rule.kind})`;
  }
}
