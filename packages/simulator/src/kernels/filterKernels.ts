import { BuildError, type DiscreteFilter, type Synapse } from "@plexus/core";
import { lit } from "../internal/codegen.js";
import type { Kernel, KernelContext } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** What a synapse kernel filters: `dims` channels from `input` into `output`, in update mode. */
export interface SynapseKernelSpec {
  readonly synapse: Synapse;
  readonly input: Signal;
  readonly output: Signal;
  readonly owner: string;
}

/** Builds the kernel of a synapse (an entry of `Registry.synapses`, by synapse kind). */
export type SynapseKernelBuilder = (spec: SynapseKernelSpec, ctx: KernelContext, registry: { readonly filterSteps: FilterSteps }) => Kernel;

/** Builds the kernel of one of Nengo's LinearFilter steps for a discretised filter. */
export type FilterKernelBuilder = (filter: DiscreteFilter, spec: SynapseKernelSpec, ctx: KernelContext) => Kernel;

/** Kernels per LinearFilter step kind. */
export type FilterSteps = { readonly [K in DiscreteFilter["stepKind"]]: FilterKernelBuilder };

function updateAccess(spec: SynapseKernelSpec, role: string): Pick<Kernel, "reads" | "sets" | "incs" | "updates" | "owner" | "role"> {
  return { owner: spec.owner, role, reads: [spec.input], sets: [], incs: [], updates: [spec.output] };
}

/** A loop over channels, unrolled for a few. */
function channels(dims: number, body: (j: number | string) => string): string {
  if (dims <= 4) {
    let s = "";
    for (let j = 0; j < dims; j++) s += `{\n${body(j)}}\n`;
    return s;
  }
  return `for (let j = 0; j < ${dims}; j++) {\n${body("j")}}\n`;
}

const idx = (base: number, j: number | string): string => (typeof j === "number" ? String(base + j) : `${base} + ${j}`);

/** `y = d·u` (Nengo's `LinearFilter.NoX`, e.g. Lowpass(0)). */
export const noXKernel: FilterKernelBuilder = (f, spec) => ({
  ...updateAccess(spec, "synapse (NoX)"),
  emit(e) {
    const u = e.offset(spec.input);
    const y = e.offset(spec.output);
    return channels(spec.output.size, (j) => `${e.A}[${idx(y, j)}] = ${lit(f.d)} * ${e.A}[${idx(u, j)}];\n`);
  },
});

/** `x = a·x + b·u`, `y = x` with `b = C·B` (Nengo's `LinearFilter.OneX`, e.g. Lowpass): the output is the state. */
export const oneXKernel: FilterKernelBuilder = (f, spec) => ({
  ...updateAccess(spec, "synapse (OneX)"),
  emit(e) {
    const a = lit(coefficient(f.a, 0, spec));
    const b = lit(coefficient(f.c, 0, spec) * coefficient(f.b, 0, spec));
    const u = e.offset(spec.input);
    const y = e.offset(spec.output);
    return channels(spec.output.size, (j) => `${e.A}[${idx(y, j)}] = ${a} * ${e.A}[${idx(y, j)}] + ${b} * ${e.A}[${idx(u, j)}];\n`);
  },
});

/** Entry i of a state-space matrix of the filter (A, B or C), which its order sizes. */
function coefficient(m: Float64Array, i: number, spec: SynapseKernelSpec): number {
  const v = m[i];
  if (v === undefined)
    throw new BuildError(`${spec.owner}: the synapse's state-space matrices are smaller than its order; check the filter's num and den`, { label: spec.owner });
  return v;
}

