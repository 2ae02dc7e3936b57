import { type ClassFactories, CouplingError, Process, type ProcessStep } from "@plexus/core";

/**
 * The process behind an array input: rows given per base step (row n-1 at base step n), read by a
 * subsystem that steps every `multiple` base steps (its step k reads row k·multiple - 1, the hold
 * policy). Reading past the last row throws.
 */
export class PresentRows extends Process {
  readonly kind = "PresentRows";
  readonly defaultSizeOut: number;

  constructor(
    readonly data: Float64Array,
    readonly dims: number,
    readonly multiple: number,
    readonly what: string,
  ) {
    super();
    this.defaultSizeOut = dims;
  }

  makeStep(_sizeIn: number, sizeOut: number, dt: number): ProcessStep {
    const { data, multiple, what } = this;
    const rows = data.length / sizeOut;
    return (t, _x, out) => {
      const row = Math.round(t / dt) * multiple - 1;
      if (row >= rows)
        throw new CouplingError(
          `${what}: the input data has ${rows} rows (base steps), but base step ${row + 1} needs row ${row}; give as many rows as base steps`,
          { label: what },
        );
      const o = row * sizeOut;
      out.set(data.subarray(o, o + sizeOut));
    };
  }
}

/** How the network spec rebuilds the coupler's own classes (for units described to other hosts). */
export const couplerClasses: ClassFactories = {
  PresentRows: (f) => new PresentRows(f["data"] as Float64Array, f["dims"] as number, f["multiple"] as number, f["what"] as string),
};
