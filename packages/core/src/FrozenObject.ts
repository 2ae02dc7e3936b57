import { ValidationError } from "./errors.js";
import { isPlainRecord } from "./internal/isPlainRecord.js";
import { showValue } from "./internal/showValue.js";

/**
 * What neuron types, synapses, distributions, processes, solvers and learning rule types share
 * (Nengo's `FrozenObject`): their parameters cannot change once made, so one object can be shared
 * by many ensembles and connections, and two are compared by value. Each built-in class calls
 * {@link freezeParameters} at the end of its constructor when it is the class being constructed;
 * after that assigning a parameter throws a ValidationError naming the object and the parameter,
 * and the object is as it was. A subclass written outside Plexus stays as its author wrote it
 * unless it calls `freezeParameters(this)` at the end of its own constructor.
 */
export abstract class FrozenObject {
  /** The name messages and keys use: the object's `kind` (`"LIF"`, `"Lowpass"`), else its class name. */
  get typeName(): string {
    const kind: unknown = (this as { kind?: unknown }).kind;
    return typeof kind === "string" && kind !== "Custom" ? kind : this.constructor.name;
  }

  /**
   * A stable text of the type and every parameter (numbers exactly, nested objects by their kind
   * and fields, arrays entry by entry): equal for equal objects, as Nengo's `hash(obj)`; usable as
   * a Map key.
   */
  get key(): string {
    return `${this.typeName}(${Object.entries(this)
      .filter(([k]) => k !== "kind")
      .map(([k, v]) => `${k}=${valueKey(v, new Set([this]))}`)
      .join(",")})`;
  }

  /** Whether `other` is an object of the same class with the same parameters (Nengo's `==` of frozen objects). */
  equals(other: unknown): boolean {
    return other instanceof FrozenObject && other.constructor === this.constructor && other.key === this.key;
  }

  /** What messages call an object of this family (`"a synapse"`). */
  protected get frozenFamily(): string {
    return "a frozen object";
  }
}

const setters = new Map<string, (this: FrozenObject, assigned: unknown) => void>();

/** The setter of parameter `name`, one per name: it throws. */
function setterOf(name: string): (this: FrozenObject, assigned: unknown) => void {
  let set = setters.get(name);
  if (set === undefined) {
    set = function (this: FrozenObject, assigned: unknown): void {
      throw readOnly(this, name, `(assigned ${showValue(assigned)})`);
    };
    setters.set(name, set);
  }
  return set;
}

function readOnly(obj: FrozenObject, attr: string, what: string): ValidationError {
  const family = (obj as unknown as { frozenFamily: string }).frozenFamily;
  return new ValidationError({
    object: obj.typeName,
    attr,
    message: `is read-only: ${family} is frozen once made, as in Nengo ${what}; make a new ${obj.typeName} with the parameters you want`,
  });
}

/**
 * Makes each own enumerable parameter of `obj` read-only at run time too, as Nengo's frozen
 * objects are: it stays an own enumerable property (read as before, encoded with the object), and
 * assigning it throws a ValidationError naming the object and the parameter. A parameter that is a
 * frozen array or record (coefficients, initial state) also refuses assignments to its entries
 * with a ValidationError.
 * Parameters already frozen are left as they are, so calling it again freezes only what a
 * subclass added since.
 */
export function freezeParameters(obj: FrozenObject): void {
  for (const name of Object.keys(obj)) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (d === undefined || !("value" in d) || d.configurable === false) continue;
    const value: unknown = isFrozenList(d.value) ? readOnlyList(obj, name, d.value) : d.value;
    // a getter per object reading its own constant: as fast as a field where a loop reads it
    Object.defineProperty(obj, name, { enumerable: true, configurable: false, get: () => value, set: setterOf(name) });
  }
}

/** A frozen array or plain record: a parameter whose entries the object's class froze (coefficients, initial state). */
function isFrozenList(value: unknown): value is object {
  return (Array.isArray(value) || isPlainRecord(value)) && Object.isFrozen(value);
}

/** A frozen array or record whose entries refuse assignment with a ValidationError (not the TypeError of strict mode). */
function readOnlyList(obj: FrozenObject, name: string, list: object): object {
  const refuse = (key: string | symbol): never => {
    const entry = typeof key !== "string" ? name : /^\d+$/.test(key) ? `${name}[${key}]` : `${name}.${key}`;
    throw readOnly(obj, entry, "(its entries too)");
  };
  return new Proxy(list, { set: (_t, key) => refuse(key), defineProperty: (_t, key) => refuse(key), deleteProperty: (_t, key) => refuse(key) });
}

/**
 * A copy of `obj` (same class) with `changes` to some parameters, frozen like the original: how
 * Plexus derives a variant of a frozen object (Nengo would make a new one from its parameters).
 */
export function withParameters<T extends FrozenObject>(obj: T, changes: Partial<Record<keyof T & string, unknown>>): T {
  const copy = Object.create(Object.getPrototypeOf(obj) as object) as T;
  for (const [k, v] of Object.entries({ ...obj, ...changes }))
    Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
  freezeParameters(copy);
  return copy;
}

/** The key text of a parameter's value; `open`: the objects being keyed (a cycle is keyed as such, not followed). */
function valueKey(v: unknown, open: Set<object>): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (v === null || v === undefined || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return `function ${v.name}`;
  if (typeof v !== "object") return typeof v;
  if (open.has(v)) return "<cycle>";
  open.add(v);
  try {
    if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>, (x) => valueKey(x, open)).join(",")}]`;
    if (Array.isArray(v)) return `[${v.map((x) => valueKey(x, open)).join(",")}]`;
    const kind: unknown = (v as { kind?: unknown }).kind;
    const name = typeof kind === "string" ? kind : (v.constructor?.name ?? "Object");
    return `${name}{${Object.entries(v)
      .filter(([k]) => k !== "kind")
      .map(([k, x]) => `${k}=${valueKey(x, open)}`)
      .join(",")}}`;
  } finally {
    open.delete(v);
  }
}
