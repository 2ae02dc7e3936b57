import { type Network, validate } from "@plexus/core";
import type { CompiledModel, CompileOptions, Engine } from "./CompiledModel.js";
import { generateKernels } from "./internal/codegen.js";
import { buildGraph } from "./internal/graph.js";
import { resolveCompileOptions } from "./internal/resolveOptions.js";
import { simulatorInitialValues } from "./internal/simulatorValues.js";
import { TypedModel } from "./internal/TypedModel.js";

/**
 * The typed-array gradient engine (the default on CPU). It compiles the same IR the simulator
 * runs, unrolled over the data's steps and minibatched: port inputs → connections → ensembles →
 * decoded connections → synapses (Nengo's one-step delay) → output ports, with recurrent
 * connections back-propagated through time. The planner pairs every forward kernel with its
 * adjoint and emits one fused function per pass over preallocated Float64Array (or Float32Array)
 * buffers; a training step allocates nothing.
 *
 * Initial parameters come from the simulator's build of the network (decoders from its solver).
 */
export class TypedEngine implements Engine {
  readonly name = "typed" as const;

  /**
   * @throws ValidationError when the network is invalid; BuildError when it uses something the
   *   engine cannot differentiate (functions of node inputs, processes, noise, neuron types
   *   without a rate curve, cycles without synapses).
   */
  compile(net: Network, options: CompileOptions = {}): CompiledModel {
    const o = resolveCompileOptions(net, options);
    validate(net);
    const init = simulatorInitialValues(net, o.dt, options.seed);
    const graph = buildGraph(net, init, o);
    return new TypedModel(graph, generateKernels(graph), { dtype: o.dtype, seed: o.seed, loss: o.loss });
  }
}

/** The typed-array engine. */
export const typedEngine: Engine = new TypedEngine();
