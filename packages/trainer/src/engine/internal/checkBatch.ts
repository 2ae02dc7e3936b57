import { PortError, TrainingError } from "@plexus/core";
import type { BatchData } from "../CompiledModel.js";

interface Ports {
  readonly inputs: readonly { readonly name: string; readonly size: number }[];
  readonly outputs: readonly { readonly name: string; readonly size: number }[];
}

function indexOf(list: readonly { readonly name: string }[], name: string): number {
  let i = 0;
  for (const item of list) {
    if (item.name === name) return i;
    i++;
  }
  return -1;
}

/**
 * Checks that `inputs` has one `batchSize × steps × dims` array per input port and nothing else.
 * @throws TrainingError for a bad batch size or step count; PortError for a missing, unknown or mis-sized port.
 */
export function checkInputs(ports: Ports, inputs: Readonly<Record<string, Float64Array>>, batchSize: number, steps: number): void {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new TrainingError(`batch: batchSize must be an integer >= 1 (got ${batchSize})`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new TrainingError(`batch: steps must be an integer >= 1 (got ${steps})`);
  for (const p of ports.inputs) {
    const d = inputs[p.name];
    if (d === undefined)
      throw new PortError(`batch.inputs: no data for input port '${p.name}'; give ${batchSize}×${steps}×${p.size} values`, { label: p.name });
    if (d.length !== batchSize * steps * p.size) {
      throw new PortError(
        `batch.inputs.${p.name}: has ${d.length} values, expected batchSize×steps×dims = ${batchSize}×${steps}×${p.size} = ${batchSize * steps * p.size}`,
        {
          label: p.name,
        },
      );
    }
  }
  // Loops without closures or entry arrays: this runs once per minibatch.
  for (const name in inputs) {
    if (indexOf(ports.inputs, name) < 0) {
      throw new PortError(`batch.inputs.${name}: the network has no input port '${name}' (ports: ${ports.inputs.map((p) => p.name).join(", ")})`, {
        label: name,
      });
    }
  }
}

/**
 * Checks a minibatch: inputs as {@link checkInputs}, targets by output port (at least one when `needTarget`).
 * @throws TrainingError / PortError as above.
 */
export function checkBatch(ports: Ports, batch: BatchData, needTarget: boolean): void {
  const { batchSize, steps } = batch;
  checkInputs(ports, batch.inputs, batchSize, steps);
  let any = false;
  for (const name in batch.targets) {
    const y = batch.targets[name];
    if (y === undefined) continue;
    const p = ports.outputs[indexOf(ports.outputs, name)];
    if (p === undefined) {
      throw new PortError(`batch.targets.${name}: the network has no output port '${name}' (ports: ${ports.outputs.map((q) => q.name).join(", ")})`, {
        label: name,
      });
    }
    if (y.length !== batchSize * steps * p.size) {
      throw new PortError(
        `batch.targets.${name}: has ${y.length} values, expected batchSize×steps×dims = ${batchSize}×${steps}×${p.size} = ${batchSize * steps * p.size}`,
        {
          label: name,
        },
      );
    }
    any = true;
  }
  if (needTarget && !any) {
    throw new TrainingError(`batch.targets: no target for any output port; give one for at least one of ${ports.outputs.map((q) => q.name).join(", ")}`);
  }
}
