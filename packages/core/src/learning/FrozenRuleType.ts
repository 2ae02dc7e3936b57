import { ValidationError } from "../errors.js";

/**
 * What every learning rule type shares (Nengo's `FrozenObject`): its parameters cannot change once
 * it is made (TypeScript's `readonly`, and at run time each parameter is an accessor whose setter
 * throws a ValidationError), so a rule type can be shared by connections and compared by value.
 */
export abstract class FrozenRuleType {
  /**
   * A stable text of the type and every parameter (numbers exactly, synapses by their kind and
   * fields): equal for equal rule types, as Nengo's `hash(rule)`.
   */
  get key(): string {
    return `${this.typeName}(${Object.entries(this)
      .filter(([k]) => k !== "kind")
      .map(([k, v]) => `${k}=${valueKey(v)}`)
      .join(",")})`;
  }

  /** Whether `other` is a rule type of the same class with the same parameters (Nengo's `==` of rule types). */
  equals(other: unknown): boolean {
    return other instanceof FrozenRuleType && other.constructor === this.constructor && other.key === this.key;
  }

  /** The name messages and keys use: the kind of Nengo's rules (`PES`), a custom rule's class name. */
  get typeName(): string {
    const kind: unknown = (this as { kind?: unknown }).kind;
    return typeof kind === "string" && kind !== "Custom" ? kind : this.constructor.name;
  }
}

/**
 * Makes each own parameter of `rule` read-only at run time too: an accessor whose setter throws a
 * ValidationError naming the type and the parameter. Each rule type calls it at the end of its
 * constructor; a connection calls it again when it takes a custom rule type (for the fields a
 * subclass added after its base constructor ran). Parameters already frozen are left as they are.
 */
export function freezeParameters(rule: FrozenRuleType): void {
  for (const [name, value] of Object.entries(rule)) {
    const d = Object.getOwnPropertyDescriptor(rule, name);
    if (d === undefined || !("value" in d) || d.configurable === false) continue;
    Object.defineProperty(rule, name, {
      enumerable: true,
      configurable: false,
      get: () => value,
      set: () => {
        throw new ValidationError({
          object: rule.typeName,
          attr: name,
          message: "learning rule types are frozen: their parameters cannot change once made; make a new one with the parameters you want",
        });
      },
    });
  }
}

function valueKey(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (v === null || v === undefined || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "function") return `function ${v.name}`;
  if (ArrayBuffer.isView(v)) return `[${Array.from(v as unknown as ArrayLike<number>, valueKey).join(",")}]`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(",")}]`;
  if (typeof v === "object") {
    const kind: unknown = (v as { kind?: unknown }).kind;
    const name = typeof kind === "string" ? kind : (v.constructor?.name ?? "Object");
    return `${name}{${Object.entries(v)
      .filter(([k]) => k !== "kind")
      .map(([k, x]) => `${k}=${valueKey(x)}`)
      .join(",")}}`;
  }
  return typeof v;
}
