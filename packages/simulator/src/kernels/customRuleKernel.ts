import type { CustomLearningRule, RuleStep } from "@plexus/core";
import type { Kernel } from "../Kernel.js";
import type { Signal } from "../Signal.js";
import { plainKernel } from "./plainKernel.js";
import { checkRuleSizes, type RuleKernelSpec } from "./ruleKernelSpec.js";

/** What {@link customRuleKernel} reads (null: the rule has no such signal on this connection). */
export interface CustomRuleKernelSpec extends RuleKernelSpec {
  readonly rule: CustomLearningRule;
  readonly input: Signal | null;
  readonly preFiltered: Signal | null;
  readonly postFiltered: Signal | null;
  readonly postInput: Signal | null;
  /** What the rule modifies (weights or scaled encoders), read by an `"update"` rule; null for `"set"`. */
  readonly target: Signal | null;
  /** The delta's shape, `rows × cols` row-major. */
  readonly rows: number;
  readonly cols: number;
}

/**
 * A user-defined rule's step (`CustomLearningRule.step`), called once per step with views of its
 * signals in one reused object (no allocation per step). An `"update"` rule writes the delta after
 * every reader this step (Nengo's rule operators: the change applies next step); a `"set"` rule
 * writes it before the kernel adding it to the target reads it (the change applies this step). An
 * error the step throws stops the run with a SimulationError naming the rule.
 */
export function customRuleKernel(spec: CustomRuleKernelSpec): Kernel {
  checkRuleSizes("customRuleKernel", spec, spec.delta.size === spec.rows * spec.cols, `${spec.rows}×${spec.cols}`);
  const read = [spec.input, spec.preFiltered, spec.postFiltered, spec.postInput, spec.target].filter((s): s is Signal => s !== null);
  const set = spec.rule.writes === "set";
  return plainKernel({
    owner: spec.owner,
    role: spec.rule.typeName,
    reads: read,
    sets: set ? [spec.delta] : [],
    incs: [],
    updates: set ? [] : [spec.delta],
    prepare(ctx) {
      const view = (s: Signal | null): Float64Array => (s === null ? new Float64Array(0) : ctx.view(s));
      const args: { -readonly [K in keyof RuleStep]: RuleStep[K] } = {
        t: 0,
        dt: ctx.dt,
        input: view(spec.input),
        preFiltered: view(spec.preFiltered),
        postFiltered: view(spec.postFiltered),
        postInput: view(spec.postInput),
        target: view(spec.target),
        delta: view(spec.delta),
        rows: spec.rows,
        cols: spec.cols,
      };
      const rule = spec.rule;
      return (t) => {
        args.t = t;
        rule.step(args);
      };
    },
  });
}
