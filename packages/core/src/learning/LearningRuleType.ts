import type { BCM } from "./BCM.js";
import type { CustomLearningRule } from "./CustomLearningRule.js";
import type { Oja } from "./Oja.js";
import type { PES } from "./PES.js";
import type { RLS } from "./RLS.js";
import type { Voja } from "./Voja.js";

/** The learning rule types a connection can carry: Nengo's, and the ones a user defines ({@link CustomLearningRule}). */
export type LearningRuleType = PES | RLS | BCM | Oja | Voja | CustomLearningRule;
