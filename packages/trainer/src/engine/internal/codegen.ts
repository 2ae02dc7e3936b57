// The planner of the typed-array engine: it pairs each forward kernel with its adjoint, orders
// them once, and emits one fused JavaScript function per pass (forward for training, forward for
// inference, loss, backward) with every size, offset and constant inlined. The functions run over
// buffers preallocated for the unrolled steps, and allocate nothing.
import type { Graph, GraphConnection, GraphEnsemble, GraphSignal } from "./graph.js";
import type { RateModel } from "./neuronModels.js";

/** One preallocated buffer: `width` values per example and step, over `T + extraSteps` steps. */
export interface BufferSpec {
  readonly name: string;
  readonly width: number;
  readonly extraSteps: number;
  /** An adjoint buffer, zeroed before each backward pass. */
  readonly adjoint: boolean;
  /**
   * Kept in float64 whatever the model's dtype: the low-dimensional signals (ports, ensemble
   * inputs, synapse states and their adjoints), which are cheap and carry the recursions whose
   * rounding would accumulate; the per-neuron buffers follow the dtype.
   */
  readonly precise: boolean;
}

/** Constant arrays the kernels read (gains, slices, constant node values). */
export interface ConstantSpec {
  readonly name: string;
  readonly value: Float64Array | Int32Array;
}

export interface GeneratedKernels {
  readonly source: string;
  readonly buffers: readonly BufferSpec[];
  readonly constants: readonly ConstantSpec[];
  /** Ensembles (signal ids) whose neurons run the type's own step through `ext[id]` in inference. */
  readonly inferSteps: readonly number[];
  /** Ensembles whose neurons run their own step in training too (surrogate gradients). */
  readonly trainSteps: readonly number[];
  /** Whether each signal's adjoint is computed. */
  readonly needAdjoint: readonly boolean[];
}

const lit = (x: number): string => {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  const s = String(x);
  return x < 0 ? `(${s})` : s;
};

// softplus(x) is taken as x above this: PyTorch's `softplus` threshold in training (the reference
// trajectories' arithmetic), the simulator's (core's SoftLIFRate, TensorFlow's log(eps) + 2) in
// inference so that rate outputs match the simulator's.
const SOFTPLUS_TRAIN = 20;
const SOFTPLUS_INFER = -(Math.log(Number.EPSILON) + 2);

/**
 * Code that sets `rv` (the rate) and, when `deriv` (training), `dv` (its derivative) from the
 * current `j`.
 */
