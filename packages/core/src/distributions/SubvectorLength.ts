import { freezeParameters } from "../FrozenObject.js";
import { SqrtBeta } from "./SqrtBeta.js";

/**
 * The length of a `subdimensions`-dimensional subvector of a random unit vector in
 * `dimensions` dimensions (Nengo's `nengo.dists.SubvectorLength`): SqrtBeta(dimensions -
 * subdimensions, subdimensions).
 */
export class SubvectorLength extends SqrtBeta {
  override readonly kind: string = "SubvectorLength";

  /** @throws ValidationError when the dimensions are not integers with 0 <= subdimensions <= dimensions. */
  constructor(dimensions: number, subdimensions = 1) {
    super(dimensions - subdimensions, subdimensions);
    if (new.target === SubvectorLength) freezeParameters(this);
  }

  get dimensions(): number {
    return this.n + this.m;
  }

  get subdimensions(): number {
    return this.m;
  }

  override toString(): string {
    return `SubvectorLength(dimensions=${this.dimensions}, subdimensions=${this.subdimensions})`;
  }
}
