// Bad input to every non-gradient trainer gets a typed TrainingError naming the port: an unknown
// port, a wrong shape (expected vs got), a non-finite value, examples of different lengths.
import { TrainingError } from "@plexus/core";
import { CmaEsTrainer, LeastSquaresTrainer, PesTrainer, type Trainer } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { rateChannel } from "./fixtures.js";

const trainers: readonly Trainer[] = [new LeastSquaresTrainer(), new PesTrainer(), new CmaEsTrainer({ maxGenerations: 1 })];

const good = (): number[][][] => [Array.from({ length: 5 }, (_, k) => [Math.sin(k)])];

async function rejection(trainer: Trainer, data: unknown): Promise<TrainingError> {
  const err = await trainer.fit(rateChannel(), data as never).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TrainingError);
  return err as TrainingError;
}

describe("non-gradient trainers: bad input", () => {
  for (const trainer of trainers) {
    describe(trainer.name, () => {
      it("names an unknown input or output port and lists the real ones", async () => {
        const e1 = await rejection(trainer, { inputs: { u: good(), v: good() }, targets: { y: good() } });
        expect(e1.label).toBe("in.v");
        expect(e1.message).toMatch(/u \(1\)/);
        const e2 = await rejection(trainer, { inputs: { u: good() }, targets: { z: good() } });
        expect(e2.label).toBe("out.z");
      });

      it("names a missing input port", async () => {
        const e = await rejection(trainer, { inputs: {}, targets: { y: good() } });
        expect(e.label).toBe("in.u");
      });

      it("says expected vs got for a wrong shape", async () => {
        const e1 = await rejection(trainer, { inputs: { u: [[[1, 2]]] }, targets: { y: [[[1]]] } });
        expect(e1.label).toBe("in.u");
        expect(e1.message).toMatch(/expected shape \(1, 1, 1\), got 2 values/);
        const e2 = await rejection(trainer, {
          inputs: { u: { data: new Float64Array(6), shape: [2, 3, 1] } },
          targets: { y: { data: new Float64Array(6), shape: [3, 2, 1] } },
        });
        expect(e2.label).toBe("out.y");
        expect(e2.message).toMatch(/2 examples of 3 steps/);
      });

      it("points at a NaN or infinite value", async () => {
        const u = good();
        defined(defined(u[0])[3])[0] = NaN;
        const e1 = await rejection(trainer, { inputs: { u }, targets: { y: good() } });
        expect(e1.label).toBe("in.u");
        expect(e1.message).toMatch(/\[0\]\[3\]\[0\].*NaN/);
        const y = good();
        defined(defined(y[0])[1])[0] = Infinity;
        const e2 = await rejection(trainer, { inputs: { u: good() }, targets: { y } });
        expect(e2.label).toBe("out.y");
        expect(e2.message).toMatch(/Infinity/);
      });

      it("needs a target", async () => {
        const e = await rejection(trainer, { inputs: { u: good() }, targets: {} });
        expect(e.message).toMatch(/target/);
      });
    });
  }
});
