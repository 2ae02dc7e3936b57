import type { Network } from "./Network.js";

/** The kinds of object a network holds, the discriminant of the IR. */
export type ObjectKind = "network" | "node" | "ensemble" | "neurons" | "connection" | "probe" | "inPort" | "outPort";

const kindNames: Record<ObjectKind, string> = {
  network: "Network",
  node: "Node",
  ensemble: "Ensemble",
  neurons: "Neurons",
  connection: "Connection",
  probe: "Probe",
  inPort: "InPort",
  outPort: "OutPort",
};

/** The class name of a kind, as messages print it (`Ensemble`). */
export function kindName(kind: ObjectKind): string {
  return kindNames[kind];
}

/** What every object of a network has: a kind, an optional label and seed, and its owner. */
export abstract class IRObject {
  abstract readonly kind: ObjectKind;
  readonly label: string | undefined;
  readonly seed: number | undefined;
  /** The networks this object was added to (more than one is a validation error). */
  readonly owners: Network[] = [];

  constructor(options: { readonly label?: string | undefined; readonly seed?: number | undefined }) {
    this.label = options.label;
    this.seed = options.seed;
  }

  /** The network that owns this object (the first it was added to). */
  get owner(): Network | undefined {
    return this.owners[0];
  }

  /** The index of this object among its owner's objects of the same kind. */
  get index(): number {
    return this.owner?.indexOf(this) ?? -1;
  }

  /**
   * How messages name this object: `Ensemble 'a'`, or `Ensemble[2]` without a label (its index
   * in its network); an unlabelled object in no network is `the top-level Network` for a network,
   * else e.g. `Ensemble (in no network)`.
   */
  toString(): string {
    const name = kindName(this.kind);
    if (this.label !== undefined) return `${name} '${this.label}'`;
    const index = this.index;
    if (index >= 0) return `${name}[${index}]`;
    return this.kind === "network" ? `the top-level ${name}` : `${name} (in no network)`;
  }
}
