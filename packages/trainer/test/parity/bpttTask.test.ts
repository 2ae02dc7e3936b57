// Parity of the typed-array engine with the float64 PyTorch trajectory of the BPTT task: Lowpass
// synapses with Nengo's one-step delay, SoftLIFRate neurons, 100 unrolled steps.
import { describe, it } from "vitest";
import { expectAllClose, flat } from "../../../../test/support/reference.js";
import type { Dtype } from "../../src/engine/CompiledModel.js";
import { adam, OptimizerState } from "../../src/engine/Optimizer.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { bpttTask } from "./tasks.js";

const tolerances: Record<Dtype, { grad: number; epoch: number; final: number }> = {
  float64: { grad: 1e-9, epoch: 1e-9, final: 1e-9 },
  float32: { grad: 1e-4, epoch: 1e-3, final: 1e-3 },
};

for (const dtype of ["float64", "float32"] as const) {
  describe(`BPTT task, typed engine, ${dtype}`, () => {
    const tol = tolerances[dtype];

    it("matches the first minibatch's loss and gradients", () => {
      const task = bpttTask();
      const { ref, names } = task;
      const model = new TypedEngine().compile(task.net, { dtype, dt: ref.dt, encoders: "unit" });
      task.setInitial(model);
      expectAllClose([model.evaluate(task.full)], [ref.initial_mse], { rtol: tol.epoch, atol: 0, what: "initial mse" });
      const loss = model.lossAndGradients(task.minibatch(0));
      const fm = ref.first_minibatch;
      expectAllClose([loss], [fm.loss], { rtol: tol.grad, atol: 0, what: "loss" });
      expectAllClose(model.gradient(names.E), flat(fm.grad_E), { rtol: tol.grad, atol: 1e-300, what: "grad E" });
      expectAllClose(model.gradient(names.bias), fm.grad_bias, { rtol: tol.grad, atol: 1e-300, what: "grad bias" });
      expectAllClose(model.gradient(names.D), fm.grad_D, { rtol: tol.grad, atol: 1e-300, what: "grad D" });
    });

    it("follows every epoch's pool MSE and ends at the final parameters", () => {
      const task = bpttTask();
      const { ref, names } = task;
      const model = new TypedEngine().compile(task.net, { dtype, dt: ref.dt, encoders: "unit" });
      task.setInitial(model);
      const opt = new OptimizerState(adam({ learningRate: ref.lr, beta1: ref.beta1, beta2: ref.beta2, epsilon: ref.eps }));
      const mse: number[] = [];
      for (let e = 0; e < ref.epochs; e++) {
        for (let k = 0; k < task.batchesPerEpoch; k++) {
          model.lossAndGradients(task.minibatch(k));
          model.applyOptimizer(opt);
        }
        mse.push(model.evaluate(task.full));
      }
      expectAllClose(mse, ref.mse_after_epoch, { rtol: tol.epoch, atol: 0, what: "pool mse after epoch" });
      expectAllClose(model.getParameter(names.E), ref.final.E, { rtol: tol.final, atol: 1e-300, what: "final E" });
      expectAllClose(model.getParameter(names.bias), ref.final.bias, { rtol: tol.final, atol: 1e-300, what: "final bias" });
      expectAllClose(model.getParameter(names.D), ref.final.D, { rtol: tol.final, atol: 1e-300, what: "final D" });
    });
  });
}
