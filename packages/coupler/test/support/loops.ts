// The coupled system the snapshot and fault tests share: a mutual loop with array inputs.
import type { CoupledSystem } from "../../src/CoupledSystem.js";
import { couple } from "../../src/couple.js";
import { subsystem } from "../../src/Subsystem.js";
import { neural, twoInputs } from "./nets.js";
import { sampled } from "./placements.js";

/** Options of {@link mutualLoop} (each default the loop the tests share). */
export interface MutualLoopOptions {
  /** Delay of the wire a -> b (default 2). */
  readonly delayAB?: number;
  readonly seed?: number;
  /** Neurons of a's ensemble (default 40). */
  readonly aNeurons?: number;
  /** Synapse of b's probe (default 0.01). */
  readonly bSynapse?: number;
  /** Whether c reads b (default true). */
  readonly reader?: boolean;
}

/**
 * A mutual loop of a and b (delays 2 and 5) and c reading b (delay 3); array inputs of `steps`
 * rows; no code, so each can go on a worker. Probes a's and b's outputs (and c's).
 */
export function mutualLoop(steps: number, options: MutualLoopOptions = {}): CoupledSystem {
  const a = subsystem(twoInputs("a", { nNeurons: options.aNeurons ?? 40 }));
  const b = subsystem(twoInputs("b", { fbTransform: 0.8 }));
  const ab = { a, b };
  const withC = options.reader ?? true;
  const c = withC ? subsystem(neural("c", { inSynapse: 0.01 })) : undefined;
  const system = couple(c === undefined ? ab : { ...ab, c }, { seed: options.seed ?? 4 })
    .input(a.in.ref, sampled(Math.sin, steps))
    .input(
      b.in.ref,
      sampled((t) => Math.cos(30 * t), steps),
    )
    .wire(a.out.y, b.in.fb, { delaySteps: options.delayAB ?? 2 })
    .wire(b.out.y, a.in.fb, { delaySteps: 5 });
  if (c === undefined) return system.probe(a.out.y).probe(b.out.y, { synapse: options.bSynapse ?? 0.01 });
  return system
    .wire(b.out.y, c.in.u, { delaySteps: 3 })
    .probe(a.out.y)
    .probe(b.out.y, { synapse: options.bSynapse ?? 0.01 })
    .probe(c.out.y);
}