function stateSpace(f: DiscreteFilter, spec: SynapseKernelSpec, ctx: KernelContext, general: boolean): Kernel {
  const n = f.order;
  const dims = spec.output.size;
  // state i of channel j at i·dims + j, as Nengo's X (order × dims)
  const state = ctx.signal(`${spec.owner}.synapse.X`, n * dims);
  return {
    ...updateAccess(spec, general ? "synapse (General)" : "synapse (NoD)"),
    updates: [spec.output, state],
    emit(e) {
      const A = e.A;
      const u = e.offset(spec.input);
      const y = e.offset(spec.output);
      const x = e.offset(state);
      const xs = (i: number, j: number | string): string => `${A}[${idx(x + i * dims, j)}]`;
      return channels(dims, (j) => {
        let s = `const u = ${A}[${idx(u, j)}];\n`;
        for (let i = 0; i < n; i++) s += `const x${i} = ${xs(i, j)};\n`;
        const ax = (i: number): string => {
          const terms: string[] = [];
          for (let k = 0; k < n; k++) terms.push(`${lit(coefficient(f.a, i * n + k, spec))} * x${k}`);
          return `${terms.join(" + ")} + ${lit(coefficient(f.b, i, spec))} * u`;
        };
        if (general) {
          const cy = Array.from({ length: n }, (_, i) => `${lit(coefficient(f.c, i, spec))} * x${i}`).join(" + ");
          s += `${A}[${idx(y, j)}] = ${cy} + ${lit(f.d)} * u;\n`;
          for (let i = 0; i < n; i++) s += `${xs(i, j)} = ${ax(i)};\n`;
        } else {
          for (let i = 0; i < n; i++) s += `const n${i} = ${ax(i)};\n${xs(i, j)} = n${i};\n`;
          s += `${A}[${idx(y, j)}] = ${Array.from({ length: n }, (_, i) => `${lit(coefficient(f.c, i, spec))} * n${i}`).join(" + ")};\n`;
        }
        return s;
      });
    },
  };
}

/** `x = A x + B u`, `y = C x` (Nengo's `LinearFilter.NoD`, e.g. Alpha). */
export const noDKernel: FilterKernelBuilder = (f, spec, ctx) => stateSpace(f, spec, ctx, false);

/** `y = C x + D u`, then `x = A x + B u` (Nengo's `LinearFilter.General`). */
export const generalKernel: FilterKernelBuilder = (f, spec, ctx) => stateSpace(f, spec, ctx, true);

/** The default kernels of the four LinearFilter steps. */
export const defaultFilterSteps: FilterSteps = { noX: noXKernel, oneX: oneXKernel, noD: noDKernel, general: generalKernel };

/**
 * A linear filter (LinearFilter, Lowpass, Alpha): discretised for `dt`, then stepped inline with
 * its coefficients as constants by the kernel of its step kind.
 */
export const linearFilterKernel: SynapseKernelBuilder = (spec, ctx, registry) => {
  const f = spec.synapse.discretize(ctx.dt);
  return registry.filterSteps[f.stepKind](f, spec, ctx);
};

/**
 * Any synapse: runs its own stepper (`synapse.makeStepper(dt, dims, state)`) with the state in
 * the arena (e.g. Triangle, whose recursive FIR step is Nengo's).
 */
export const stepperKernel: SynapseKernelBuilder = (spec, ctx) => {
  const syn: Partial<Synapse> = spec.synapse;
  if (typeof syn.discretize !== "function" || typeof syn.makeStepper !== "function") {
    // Nengo: "Synapse subclasses must implement make_state"
    throw new BuildError(
      `${spec.owner}: the synapse ${spec.synapse.constructor.name} must implement discretize and makeStepper, or have a kernel registered for its kind`,
      { label: spec.owner },
    );
  }
  const dims = spec.output.size;
  const size = spec.synapse.stateSize(ctx.dt) * dims;
  const state = ctx.signal(`${spec.owner}.synapse.state`, size);
  return {
    ...updateAccess(spec, `synapse (${spec.synapse.kind})`),
    updates: [spec.output, state],
    emit(e) {
      const stepper = spec.synapse.makeStepper(e.dt, dims, e.view(state));
      const S = e.bind(stepper, "stepper");
      const U = e.bind(e.view(spec.input), "u");
      const Y = e.bind(e.view(spec.output), "y");
      return `${S}.step(${U}, ${Y});\n`;
    },
  };
};
