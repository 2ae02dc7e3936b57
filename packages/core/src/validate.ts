import { type Connection, type ConnectionSource, type ConnectionTarget, sourceSize, targetSize } from "./Connection.js";
import type { DistOrArray } from "./distributions/Distribution.js";
import { Distribution } from "./distributions/Distribution.js";
import type { Ensemble } from "./Ensemble.js";
import { type Issue, ValidationError } from "./errors.js";
import { networkArgument } from "./internal/argumentChecks.js";
import { firstNonFinite, fmtShape, type Shaped, toShaped } from "./internal/shape.js";
import { LearningRule } from "./learning/LearningRule.js";
import type { Network } from "./Network.js";
import type { Node } from "./Node.js";
import type { Probe } from "./Probe.js";

export interface ValidateOptions {
  /** Throw a ValidationError listing every issue (default true); otherwise return them. */
  readonly throw?: boolean;
}

/** A vertex of the same-step dependency graph: an ensemble stands for its neurons too. */
type Vertex = Node | Ensemble | ConnectionSource | ConnectionTarget;

/**
 * Checks a network and all its subnetworks, and reports every problem at once: objects used in
 * two networks or in none, transform and slice shapes, non-finite values, parameter shapes,
 * probe attributes, output ports with nothing driving them, and cycles with no synapse.
 *
 * @throws ValidationError listing every issue (unless `{ throw: false }`, which returns them).
 */
export function validate(net: Network, options: ValidateOptions = {}): Issue[] {
  networkArgument(net, "validate");
  const issues: Issue[] = [];
  const add = (object: unknown, attr: string | undefined, message: string): void => {
    issues.push({ object: String(object), attr, message });
  };

  const networks = [net, ...net.all("network")];
  const members = new Set<unknown>();
  for (const n of networks) {
    for (const list of [n.nodes, n.ensembles, n.connections, n.probes, n.networks] as const) {
      for (const obj of list) {
        members.add(obj);
        if (obj.owners.length > 1) {
          add(
            obj,
            undefined,
            `is used in ${obj.owners.length} networks (${obj.owners.map(String).join(", ")}); an object belongs to one network: create one per network`,
          );
        }
      }
    }
  }
  const known = (end: ConnectionSource | ConnectionTarget | Probe["target"]): boolean => {
    switch (end.kind) {
      case "neurons":
        return members.has(end.ensemble);
      case "inPort":
      case "outPort":
        return end.network === net || members.has(end.network);
      default:
        return members.has(end);
    }
  };

  for (const ens of net.all("ensemble")) checkEnsemble(ens, add);

  const drivenOutPorts = new Set<unknown>();
  for (const conn of net.all("connection")) {
    if (!known(conn.pre)) add(conn, "pre", `${conn.pre} is not in ${net}; add it to the network (or one of its subnetworks) first`);
    if (!known(conn.post)) add(conn, "post", `${conn.post} is not in ${net}; add it to the network (or one of its subnetworks) first`);
    if (conn.post.kind === "outPort") drivenOutPorts.add(conn.post);
    checkConnection(conn, add);
  }
  for (const n of networks) {
    for (const port of n.outPorts) {
      if (!drivenOutPorts.has(port)) add(port, undefined, "has no connection into it; connect a signal to it or remove the port");
    }
  }
  for (const probe of net.all("probe")) {
    if (!known(probe.target)) add(probe, "target", `${probe.target} is not in ${net}; add it first`);
    checkProbe(probe, add);
  }
  checkCycles(net, add);

  if (issues.length > 0 && options.throw !== false) throw new ValidationError(issues);
  return issues;
}

type Add = (object: unknown, attr: string | undefined, message: string) => void;

function checkArrayParam(obj: unknown, attr: string, value: DistOrArray | undefined, rows: number, cols: number | null, add: Add): void {
  if (value === undefined || value instanceof Distribution) return;
  const s = toShaped(value as Parameters<typeof toShaped>[0]);
  if (typeof s === "string") {
    add(obj, attr, s);
    return;
  }
  const want = cols === null ? [rows] : [rows, cols];
  const okShape =
    cols === null
      ? (s.shape.length === 1 && s.shape[0] === rows) || (s.shape.length === 0 && rows === 1)
      : (s.shape.length === 2 && s.shape[0] === rows && s.shape[1] === cols) || (cols === 1 && s.shape.length === 1 && s.shape[0] === rows);
  if (!okShape) add(obj, attr, `has shape ${fmtShape(s.shape)}, expected ${fmtShape(want)}`);
  const bad = firstNonFinite(s.data);
  if (bad >= 0) add(obj, attr, `entry ${bad} is ${s.data[bad]}; values must be finite`);
}

