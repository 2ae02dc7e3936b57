import { TrainingError, ValidationError } from "@plexus/core";
import { kindOf, libm } from "@plexus/core/runtime";

/** Adam, as PyTorch's `torch.optim.Adam` (bias-corrected, no weight decay, no amsgrad). */
export interface AdamSpec {
  readonly kind: "adam";
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** Plain stochastic gradient descent, with optional momentum (PyTorch's `torch.optim.SGD`). */
export interface SgdSpec {
  readonly kind: "sgd";
  readonly learningRate: number;
  readonly momentum: number;
}

/** An optimiser and its hyperparameters. */
export type OptimizerSpec = AdamSpec | SgdSpec;

function check(object: string, attr: string, v: number, ok: (v: number) => boolean, want: string): void {
  if (!(typeof v === "number" && Number.isFinite(v) && ok(v))) {
    throw new ValidationError({ object, attr, message: `must be ${want} (got ${String(v)})` });
  }
}

/** The options of an optimiser factory, checked to be an object before any field is read. */
function optimizerOptions(options: unknown, object: string, example: string): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValidationError({ object, attr: "options", message: `must be an options object, e.g. ${example} (got ${kindOf(options)})` });
  }
}

/**
 * Adam with PyTorch's bias correction.
 * @param options learningRate (default 1e-3), beta1 (0.9), beta2 (0.999), epsilon (1e-8).
 * @throws ValidationError when a hyperparameter is out of range.
 */
export function adam(options: { readonly learningRate?: number; readonly beta1?: number; readonly beta2?: number; readonly epsilon?: number } = {}): AdamSpec {
  optimizerOptions(options, "adam", "adam({ learningRate: 1e-3 }) or adam({}) for the defaults");
  const { learningRate = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  check("adam", "learningRate", learningRate, (v) => v > 0, "a number > 0");
  check("adam", "beta1", beta1, (v) => v >= 0 && v < 1, "in [0, 1)");
  check("adam", "beta2", beta2, (v) => v >= 0 && v < 1, "in [0, 1)");
  check("adam", "epsilon", epsilon, (v) => v >= 0, "a number >= 0");
  return Object.freeze({ kind: "adam", learningRate, beta1, beta2, epsilon });
}

/**
 * Stochastic gradient descent: `p -= learningRate · g` (with momentum `m`: `v = m·v + g`, `p -= lr·v`).
 * @throws ValidationError when a hyperparameter is out of range.
 */
export function sgd(options: { readonly learningRate: number; readonly momentum?: number }): SgdSpec {
  optimizerOptions(options, "sgd", "sgd({ learningRate: 0.01 })");
  const { learningRate, momentum = 0 } = options;
  check("sgd", "learningRate", learningRate, (v) => v > 0, "a number > 0");
  check("sgd", "momentum", momentum, (v) => v >= 0 && v < 1, "in [0, 1)");
  return Object.freeze({ kind: "sgd", learningRate, momentum });
}

/**
 * The running state of an optimiser (step count and moment buffers per parameter name), kept
 * apart from the model so that one state can follow a parameter set across engines and saves.
 * Buffers are float64 and allocated on a parameter's first update.
 */
export class OptimizerState {
  /** Number of steps applied so far. */
  step = 0;
  /** Moment buffers per parameter name (Adam: first and second moments; SGD with momentum: velocity). */
  readonly slots = new Map<string, Float64Array[]>();

  constructor(readonly spec: OptimizerSpec) {}

  /** Starts a new step: call once per optimiser step, before the `update`s of that step. */
  beginStep(): void {
    this.step++;
  }

  /**
   * Updates one parameter in place from its gradient (the same length), as the current step.
   * Arithmetic in float64; a Float32Array parameter is rounded on store.
   */
  update(name: string, param: Float64Array | Float32Array, grad: ArrayLike<number>): void {
    const n = param.length;
    const spec = this.spec;
    if (grad.length !== n)
      throw new TrainingError(`${spec.kind} update of '${name}': the gradient has ${grad.length} entries, the parameter ${n}; give one per entry`, {
        label: name,
      });
    let slots = this.slots.get(name);
    if (slots === undefined) {
      slots = spec.kind === "adam" ? [new Float64Array(n), new Float64Array(n)] : spec.momentum > 0 ? [new Float64Array(n)] : [];
      this.slots.set(name, slots);
    }
    for (const slot of slots) if (slot.length !== n) throw slotSize(name, slot.length, n);
    if (spec.kind === "adam") {
      const [m, v] = slots;
      if (m === undefined || v === undefined) throw slotsMissing(name, slots.length);
      const { beta1, beta2, epsilon, learningRate } = spec;
      const t = this.step;
      // torch.optim.Adam (single-tensor path): exp_avg.mul_(b1).add_(g, alpha=1-b1);
      // exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2); denom = sqrt(v)/sqrt(bc2) + eps;
      // p.addcdiv_(m, denom, value=-lr/bc1).
      const bc1 = 1 - libm.pow(beta1, t);
      const bc2Sqrt = Math.sqrt(1 - libm.pow(beta2, t));
      const stepSize = learningRate / bc1;
      const a1 = 1 - beta1;
      const a2 = 1 - beta2;
      // grad, m, v and param hold n entries (checked above), so every read is in range: plain
      // reads, as in the SGD loops below (the checked helpers cost up to ~10% here with a
      // Float32Array parameter, and 5-30% in SGD's cheaper loops; update() micro-benchmark).
      for (let i = 0; i < n; i++) {
        const g = grad[i] as number;
        const mi = (m[i] as number) * beta1 + a1 * g;
        const vi = (v[i] as number) * beta2 + a2 * g * g;
        m[i] = mi;
        v[i] = vi;
        const denom = Math.sqrt(vi) / bc2Sqrt + epsilon;
        param[i] = (param[i] as number) + (-stepSize * mi) / denom;
      }
    } else {
      const lr = spec.learningRate;
      if (spec.momentum > 0) {
        const [vel] = slots;
        if (vel === undefined) throw slotsMissing(name, slots.length);
        const first = this.step === 1;
        // grad, vel and param hold n entries (checked above): plain reads, as in Adam's loop.
        for (let i = 0; i < n; i++) {
          const g = grad[i] as number;
          const vi = first ? g : (vel[i] as number) * spec.momentum + g;
          vel[i] = vi;
          param[i] = (param[i] as number) - lr * vi;
        }
      } else {
        for (let i = 0; i < n; i++) param[i] = (param[i] as number) - lr * (grad[i] as number);
      }
    }
  }
}

function slotsMissing(name: string, have: number): TrainingError {
  return new TrainingError(
    `optimizer state of '${name}': ${have} moment buffers in slots, fewer than the optimiser keeps; leave OptimizerState.slots to the optimiser`,
    {
      label: name,
    },
  );
}

function slotSize(name: string, have: number, n: number): TrainingError {
  return new TrainingError(
    `optimizer state of '${name}': a moment buffer of ${have} entries for a parameter of ${n}; leave OptimizerState.slots to the optimiser (one state per model)`,
    { label: name },
  );
}

/** A fresh optimiser state for `spec`. */
export function optimizerState(spec: OptimizerSpec): OptimizerState {
  return new OptimizerState(spec);
}
