import type { ConnectionOptions } from "./Connection.js";
import type { EnsembleOptions } from "./Ensemble.js";
import type { IRObject } from "./IRObject.js";
import { Neurons } from "./Neurons.js";
import type { NodeOptions } from "./Node.js";
import type { ProbeOptions } from "./Probe.js";

type Defaults<T> = { -readonly [K in keyof T]?: T[K] };

/** Per-kind defaults a network applies to the objects created in it (and its subnetworks). */
export interface KindDefaults {
  ensemble: Defaults<Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed">>;
  node: Defaults<Omit<NodeOptions, "output" | "label" | "seed">>;
  connection: Defaults<Omit<ConnectionOptions, "label" | "seed" | "preSlice" | "postSlice">>;
  probe: Defaults<Omit<ProbeOptions, "label" | "seed">>;
}

/** The kinds whose parameters a gradient trainer can learn. */
export type TrainableKind = "ensemble" | "neurons" | "connection";

/**
 * A network's configuration (Nengo's `net.config`): per-kind defaults and the `trainable` flag.
 * Lookups fall back to the parent network's config, then to Nengo's defaults.
 *
 * `trainable` follows nengo_dl: an ensemble's flag covers its encoders, its neurons' flag covers
 * the biases (defaulting to the ensemble's flag), a connection's covers its weights (decoders or
 * transform), including the connections that leave an input port.
 */
export class Config {
  /** Defaults for objects created in this network; e.g. `net.config.ensemble.neuronType = new LIFRate()`. */
  readonly ensemble: KindDefaults["ensemble"] = {};
  readonly node: KindDefaults["node"] = {};
  readonly connection: KindDefaults["connection"] = {};
  readonly probe: KindDefaults["probe"] = {};
  private readonly kindTrainable = new Map<TrainableKind, boolean>();
  private readonly objectTrainable = new Map<IRObject | Neurons, boolean>();

  constructor(readonly parent: Config | undefined = undefined) {}

  /** The defaults for `kind`, merged over the parents' (nearest wins). */
  defaults<K extends keyof KindDefaults>(kind: K): KindDefaults[K] {
    const own = this[kind] as KindDefaults[K];
    return this.parent === undefined ? { ...own } : { ...this.parent.defaults(kind), ...own };
  }

  /** Sets `trainable` for one object or for every object of a kind in this network. */
  setTrainable(target: IRObject | Neurons | TrainableKind, trainable: boolean): this {
    if (typeof target === "string") this.kindTrainable.set(target, trainable);
    else this.objectTrainable.set(target, trainable);
    return this;
  }

  /** Whether `obj`'s parameters are trainable here (object flag, then kind flags up the chain, default true). */
  isTrainable(obj: IRObject | Neurons): boolean {
    const own = this.lookupObject(obj);
    if (own !== undefined) return own;
    if (obj instanceof Neurons) {
      const k = this.lookupKind("neurons");
      if (k !== undefined) return k;
      return this.isTrainable(obj.ensemble);
    }
    if (obj.kind === "ensemble" || obj.kind === "connection") return this.lookupKind(obj.kind) ?? true;
    return true;
  }

  /**
   * Copies `source`'s own settings into this config (a copied network's, as Nengo's
   * `Network.copy()` keeps the config): the per-kind defaults, the kind flags, and the object
   * flags of the objects `copyOf` maps to their copies (those it maps to undefined are left out).
   */
  copyFrom(source: Config, copyOf: (obj: IRObject | Neurons) => IRObject | Neurons | undefined): void {
    Object.assign(this.ensemble, source.ensemble);
    Object.assign(this.node, source.node);
    Object.assign(this.connection, source.connection);
    Object.assign(this.probe, source.probe);
    for (const [kind, flag] of source.kindTrainable) this.kindTrainable.set(kind, flag);
    for (const [obj, flag] of source.objectTrainable) {
      const copy = copyOf(obj);
      if (copy !== undefined) this.objectTrainable.set(copy, flag);
    }
  }

  private lookupObject(obj: IRObject | Neurons): boolean | undefined {
    return this.objectTrainable.get(obj) ?? this.parent?.lookupObject(obj);
  }

  private lookupKind(kind: TrainableKind): boolean | undefined {
    return this.kindTrainable.get(kind) ?? this.parent?.lookupKind(kind);
  }
}
