import type { Connection } from "../Connection.js";
import { ValidationError } from "../errors.js";
import { showValue } from "../internal/showValue.js";
import { CustomLearningRule } from "./CustomLearningRule.js";
import { freezeParameters } from "./FrozenRuleType.js";
import { LearningRule } from "./LearningRule.js";
import type { LearningRuleType } from "./LearningRuleType.js";

/**
 * What a connection's `learningRule` option takes (Nengo's `learning_rule_type`): one rule type,
 * a list of them, or a record of them by name. Several rules on one connection each get their
 * own delta and are built in this order (a record's in its key order), as Nengo builds them.
 */
export type LearningRuleTypes = LearningRuleType | readonly LearningRuleType[] | Readonly<Record<string, LearningRuleType>>;

const KINDS: ReadonlySet<string> = new Set(["PES", "RLS", "BCM", "Oja", "Voja"]);

/** Whether `v` is one learning rule type (not a list or record of them). */
export function isLearningRuleType(v: unknown): v is LearningRuleType {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const kind: unknown = (v as { kind?: unknown }).kind;
  if (kind === "Custom") return v instanceof CustomLearningRule;
  return typeof kind === "string" && KINDS.has(kind) && "modifies" in v;
}

/**
 * The learning rules of `conn` for the option `given`, each checked by `check` (Nengo's
 * `LearningRuleTypeParam.coerce`: every entry must be a rule type).
 * @throws ValidationError naming the connection and the entry that is not a rule type.
 */
export function learningRulesOf(
  conn: Connection,
  given: LearningRuleTypes | undefined,
  where: string,
  check: (rule: LearningRuleType) => LearningRuleType,
): LearningRule[] {
  if (given === undefined) return [];
  if (isLearningRuleType(given)) return [new LearningRule(conn, check(frozen(given)))];
  const entries: [string | number, unknown][] = Array.isArray(given)
    ? (given as readonly unknown[]).map((r, i) => [i, r])
    : given !== null && typeof given === "object" && Object.getPrototypeOf(given) === Object.prototype
      ? Object.entries(given)
      : [[-1, given]];
  return entries.map(([key, rule]) => {
    if (!isLearningRuleType(rule)) {
      const at = key === -1 ? "" : ` (entry ${typeof key === "number" ? key : JSON.stringify(key)})`;
      throw new ValidationError({
        object: where,
        attr: "learningRule",
        message: `must be a learning rule type (PES, RLS, BCM, Oja, Voja, a CustomLearningRule), or a list or record of them${at}; got ${showValue(rule)}`,
      });
    }
    return new LearningRule(conn, check(frozen(rule)), key === -1 ? null : key);
  });
}

/** A custom rule type with the fields its subclass added frozen too (Nengo's rule types are frozen in their constructors). */
function frozen(rule: LearningRuleType): LearningRuleType {
  if (rule.kind === "Custom") freezeParameters(rule);
  return rule;
}

/**
 * The one learning rule of a connection (null without any), as `conn.learningRule` reads it.
 * @throws ValidationError when the connection has several (read `learningRules` or `learningRuleFor`).
 */
export function singleRule(rules: readonly LearningRule[], where: string): LearningRule | null {
  if (rules.length <= 1) return rules[0] ?? null;
  throw new ValidationError({
    object: where,
    attr: "learningRule",
    message: `has ${rules.length} learning rules (${rules.map((r) => r.rule.typeName).join(", ")}); read learningRules[i] or learningRuleFor(key)`,
  });
}

/**
 * A connection's learning rule by its key (Nengo's `conn.learning_rule[key]`): the index in a
 * list, the name in a record (0 for a rule given alone).
 * @throws ValidationError for a key the connection has no rule for.
 */
export function ruleByKey(rules: readonly LearningRule[], key: string | number, where: string): LearningRule {
  const found = rules.find((r) => r.key === key || (r.key === null && key === 0));
  if (found !== undefined) return found;
  throw new ValidationError({
    object: where,
    attr: "learningRule",
    message: `has no learning rule ${JSON.stringify(key)} (its keys: ${rules.map((r) => JSON.stringify(r.key ?? 0)).join(", ") || "none"})`,
  });
}
