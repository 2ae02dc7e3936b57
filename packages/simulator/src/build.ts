import { BuildError, type Connection, type Ensemble, type Network, type Node, type Probe, ValidationError, validate } from "@plexus/core";
import { kindOf } from "@plexus/core/runtime";
import { match } from "ts-pattern";
import { BuildContext } from "./BuildContext.js";
import { dedupeProducts } from "./internal/dedupeProducts.js";
import { fuseNeuronInputs } from "./internal/fuseNeuronInputs.js";
import { orderKernels } from "./internal/planner.js";
import { allocate, bytesText, checkBuildSizes } from "./internal/sizeChecks.js";
import { planSolveGroups } from "./internal/solveGroups.js";
import { inputKernel } from "./kernels/inputKernel.js";
import { resetKernel } from "./kernels/resetKernel.js";
import { Plan } from "./Plan.js";
import { defaultRegistry, type Registry } from "./Registry.js";

/** Options of {@link build}. */
export interface BuildOptions {
  /** Time step in seconds (default 0.001). */
  readonly dt?: number;
  /** Seed for objects without their own, used when the network has no seed (default 0). */
  readonly seed?: number;
  /** Kernel builders (default {@link defaultRegistry}). */
  readonly registry?: Registry;
  /**
   * Parameter values by name (`parameterName(obj, "encoders" | "gain" | "bias" | "weights", net)`
   * of @plexus/core), applied after sampling and solving: unit encoders `nNeurons × dimensions`,
   * gains and biases `nNeurons`, and a connection's weights in the shape of
   * `BuiltConnection.weightsShape` (a decoded connection's override skips its decoder solve).
   * This is how a trained subnetwork is frozen. Unknown names or wrong lengths are a BuildError.
   */
  readonly overrides?: ReadonlyMap<string, Float64Array>;
}

type Buildable = Node | Ensemble | Connection | Probe;

function buildObject(obj: Buildable, ctx: BuildContext): void {
  const b = ctx.registry.objects;
  try {
    match(obj)
      .with({ kind: "node" }, (o) => b.node(o, ctx))
      .with({ kind: "ensemble" }, (o) => b.ensemble(o, ctx))
      .with({ kind: "connection" }, (o) => b.connection(o, ctx))
      .with({ kind: "probe" }, (o) => b.probe(o, ctx))
      .exhaustive();
  } catch (e) {
    // an array too large to allocate (memory ran out): name the object instead of a raw RangeError
    if (e instanceof RangeError && /array|allocation/i.test(e.message)) {
      throw new BuildError(
        `${obj}: building it needs more memory than the runtime could allocate (${e.message}); make it smaller (fewer neurons, eval points or dimensions)`,
        { label: obj.toString(), cause: e },
      );
    }
    throw e;
  }
}

/** Ports, ensembles and nodes, subnetworks, then connections (Nengo's order); probes come last. */
function buildNetwork(net: Network, ctx: BuildContext, driven: ReadonlySet<unknown>): void {
  const top = net === ctx.network;
  for (const port of net.inPorts) {
    const sig = ctx.port(port);
    if (top) {
      ctx.inputs.set(port, sig);
      ctx.add(inputKernel(port, sig));
    } else {
      if (!driven.has(port)) {
        throw new BuildError(`${port}: nothing is connected into this input port; connect a signal to it from ${net.owner ?? "the containing network"}`, {
          label: port.toString(),
        });
      }
      ctx.add(resetKernel(sig, port.toString()));
    }
  }
  for (const port of net.outPorts) ctx.add(resetKernel(ctx.port(port), port.toString()));
  for (const obj of [...net.ensembles, ...net.nodes]) buildObject(obj, ctx);
  for (const sub of net.networks) buildNetwork(sub, ctx, driven);
  for (const conn of net.connections) buildObject(conn, ctx);
}

