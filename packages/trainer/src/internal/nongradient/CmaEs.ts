// A standard (μ/μ_w, λ)-CMA-ES, as N. Hansen's tutorial ("The CMA Evolution Strategy: A
// Tutorial", 2016, Fig. 6 and Table 1) and his reference `purecma.py` define it: weighted
// recombination of the best μ of λ samples, cumulative step-size adaptation, rank-one and rank-μ
// covariance updates with the h_σ stall, eigendecomposition of C for sampling.
//
// Written here rather than taken from npm: `npm view cma-es` and `npm view cmaes` find no such
// package, and the npm package list this workplace keeps (name, version, monthly downloads) has
// no CMA-ES implementation at all, so there is none that is maintained, typed and widely used
// to depend on. Every random draw in Plexus must come from core's seeded `Rng` anyway, which a
// package would not take.
import { type Rng, TrainingError } from "@plexus/core";
import { f64At, libm } from "@plexus/core/runtime";
import { symmetricEigen } from "./symmetricEigen.js";

export interface CmaEsOptions {
  /** Initial mean. */
  readonly x0: Float64Array;
  /** Initial step size (> 0). */
  readonly sigma0: number;
  /** λ, samples per generation (>= 2). Default 4 + ⌊3 ln n⌋. */
  readonly populationSize?: number;
  readonly rng: Rng;
}

/** The strategy's state, advanced by `ask` then `tell`. */
export class CmaEs {
  readonly n: number;
  readonly lambda: number;
  readonly mu: number;
  readonly weights: Float64Array;
  readonly muEff: number;
  private readonly cc: number;
  private readonly cs: number;
  private readonly c1: number;
  private readonly cmu: number;
  private readonly damps: number;
  private readonly chiN: number;
  private readonly rng: Rng;
  /** Current mean. */
  readonly mean: Float64Array;
  /** Current step size. */
  sigma: number;
  /** Covariance matrix, row-major. */
  private readonly C: Float64Array;
  private readonly pc: Float64Array;
  private readonly ps: Float64Array;
  /** Eigenvectors (columns) and sqrt of the eigenvalues of C. */
  private B: Float64Array;
  private D: Float64Array;
  private eigenAt = 0;
  /** Generations told so far. */
  generation = 0;
  private evaluations = 0;
  private pending: { x: Float64Array[]; y: Float64Array[] } | null = null;

