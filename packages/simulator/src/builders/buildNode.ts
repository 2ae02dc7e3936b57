import { type Node, Process } from "@plexus/core";
import type { BuildContext } from "../BuildContext.js";
import { functionKernel } from "../kernels/functionKernel.js";
import { processKernel } from "../kernels/processKernel.js";
import { resetKernel } from "../kernels/resetKernel.js";

/**
 * Builds a Node as Nengo's `build_node`: its input buffer (reset each step, the sum of the
 * connections into it), and its output: the input itself (pass-through), a process, a function
 * called once per step with `t = n·dt` and a copy of the input, or a constant buffer.
 */
export function buildNode(node: Node, ctx: BuildContext): void {
  const sigs = ctx.node(node);
  const owner = node.toString();
  if (sigs.input !== null) ctx.add(resetKernel(sigs.input, owner), sigs.input);
  const out = node.output;
  if (out instanceof Process) {
    ctx.add(processKernel({ process: out, input: sigs.input, output: sigs.output, mode: "set", seedPath: [ctx.seedOf(node), "process"], owner }));
  } else if (typeof out === "function") {
    ctx.add(functionKernel({ fn: out, withTime: true, input: sigs.input, output: sigs.output, owner, role: "output function" }));
  }
}
