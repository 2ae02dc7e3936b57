import { numAt } from "../internal/checked.js";
import { optionsObject } from "../internal/optionsObject.js";
import { checkShape } from "./shapeChecks.js";
import { Transform } from "./Transform.js";

/**
 * Passes the signal through unchanged (Nengo's `nengo.transforms.NoTransform`, what Nengo's
 * `transform=None` means): no weights, `sizeOut = sizeIn`.
 */
export class NoTransform extends Transform {
  readonly kind = "NoTransform" as const;
  readonly sizeIn: number;

  /** @throws ValidationError unless `sizeIn` is an integer >= 0. */
  constructor(options: { readonly sizeIn: number }) {
    super();
    const opts = optionsObject(options, new.target.name);
    this.sizeIn = numAt(checkShape("NoTransform", "sizeIn", [opts.sizeIn], 1, 0), 0);
  }

  get sizeOut(): number {
    return this.sizeIn;
  }
}
