// Parity of the typed-array engine with the float64 PyTorch trajectory of the seed task.
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../../../../test/support/reference.js";
import type { Dtype } from "../../src/engine/CompiledModel.js";
import { adam, OptimizerState } from "../../src/engine/Optimizer.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { seedTask } from "./tasks.js";

const tolerances: Record<Dtype, { grad: number; epoch: number; final: number }> = {
  float64: { grad: 1e-9, epoch: 1e-9, final: 1e-9 },
  float32: { grad: 1e-4, epoch: 1e-3, final: 1e-3 },
};

for (const dtype of ["float64", "float32"] as const) {
  describe(`seed task, typed engine, ${dtype}`, () => {
    const tol = tolerances[dtype];

    it("matches the first minibatch's loss and gradients", () => {
      const task = seedTask();
      const { ref, names } = task;
      const model = new TypedEngine().compile(task.net, { dtype, encoders: "unit" });
      task.setInitial(model);
      expectAllClose([model.evaluate(task.full)], [ref.initial.mse], { rtol: tol.epoch, atol: 0, what: "initial mse" });
      const loss = model.lossAndGradients(task.minibatch(ref.first_minibatch.minibatch_indices));
      const fm = ref.first_minibatch;
      expectAllClose([loss], [fm.loss], { rtol: tol.grad, atol: 0, what: "loss" });
      expectAllClose(model.gradient(names.enc), fm.grad_enc, { rtol: tol.grad, atol: 1e-300, what: "grad enc" });
      expectAllClose(model.gradient(names.dec), fm.grad_dec, { rtol: tol.grad, atol: 1e-300, what: "grad dec" });
      expectAllClose(model.gradient(names.w_in), [fm.grad_w_in], { rtol: tol.grad, atol: 0, what: "grad w_in" });
      expect(() => model.gradient(names.bias)).toThrow(/not trainable/);
    });

    it("follows every epoch's full-data MSE and ends at the final parameters", () => {
      const task = seedTask();
      const { ref, names } = task;
      const model = new TypedEngine().compile(task.net, { dtype, encoders: "unit" });
      task.setInitial(model);
      const opt = new OptimizerState(
        adam({ learningRate: ref.optimizer.lr, beta1: ref.optimizer.beta1, beta2: ref.optimizer.beta2, epsilon: ref.optimizer.eps }),
      );
      const mb = ref.minibatch;
      const mse: number[] = [];
      for (let e = 0; e < ref.epochs; e++) {
        const perm = defined(ref.perms[e]);
        for (let i = 0; i < task.batchesPerEpoch; i++) {
          model.lossAndGradients(task.minibatch(perm.slice(i * mb, (i + 1) * mb)));
          model.applyOptimizer(opt);
        }
        mse.push(model.evaluate(task.full));
      }
      expectAllClose(mse, ref.mse_after_epoch, { rtol: tol.epoch, atol: 0, what: "mse after epoch" });
      expectAllClose(model.getParameter(names.enc), ref.final.enc, { rtol: tol.final, atol: 1e-300, what: "final enc" });
      expectAllClose(model.getParameter(names.dec), ref.final.dec, { rtol: tol.final, atol: 1e-300, what: "final dec" });
      expectAllClose(model.getParameter(names.w_in), [ref.final.w_in], { rtol: tol.final, atol: 0, what: "final w_in" });
      expectAllClose([defined(mse[mse.length - 1])], [ref.final.mse], { rtol: tol.epoch, atol: 0, what: "final mse" });
    });
  });
}
