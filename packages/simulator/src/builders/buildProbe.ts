import { BuildError, type Probe } from "@plexus/core";
import { match } from "ts-pattern";
import type { BuildContext } from "../BuildContext.js";
import { buildConnectionLike } from "../internal/connectionLike.js";
import { defaultSolver } from "../internal/defaultSolver.js";
import { synapseKernel } from "../internal/synapseKernel.js";
import { copyKernel } from "../kernels/copyKernel.js";
import { setTarget } from "../kernels/Target.js";
import type { Signal } from "../Signal.js";

/**
 * Builds a Probe as Nengo's `build_probe`. A decoded probe of an ensemble is a hidden connection
 * (default solver, the probe's synapse, the probe's slice as its pre slice) into the probe's
 * buffer; any other probe records a signal (its slice), through the probe's synapse when it has
 * one (an update kernel: one step of delay).
 */
export function buildProbe(probe: Probe, ctx: BuildContext): void {
  const owner = probe.toString();
  const attr = probe.attr;
  const bad = (what: string): never => {
    throw new BuildError(`${owner}.attr: '${attr}' is not probeable on ${what}`, { label: owner });
  };
  const period = probe.sampleEvery === null ? 1 : probe.sampleEvery / ctx.dt;
  const target = probe.target;

  if (target.kind === "ensemble" && attr === "decoded") {
    const d = probe.slice?.length ?? target.dimensions;
    const sig = ctx.signal(owner, d);
    const r = buildConnectionLike(
      {
        owner,
        pre: target,
        post: { kind: "probe", signal: sig },
        function: null,
        transform: { data: Float64Array.of(1), shape: [] },
        solver: defaultSolver(),
        evalPoints: undefined,
        scaleEvalPoints: true,
        synapse: probe.synapse,
        preSlice: probe.slice,
        sizeMid: d,
        postSize: d,
        rng: ctx.rngOf(probe),
        materialize: false,
        probe,
      },
      ctx,
    );
    ctx.decodedProbes.set(probe, r.built);
    ctx.probeRecords.push({ probe, signal: sig, period });
    return;
  }

  const whole: Signal = match(target)
    .with({ kind: "ensemble" }, (ens) => {
      const s = ctx.ensemble(ens);
      if (attr === "input") return s.input;
      if (attr === "scaledEncoders" && s.scaledEncoders !== null) return s.scaledEncoders;
      return bad(ens.toString());
    })
    .with({ kind: "neurons" }, (n) => {
      const s = ctx.ensemble(n.ensemble);
      if (s.direct) return bad(n.toString());
      if (attr === "output") return s.neuronsOut;
      if (attr === "input") return s.neuronsIn;
      return s.state[attr] ?? bad(n.toString());
    })
    .with({ kind: "node" }, (node) => {
      const rule = ctx.ruleSignals.get(node);
      if (rule !== undefined && attr !== "output") return rule[attr] ?? bad(node.toString());
      if (attr !== "output") return bad(node.toString());
      const s = ctx.node(node).output;
      if (s === null) throw new BuildError(`${owner}: ${node} has no output (sizeOut 0) to probe`, { label: owner });
      return s;
    })
    .with({ kind: "connection" }, (conn) => {
      const s = ctx.connectionSignals.get(conn);
      if (s === undefined) throw new BuildError(`${owner}: ${conn} is not built; add it to the network`, { label: owner });
      if (attr === "input") return s.input;
      if (attr === "output") {
        if (s.output === null)
          throw new BuildError(`${owner}: the output of ${conn} was not materialised (it adds straight into its post object); probe the post object instead`, {
            label: owner,
          });
        return s.output;
      }
      if (attr === "weights") return s.weights ?? ctx.constant(`${owner}.weights`, Float64Array.from(s.built.weights));
      return bad(conn.toString());
    })
    .with({ kind: "inPort" }, { kind: "outPort" }, (port) => {
      if (attr !== "output") return bad(port.toString());
      return ctx.port(port);
    })
    .exhaustive();
  // Nengo's signal probes slice the signal, then filter the slice
  const signal = ctx.slice(whole, probe.slice, owner);

  if (probe.synapse === null) {
    ctx.probeRecords.push({ probe, signal, period });
    return;
  }
  const filtered = ctx.signal(`${owner}.filtered`, signal.size);
  ctx.add(synapseKernel(probe.synapse, signal, filtered, owner, ctx));
  const sig = ctx.signal(owner, signal.size);
  ctx.add(copyKernel(filtered, null, setTarget(sig), owner, "probe"));
  ctx.probeRecords.push({ probe, signal: sig, period });
}
