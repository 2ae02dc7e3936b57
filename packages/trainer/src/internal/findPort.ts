import { type InPort, type Network, type OutPort, PortError } from "@plexus/core";

/** The input port `name` of `net`. @throws PortError naming the ports there are. */
export function findInPort(net: Network, name: string): InPort {
  const port = net.inPorts.find((p) => p.name === name);
  if (port === undefined) {
    throw new PortError(
      `${net}: has no input port '${name}'; its input ports are ${net.inPorts.map((p) => `${p.name} (${p.dimensions})`).join(", ") || "none"}`,
      {
        label: `in.${name}`,
      },
    );
  }
  return port;
}

/** The output port `name` of `net`. @throws PortError naming the ports there are. */
export function findOutPort(net: Network, name: string): OutPort {
  const port = net.outPorts.find((p) => p.name === name);
  if (port === undefined) {
    throw new PortError(
      `${net}: has no output port '${name}'; its output ports are ${net.outPorts.map((p) => `${p.name} (${p.dimensions})`).join(", ") || "none"}`,
      {
        label: `out.${name}`,
      },
    );
  }
  return port;
}
