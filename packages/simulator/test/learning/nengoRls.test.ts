// Ports of Nengo 4.1's RLS tests (nengo/tests/test_learning_rules.py: _test_rls_network and the
// tests that call it, names kept in the titles), with Nengo's four tolerances: the learned output
// against the solved one and the ideal, the solved one against the ideal, and the learned inverse
// correlation P against the one of the activities on 1000 eval points (gamma_diff). Nengo's
// `RandomState(seed).randn(dims, 1)` transform is replaced by fixed values of the same scale.
import { LIF, LIFRate, Network, type NeuronType, RLS } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { Simulator } from "../../src/Simulator.js";

/** Nengo's `nrmse(a, b)`: rms(a − b) / rms(b) over every entry. */
function nrmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let se = 0;
  let ss = 0;
  for (let i = 0; i < b.length; i++) {
    const y = b[i] ?? Number.NaN;
    se += ((a[i] ?? Number.NaN) - y) ** 2;
    ss += y * y;
  }
  return Math.sqrt(se / ss);
}

/** The inverse of an n × n matrix (Gauss-Jordan with partial pivoting). */
function inverse(m: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  const at = (x: Float64Array, i: number, j: number): number => x[i * n + j] ?? Number.NaN;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(at(a, r, c)) > Math.abs(at(a, p, c))) p = r;
    for (const x of [a, inv])
      for (let j = 0; j < n; j++) {
        const t = at(x, c, j);
        x[c * n + j] = at(x, p, j);
        x[p * n + j] = t;
      }
    const d = at(a, c, c);
    for (const x of [a, inv]) for (let j = 0; j < n; j++) x[c * n + j] = at(x, c, j) / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = at(a, r, c);
      if (f === 0) continue;
      for (const x of [a, inv]) for (let j = 0; j < n; j++) x[r * n + j] = at(x, r, j) - f * at(x, c, j);
    }
  }
  return inv;
}

/** `m / ‖m‖` (Frobenius). */
const normalized = (m: Float64Array): Float64Array => {
  const norm = Math.sqrt(m.reduce((s, v) => s + v * v, 0));
  return m.map((v) => v / norm);
};

interface RlsOptions {
  readonly dims?: number;
  readonly lrate: number;
  readonly neuronType?: () => NeuronType;
  readonly tau?: number | null;
  readonly tols: readonly [number, number, number, number];
}

/** Nengo's `_test_rls_network`: RLS learns a linear map of a 5 Hz sine within t_train, then is tested with the error off. */
function testRlsNetwork(o: RlsOptions): void {
  const nNeurons = 100;
  const freq = 5;
  const dims = o.dims ?? 1;
  const tTrain = 0.5;
  const tau = o.tau ?? null;
  const transform = Array.from({ length: dims }, (_, k) => [1.3 * Math.sin(2.1 * k + 1)]);
  const lr = new RLS({ learningRate: o.lrate, preSynapse: tau });
  const model = new Network({ seed: 21 });
  const u = model.node({ output: (t: number) => Math.sin(freq * 2 * Math.PI * t) });
  const x = model.ensemble({ nNeurons, dimensions: 1, neuronType: (o.neuronType ?? (() => new LIFRate()))() });
  const y = model.node({ sizeIn: dims });
  const yOn = model.node({ sizeIn: dims });
  const yOff = model.node({ sizeIn: dims });
  const e = model.node({ sizeIn: dims, output: (t: number, v: Float64Array) => (t < tTrain ? v : new Float64Array(dims)) });
  model.connect(u, y, { synapse: null, transform });
  model.connect(u, x, { synapse: null });
  const connOn = model.connect(x, yOn, { synapse: null, learningRule: lr, function: () => new Float64Array(dims) });
  model.connect(y, e, { synapse: null, transform: -1 });
  model.connect(yOn, e, { synapse: null });
  const rule = connOn.learningRuleFor(0);
  model.connect(e, rule, { synapse: tau });
  model.connect(x, yOff, { synapse: null, transform });
  const pY = model.probe(y, { synapse: tau });
  const pOn = model.probe(yOn, { synapse: tau });
  const pOff = model.probe(yOff, { synapse: tau });
  const pInvGamma = model.probe(rule, { attr: "invGamma" });
  const plan = build(model);
  expect(plan.describe().match(/RLS/g)?.length ?? 0).toBeGreaterThan(0);
  const sim = new Simulator(plan, { progress: false });
  sim.run(tTrain + 0.25);
  const first = sim.trange().findIndex((t) => t >= tTrain);
  const test = (p: Parameters<Simulator["data"]>[0]) => sim.data(p).data.subarray(first * dims);
  const onVersusOff = nrmse(test(pOn), test(pOff));
  const onVersusIdeal = nrmse(test(pOn), test(pY));
  const offVersusIdeal = nrmse(test(pOff), test(pY));
  // gamma_off = AᵀA + I/κ over 1000 points in [-1, 1]; gamma_on = P⁻¹ at the end
  const bx = plan.built.ensembles.get(x);
  if (bx === undefined) throw new Error("x was not built");
  const points = Float64Array.from({ length: 1000 }, (_, i) => -1 + (2 * i) / 999);
  const drive = Float64Array.from(
    { length: 1000 * nNeurons },
    (_, k) => ((points[Math.floor(k / nNeurons)] ?? 0) * (bx.encoders[k % nNeurons] ?? 0)) / x.radius,
  );
  const A = x.neuronType.rates(drive, bx.gain, bx.bias);
  const gammaOff = new Float64Array(nNeurons * nNeurons);
  for (let i = 0; i < nNeurons; i++)
    for (let j = 0; j < nNeurons; j++) {
      let s = 0;
      for (let p = 0; p < 1000; p++) s += (A[p * nNeurons + i] ?? 0) * (A[p * nNeurons + j] ?? 0);
      gammaOff[i * nNeurons + j] = s + (i === j ? 1 / lr.learningRate : 0);
    }
  const P = sim.data(pInvGamma).data;
  const gammaOn = inverse(P.subarray(P.length - nNeurons * nNeurons), nNeurons);
  const gammaDiff = nrmse(normalized(gammaOn), normalized(gammaOff));
  expect(onVersusOff, "on_versus_off").toBeLessThan(o.tols[0]);
  expect(onVersusIdeal, "on_versus_ideal").toBeLessThan(o.tols[1]);
  expect(offVersusIdeal, "off_versus_ideal").toBeLessThan(o.tols[2]);
  expect(gammaDiff, "gamma_diff").toBeLessThan(o.tols[3]);
}

describe("nengo/tests/test_learning_rules.py (RLS)", () => {
  it("test_rls_scalar_rate: RLS (rate 100) learns a scalar map of LIFRate activities", () => testRlsNetwork({ lrate: 100, tols: [0.02, 3e-3, 0.02, 0.3] }));
  it("test_rls_multidim: RLS (rate 100) learns an 11-dimensional map", () => testRlsNetwork({ dims: 11, lrate: 100, tols: [0.02, 3e-3, 0.02, 0.3] }));
  it("test_rls_scalar_spiking: RLS (rate 0.05, tau 0.01) learns from LIF spikes", () =>
    testRlsNetwork({ neuronType: () => new LIF(), lrate: 0.05, tau: 0.01, tols: [0.04, 0.05, 0.04, 0.3] }));
});
