// The default parametrisation is nengo_dl's: the seed task set up as nengo_dl sets it up (scaled
// encoders, biases and weights all trained) follows an independent float64 implementation of that
// model (reference/gen_nengo_dl_seed.py) step for step. The PyTorch parity suites keep the
// parametrisation their reference was built with (encoders: "unit").
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, loadReferenceBeside } from "../../../../test/support/reference.js";
import { adam, OptimizerState } from "../../src/engine/Optimizer.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { seedTask } from "./tasks.js";

interface NengoDlSeed {
  readonly epochs: number;
  readonly first_minibatch: {
    readonly loss: number;
    readonly grad_scaled_enc: number[];
    readonly grad_bias: number[];
    readonly grad_w_in: number[];
    readonly grad_dec: number[];
  };
  readonly mse_after_epoch: number[];
  readonly final: { readonly enc: number[]; readonly bias: number[]; readonly w_in: number; readonly dec: number[] };
}

const ref = loadReferenceBeside<NengoDlSeed>(import.meta.url, "reference/nengo_dl_seed.json");

/** The seed task with everything nengo_dl trains by default: encoders, biases, both connections' weights. */
function nengoDlSeed() {
  const task = seedTask();
  task.net.config.setTrainable(defined(task.net.ensembles[0]).neurons, true);
  return task;
}

describe("nengo_dl's parametrisation is the default", () => {
  it("trains the scaled encoders and the biases: the first minibatch's gradients are nengo_dl's", () => {
    const task = nengoDlSeed();
    const model = new TypedEngine().compile(task.net);
    task.setInitial(model);
    const fm = ref.first_minibatch;
    const loss = model.lossAndGradients(task.minibatch(task.ref.first_minibatch.minibatch_indices));
    expectAllClose([loss], [fm.loss], { rtol: 1e-12, atol: 0, what: "loss" });
    expectAllClose(model.gradient(task.names.enc), fm.grad_scaled_enc, { rtol: 1e-9, atol: 1e-300, what: "grad of the scaled encoders" });
    expectAllClose(model.gradient(task.names.bias), fm.grad_bias, { rtol: 1e-9, atol: 1e-300, what: "grad bias" });
    expectAllClose(model.gradient(task.names.w_in), fm.grad_w_in, { rtol: 1e-9, atol: 0, what: "grad w_in" });
    expectAllClose(model.gradient(task.names.dec), fm.grad_dec, { rtol: 1e-9, atol: 1e-300, what: "grad dec" });
    // getParameter still speaks the encoders the simulator runs.
    expectAllClose(model.getParameter(task.names.enc), task.ref.initial.enc, { rtol: 1e-15, atol: 0, what: "encoders as set" });
  });

  it("trains alike: every epoch's MSE and the final parameters follow nengo_dl's model", () => {
    const task = nengoDlSeed();
    const model = new TypedEngine().compile(task.net);
    task.setInitial(model);
    const o = task.ref.optimizer;
    const opt = new OptimizerState(adam({ learningRate: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.eps }));
    const mb = task.ref.minibatch;
    const mse: number[] = [];
    for (let e = 0; e < ref.epochs; e++) {
      const perm = defined(task.ref.perms[e]);
      for (let i = 0; i < task.batchesPerEpoch; i++) {
        model.lossAndGradients(task.minibatch(perm.slice(i * mb, (i + 1) * mb)));
        model.applyOptimizer(opt);
      }
      mse.push(model.evaluate(task.full));
    }
    expectAllClose(mse, ref.mse_after_epoch, { rtol: 1e-8, atol: 0, what: "mse after epoch" });
    expectAllClose(model.getParameter(task.names.enc), ref.final.enc, { rtol: 1e-8, atol: 1e-300, what: "final encoders" });
    expectAllClose(model.getParameter(task.names.bias), ref.final.bias, { rtol: 1e-8, atol: 1e-300, what: "final bias" });
    expectAllClose(model.getParameter(task.names.dec), ref.final.dec, { rtol: 1e-8, atol: 1e-300, what: "final dec" });
    expectAllClose(model.getParameter(task.names.w_in), [ref.final.w_in], { rtol: 1e-8, atol: 0, what: "final w_in" });
  });

  it('the unit parametrisation (encoders: "unit") stays available and trains something else', () => {
    const task = nengoDlSeed();
    const unit = new TypedEngine().compile(task.net, { encoders: "unit" });
    task.setInitial(unit);
    unit.lossAndGradients(task.minibatch(task.ref.first_minibatch.minibatch_indices));
    // d loss / d unit encoder = gain · d loss / d scaled encoder: up to gain (tens) times larger.
    const gUnit = unit.gradient(task.names.enc);
    for (let i = 0; i < gUnit.length; i++)
      expect(defined(gUnit[i])).toBeCloseTo(defined(task.ref.gain[i]) * defined(ref.first_minibatch.grad_scaled_enc[i]), 10);
    expect(() => new TypedEngine().compile(task.net, { encoders: "other" as "unit" })).toThrow(/encoders: must be "scaled" \(nengo_dl's\) or "unit"/);
  });
});
