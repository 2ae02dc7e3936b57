import { type Process, type ProcessStep, Rng, SnapshotError } from "@plexus/core";
import type { Kernel, KernelState } from "../Kernel.js";
import type { Signal } from "../Signal.js";

/** A process driving a Node's output (set) or an ensemble's noise (inc), Nengo's `SimProcess`. */
export interface ProcessKernelSpec {
  readonly process: Process;
  /** The process input (a fresh copy each step, as Nengo's: a step may keep it); null: none. */
  readonly input: Signal | null;
  /** Null: a node of size 0 out, whose process still steps (for what it does besides output). */
  readonly output: Signal | null;
  readonly mode: "set" | "inc";
  /** Seed path of the process's generator, mixed with the simulator's seed (unless the process has a seed): the owner's seed and a tag. */
  readonly seedPath: readonly (string | number)[];
  readonly owner: string;
}

/**
 * Runs `process.makeStep(sizeIn, sizeOut, dt, rng)` each step; the step function is made again
 * at every reset, with a fresh generator (`process.seed`, else the simulator's seed and the
 * seed path), so a reset replays the same draws.
 */
export function processKernel(spec: ProcessKernelSpec): Kernel {
  return {
    owner: spec.owner,
    role: `process ${spec.process.kind}`,
    reads: spec.input === null ? [] : [spec.input],
    sets: spec.mode === "set" && spec.output !== null ? [spec.output] : [],
    incs: spec.mode === "inc" && spec.output !== null ? [spec.output] : [],
    updates: [],
    emit(e) {
      const fail = e.failer(spec.owner);
      const sizeIn = spec.input?.size ?? 0;
      const sizeOut = spec.output?.size ?? 0;
      const input = spec.input === null ? null : e.view(spec.input);
      const none = new Float64Array(0);
      const out = spec.output === null ? none : e.view(spec.output);
      const scratch = spec.mode === "inc" ? new Float64Array(sizeOut) : out;
      let step: ProcessStep = () => undefined;
      let rng = new Rng(0);
      e.onReset((rngFor) => {
        rng = spec.process.seed !== undefined ? new Rng(spec.process.seed) : rngFor(...spec.seedPath);
        step = spec.process.makeStep(sizeIn, sizeOut, e.dt, rng);
      });
      e.persist(
        processState(
          spec.owner,
          () => rng,
          () => step,
        ),
      );
      const call = (t: number): void => {
        const x = input === null ? none : input.slice();
        try {
          step(t, x, scratch);
        } catch (cause) {
          fail(`process ${spec.process.kind} threw: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
        }
        if (scratch !== out) for (let i = 0; i < sizeOut; i++) out[i] = (out[i] ?? 0) + (scratch[i] ?? 0);
      };
      return `${e.bind(call, "process")}(${e.t});\n`;
    },
  };
}

/** RNG_WORDS numbers of the generator (Rng.getState), then the step's own `state`, if any. */
const RNG_WORDS = 7;

/** A process's run-time state: its generator and its step's `state` (see ProcessStep.state). */
function processState(owner: string, rng: () => Rng, step: () => ProcessStep): KernelState {
  return {
    owner,
    save() {
      const own = step().state;
      const out = new Float64Array(RNG_WORDS + (own?.length ?? 0));
      out.set(rng().getState());
      if (own !== undefined) out.set(own, RNG_WORDS);
      return out;
    },
    load(values) {
      const own = step().state;
      if (values.length !== RNG_WORDS + (own?.length ?? 0)) {
        throw new SnapshotError(`${owner}: the snapshot holds ${values.length} numbers of process state, this process has ${RNG_WORDS + (own?.length ?? 0)}`, {
          label: owner,
        });
      }
      try {
        rng().setState(values.subarray(0, RNG_WORDS));
      } catch (cause) {
        throw new SnapshotError(`${owner}: the snapshot's generator state is invalid`, { label: owner, cause });
      }
      own?.set(values.subarray(RNG_WORDS));
    },
  };
}
