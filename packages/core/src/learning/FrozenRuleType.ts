import { FrozenObject } from "../FrozenObject.js";

export { freezeParameters } from "../FrozenObject.js";

/**
 * What every learning rule type shares (Nengo's `FrozenObject`): its parameters cannot change once
 * it is made (TypeScript's `readonly`, and at run time each parameter is an accessor whose setter
 * throws a ValidationError), so a rule type can be shared by connections and compared by value
 * (`equals`, `key`). A connection freezes a custom rule type's own fields again when it takes it
 * (for the fields a subclass added after its base constructor ran).
 */
export abstract class FrozenRuleType extends FrozenObject {
  protected override get frozenFamily(): string {
    return "a learning rule type";
  }
}