export function rateCode(m: RateModel, deriv: boolean): string {
  switch (m.kind) {
    case "sigmoid":
      return `{ const e = exp(-j); const den = 1 + e; rv = ${lit(m.maxRate)} / den;${deriv ? " dv = e === Infinity ? 0 : rv * e / den;" : ""} }`;
    case "tanh":
      return `{ const th = tanh(j); rv = ${lit(m.maxRate)} * th;${deriv ? ` dv = ${lit(m.maxRate)} * (1 - th * th);` : ""} }`;
    case "relu":
      return `if (j > 0) { rv = ${lit(m.amplitude)} * j;${deriv ? ` dv = ${lit(m.amplitude)};` : ""} } else { rv = 0;${deriv ? " dv = 0;" : ""} }`;
    case "lifRate":
      return `{ const jm1 = j - 1; if (jm1 > 0) { const den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * log1p(1 / jm1); rv = ${lit(m.amplitude)} / den;${
        deriv ? ` dv = ${lit(m.amplitude * m.tauRc)} / (den * den) / (jm1 * (jm1 + 1));` : ""
      } } else { rv = 0;${deriv ? " dv = 0;" : ""} } }`;
    case "softlif": {
      // nengo_dl's SoftLIFRate.
      const s = lit(m.sigma);
      const k = lit(m.amplitude * m.tauRc);
      return `{ const js = (j - 1) / ${s}; let den;
        if (js > -20) {
          let sp, sg;
          if (js > ${lit(deriv ? SOFTPLUS_TRAIN : SOFTPLUS_INFER)}) { sp = js; sg = 1; } else { const ex = exp(js); sp = log1p(ex); sg = ex / (1 + ex); }
          const z = ${s} * sp;
          den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * log1p(1 / z);
          rv = ${lit(m.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) * sg / (z * (z + 1));` : ""}
        } else {
          den = ${lit(m.tauRef)} + ${lit(m.tauRc)} * (-js - ${lit(Math.log(m.sigma))});
          rv = ${lit(m.amplitude)} / den;${deriv ? ` dv = ${k} / (den * den) / ${s};` : ""}
        } }`;
    }
  }
}

/**
 * Emits the kernels of `graph`. The source is the body of `new Function("R", source)`, which
 * returns `{ forwardTrain, forwardInfer, loss, zeroAdjoints, backward }`.
 */
export function generateKernels(graph: Graph): GeneratedKernels {
  const { signals, connections, parameters } = graph;
  const buffers: BufferSpec[] = [];
  const constants: ConstantSpec[] = [];
  const buf = (name: string, width: number, adjoint = false, extraSteps = 0, precise = true): string => {
    buffers.push({ name, width, extraSteps, adjoint, precise });
    return name;
  };
  const konst = (name: string, value: Float64Array | Int32Array): string => {
    constants.push({ name, value });
    return name;
  };
  const trainable = (p: number): boolean => parameters[p]!.info.trainable;

  // Which adjoints are needed: a signal's, when something trainable lies upstream of it.
  const incoming: GraphConnection[][] = signals.map(() => []);
  for (const c of connections) incoming[c.post]!.push(c);
  const needAdjoint = signals.map(() => false);
  const connNeeds = (c: GraphConnection): boolean => trainable(c.weight) || needAdjoint[c.pre]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of signals) {
      if (needAdjoint[s.id] || s.kind === "input" || s.kind === "constant" || s.kind === "time") continue;
      const own = s.kind === "ensemble" && (trainable(s.ens.encoders) || trainable(s.ens.bias));
      if (own || incoming[s.id]!.some(connNeeds)) {
        needAdjoint[s.id] = true;
        changed = true;
      }
    }
  }

  // Buffers.
  for (const s of signals) {
    if (s.kind === "constant") konst(`K${s.id}`, s.value);
    else if (s.kind !== "time") buf(`v${s.id}`, s.size, false, 0, s.kind !== "ensemble");
    if (needAdjoint[s.id]) buf(`gv${s.id}`, s.size, true, 0, s.kind !== "ensemble");
    if (s.kind === "ensemble") {
      const e = s.ens;
      buf(`x${s.id}`, e.d);
      if (e.hasNeuronInput) buf(`ni${s.id}`, e.n, false, 0, false);
      buf(`dr${s.id}`, e.n, false, 0, false);
      if (e.neurons.infer === null || e.neurons.trainStep) buf(`J${s.id}`, e.n, false, 0, false);
      if (needAdjoint[s.id]) {
        buf(`gx${s.id}`, e.d, true);
        if (e.hasNeuronInput) buf(`gni${s.id}`, e.n, true, 0, false);
      }
      konst(`gR${s.id}`, e.gainR);
      konst(`gain${s.id}`, e.gain);
    }
  }
  connections.forEach((c, ci) => {
    if (c.preSlice !== null) konst(`PS${ci}`, c.preSlice);
    if (c.postSlice !== null) konst(`QS${ci}`, c.postSlice);
    if (c.filter !== null) {
      const f = c.filter;
      buf(`m${ci}`, c.rows);
      buf(`o${ci}`, c.rows, false, 1);
      if (f.stepKind === "noD" || f.stepKind === "general") buf(`s${ci}`, c.rows * f.order, false, 1);
      if (connNeeds(c)) {
        buf(`gm${ci}`, c.rows, true);
        buf(`go${ci}`, c.rows, true, 1);
        if (f.stepKind === "noD" || f.stepKind === "general") buf(`gs${ci}`, c.rows * f.order, true, 1);
      }
    }
  });

  const sig = (id: number): GraphSignal => signals[id]!;
  /** Buffer and per-(t, b) offset expression of a signal's value. */
  const valueAt = (id: number): { arr: string; off: string } => {
    const s = sig(id);
    if (s.kind === "constant") return { arr: `K${id}`, off: "0" };
    if (s.kind === "time") return { arr: `tab${id}`, off: `t * ${s.size}` };
    return { arr: `v${id}`, off: `(t * B + b) * ${s.size}` };
  };
  /** The buffer a connection adds into, its adjoint, and its width. */
  const targetOf = (c: GraphConnection): { arr: string; adj: string; width: number } => {
    const s = sig(c.post);
    if (c.into === "x" && s.kind === "ensemble") return { arr: `x${s.id}`, adj: `gx${s.id}`, width: s.ens.d };
    if (c.into === "neurons" && s.kind === "ensemble") return { arr: `ni${s.id}`, adj: `gni${s.id}`, width: s.ens.n };
    return { arr: `v${s.id}`, adj: `gv${s.id}`, width: s.size };
  };
  const postIdx = (c: GraphConnection, ci: number, o: string): string => (c.postSlice === null ? o : `QS${ci}[${o}]`);
  const preIdx = (c: GraphConnection, ci: number, j: string): string => (c.preSlice === null ? j : `PS${ci}[${j}]`);

  // ---- forward kernels
  const ensembleForward = (s: GraphSignal & { kind: "ensemble" }, train: boolean): string => {
    const e: GraphEnsemble = s.ens;
    const { n: N, d: D } = e;
    const id = s.id;
    const runStep = train ? e.neurons.trainStep : e.neurons.infer === null;
    const model = train ? e.neurons.train : e.neurons.infer;
    const E = `p${e.encoders}`;
    const dotTerms: string[] = [];
    let dot: string;
    // Small inputs are read once per example, outside the neuron loop: V8 cannot prove that the
    // stores to the rate buffers leave them unchanged, so it would reload them per neuron.
    let hoist = "";
    if (D <= 8) {
      for (let k = 0; k < D; k++) dotTerms.push(`${E}[nd${k === 0 ? "" : ` + ${k}`}] * x_${k}`);
      dot = `const dot = ${dotTerms.join(" + ")};`;
      hoist = Array.from({ length: D }, (_, k) => `const x_${k} = x${id}[xo + ${k}];`).join(" ");
    } else {
      dot = `let dot = 0; for (let k = 0; k < ${D}; k++) dot += ${E}[nd + k] * x${id}[xo + k];`;
    }
    const jExpr = `gR${id}[n] * dot + p${e.bias}[n]${e.hasNeuronInput ? ` + gain${id}[n] * ni${id}[no + n]` : ""}`;
    let body: string;
    if (runStep) {
      body = `J${id}[no + n] = ${jExpr};`;
    } else {
      body = `const j = ${jExpr}; let rv = 0, dv = 0; ${rateCode(model!, train)} v${id}[no + n] = rv;${train ? ` dr${id}[no + n] = dv;` : ""}`;
    }
    let code = `{ // ${s.name}
      for (let b = 0; b < B; b++) {
        const xo = (t * B + b) * ${D}, no = (t * B + b) * ${N};
        ${hoist}
        for (let n = 0; n < ${N}; n++) {
          const nd = n * ${D};
          ${dot}
          ${body}
        }
      }`;
    if (runStep) {
      code += `
      ext[${id}](t, B);`;
      if (train) {
        code += `
      for (let q = t * B * ${N}, qe = q + B * ${N}; q < qe; q++) { const j = J${id}[q]; let rv = 0, dv = 0; ${rateCode(model ?? e.neurons.train, true)} dr${id}[q] = dv; }`;
      }
    }
    return code + "\n}";
  };

  /** z = W · pre for one (t, b), added into the target (no synapse) or stored as the filter input. */
  const connForward = (c: GraphConnection, ci: number): string => {
    const { arr: pa, off: poff } = valueAt(c.pre);
    const W = `p${c.weight}`;
    const tgt = targetOf(c);
    const dest = (o: string, z: string): string =>
      c.filter === null ? `${tgt.arr}[qo + ${postIdx(c, ci, o)}] += ${z};` : `m${ci}[mo + ${o}] = ${z};`;
    let inner: string;
    switch (c.form) {
      case "scalar":
        inner = `const w = ${W}[0]; for (let j = 0; j < ${c.cols}; j++) { ${dest("j", `w * ${pa}[po + ${preIdx(c, ci, "j")}]`)} }`;
        break;
      case "vector":
        inner = `for (let j = 0; j < ${c.cols}; j++) { ${dest("j", `${W}[j] * ${pa}[po + ${preIdx(c, ci, "j")}]`)} }`;
        break;
      case "matrix":
      case "decoded":
        inner = `for (let o = 0; o < ${c.rows}; o++) { const wo = o * ${c.cols}; let z = 0; for (let j = 0; j < ${c.cols}; j++) z += ${W}[wo + j] * ${pa}[po + ${c.form === "decoded" ? "j" : preIdx(c, ci, "j")}]; ${dest("o", "z")} }`;
        break;
    }
    let code = `{ // ${c.name}
      for (let b = 0; b < B; b++) {
        const po = ${poff};
        ${c.filter === null ? `const qo = (t * B + b) * ${tgt.width};` : `const mo = (t * B + b) * ${c.rows};`}
        ${inner}
      }`;
    if (c.filter !== null) code += "\n" + filterUpdate(c, ci);
    return code + "\n}";
  };

  const filterUpdate = (c: GraphConnection, ci: number): string => {
    const f = c.filter!;
    const m = c.rows;
    const head = `for (let b = 0; b < B; b++) {
        const mo = (t * B + b) * ${m}, oc = (t * B + b) * ${m}, on = ((t + 1) * B + b) * ${m};`;
    switch (f.stepKind) {
      case "noX":
        return `${head} for (let k = 0; k < ${m}; k++) o${ci}[on + k] = ${lit(f.d)} * m${ci}[mo + k]; }`;
      case "oneX": {
        const a = f.a[0]!;
        const bb = f.c[0]! * f.b[0]!;
        return `${head} for (let k = 0; k < ${m}; k++) o${ci}[on + k] = ${lit(a)} * o${ci}[oc + k] + ${lit(bb)} * m${ci}[mo + k]; }`;
      }
      case "noD":
      case "general": {
        const n = f.order;
        const S = m * n;
        const lines: string[] = [];
        lines.push(`const sc = (t * B + b) * ${S}, sn = ((t + 1) * B + b) * ${S};`);
        lines.push(`for (let k = 0; k < ${m}; k++) { const u = m${ci}[mo + k];`);
        if (f.stepKind === "general") {
          const terms = Array.from({ length: n }, (_, i) => `${lit(f.c[i]!)} * s${ci}[sc + ${i * m} + k]`);
          lines.push(`o${ci}[on + k] = ${terms.join(" + ")} + ${lit(f.d)} * u;`);
        }
        for (let i = 0; i < n; i++) {
          const terms = Array.from({ length: n }, (_, kk) => `${lit(f.a[i * n + kk]!)} * s${ci}[sc + ${kk * m} + k]`);
          lines.push(`s${ci}[sn + ${i * m} + k] = ${terms.join(" + ")} + ${lit(f.b[i]!)} * u;`);
        }
        if (f.stepKind === "noD") {
          const terms = Array.from({ length: n }, (_, i) => `${lit(f.c[i]!)} * s${ci}[sn + ${i * m} + k]`);
          lines.push(`o${ci}[on + k] = ${terms.join(" + ")};`);
        }
        lines.push("}");
        return `${head}\n${lines.join("\n")} }`;
      }
    }
  };

  const filterRead = (c: GraphConnection, ci: number): string => {
    const tgt = targetOf(c);
    return `if (t > 0) { // ${c.name} (synapse output)
      for (let b = 0; b < B; b++) {
        const oo = (t * B + b) * ${c.rows}, qo = (t * B + b) * ${tgt.width};
        for (let k = 0; k < ${c.rows}; k++) ${tgt.arr}[qo + ${postIdx(c, ci, "k")}] += o${ci}[oo + k];
      }
    }`;
  };

  // ---- backward kernels
  const ensembleBackward = (s: GraphSignal & { kind: "ensemble" }): string => {
    const e = s.ens;
    const id = s.id;
    const { n: N, d: D } = e;
    const encT = trainable(e.encoders);
    const biasT = trainable(e.bias);
    const needX = incoming[id]!.some((c) => c.into === "x" && connNeeds(c));
    const needNi = incoming[id]!.some((c) => c.into === "neurons" && connNeeds(c));
    const E = `p${e.encoders}`;
    const lines: string[] = [];
    if (needX) for (let k = 0; k < D; k++) lines.push(`let gx_${k} = 0;`);
    if (encT) for (let k = 0; k < D; k++) lines.push(`const x_${k} = x${id}[xo + ${k}];`);
    const inner: string[] = [];
    inner.push(`const dj = gv${id}[no + n] * dr${id}[no + n];`);
    inner.push("if (dj === 0) continue;");
    if (biasT) inner.push(`g${e.bias}[n] += dj;`);
    if (needNi) inner.push(`gni${id}[no + n] += dj * gain${id}[n];`);
    if (encT || needX) {
      inner.push(`const gj = dj * gR${id}[n]; const nd = n * ${D};`);
      for (let k = 0; k < D; k++) {
        if (encT) inner.push(`g${e.encoders}[nd + ${k}] += gj * x_${k};`);
        if (needX) inner.push(`gx_${k} += gj * ${E}[nd + ${k}];`);
      }
    }
    const tail = needX ? Array.from({ length: D }, (_, k) => `gx${id}[xo + ${k}] += gx_${k};`).join(" ") : "";
    return `{ // ${s.name} (adjoint)
      for (let b = 0; b < B; b++) {
        const xo = (t * B + b) * ${D}, no = (t * B + b) * ${N};
        ${lines.join(" ")}
        for (let n = 0; n < ${N}; n++) { ${inner.join(" ")} }
        ${tail}
      }
    }`;
  };

  const connBackward = (c: GraphConnection, ci: number): string => {
    const wT = trainable(c.weight);
    const preAdj = needAdjoint[c.pre]!;
    if (!wT && !preAdj) return "";
    const { arr: pa, off: poff } = valueAt(c.pre);
    const W = `p${c.weight}`;
    const G = `g${c.weight}`;
    const tgt = targetOf(c);
    const gz = (o: string): string => (c.filter === null ? `${tgt.adj}[qo + ${postIdx(c, ci, o)}]` : `gm${ci}[mo + ${o}]`);
    const pidx = (j: string): string => (c.form === "decoded" ? j : preIdx(c, ci, j));
    const gp = (j: string): string => `gv${c.pre}[po + ${pidx(j)}]`;
    let inner: string;
    let pre = "";
    let post = "";
    switch (c.form) {
      case "scalar":
        if (wT) {
          pre = "let acc = 0;";
          post = `${G}[0] += acc;`;
        }
        inner = `const w = ${W}[0]; for (let j = 0; j < ${c.cols}; j++) { const g = ${gz("j")};${wT ? ` acc += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += w * g;` : ""} }`;
        break;
      case "vector":
        inner = `for (let j = 0; j < ${c.cols}; j++) { const g = ${gz("j")};${wT ? ` ${G}[j] += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += ${W}[j] * g;` : ""} }`;
        break;
      case "matrix":
      case "decoded":
        inner = `for (let o = 0; o < ${c.rows}; o++) { const g = ${gz("o")}; if (g === 0) continue; const wo = o * ${c.cols};
          for (let j = 0; j < ${c.cols}; j++) {${wT ? ` ${G}[wo + j] += g * ${pa}[po + ${pidx("j")}];` : ""}${preAdj ? ` ${gp("j")} += ${W}[wo + j] * g;` : ""} } }`;
        break;
    }
    return `{ // ${c.name} (adjoint)
      ${pre}
      for (let b = 0; b < B; b++) {
        const po = ${poff};
        ${c.filter === null ? `const qo = (t * B + b) * ${tgt.width};` : `const mo = (t * B + b) * ${c.rows};`}
        ${inner}
      }
      ${post}
    }`;
  };

  const filterUpdateBackward = (c: GraphConnection, ci: number): string => {
    const f = c.filter!;
    const m = c.rows;
    const head = `for (let b = 0; b < B; b++) {
        const mo = (t * B + b) * ${m}, oc = (t * B + b) * ${m}, on = ((t + 1) * B + b) * ${m};`;
    switch (f.stepKind) {
      case "noX":
        return `${head} for (let k = 0; k < ${m}; k++) gm${ci}[mo + k] = ${lit(f.d)} * go${ci}[on + k]; }`;
      case "oneX": {
        const a = f.a[0]!;
        const bb = f.c[0]! * f.b[0]!;
        return `${head} for (let k = 0; k < ${m}; k++) { const g = go${ci}[on + k]; gm${ci}[mo + k] = ${lit(bb)} * g; go${ci}[oc + k] += ${lit(a)} * g; } }`;
      }
      case "noD":
      case "general": {
        const n = f.order;
        const S = m * n;
        const lines: string[] = [`const sc = (t * B + b) * ${S}, sn = ((t + 1) * B + b) * ${S};`, `for (let k = 0; k < ${m}; k++) {`];
        lines.push(`const g = go${ci}[on + k];`);
        if (f.stepKind === "noD") {
          // o[t+1] = C s[t+1]; s[t+1] = A s[t] + B u[t]
          for (let i = 0; i < n; i++) lines.push(`const h${i} = gs${ci}[sn + ${i * m} + k] + ${lit(f.c[i]!)} * g;`);
          lines.push(`gm${ci}[mo + k] = ${Array.from({ length: n }, (_, i) => `${lit(f.b[i]!)} * h${i}`).join(" + ")};`);
          for (let kk = 0; kk < n; kk++) {
            lines.push(`gs${ci}[sc + ${kk * m} + k] += ${Array.from({ length: n }, (_, i) => `${lit(f.a[i * n + kk]!)} * h${i}`).join(" + ")};`);
          }
        } else {
          // o[t+1] = C s[t] + D u[t]; s[t+1] = A s[t] + B u[t]
          for (let i = 0; i < n; i++) lines.push(`const h${i} = gs${ci}[sn + ${i * m} + k];`);
          lines.push(`gm${ci}[mo + k] = ${lit(f.d)} * g + ${Array.from({ length: n }, (_, i) => `${lit(f.b[i]!)} * h${i}`).join(" + ")};`);
          for (let kk = 0; kk < n; kk++) {
            lines.push(
              `gs${ci}[sc + ${kk * m} + k] += ${lit(f.c[kk]!)} * g + ${Array.from({ length: n }, (_, i) => `${lit(f.a[i * n + kk]!)} * h${i}`).join(" + ")};`,
            );
          }
        }
        lines.push("}");
        return `${head}\n${lines.join("\n")} }`;
      }
    }
  };

  const filterReadBackward = (c: GraphConnection, ci: number): string => {
    const tgt = targetOf(c);
    return `if (t > 0) { // ${c.name} (synapse output, adjoint)
      for (let b = 0; b < B; b++) {
        const oo = (t * B + b) * ${c.rows}, qo = (t * B + b) * ${tgt.width};
        for (let k = 0; k < ${c.rows}; k++) go${ci}[oo + k] += ${tgt.adj}[qo + ${postIdx(c, ci, "k")}];
      }
    }`;
  };

  // ---- passes
  const filtered = connections.map((c, ci) => [c, ci] as const).filter(([c]) => c.filter !== null);
  const forwardStep = (train: boolean): string => {
    const parts: string[] = [];
    for (const [c, ci] of filtered) parts.push(filterRead(c, ci));
    for (const id of graph.order) {
      const s = sig(id);
      if (s.kind === "ensemble") parts.push(ensembleForward(s, train));
      for (const ci of graph.outgoing[id]!) parts.push(connForward(connections[ci]!, ci));
    }
    return parts.join("\n");
  };
  const backwardStep = (): string => {
    const parts: string[] = [];
    for (let k = graph.order.length - 1; k >= 0; k--) {
      const id = graph.order[k]!;
      const s = sig(id);
      const outs = graph.outgoing[id]!;
      for (let q = outs.length - 1; q >= 0; q--) {
        const ci = outs[q]!;
        const c = connections[ci]!;
        if (!connNeeds(c)) continue;
        if (c.filter !== null) parts.push(filterUpdateBackward(c, ci));
        parts.push(connBackward(c, ci));
      }
      if (s.kind === "ensemble" && needAdjoint[id]) parts.push(ensembleBackward(s));
    }
    for (const [c, ci] of filtered) if (connNeeds(c)) parts.push(filterReadBackward(c, ci));
    return parts.join("\n");
  };

  const zeroForward: string[] = [];
  for (const s of signals) {
    if (s.kind === "sum") zeroForward.push(`v${s.id}.fill(0, 0, T * B * ${s.size});`);
    if (s.kind === "ensemble") {
      zeroForward.push(`x${s.id}.fill(0, 0, T * B * ${s.ens.d});`);
      if (s.ens.hasNeuronInput) zeroForward.push(`ni${s.id}.fill(0, 0, T * B * ${s.ens.n});`);
    }
  }
  for (const [c, ci] of filtered) {
    zeroForward.push(`o${ci}.fill(0, 0, B * ${c.rows});`);
    const f = c.filter!;
    if (f.stepKind === "noD" || f.stepKind === "general") zeroForward.push(`s${ci}.fill(0, 0, B * ${c.rows * f.order});`);
  }
  const copyInputs = graph.inputs
    .map(
      (p, k) => `{ const d = io.inputs[${k}]; const S = ${p.size};
      for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) { const o = (t * B + b) * S, q = ((b0 + b) * T + t) * S; for (let i = 0; i < S; i++) v${p.signal}[o + i] = d[q + i]; } }`,
    )
    .join("\n");
  const tables = signals
    .filter((s) => s.kind === "time")
    .map((s) => `const tab${s.id} = io.tables[${s.id}];`)
    .join("\n");
  const zeroAdj = buffers
    .filter((b) => b.adjoint)
    .map((b) => `${b.name}.fill(0, 0, (T + ${b.extraSteps}) * B * ${b.width});`)
    .join("\n");
  const lossCode = graph.outputs
    .map((p, k) => {
      const adj = needAdjoint[p.signal] ? `gv${p.signal}` : null;
      return `{ const y = io.targets[${k}]; if (y !== null) { const S = ${p.size}; let s = 0; const scale = 2 / io.counts[${k}];
        for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) { const o = (t * B + b) * S, q = ((b0 + b) * T + t) * S;
          for (let i = 0; i < S; i++) { const e = v${p.signal}[o + i] - y[q + i]; s += e * e;${adj !== null ? ` if (grad) ${adj}[o + i] = scale * e;` : ""} } }
        total += s / io.counts[${k}]; } }`;
    })
    .join("\n");

  const names = [...new Set(buffers.map((b) => b.name))];
  const source = `"use strict";