function checkEnsemble(ens: Ensemble, add: Add): void {
  const n = ens.nNeurons;
  const d = ens.dimensions;
  checkArrayParam(ens, "encoders", ens.encoders, n, d, add);
  checkArrayParam(ens, "intercepts", ens.intercepts, n, null, add);
  checkArrayParam(ens, "maxRates", ens.maxRates, n, null, add);
  checkArrayParam(ens, "gain", ens.gain, n, null, add);
  checkArrayParam(ens, "bias", ens.bias, n, null, add);
  if (!(ens.evalPoints instanceof Distribution)) {
    const s = toShaped(ens.evalPoints as Parameters<typeof toShaped>[0]);
    if (typeof s === "string") add(ens, "evalPoints", s);
    else {
      if (!(s.shape.length === 2 && s.shape[1] === d) && !(d === 1 && s.shape.length === 1))
        add(ens, "evalPoints", `has shape ${fmtShape(s.shape)}, expected (nPoints, ${d})`);
      checkFinitePoints(ens, s.data, d, add);
    }
  }
}

function checkConnection(conn: Connection, add: Add): void {
  const preFull = sourceSize(conn.pre);
  const postFull = targetSize(conn.post);
  const sliceCheck = (attr: string, slice: Int32Array | null, size: number): void => {
    if (slice === null) return;
    for (const i of slice) {
      if (!(i >= 0 && i < size)) {
        add(conn, attr, `index ${i} is out of range for size ${size}`);
        return;
      }
    }
  };
  sliceCheck("preSlice", conn.preSlice, preFull);
  sliceCheck("postSlice", conn.postSlice, postFull);

  if (conn.function !== null && conn.pre.kind === "neurons") {
    add(conn, "function", "cannot be applied to a connection from neurons; connect from the ensemble to decode a function");
  }
  if (conn.function !== null && conn.pre.kind === "node" && conn.pre.passthrough) {
    // Nengo: "Cannot apply functions to passthrough nodes"
    add(
      conn,
      "function",
      "cannot be applied to a connection from a pass-through node (output null); put it on the connection into that node, or give the node an output function",
    );
  }
  if (conn.function !== null && (conn.pre.kind === "inPort" || conn.pre.kind === "outPort")) {
    add(conn, "function", "ports carry signals unchanged; put the function on a connection from an ensemble or node");
  }
  if (conn.pre.kind === "ensemble" && conn.pre.neuronType.kind === "Direct" && conn.post.kind === "neurons") {
    // Allowed: the decoded value of a Direct ensemble can drive neurons.
  }
  if ((conn.pre.kind === "neurons" || conn.post.kind === "neurons") && neuronsDirect(conn.pre, conn.post)) {
    add(conn, undefined, "a Direct-mode ensemble has no neurons to connect; connect the ensemble itself");
  }

  // transform objects (Sparse, Convolution, ...) check their sizes when the connection is made
  const t = conn.denseTransform;
  if (t !== null) checkDenseTransform(conn, t, add);
  if (conn.evalPoints !== undefined && conn.pre.kind === "ensemble" && !(conn.evalPoints instanceof Distribution)) {
    const s = toShaped(conn.evalPoints as Parameters<typeof toShaped>[0]);
    const d = conn.pre.dimensions;
    if (typeof s === "string") add(conn, "evalPoints", s);
    else {
      if (!(s.shape.length === 2 && s.shape[1] === d) && !(d === 1 && s.shape.length === 1))
        add(conn, "evalPoints", `has shape ${fmtShape(s.shape)}, expected (nPoints, ${d})`);
      checkFinitePoints(conn, s.data, d, add);
    }
  }
}

/** The sizes and values of a transform given as numbers. */
function checkDenseTransform(conn: Connection, t: Shaped, add: Add): void {
  const mid = conn.sizeMid;
  const out = conn.postSize;
  const bad = firstNonFinite(t.data);
  if (bad >= 0) add(conn, "transform", `entry ${bad} is ${t.data[bad]}; transforms must be finite`);
  if (t.shape.length === 0 || t.shape.length === 1) {
    const n = t.shape.length === 0 ? mid : t.shape[0];
    if (n !== mid || mid !== out) {
      add(
        conn,
        "transform",
        t.shape.length === 0
          ? `a scalar transform needs equal sizes, but ${conn.function !== null ? "the function gives" : "pre gives"} ${mid} and post takes ${out}; give a ${out}×${mid} matrix`
          : `an elementwise transform of length ${t.shape[0]} needs pre (${mid}) and post (${out}) of that size; give a ${out}×${mid} matrix`,
      );
    }
  } else if (t.shape.length === 2 && (t.shape[0] !== out || t.shape[1] !== mid)) {
    add(
      conn,
      "transform",
      `has shape ${fmtShape(t.shape)}, expected (${out}, ${mid}) (post size × ${conn.function !== null ? "function output" : "pre"} size)`,
    );
  }
}

