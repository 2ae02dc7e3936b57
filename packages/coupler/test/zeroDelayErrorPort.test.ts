// A zero-delay loop through an input that reaches no output (a PES error port: latency Infinity).
// The receiving unit still needs that input before it can step, so the loop is a same-step
// dependency between the two units: they must run fused (as a loop closed through internal
// synapses does), not wait on each other until the run stalls.
import { Network, PES } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { couple } from "../src/couple.js";
import { portLatencies } from "../src/portLatencies.js";
import { expectSameBits, runComposed, runWith, schedules } from "./support/compare.js";
import { feedthrough } from "./support/nets.js";

const STEPS = 120;

/** `u -> pre -(PES)-> post -> y` (latency 1), the rule's error straight from the input port `err`. */
function errorPortLearner(): Network<{ u: 1; err: 1 }, { y: 1 }> {
  const net = new Network({ label: "learner", seed: 4, inputs: { u: 1, err: 1 }, outputs: { y: 1 } });
  const pre = net.ensemble({ nNeurons: 30, dimensions: 1, label: "pre" });
  const post = net.ensemble({ nNeurons: 30, dimensions: 1, label: "post" });
  net.connect(net.in.u, pre, { synapse: 0.005 });
  const learned = net.connect(pre, post, { learningRule: new PES({ learningRate: 1e-3 }) });
  net.connect(net.in.err, defined(learned.learningRule), { synapse: null });
  net.connect(post, net.out.y, { synapse: 0.01 });
  return net;
}

function system() {
  const learner = errorPortLearner();
  const critic = feedthrough("critic", 1, (x) => [defined(x[0]) - Math.sin(0.1)]);
  return couple({ learner, critic }, { seed: 3 })
    .input(learner.in.u, (t: number) => [Math.sin(8 * t)])
    .wire(learner.out.y, critic.in.u)
    .wire(critic.out.y, learner.in.err)
    .probe(learner.out.y)
    .probe(critic.out.y);
}

describe("a zero-delay loop through an input that reaches no output", () => {
  it("is such an input (latency Infinity to every output)", () => {
    expect(portLatencies(errorPortLearner()).err).toEqual({ y: Infinity });
  });

  it.each(schedules())("runs fused and equals the composed network, bit for bit ($name)", async (schedule) => {
    const sys = system();
    const result = await runWith(sys, STEPS, schedule);
    expectSameBits(result, runComposed(sys, STEPS));
  });
});
