import { type Network, Rng, TrainingError, validate } from "@plexus/core";
import type { CompiledModel, CompileOptions, Engine } from "../engine/CompiledModel.js";
import { buildGraph } from "../engine/internal/graph.js";
import { resolveCompileOptions } from "../engine/internal/resolveOptions.js";
import { simulatorInitialValues } from "../engine/internal/simulatorValues.js";
import type { TfjsBackendName } from "./internal/backend.js";

export type { TfjsBackendName } from "./internal/backend.js";

/** Options of {@link TfjsEngine}. */
export interface TfjsEngineOptions {
  /**
   * The tfjs backend, each from its own package, an optional peer dependency of the trainer:
   * `"tensorflow"` (`@tensorflow/tfjs-node`, native TensorFlow), `"wasm"`
   * (`@tensorflow/tfjs-backend-wasm`; SIMD, no threads in Node) or `"cpu"`
   * (`@tensorflow/tfjs-backend-cpu`, plain JavaScript). `"auto"` (default): the first of these
   * three that is installed and starts.
   */
  readonly backend?: TfjsBackendName;
}

/** The engine's tfjs modules, imported on first use (a failure is the trainer's installation's, not the network's). */
async function loadTfjs() {
  try {
    const [backend, gradients, model] = await Promise.all([
      import("./internal/backend.js"),
      import("./internal/gradients.js"),
      import("./internal/TfjsModel.js"),
    ]);
    return { ...backend, ...gradients, ...model };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new TrainingError(
      `TfjsEngine: TensorFlow.js could not load: ${why} (the error is this one's cause); @tensorflow/tfjs-core 4.22 is a dependency of @plexus/trainer: reinstall it`,
      { label: "TfjsEngine", cause },
    );
  }
}

/**
 * The TensorFlow.js gradient engine: the same compiled graph as {@link TypedEngine}, unrolled as
 * tfjs ops in float32 and differentiated by tfjs's tape (whatever `dtype` asks). Parameters are
 * kept in float64 beside the tfjs variables so that optimiser states carry over between engines.
 * tfjs is loaded on the first `compile`.
 */
export class TfjsEngine implements Engine {
  readonly name = "tfjs" as const;
  readonly backend: TfjsBackendName;

  constructor(options: TfjsEngineOptions = {}) {
    this.backend = options.backend ?? "auto";
  }

  /**
   * @throws ValidationError when the network is invalid; BuildError when it uses something the
   *   engine cannot differentiate; TrainingError when the backend asked for cannot start (the
   *   message names the npm package to install when it is missing) or TensorFlow.js cannot load.
   */
  async compile(net: Network, options: CompileOptions = {}): Promise<CompiledModel> {
    const o = resolveCompileOptions(net, options);
    validate(net);
    const { selectBackend, registerGradients, TfjsModel } = await loadTfjs();
    // The backend first: a missing package is then reported before the gradients' loader hook is
    // in the chain (whose frame would otherwise sit in the import error's stack).
    const backend = await selectBackend(this.backend);
    await registerGradients();
    const init = simulatorInitialValues(net, o.dt, options.seed);
    const graph = buildGraph(net, init, o);
    const rng = new Rng(o.seed);
    const states = new Map<number, Readonly<Record<string, Float64Array>>>();
    for (const s of graph.signals) {
      if (s.kind !== "ensemble" || (s.ens.neurons.infer !== null && !s.ens.neurons.trainStep)) continue;
      states.set(s.id, s.ens.initialState ?? s.ens.neurons.type.makeState(s.ens.n, rng));
    }
    return new TfjsModel(graph, backend, states, o.loss === "mse" ? null : o.loss);
  }
}