const exp = Math.exp, log1p = Math.log1p, tanh = Math.tanh;
const { A, P, G, K, io, ext } = R;
const { ${names.join(", ")} } = A;
${constants.length > 0 ? `const { ${constants.map((c) => c.name).join(", ")} } = K;` : ""}
${parameters.map((_, k) => `const p${k} = P[${k}], g${k} = G[${k}];`).join("\n")}
function forward(B, T, b0, train) {
  ${tables}
  ${zeroForward.join("\n  ")}
  ${copyInputs}
  if (train) {
    for (let t = 0; t < T; t++) {
      ${forwardStep(true)}
    }
  } else {
    for (let t = 0; t < T; t++) {
      ${forwardStep(false)}
    }
  }
}
function zeroAdjoints(B, T) {
  ${zeroAdj}
}
function loss(B, T, b0, grad) {
  let total = 0;
  ${lossCode}
  return total;
}
function backward(B, T) {
  ${tables}
  for (let t = T - 1; t >= 0; t--) {
    ${backwardStep()}
  }
}
return { forward, zeroAdjoints, loss, backward };
`;
  return {
    source,
    buffers,
    constants,
    inferSteps: signals.filter((s) => s.kind === "ensemble" && s.ens.neurons.infer === null).map((s) => s.id),
    trainSteps: signals.filter((s) => s.kind === "ensemble" && s.ens.neurons.trainStep).map((s) => s.id),
    needAdjoint,
  };
}
