import { ValidationError } from "./errors.js";
import { labelText, optionsObject } from "./internal/optionsObject.js";
import { showValue } from "./internal/showValue.js";
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

  /** @throws ValidationError when `options` is not an object, the label not a string or the seed not a finite integer */
  constructor(options: { readonly label?: string | undefined; readonly seed?: number | undefined }) {
    const object = new.target.name;
    const o = optionsObject(options, object);
    this.label = labelText(o.label, object);
    this.seed = seedNumber(o.seed, this.label === undefined ? object : `${object} '${this.label}'`);
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

/**
 * A seed, checked: `undefined` stays undefined; anything but a finite integer is a
 * ValidationError on `object`'s `seed` (found here, not when the build first draws from it).
 * @throws ValidationError when `seed` is given and is not a finite integer
 */
export function seedNumber(seed: unknown, object: string): number | undefined {
  if (seed === undefined || (typeof seed === "number" && Number.isInteger(seed))) return seed;
  throw new ValidationError({ object, attr: "seed", message: `must be a finite integer (got ${showValue(seed)})` });
}
