// The tfjs engine (float32, wasm backend) against the typed engine and the reference trajectories.
// tfjs computes in float32 throughout (its sums over batch × steps too), so gradients are compared
// norm-wise: max |a - e| / max |e| per parameter (a component that is a near-cancelling sum has
// a larger relative error on its own).
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose, flat } from "../../../../test/support/reference.js";
import type { CompiledModel } from "../../src/engine/CompiledModel.js";
import { adam, OptimizerState } from "../../src/engine/Optimizer.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { TfjsEngine } from "../../src/tfjs/TfjsEngine.js";
import { bpttTask, normRelError, seedTask } from "./tasks.js";

const engine = new TfjsEngine({ backend: "wasm" });

function expectNormClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, what: string): void {
  const err = normRelError(actual, expected);
  if (!(err <= rtol)) throw new Error(`${what}: norm-wise relative error ${err} > ${rtol}`);
}

function compareGradients(a: CompiledModel, b: CompiledModel, rtol: number): void {
  const trainable = a.parameters.filter((p) => p.trainable);
  expect(trainable.length).toBeGreaterThan(0);
  for (const p of trainable) expectNormClose(a.gradient(p.name), b.gradient(p.name), rtol, `gradient of ${p.name}`);
}

describe("tfjs engine (wasm), seed task", () => {
  it("matches the typed engine's gradients and the reference's first minibatch", async () => {
    const task = seedTask();
    const fm = task.ref.first_minibatch;
    const tfm = await engine.compile(task.net, { encoders: "unit" });
    expect(tfm.backend).toBe("wasm");
    const typed = new TypedEngine().compile(task.net, { encoders: "unit" });
    task.setInitial(tfm);
    task.setInitial(typed);
    const batch = task.minibatch(fm.minibatch_indices);
    const loss = tfm.lossAndGradients(batch);
    typed.lossAndGradients(batch);
    compareGradients(tfm, typed, 1e-4);
    expectAllClose([loss], [fm.loss], { rtol: 1e-4, atol: 0, what: "loss" });
    expectNormClose(tfm.gradient(task.names.enc), fm.grad_enc, 1e-4, "grad enc");
    expectNormClose(tfm.gradient(task.names.dec), fm.grad_dec, 1e-4, "grad dec");
    expectAllClose(tfm.gradient(task.names.w_in), [fm.grad_w_in], { rtol: 1e-4, atol: 0, what: "grad w_in" });
    tfm.dispose();
  });

  it("follows every epoch of the reference at float32 tolerance", async () => {
    const task = seedTask();
    const { ref } = task;
    const model = await engine.compile(task.net, { encoders: "unit" });
    task.setInitial(model);
    const opt = new OptimizerState(
      adam({ learningRate: ref.optimizer.lr, beta1: ref.optimizer.beta1, beta2: ref.optimizer.beta2, epsilon: ref.optimizer.eps }),
    );
    const mse: number[] = [];
    const mb = ref.minibatch;
    for (let e = 0; e < ref.epochs; e++) {
      const perm = defined(ref.perms[e]);
      for (let i = 0; i < task.batchesPerEpoch; i++) {
        model.lossAndGradients(task.minibatch(perm.slice(i * mb, (i + 1) * mb)));
        model.applyOptimizer(opt);
      }
      mse.push(model.evaluate(task.full));
    }
    expectAllClose(mse, ref.mse_after_epoch, { rtol: 1e-3, atol: 0, what: "mse after epoch" });
    expectAllClose(model.getParameter(task.names.w_in), [ref.final.w_in], { rtol: 1e-3, atol: 0, what: "final w_in" });
    expectNormClose(model.getParameter(task.names.enc), ref.final.enc, 1e-3, "final enc");
    expectNormClose(model.getParameter(task.names.dec), ref.final.dec, 1e-3, "final dec");
    model.dispose();
  });
});

describe("tfjs engine (wasm), BPTT task", () => {
  it("matches the typed engine's gradients and the reference's first minibatch", async () => {
    const task = bpttTask();
    const fm = task.ref.first_minibatch;
    const tfm = await engine.compile(task.net, { dt: task.ref.dt, encoders: "unit" });
    const typed = new TypedEngine().compile(task.net, { dt: task.ref.dt, encoders: "unit" });
    task.setInitial(tfm);
    task.setInitial(typed);
    const loss = tfm.lossAndGradients(task.minibatch(0));
    typed.lossAndGradients(task.minibatch(0));
    compareGradients(tfm, typed, 1e-4);
    expectAllClose([loss], [fm.loss], { rtol: 1e-4, atol: 0, what: "loss" });
    expectNormClose(tfm.gradient(task.names.E), flat(fm.grad_E), 1e-4, "grad E");
    expectNormClose(tfm.gradient(task.names.bias), fm.grad_bias, 1e-4, "grad bias");
    expectNormClose(tfm.gradient(task.names.D), fm.grad_D, 1e-4, "grad D");
    tfm.dispose();
  });

  // tfjs runs this task at about 5 Adam steps/s: the first 3 of the 20 epochs (30 Adam steps).
  it("follows the reference's first 3 epochs at float32 tolerance", async () => {
    const task = bpttTask();
    const { ref } = task;
    const model = await engine.compile(task.net, { dt: ref.dt, encoders: "unit" });
    task.setInitial(model);
    const opt = new OptimizerState(adam({ learningRate: ref.lr, beta1: ref.beta1, beta2: ref.beta2, epsilon: ref.eps }));
    const epochs = 3;
    const mse: number[] = [];
    for (let e = 0; e < epochs; e++) {
      for (let k = 0; k < task.batchesPerEpoch; k++) {
        model.lossAndGradients(task.minibatch(k));
        model.applyOptimizer(opt);
      }
      mse.push(model.evaluate(task.full));
    }
    expectAllClose(mse, ref.mse_after_epoch.slice(0, epochs), { rtol: 1e-3, atol: 0, what: "pool mse after epoch" });
    model.dispose();
  }, 120_000);
});
