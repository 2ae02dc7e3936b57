import type { SeedRescalingJobResult } from "../seedRescalingRun.js";

/** What a worker of part 1 posts to the main thread. */
export type WorkerMessage =
  | { readonly kind: "epoch"; readonly id: number; readonly epoch: number; readonly loss: number }
  | { readonly kind: "result"; readonly id: number; readonly result: SeedRescalingJobResult }
  | { readonly kind: "done" }
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly stack: string };
