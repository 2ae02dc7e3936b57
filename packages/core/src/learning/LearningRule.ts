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

  constructor(connection: Connection, rule: LearningRuleType) {
    super({ output: null, sizeIn: connection.postSize });
    this.connection = connection;
    this.rule = rule;
  }

  /** The size of the error signal (the connection's `postSize`). */
  get errorSize(): number {
    return this.sizeIn;
  }

  override toString(): string {
    return `${this.connection}.learningRule (${this.rule.kind})`;
  }
}