/** Eval points must be finite: a NaN one would otherwise surface as the connection function's fault. */
function checkFinitePoints(obj: unknown, data: ArrayLike<number>, d: number, add: Add): void {
  const bad = firstNonFinite(data);
  if (bad >= 0) add(obj, "evalPoints", `eval point ${Math.floor(bad / d)} (entry ${bad % d}) is ${data[bad]}; eval points must be finite`);
}

function neuronsDirect(pre: ConnectionSource, post: ConnectionTarget): boolean {
  return (pre.kind === "neurons" && pre.ensemble.neuronType.kind === "Direct") || (post.kind === "neurons" && post.ensemble.neuronType.kind === "Direct");
}

const neuronAttrs = new Set(["output", "input"]);

function checkProbe(probe: Probe, add: Add): void {
  const t = probe.target;
  const a = probe.attr;
  switch (t.kind) {
    case "ensemble":
      if (a !== "decoded" && a !== "input" && a !== "scaledEncoders")
        add(probe, "attr", `'${a}' is not an attribute of an ensemble (use "decoded" or "input"; probe ens.neurons for spikes or state)`);
      break;
    case "neurons": {
      if (t.ensemble.neuronType.kind === "Direct") {
        add(probe, "target", "a Direct-mode ensemble has no neurons to probe; probe the ensemble");
        break;
      }
      const states = Object.keys(t.ensemble.neuronType.stateSpec);
      if (!neuronAttrs.has(a) && !states.includes(a)) {
        add(probe, "attr", `'${a}' is not recorded by ${t.ensemble.neuronType.kind} neurons (choose from ${["output", "input", ...states].join(", ")})`);
      }
      break;
    }
    case "connection":
      if (a !== "output" && a !== "input" && a !== "weights")
        add(probe, "attr", `'${a}' is not an attribute of a connection (use "output", "input" or "weights")`);
      break;
    case "node":
      if (t instanceof LearningRule) {
        const known: readonly string[] = t.rule.probeable;
        if (a !== "output" && !known.includes(a)) add(probe, "attr", `'${a}' is not an attribute of ${t} (choose from output, ${known.join(", ")})`);
        break;
      }
      if (a !== "output") add(probe, "attr", `'${a}' is not an attribute of ${t}; use "output"`);
      break;
    case "inPort":
    case "outPort":
      if (a !== "output") add(probe, "attr", `'${a}' is not an attribute of ${t}; use "output"`);
      break;
  }
}

/** Same-step dependencies: a connection without a synapse makes post depend on pre within the step. */
function checkCycles(net: Network, add: Add): void {
  const vertexOf = (end: ConnectionSource | ConnectionTarget): Vertex => (end.kind === "neurons" ? end.ensemble : end);
  const edges = new Map<Vertex, { to: Vertex; conn: Connection }[]>();
  for (const conn of net.all("connection")) {
    if (conn.synapse !== null) continue;
    const from = vertexOf(conn.pre);
    // A node's output does not depend on its input when it has none (constant, process without input).
    const list = edges.get(from) ?? [];
    list.push({ to: vertexOf(conn.post), conn });
    edges.set(from, list);
  }
  // An ensemble's neurons do not feed a neuron-less Direct chain differently: all act within the step.
  const state = new Map<Vertex, 1 | 2>();
  const stack: Vertex[] = [];
  const reported = new Set<string>();
  const visit = (v: Vertex): void => {
    state.set(v, 1);
    stack.push(v);
    for (const { to } of edges.get(v) ?? []) {
      const s = state.get(to);
      if (s === 1) {
        const cycle = stack.slice(stack.indexOf(to)).map(String);
        const key = [...cycle].sort().join("|");
        if (!reported.has(key)) {
          reported.add(key);
          add(
            to,
            undefined,
            `is on a cycle with no synapse (${[...cycle, String(to)].join(" -> ")}); put a synapse (e.g. synapse: 0, a one-step delay) on one of its connections`,
          );
        }
      } else if (s === undefined) visit(to);
    }
    stack.pop();
    state.set(v, 2);
  };
  for (const v of edges.keys()) if (!state.has(v)) visit(v);
}