  constructor(options: CmaEsOptions) {
    const n = options.x0.length;
    this.n = n;
    this.rng = options.rng;
    this.lambda = options.populationSize ?? 4 + Math.floor(3 * libm.log(n));
    this.mu = Math.floor(this.lambda / 2);
    const w = new Float64Array(this.mu);
    let sum = 0;
    for (let i = 0; i < this.mu; i++) {
      w[i] = libm.log((this.lambda + 1) / 2) - libm.log(i + 1);
    }
    for (const wi of w) sum += wi;
    let sq = 0;
    w.forEach((wi, i) => {
      const v = wi / sum;
      w[i] = v;
      sq += v * v;
    });
    this.weights = w;
    this.muEff = 1 / sq;
    const mueff = this.muEff;
    this.cc = (4 + mueff / n) / (n + 4 + (2 * mueff) / n);
    this.cs = (mueff + 2) / (n + mueff + 5);
    this.c1 = 2 / ((n + 1.3) ** 2 + mueff);
    this.cmu = Math.min(1 - this.c1, (2 * (mueff - 2 + 1 / mueff)) / ((n + 2) ** 2 + mueff));
    this.damps = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + this.cs;
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    this.mean = Float64Array.from(options.x0);
    this.sigma = options.sigma0;
    this.C = new Float64Array(n * n);
    this.B = new Float64Array(n * n);
    this.D = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      this.C[i * n + i] = 1;
      this.B[i * n + i] = 1;
    }
    this.pc = new Float64Array(n);
    this.ps = new Float64Array(n);
  }

  /** λ new candidates: mean + σ · B · D · z, z ~ N(0, I). */
  ask(): Float64Array[] {
    const n = this.n;
    this.updateEigen();
    const xs: Float64Array[] = [];
    const ys: Float64Array[] = [];
    const z = new Float64Array(n);
    for (let k = 0; k < this.lambda; k++) {
      this.rng.fillNormal(z);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += f64At(this.B, i * n + j) * f64At(this.D, j) * f64At(z, j);
        y[i] = s;
      }
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = f64At(this.mean, i) + this.sigma * f64At(y, i);
      xs.push(x);
      ys.push(y);
    }
    this.pending = { x: xs, y: ys };
    return xs;
  }

  /** Updates the strategy with the losses of the candidates of the last `ask` (lower is better; NaN counts as worst). */
  tell(losses: ArrayLike<number>): void {
    const pending = this.pending;
    if (pending === null || losses.length !== pending.x.length) throw new TrainingError("CmaEs.tell: call ask() first and give one loss per candidate");
    this.pending = null;
    const n = this.n;
    // the candidates' steps, best first (ties by index), and the best μ of them
    const ranked = pending.y.map((y, i) => ({ y, i, r: rank(losses[i] ?? Number.NaN) })).sort((a, b) => a.r - b.r || a.i - b.i);
    const best = ranked.slice(0, this.mu).map(({ y }) => y);
    this.evaluations += losses.length;
    this.generation++;

    // Recombination: the weighted mean of the best μ steps y (in units of σ).
    const yw = new Float64Array(n);
    for (const [k, y] of best.entries()) {
      const wk = f64At(this.weights, k);
      for (let i = 0; i < n; i++) yw[i] = f64At(yw, i) + wk * f64At(y, i);
    }
    for (let i = 0; i < n; i++) this.mean[i] = f64At(this.mean, i) + this.sigma * f64At(yw, i);

    // Step-size path: C^{-1/2} · yw = B · D^{-1} · Bᵀ · yw.
    const bty = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += f64At(this.B, i * n + j) * f64At(yw, i);
      bty[j] = s / (this.D[j] ?? 1);
    }
    const csn = Math.sqrt(this.cs * (2 - this.cs) * this.muEff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += f64At(this.B, i * n + j) * f64At(bty, j);
      this.ps[i] = (1 - this.cs) * f64At(this.ps, i) + csn * s;
      psNorm2 += f64At(this.ps, i) * f64At(this.ps, i);
    }
    const psNorm = Math.sqrt(psNorm2);
    const hsig = psNorm / Math.sqrt(1 - libm.pow(1 - this.cs, 2 * this.generation)) / this.chiN < 1.4 + 2 / (n + 1) ? 1 : 0;

    const ccn = Math.sqrt(this.cc * (2 - this.cc) * this.muEff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - this.cc) * f64At(this.pc, i) + hsig * ccn * f64At(yw, i);

    // Covariance: rank-one (pc) and rank-μ (the best μ steps) updates.
    const c1a = this.c1 * (1 - (1 - hsig) * this.cc * (2 - this.cc));
    const decay = 1 - c1a - this.cmu;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let k = 0; k < best.length; k++) {
          const y = best[k];
          if (y !== undefined) rankMu += f64At(this.weights, k) * f64At(y, i) * f64At(y, j);
        }
        const v = decay * f64At(this.C, i * n + j) + this.c1 * f64At(this.pc, i) * f64At(this.pc, j) + this.cmu * rankMu;
        this.C[i * n + j] = v;
        this.C[j * n + i] = v;
      }
    }

    this.sigma *= libm.exp(Math.min(1, (this.cs / this.damps) * (psNorm / this.chiN - 1)));
  }

  /** The axis lengths of the sampling distribution (σ · sqrt of C's eigenvalues), largest over smallest. */
  get conditionNumber(): number {
    let lo = Infinity;
    let hi = 0;
    for (const d of this.D) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return (hi / lo) ** 2;
  }

  /** Recomputes B and D when C has moved enough since the last decomposition (lazy, as purecma). */
  private updateEigen(): void {
    const n = this.n;
    if (!(this.evaluations - this.eigenAt > this.lambda / (this.c1 + this.cmu) / n / 10)) return;
    this.eigenAt = this.evaluations;
    const { values, vectors } = symmetricEigen(this.C, n);
    const D = Float64Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(f64At(values, i), 1e-300)));
    this.B = vectors;
    this.D = D;
  }
}

function rank(loss: number): number {
  return Number.isNaN(loss) ? Infinity : loss;
}