/**
 * Builds a network into a {@link Plan}: validates it, draws every object's parameters from its
 * seeded generator (`obj.seed`, else derived from the network's seed and the object's path),
 * solves decoders, turns objects into kernels (through the registry), orders the kernels once
 * (set before inc before read before update, per buffer) and fixes the arena layout.
 *
 * @throws ValidationError for an invalid network (every problem at once) or a bad `dt`.
 * @throws BuildError when parameters cannot be built (e.g. non-positive gains, all-zero
 *   activities), when operations depend on each other within one step, or when an array the
 *   build needs is too large (naming the object and the bytes), before anything is built.
 */
export function build(net: Network, options: BuildOptions = {}): Plan {
  if (typeof options !== "object" || options === null) {
    throw new ValidationError({
      object: "build",
      attr: "options",
      message: `must be an options object, e.g. { dt: 0.001 } (got ${kindOf(options)})`,
    });
  }
  const dt = options.dt ?? 0.001;
  if (!(typeof dt === "number" && Number.isFinite(dt) && dt > 0)) {
    throw new ValidationError({ object: "build", attr: "dt", message: `must be a finite number of seconds > 0 (got ${String(dt)})` });
  }
  const seedOpt = options.seed;
  if (seedOpt !== undefined && !Number.isInteger(seedOpt)) {
    throw new ValidationError({ object: "build", attr: "seed", message: `must be an integer (got ${String(seedOpt)})` });
  }
  validate(net);
  checkBuildSizes(net);
  const seed = net.seed ?? seedOpt ?? 0;
  const registry = options.registry ?? defaultRegistry;
  if (typeof registry !== "object" || registry === null || typeof registry.objects !== "object" || registry.objects === null) {
    throw new ValidationError({
      object: "build",
      attr: "registry",
      message: "must be a Registry (e.g. defaultRegistry, or one made from it with its objects and kernels)",
    });
  }
  const ctx = new BuildContext(net, dt, seed, registry, options.overrides);

  const driven = new Set<unknown>();
  const probes = net.all("probe");
  for (const conn of net.all("connection")) driven.add(conn.post);
  for (const p of probes) if (p.target.kind === "connection" && p.attr === "output") ctx.probedOutputs.add(p.target);
  for (const [key, shared] of planSolveGroups(net, ctx.overrides)) ctx.solveGroups.set(key, shared);

  buildNetwork(net, ctx, driven);
  for (const p of probes) buildObject(p, ctx);

  // drop kernels that only serve buffers nothing writes (e.g. the encoders of an ensemble without input)
  const written = new Set<unknown>();
  for (const k of ctx.kernels) {
    if (ctx.elidable.has(k)) continue;
    for (const s of k.incs) written.add(s.root);
    for (const s of k.sets) written.add(s.root);
  }
  const kernels = ctx.kernels.filter((k) => {
    const s = ctx.elidable.get(k);
    return s === undefined || written.has(s.root);
  });

  ctx.checkOverridesUsed();
  const ordered = dedupeProducts(fuseNeuronInputs(orderKernels(kernels), ctx.neuronInputs));

  // the arena: every base buffer at a fixed offset
  let size = 0;
  for (const s of ctx.signals) {
    s.place(size);
    size += s.size;
  }
  const initialArena = allocate(
    size,
    (bytes, why) =>
      new BuildError(`${net}: its arena (every signal of the plan) needs ${bytesText(bytes)}, ${why}; make the network smaller`, { label: net.toString() }),
  ) as Float64Array;
  for (const s of ctx.signals) if (s.initial !== null) initialArena.set(s.initial, s.offset);

  return new Plan({
    network: net,
    dt,
    seed,
    registry,
    kernels: ordered,
    signals: ctx.signals,
    arenaSize: size,
    initialArena,
    probes: new Map(ctx.probeRecords.map((r) => [r.probe, r])),
    inputs: ctx.inputs,
    ports: ctx.ports,
    built: { ensembles: ctx.ensembles, connections: ctx.connections, probes: ctx.decodedProbes },
  });
}
