import { firstNonFinite, fmtShape, type Network } from "@plexus/core";
import type { BatchData } from "../engine/CompiledModel.js";
import type { DataArray, PortData } from "../TrainingData.js";

/** Makes the error to throw; `label` names the port (`in.u`, `out.y`). */
export type Fail = (message: string, label: string) => Error;

/** Port data checked and flattened: each array `batchSize × steps × dims` row-major. */
export interface PortArrays {
  readonly arrays: Record<string, Float64Array>;
  readonly batchSize: number;
  readonly steps: number;
}

function isDataArray(x: unknown): x is DataArray {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && "data" in x && "shape" in x;
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Flattens one port's data to `batch × steps × dims`, checking its shape and that it is finite. */
function flatten(value: PortData, dims: number, where: string, label: string, fail: Fail): { data: Float64Array; batch: number; steps: number } {
  let data: Float64Array;
  let batch: number;
  let steps: number;
  if (value instanceof Float64Array) {
    if (value.length === 0 || value.length % dims !== 0) {
      throw fail(
        `${where}: a bare Float64Array holds single-step examples of ${dims} dims, so its length must be a positive multiple of ${dims} (got ${value.length}); for several steps give { data, shape: [batch, steps, ${dims}] }`,
        label,
      );
    }
    data = Float64Array.from(value);
    batch = value.length / dims;
    steps = 1;
  } else if (isDataArray(value)) {
    const shape: readonly unknown[] = Array.isArray(value.shape) ? value.shape : [];
    const ok = shape.length === 3 && shape.every((s) => typeof s === "number" && Number.isInteger(s) && s >= 1);
    if (!ok) {
      throw fail(`${where}.shape: must be [batch, steps, dims] of integers >= 1 (got ${JSON.stringify(value.shape)})`, label);
    }
    const [b, s, d] = value.shape;
    if (d !== dims) throw fail(`${where}: expected shape (batch, steps, ${dims}), got ${fmtShape(value.shape)}`, label);
    if (!(value.data instanceof Float64Array) || value.data.length !== b * s * d) {
      const got = value.data instanceof Float64Array ? `${value.data.length} values` : "no Float64Array";
      throw fail(`${where}.data: shape ${fmtShape(value.shape)} needs a Float64Array of ${b * s * d} values (got ${got})`, label);
    }
    data = Float64Array.from(value.data);
    batch = b;
    steps = s;
  } else if (Array.isArray(value)) {
    batch = value.length;
    if (batch === 0) throw fail(`${where}: has no examples; give at least one, shaped [batch][steps][${dims}]`, label);
    const first: unknown = value[0];
    if (!isArrayLike(first) || typeof first === "string") {
      throw fail(`${where}[0]: expected an array of steps (data is shaped [batch][steps][${dims}]), got ${typeof first}`, label);
    }
    steps = first.length;
    if (steps === 0) throw fail(`${where}[0]: has no steps; each example needs at least one step`, label);
    data = new Float64Array(batch * steps * dims);
    let o = 0;
    for (let e = 0; e < batch; e++) {
      const ex: unknown = value[e];
      if (!isArrayLike(ex)) throw fail(`${where}[${e}]: expected an array of steps, got ${typeof ex}`, label);
      if (ex.length !== steps) {
        throw fail(`${where}[${e}]: has ${plural(ex.length, "step")}, expected ${steps} (as ${where}[0]); every example needs the same number of steps`, label);
      }
      for (let k = 0; k < steps; k++) {
        const row: unknown = ex[k];
        if (!isArrayLike(row)) {
          throw fail(`${where}[${e}][${k}]: expected an array of ${dims} numbers (data is shaped [batch][steps][${dims}]), got ${typeof row}`, label);
        }
        if (row.length !== dims) {
          throw fail(`${where}: expected shape (${batch}, ${steps}, ${dims}), got ${row.length} values at [${e}][${k}]`, label);
        }
        for (let i = 0; i < dims; i++) {
          const v: unknown = row[i];
          data[o++] = typeof v === "number" ? v : NaN;
          if (typeof v !== "number") throw fail(`${where}[${e}][${k}][${i}]: is ${typeof v}, expected a number`, label);
        }
      }
    }
  } else {
    throw fail(
      `${where}: must be nested arrays [batch][steps][${dims}], { data: Float64Array, shape: [batch, steps, ${dims}] } or a Float64Array of single-step examples (got ${describe(value)})`,
      label,
    );
  }
  const bad = firstNonFinite(data);
  if (bad >= 0) {
    const e = Math.floor(bad / (steps * dims));
    const k = Math.floor((bad % (steps * dims)) / dims);
    const i = bad % dims;
    throw fail(`${where}: value [${e}][${k}][${i}] (example ${e}, step ${k}, dimension ${i}) is ${data[bad]}; data must be finite`, label);
  }
  return { data, batch, steps };
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (ArrayBuffer.isView(x)) return x.constructor.name;
  return typeof x;
}

function entries(group: unknown, where: string, fail: Fail): [string, PortData][] {
  if (typeof group !== "object" || group === null || Array.isArray(group)) {
    throw fail(`${where}: must be an object keyed by port name (got ${describe(group)})`, where);
  }
  return Object.entries(group as Record<string, PortData>).filter(([, v]) => v !== undefined);
}

/**
 * Checks and flattens data keyed by port name for `net`'s input (`"inputs"`) or output
 * (`"targets"`) ports. Every port in `group` must exist; with `requireAll`, every port of the
 * network must have data.
 */
export function normalizePorts(
  net: Network,
  group: unknown,
  role: "inputs" | "targets",
  fail: Fail,
  options: { readonly requireAll: boolean; readonly requireOne?: boolean },
): PortArrays {
  const ports = role === "inputs" ? net.inPorts : net.outPorts;
  const prefix = role === "inputs" ? "in" : "out";
  const known = new Map(ports.map((p) => [p.name, p]));
  const list = ports.map((p) => `${p.name} (${p.dimensions})`).join(", ") || "none";
  const arrays: Record<string, Float64Array> = {};
  let ref: { where: string; batch: number; steps: number } | undefined;
  for (const [name, value] of entries(group, role, fail)) {
    const port = known.get(name);
    const where = `${role}.${name}`;
    if (port === undefined) {
      const kind = role === "inputs" ? "input" : "output";
      throw fail(`${net}: ${where} names no ${kind} port; the ${kind} ports of ${net} are ${list}`, `${prefix}.${name}`);
    }
    const { data, batch, steps } = flatten(value, port.dimensions, `${net} ${where}`, port.label, fail);
    if (ref !== undefined && (batch !== ref.batch || steps !== ref.steps)) {
      throw fail(
        `${net} ${where}: has ${plural(batch, "example")} of ${plural(steps, "step")}, but ${ref.where} has ${plural(ref.batch, "example")} of ${plural(ref.steps, "step")}; every port needs the same batch and steps`,
        port.label,
      );
    }
    ref ??= { where, batch, steps };
    arrays[name] = data;
  }
  if (options.requireAll) {
    for (const port of ports) {
      if (!(port.name in arrays)) {
        throw fail(
          `${net}: ${role}.${port.name} is missing; give data for every ${role === "inputs" ? "input" : "output"} port (zeros if it is unused)`,
          port.label,
        );
      }
    }
  }
  if (options.requireOne === true && ref === undefined) {
    throw fail(`${net}: ${role} is empty; give a target for at least one output port (${list})`, role);
  }
  return { arrays, batchSize: ref?.batch ?? 0, steps: ref?.steps ?? 0 };
}

/**
 * Checks and flattens training or evaluation data for `net`: every input port, at least one
 * target, the same batch size and steps everywhere, finite values.
 */
export function normalizeData(net: Network, data: unknown, fail: Fail): BatchData {
  if (typeof data !== "object" || data === null) {
    throw fail(`${net}: data must be { inputs: { port: ... }, targets: { port: ... } } (got ${describe(data)})`, "data");
  }
  const d = data as { inputs?: unknown; targets?: unknown };
  const inputs = normalizePorts(net, d.inputs, "inputs", fail, { requireAll: true });
  const targets = normalizePorts(net, d.targets, "targets", fail, { requireAll: false, requireOne: true });
  if (net.inPorts.length > 0 && (inputs.batchSize !== targets.batchSize || inputs.steps !== targets.steps)) {
    const [tName] = Object.keys(targets.arrays);
    const [iName] = Object.keys(inputs.arrays);
    throw fail(
      `${net} targets.${tName}: has ${plural(targets.batchSize, "example")} of ${plural(targets.steps, "step")}, but inputs.${iName} has ${plural(inputs.batchSize, "example")} of ${plural(inputs.steps, "step")}; every port needs the same batch and steps`,
      `out.${tName}`,
    );
  }
  return { inputs: inputs.arrays, targets: targets.arrays, batchSize: targets.batchSize, steps: targets.steps };
}

/** Copies examples `idx[from..to)` of every array of `data` into a new minibatch. */
export function sliceBatch(data: BatchData, idx: Int32Array, from: number, to: number): BatchData {
  const pick = (group: Readonly<Record<string, Float64Array>>): Record<string, Float64Array> => {
    const out: Record<string, Float64Array> = {};
    for (const [name, arr] of Object.entries(group)) {
      const per = arr.length / data.batchSize;
      const dst = new Float64Array((to - from) * per);
      for (const [k, e] of idx.subarray(from, to).entries()) dst.set(arr.subarray(e * per, (e + 1) * per), k * per);
      out[name] = dst;
    }
    return out;
  };
  return { inputs: pick(data.inputs), targets: pick(data.targets), batchSize: to - from, steps: data.steps };
}
