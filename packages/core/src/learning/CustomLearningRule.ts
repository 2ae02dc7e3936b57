import { ValidationError } from "../errors.js";
import { optionsObject } from "../internal/optionsObject.js";
import { showValue } from "../internal/showValue.js";
import type { Synapse, SynapseLike } from "../synapses/Synapse.js";
import { FrozenRuleType, freezeParameters } from "./FrozenRuleType.js";
import { nonNegative, ruleSynapse } from "./ruleOptions.js";

/** What a learning rule changes (Nengo's `LearningRuleType.modifies`). */
export type RuleTarget = "decoders" | "encoders" | "weights";

/** Nengo's names for a rule input's size, resolved on the connection (see {@link CustomLearningRuleOptions.sizeIn}). */
export type RuleSizeInName = "pre" | "mid" | "post" | "pre_state" | "post_state";

/** The size of a learning rule's input: a number of dimensions or one of Nengo's names. */
export type RuleSizeIn = number | RuleSizeInName;

const SIZE_NAMES: readonly string[] = ["pre", "mid", "post", "pre_state", "post_state"];

/** The targets a rule may modify; any other is refused when a connection takes the rule. */
export const RULE_TARGETS: readonly RuleTarget[] = Object.freeze(["decoders", "encoders", "weights"] as const);

/** Options of a {@link CustomLearningRule} (its subclass's constructor passes them to `super`). */
export interface CustomLearningRuleOptions {
  /** κ, the scalar learning rate (>= 0), for the step to use. Default 1e-6 (Nengo's `LearningRuleType`). */
  readonly learningRate?: number;
  /**
   * The size of the rule's input, the sum of the connections into `conn.learningRule`: an integer
   * >= 0, or Nengo's names, resolved on the connection: `"pre"` its `preSize`, `"mid"` its
   * `sizeMid`, `"post"` its `postSize`, `"pre_state"` / `"post_state"` the same but the
   * ensemble's dimensions where the pre / post is `ens.neurons`. Default 0 (no input).
   */
  readonly sizeIn?: RuleSizeIn;
  /** Filter of the pre activities the step reads (`preFiltered`): a Synapse, a Lowpass time constant (s), or null. Default null (none). */
  readonly preSynapse?: SynapseLike;
  /** Filter of the post neurons' output the step reads (`postFiltered`). Default null (none). */
  readonly postSynapse?: SynapseLike;
}

/**
 * What a custom rule's {@link CustomLearningRule.step} reads and writes each step: views into the
 * simulator's memory, the same objects every step (in float32 mode they are Float32Arrays, indexed
 * the same way). Write only `delta`.
 */
