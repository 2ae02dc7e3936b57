import { CouplingError, type InPort, type Network, type OutPort, type PortDims, rebuildNetwork, rebuildObject, type Synapse } from "@plexus/core";
import { build, Simulator } from "@plexus/simulator";
import { couplerClasses } from "../internal/PresentRows.js";
import { engineOn } from "../internal/runtime/simulatorEngine.js";
import type { UnitEngine } from "../internal/runtime/UnitEngine.js";
import type { PortPath, UnitSpec } from "./protocol.js";

/**
 * Builds the engine of a described unit, as a host does: the network rebuilt from its spec, its
 * probes added, built with its overrides at its dt and seed (the plan the coordinator would have
 * built, so the same bits).
 * @throws CouplingError when the spec cannot be rebuilt or names a port it does not have
 */
export function specEngine(spec: UnitSpec): UnitEngine {
  let net: Network<PortDims, PortDims>;
  try {
    net = rebuildNetwork(spec.network, couplerClasses) as Network<PortDims, PortDims>;
  } catch (cause) {
    throw new CouplingError(`unit '${spec.shape.name}': its network spec cannot be rebuilt: ${cause instanceof Error ? cause.message : String(cause)}`, {
      label: spec.shape.name,
      cause,
    });
  }
  const port = (p: PortPath): InPort | OutPort => {
    let at: Network<PortDims, PortDims> | undefined = net;
    for (const i of p.network) at = at?.networks[i] as Network<PortDims, PortDims> | undefined;
    const found = p.kind === "in" ? at?.inPorts.find((x) => x.name === p.name) : at?.outPorts.find((x) => x.name === p.name);
    if (found === undefined)
      throw new CouplingError(`unit '${spec.shape.name}': no ${p.kind} port '${p.name}' at [${p.network.join(", ")}]`, { label: spec.shape.name });
    return found;
  };
  const probes = spec.probes.map((p) =>
    net.probe(port(p.target), { synapse: p.synapse === null ? null : (rebuildObject(p.synapse) as Synapse), label: p.name }),
  );
  const overrides = new Map(spec.overrides.map((o) => [o.name, o.values]));
  const sim = new Simulator(build(net, { dt: spec.dt, seed: spec.seed, overrides }), { progress: false, seed: spec.seed });
  const slots = spec.slots.map((name) => {
    const p = net.inPorts.find((x) => x.name === name);
    if (p === undefined) throw new CouplingError(`unit '${spec.shape.name}': no slot port '${name}'`, { label: spec.shape.name });
    return p;
  });
  return engineOn(
    sim,
    slots,
    spec.outputs.map((o) => port(o) as OutPort),
    probes,
  );
}
