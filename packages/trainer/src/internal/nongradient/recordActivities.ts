import type { Connection, Ensemble, Network } from "@plexus/core";
import { type BuildContext, build, defaultRegistry, type Kernel, type Registry, type Signal, Simulator } from "@plexus/simulator";
import type { BatchData } from "../../engine/CompiledModel.js";
import { inputData } from "../inputData.js";

/** What {@link recordActivities} returns. */
export interface Recorded {
  /**
   * Per connection, the pre neurons' output as that connection delivers it to its post object
   * each step: filtered by the connection's synapse, exactly as the simulator filters
   * `weights · activities` (the filter is linear, so `filter(W·a) = W·filter(a)`).
   * `(batch · steps) × nNeurons`, row-major, one row per example step.
   */
  readonly activities: ReadonlyMap<Connection, Float64Array>;
  /** Per output port, its value with the recorded connections' weights set to zero: what the rest of the network adds. */
  readonly baseline: Readonly<Record<string, Float64Array>>;
}

/** Copies a signal into the current row of a buffer after the kernels that write it. */
class Recorder {
  row = 0;
  constructor(
    readonly buffer: Float64Array,
    readonly size: number,
  ) {}

  kernel(signal: Signal, owner: string): Kernel {
    const record = (arena: Float64Array, offset: number): void => {
      this.buffer.set(arena.subarray(offset, offset + this.size), this.row * this.size);
    };
    return {
      owner,
      role: "record activities",
      reads: [signal],
      sets: [],
      incs: [],
      updates: [],
      emit: (e) => `${e.bind(record, "record")}(${e.A}, ${e.offset(signal)});\n`,
    };
  }
}

/**
 * Runs `net` on `data` through its ports (every example from a reset simulator, row k written
 * before step k + 1, as `runFrozen`) with the weights of `connections` (decoded connections from
 * ensembles with neurons into output ports) overridden to zero, and records what each of those
 * connections' neurons deliver through its synapse, and the output ports.
 *
 * The recording goes through the simulator's public extension points: a registry whose
 * connection builder adds, beside each recorded connection, the connection's synapse kernel on
 * the pre neurons' output and a kernel that reads it (ordered by the planner like every other
 * reader, so it sees what the connection's own weights kernel sees).
 */
export function recordActivities(
  net: Network,
  connections: readonly Connection[],
  zeroWeights: ReadonlyMap<string, Float64Array>,
  data: BatchData,
  dt: number,
  seed: number,
): Recorded {
  const rows = data.batchSize * data.steps;
  const recorders = new Map<Connection, Recorder>();
  for (const c of connections) {
    const n = (c.pre as Ensemble).nNeurons;
    recorders.set(c, new Recorder(new Float64Array(rows * n), n));
  }
  const base = defaultRegistry.objects.connection;
  const registry: Registry = {
    ...defaultRegistry,
    objects: {
      ...defaultRegistry.objects,
      connection: (conn: Connection, ctx: BuildContext) => {
        base(conn, ctx);
        const rec = recorders.get(conn);
        if (rec !== undefined) attach(conn, rec, ctx);
      },
    },
  };
  const plan = build(net, { dt, seed, registry, overrides: zeroWeights });
  const sim = new Simulator(plan, { progress: false });
  const ins = net.inPorts.map((p) => ({ port: p, data: inputData(data.inputs, p, rows), d: p.dimensions }));
  const outs = net.outPorts.map((p) => ({ port: p, data: new Float64Array(rows * p.dimensions), d: p.dimensions }));
  const all = [...recorders.values()];
  for (let e = 0; e < data.batchSize; e++) {
    if (e > 0) sim.reset();
    for (let k = 0; k < data.steps; k++) {
      const row = e * data.steps + k;
      for (const r of all) r.row = row;
      for (const i of ins) sim.writeInput(i.port, i.data.subarray(row * i.d, (row + 1) * i.d));
      sim.runSteps(1);
      for (const o of outs) o.data.set(sim.readOutput(o.port), row * o.d);
    }
  }
  const activities = new Map<Connection, Float64Array>();
  for (const [c, r] of recorders) activities.set(c, r.buffer);
  const baseline: Record<string, Float64Array> = {};
  for (const o of outs) baseline[o.port.name] = o.data;
  return { activities, baseline };
}

function attach(conn: Connection, rec: Recorder, ctx: BuildContext): void {
  const owner = `${conn.toString()} (recorded)`;
  const out = ctx.ensemble(conn.pre as Ensemble).neuronsOut;
  if (out === null) throw new Error(`${conn}: its pre ensemble has no neurons`);
  let signal = out;
  if (conn.synapse !== null) {
    const filtered = ctx.signal(`${owner}.filtered`, out.size);
    const reg = ctx.registry;
    const builder = reg.synapses[conn.synapse.kind] ?? reg.synapses["*"];
    if (builder === undefined) throw new Error(`no synapse kernel for ${conn.synapse.kind}`);
    ctx.add(builder({ synapse: conn.synapse, input: out, output: filtered, owner }, ctx, reg));
    signal = filtered;
  }
  ctx.add(rec.kernel(signal, owner));
}