export interface RuleStep {
  /** The time at the end of this step (s). */
  readonly t: number;
  /** The time step (s). */
  readonly dt: number;
  /** The rule's input this step: the sum of the connections into `conn.learningRule` (`sizeIn` values). */
  readonly input: Float64Array;
  /**
   * A decoders or weights rule: the activities the weights multiply (the pre neurons' output,
   * sliced as the connection slices it), filtered by `preSynapse`. Empty for an encoders rule.
   */
  readonly preFiltered: Float64Array;
  /**
   * The post ensemble's neurons' output (the post is an ensemble or its neurons), filtered by
   * `postSynapse`. Empty for a `"set"` rule (it would depend on itself) or a post without neurons.
   */
  readonly postFiltered: Float64Array;
  /** An encoders rule: the post ensemble's decoded input this step (what Voja moves encoders toward). Empty otherwise. */
  readonly postInput: Float64Array;
  /**
   * What the rule modifies, as it is this step: the weights (`rows × cols`: post × pre neurons for
   * a weights rule, post × pre neurons or decoders for a decoders rule) or the post ensemble's
   * scaled encoders (`nNeurons × dimensions`). Empty for a `"set"` rule.
   */
  readonly target: Float64Array;
  /** The change to write, `rows × cols` row-major. It keeps last step's values: write all of it. */
  readonly delta: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A learning rule type you define (Nengo's `LearningRuleType` subclass with its own builder):
 * extend it with a static `modifies` and a `step` that writes the change from what it reads. The
 * simulator builds it as Nengo's `build_learning_rule`: a delta of the modified signal's shape is
 * added to it at the start of each step, and the delta is probe-able (`net.probe(conn.learningRule,
 * { attr: "delta" })`, also `"input"`, `"preFiltered"`, `"postFiltered"`).
 *
 * With `static writes = "update"` (the default, as Nengo's own rules) the step runs after
 * everything else in the step, so its change takes effect in the next step, and it may read the
 * target and the post activities. With `"set"` it runs before the target is used, so its change
 * takes effect in the same step (as a Nengo rule whose builder adds a `Copy` into the delta).
 *
 * The parameters are frozen once made (set them through `super(options)` or as fields; a field a
 * subclass adds is frozen when a connection takes the rule). Two custom rules are equal (`equals`)
 * when they are of the same class with the same parameters. The step is code, so a network with a
 * custom rule saves as a spec only with a factory for its class (`serialisableSpec(net, { MyRule:
 * (f) => new MyRule(f) })`); without one the spec lists the rule as what cannot be saved. The
 * gradient trainers leave what the rule changes out of training (the rule changes it online), and
 * name the rule.
 *
 * @example
 * class Decay extends CustomLearningRule {
 *   static override readonly modifies = "weights";
 *   constructor(options: CustomLearningRuleOptions = {}) {
 *     super({ learningRate: 1e-3, ...options });
 *   }
 *   step(s: RuleStep): void {
 *     // shrink every weight: Δω = −κ · dt · ω
 *     for (let k = 0; k < s.delta.length; k++) s.delta[k] = -this.learningRate * s.dt * (s.target[k] ?? 0);
 *   }
 * }
 * net.connect(a.neurons, b.neurons, { transform: w, learningRule: new Decay() });
 */
export abstract class CustomLearningRule extends FrozenRuleType {
  /**
   * What the rule changes: `"decoders"`, `"encoders"` or `"weights"`. A subclass must set it; it is
   * checked when a connection takes the rule (ValidationError) and again at build (BuildError).
   */
  static readonly modifies: RuleTarget | undefined = undefined;
  /** When the step writes the delta: `"update"` (its change applies next step) or `"set"` (this step). Default `"update"`. */
  static readonly writes: "update" | "set" = "update";

  readonly kind = "Custom" as const;
  readonly learningRate: number;
  readonly sizeIn: RuleSizeIn;
  readonly preSynapse: Synapse | null;
  readonly postSynapse: Synapse | null;

  /** @throws ValidationError for a negative or non-finite learning rate, a bad `sizeIn` or a bad synapse. */
  constructor(options: CustomLearningRuleOptions = {}) {
    super();
    const opts = optionsObject(options, new.target.name);
    const name = new.target.name;
    this.learningRate = nonNegative(name, "learningRate", opts.learningRate, 1e-6);
    this.sizeIn = checkSizeIn(name, opts.sizeIn ?? 0);
    this.preSynapse = ruleSynapse(name, "preSynapse", opts.preSynapse, null);
    this.postSynapse = ruleSynapse(name, "postSynapse", opts.postSynapse, null);
    freezeParameters(this);
  }

  /** The class's `modifies` (read each time: the build checks it again). */
  get modifies(): string {
    return String((this.constructor as typeof CustomLearningRule).modifies);
  }

  /** The class's `writes`. */
  get writes(): "update" | "set" {
    return (this.constructor as typeof CustomLearningRule).writes;
  }

  /** The attributes a probe of the rule can record. */
  get probeable(): readonly string[] {
    return ["delta", "input", "preFiltered", "postFiltered"];
  }

  /**
   * Writes the change of this step into `s.delta` (called once per step, with the same `s`; it
   * should allocate nothing). It should keep no state of its own between steps: a simulator's
   * reset and snapshots restore what is in its memory (the delta, the filters), not the rule
   * object. An error it throws stops the run with a SimulationError naming the rule.
   */
  abstract step(s: RuleStep): void;

  override toString(): string {
    return `${this.typeName}(learningRate=${this.learningRate})`;
  }
}

/** Nengo's `LearningRuleTypeSizeInParam`: an integer >= 0 or one of its names. */
function checkSizeIn(rule: string, v: unknown): RuleSizeIn {
  if (typeof v === "string") {
    if (SIZE_NAMES.includes(v)) return v as RuleSizeInName;
    throw new ValidationError({ object: rule, attr: "sizeIn", message: `'${v}' is not a valid string value (must be one of ${SIZE_NAMES.join(", ")})` });
  }
  if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
  throw new ValidationError({ object: rule, attr: "sizeIn", message: `must be an integer >= 0 or one of ${SIZE_NAMES.join(", ")} (got ${showValue(v)})` });
}
