import { Network } from "@plexus/core";

/** `in.u -> pass-through node -> out.y`: the output is the input, exactly (latency 0). */
export function identity(label: string, dims = 1): Network<{ u: number }, { y: number }> {
  const net = new Network<{ u: number }, { y: number }>({ label, inputs: { u: dims }, outputs: { y: dims } });
  const n = net.node({ output: null, sizeIn: dims });
  net.connect(net.in.u, n, { synapse: null });
  net.connect(n, net.out.y, { synapse: null });
  return net;
}
