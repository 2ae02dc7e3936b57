import { BuildError, type NeuronKind, type NeuronType, Rng, SnapshotError } from "@plexus/core";
import { libm } from "@plexus/core/runtime";
import { defaultNeuronKernels, type FusedCurrentSource, type NeuronSourceContext, type SimulatorNeuronKernel } from "@plexus/kernels";
import { lit } from "../internal/codegen.js";
import { currentTakers, type FusedCurrent } from "../internal/fuseNeuronInputs.js";
import type { Emitter, Kernel, KernelContext, KernelState } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What a neuron kernel steps: one ensemble's neurons. */
export interface NeuronKernelSpec {
  readonly neuronType: NeuronType;
  readonly nNeurons: number;
  /** The input current J (read). */
  readonly input: Signal;
  /** The output: rates, or spikes of height amplitude/dt (set). */
  readonly output: Signal;
  /** Each state variable of `neuronType.stateSpec` (set). */
  readonly state: Readonly<Record<string, Signal>>;
  readonly owner: string;
  /**
   * The path of the neurons' run-time generator (for `stochastic` types), seeded from the
   * simulator's seed (default `[owner, "neurons"]`; the builder gives the ensemble's seed).
   */
  readonly seedPath?: readonly (string | number)[];
}

/** Builds the step kernel of a neuron type (an entry of `Registry.neurons`). */
export type NeuronKernelBuilder = (spec: NeuronKernelSpec, ctx: KernelContext) => Kernel;

function access(spec: NeuronKernelSpec): Pick<Kernel, "reads" | "sets" | "incs" | "updates" | "owner" | "role"> {
  return {
    owner: spec.owner,
    role: `${spec.neuronType.kind} neurons`,
    reads: [spec.input],
    sets: [spec.output, ...Object.values(spec.state)],
    incs: [],
    updates: [],
  };
}

/**
 * Any neuron type: calls its allocation-free `step(dt, J, output, state)` on views of the arena
 * (Nengo's `SimNeurons`).
 */
export const neuronStepKernel: NeuronKernelBuilder = (spec) => ({
  ...access(spec),
  emit(e) {
    const state: Record<string, Float64Array> = {};
    for (const [name, sig] of Object.entries(spec.state)) state[name] = e.view(sig);
    const T = e.bind(spec.neuronType, "type");
    const J = e.bind(e.view(spec.input), "J");
    const O = e.bind(e.view(spec.output), "out");
    const S = e.bind(Object.freeze(state), "state");
    if (!spec.neuronType.stochastic) return `${T}.step(${lit(e.dt)}, ${J}, ${O}, ${S});\n`;
    // a stochastic type draws from a generator seeded from the ensemble's seed, kept in snapshots
    const holder = { rng: new Rng(0) };
    e.onReset((rngFor) => {
      holder.rng = rngFor(...(spec.seedPath ?? [spec.owner, "neurons"]));
    });
    e.persist(rngState(spec.owner, holder));
    const H = e.bind(holder, "neuronRng");
    return `${T}.step(${lit(e.dt)}, ${J}, ${O}, ${S}, ${H}.rng);\n`;
  },
});

/** The snapshot state of a neuron kernel's generator. */
function rngState(owner: string, holder: { rng: Rng }): KernelState {
  return {
    owner,
    save: () => Float64Array.from(holder.rng.getState()),
    load(values) {
      try {
        holder.rng.setState(values);
      } catch (cause) {
        throw new SnapshotError(`${owner}: the snapshot's neuron generator state is invalid`, { label: owner, cause });
      }
    },
  };
}

/** What a generated neuron kernel (from `@plexus/kernels`) writes its source with, from the emitter. */
function sourceContext(e: Emitter, spec: NeuronKernelSpec): NeuronSourceContext {
  const state: Record<string, number> = {};
  for (const [name, sig] of Object.entries(spec.state)) state[name] = e.offset(sig);
  return {
    A: e.A,
    dt: e.dt,
    nNeurons: spec.nNeurons,
    entryBytes: e.entryBytes,
    input: e.offset(spec.input),
    output: e.offset(spec.output),
    state,
    spikeList: () => e.activeList(spec.output, true),
    scratch: (size, hint) => e.scratch(size, hint),
    simd: (name, ints, floats) => e.simd(name, ints, floats),
    libm: (name) => e.bind(libm[name], name),
    bind: (value, hint) => e.bind(value, hint),
  };
}

function currentSource(e: Emitter, current: FusedCurrent): FusedCurrentSource {
  const enc = current.encoders;
  return {
    bias: e.offset(current.bias),
    encoders: enc === null ? null : { weights: e.offset(enc.weights), x: e.offset(enc.x), cols: enc.cols },
    expr: current.expr,
    prelude: current.prelude,
  };
}

/**
 * The simulator kernel of a neuron type's generated-JS kernel (see `@plexus/kernels`): where the
 * generated kernel accepts the type it emits its source (and may take the input current as an
 * expression, see fuseNeuronInputs), else the type's own `step` runs.
 */
export function generatedNeuronKernel(generated: SimulatorNeuronKernel): NeuronKernelBuilder {
  return (spec, ctx) => {
    const base = neuronStepKernel(spec, ctx);
    if (!generated.accepts(spec.neuronType, Object.keys(spec.state))) return base;
    const source = (e: Emitter, current: FusedCurrent | null): string =>
      generated.source(spec.neuronType, sourceContext(e, spec), current === null ? null : currentSource(e, current));
    const kernel: Kernel = { ...base, emit: (e) => source(e, null) };
    currentTakers.set(kernel, source);
    return kernel;
  };
}

/** Nengo's LIF step inlined (the same operations as `LIF.step`; WebAssembly SIMD where the arena is a WebAssembly memory). */
export const lifKernel: NeuronKernelBuilder = builtInKernel("LIF");

/** Nengo's Sigmoid inlined (the same operations as `Sigmoid.step`). */
export const sigmoidKernel: NeuronKernelBuilder = builtInKernel("Sigmoid");

/** The generated kernel `@plexus/kernels` has for `kind`. */
function builtInKernel(kind: NeuronKind): NeuronKernelBuilder {
  const k = defaultNeuronKernels[kind]?.simulator;
  if (k === undefined) throw new BuildError(`@plexus/kernels has no simulator kernel for ${kind}; rebuild @plexus/kernels`);
  return generatedNeuronKernel(k);
}

/**
 * The simulator's neuron kernels by kind, from `@plexus/kernels`: a generated kernel where the
 * kind has one, and `"*"`: any other kind through its own `step`.
 */
export function neuronKernelBuilders(): Record<string, NeuronKernelBuilder> {
  const out: Record<string, NeuronKernelBuilder> = {};
  for (const k of Object.values(defaultNeuronKernels)) if (k?.simulator !== undefined) out[k.kind] = generatedNeuronKernel(k.simulator);
  out["*"] = neuronStepKernel;
  return out;
}
