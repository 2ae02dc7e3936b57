import { SimulationError } from "../../errors.js";
import type { Rng } from "../../Rng.js";

/** The generator a stochastic type's step was given. @throws SimulationError when there is none. */
export function requireRng(kind: string, rng: Rng | undefined): Rng {
  if (rng === undefined) {
    throw new SimulationError(
      `${kind}.step: a stochastic neuron type needs a generator; pass step(dt, J, output, state, rng) a seeded Rng (the simulator passes one seeded from the ensemble's seed)`,
    );
  }
  return rng;
}
