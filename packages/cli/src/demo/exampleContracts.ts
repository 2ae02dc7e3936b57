import type { Network } from "@plexus/core";

/** What the demo uses of examples/seed-rescaling/main.ts. */
export interface SeedRescalingExample {
  /** The channel of the report, and the parameter name of its learned input-port transform. */
  channel(seed: number): { readonly net: Network<{ u: 1 }, { y: 1 }>; readonly inputTransform: string };
  /** Undefined when a run is as expected, else what is not (with its numbers). */
  verdict(run: {
    readonly simT: number;
    readonly trainLoss: number;
    readonly deployedLoss: number;
    readonly portMse: number;
    readonly bypassMse: number;
    readonly inputTransform: number;
  }): string | undefined;
}
