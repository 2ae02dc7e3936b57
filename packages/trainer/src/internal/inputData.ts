import { type InPort, PortError } from "@plexus/core";

/**
 * The data given for input port `p` (`rows × dims`); nothing is needed when there are no rows.
 * @throws PortError naming the port when rows are needed and there is no data.
 */
export function inputData(inputs: Readonly<Record<string, Float64Array>>, p: InPort, rows: number): Float64Array {
  const x = inputs[p.name];
  if (x !== undefined) return x;
  if (rows === 0) return new Float64Array(0);
  throw new PortError(`${p}: no input data; give inputs.${p.name} (${rows} rows × ${p.dimensions} values)`, { label: p.toString() });
}
