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

/** What the demo uses of examples/coupled-loop/main.ts. */
export interface CoupledLoopExample {
  runCoupledLoop(options: {
    readonly quick?: boolean;
    readonly seed?: number;
    readonly bundleDir?: string;
    readonly plotStep?: number;
    readonly onProgress?: (event: { readonly stage: string; readonly state: "start" | "done"; readonly done?: number; readonly total?: number }) => void;
    readonly onWarning?: (message: string) => void;
  }): Promise<CoupledLoopExampleResult>;
}

export interface CoupledLoopExampleResult {
  readonly description: string;
  readonly seconds: number;
  readonly dt: number;
  readonly subnetworks: readonly {
    readonly name: string;
    readonly role: string;
    readonly network: string;
    readonly trainer: string;
    readonly engine: string;
    readonly epochs: number;
    readonly trainLoss: number;
    readonly deployedLoss: number;
    readonly trainSeconds: number;
    /** Absolute path. */
    readonly bundle: string;
    readonly bundleBytes: number;
    readonly reloadCheck: "identical" | "differs";
  }[];
  readonly loops: readonly { readonly path: string; readonly delaySteps: number; readonly sum: string }[];
  readonly error: { readonly compared: string; readonly rmse: number; readonly idealRms: number };
  readonly stateError: { readonly compared: string; readonly rmse: number; readonly idealRms: number };
  readonly frequency: { readonly idealHz: number; readonly measuredHz: number };
  readonly amplitude: {
    readonly ideal: number;
    readonly finalMean: number;
    readonly finalStd: number;
    readonly start: number;
    readonly withoutGovernorStart: number;
    readonly withoutGovernorEnd: number;
  };
  readonly coupledEqualsComposed: boolean;
  readonly reloadedLoopIdentical: boolean;
  readonly timings: { readonly coupledStepsPerSecond: number };
  readonly signals: { readonly t: readonly number[]; readonly series: readonly { readonly name: string; readonly values: readonly number[] }[] };
  readonly trainerWarnings: readonly string[];
}
