// The engines start from the simulator's build: the seed task's initial decoders are the
// reference's LstsqL2(reg 0.1) solve on the training inputs.
import { Network, parameterName, Sigmoid } from "@plexus/core";
import { describe, it } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { expectAllClose } from "../../../../test/support/reference.js";
import { TypedEngine } from "../../src/engine/TypedEngine.js";
import { seedTask } from "./tasks.js";

describe("initial parameters", () => {
  it("are the simulator's build: decoders of an LstsqL2 solve on the eval points", () => {
    const { ref, full } = seedTask();
    const net = new Network({ inputs: { u: 1 }, outputs: { y: 1 } });
    const ens = net.ensemble({
      nNeurons: ref.gain.length,
      dimensions: 1,
      neuronType: new Sigmoid({ tauRef: ref.tau_ref }),
      gain: ref.gain,
      bias: ref.bias,
      encoders: ref.initial.enc,
    });
    net.connect(net.in.u, ens, { synapse: null });
    const out = net.connect(ens, net.out.y, { synapse: null, evalPoints: defined(full.inputs["u"]), scaleEvalPoints: false });
    const model = new TypedEngine().compile(net);
    expectAllClose(model.getParameter(parameterName(out, "weights", net)), ref.initial.dec, { rtol: 1e-9, atol: 0, what: "initial decoders" });
    expectAllClose(model.getParameter(parameterName(ens, "bias", net)), ref.bias, { rtol: 0, atol: 0, what: "bias" });
  });
});
