import type { BCM } from "./BCM.js";
import type { Oja } from "./Oja.js";
import type { PES } from "./PES.js";
import type { RLS } from "./RLS.js";
import type { Voja } from "./Voja.js";

/** The learning rule types a connection can carry. */
export type LearningRuleType = PES | RLS | BCM | Oja | Voja;
