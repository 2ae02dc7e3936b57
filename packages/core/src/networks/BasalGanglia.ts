import type { Config } from "../Config.js";
import type { ConnectionOptions } from "../Connection.js";
import { Choice } from "../distributions/Choice.js";
import { Uniform } from "../distributions/Uniform.js";
import type { EnsembleOptions } from "../Ensemble.js";
import { ValidationError } from "../errors.js";
import { f64At } from "../internal/checked.js";
import { Network } from "../Network.js";
import type { Node } from "../Node.js";
import { NnlsL2nz } from "../solvers/NnlsL2nz.js";
import { Lowpass } from "../synapses/Lowpass.js";
import { EnsembleArray } from "./EnsembleArray.js";
import { checkNetworkSize, checkOptionNames, networkOptions } from "./networkArgs.js";

/** Connection settings of a receptor type (Nengo's `ampa_config` / `gaba_config`). */
export type ReceptorConfig = Pick<ConnectionOptions, "synapse" | "solver">;

export interface BasalGangliaOptions extends Omit<EnsembleOptions, "nNeurons" | "dimensions" | "label" | "seed" | "intercepts"> {
  /** Number of actions. */
  readonly dimensions: number;
  /** Neurons in each ensemble (default 100). */
  readonly nNeuronsPerEnsemble?: number;
  /** Transform of the GPi output (default -3). */
  readonly outputWeight?: number;
  /** A constant added to every dimension of the input (default 0: no bias node). */
  readonly inputBias?: number;
  /** Connections onto AMPA receptors (STN to GPi and GPe); synapse default Lowpass(0.002). */
  readonly ampaConfig?: ReceptorConfig;
  /** Connections onto GABA receptors (StrD1 to GPi, StrD2 to GPe, GPe to GPi and STN); synapse default Lowpass(0.008). */
  readonly gabaConfig?: ReceptorConfig;
  readonly label?: string;
  readonly seed?: number;
}

/** Gurney, Prescott & Redgrave's parameters as Nengo's `Weights`. */
export const basalGangliaWeights = {
  ws: 1,
  wt: 1,
  wm: 1,
  wg: 1,
  wp: 0.9,
  we: 0.3,
  e: 0.2,
  ep: -0.25,
  ee: -0.2,
  eg: -0.2,
  le: 0.2,
  lg: 0.2,
  mm: 1,
  mp: 1,
  me: 1,
  mg: 1,
} as const;

const W = basalGangliaWeights;
const rectified =
  (threshold: number, slope: number) =>
  (x: Float64Array): number =>
    f64At(x, 0) < threshold ? 0 : slope * (f64At(x, 0) - threshold);

/**
 * Winner-take-all action selection (Nengo's `nengo.networks.BasalGanglia`, Stewart et al. 2010):
 * five EnsembleArrays (strD1, strD2, stn, gpi, gpe) with radius 1.5, positive encoders and the
 * NnlsL2nz solver (this network's config, over the parent's); the output is about 0 for the
 * largest input and negative elsewhere. Ensemble options win over those defaults.
 */
export class BasalGanglia extends Network {
  readonly strD1: EnsembleArray;
  readonly strD2: EnsembleArray;
  readonly stn: EnsembleArray;
  readonly gpi: EnsembleArray;
  readonly gpe: EnsembleArray;
  readonly input: Node;
  readonly output: Node;
  /** The constant input bias node (null when inputBias is 0). */
  readonly biasInput: Node | null = null;

  constructor(options: BasalGangliaOptions, parentConfig?: Config) {
    const {
      dimensions,
      nNeuronsPerEnsemble = 100,
      outputWeight = -3,
      inputBias = 0,
      ampaConfig = {},
      gabaConfig = {},
      label = "Basal Ganglia",
      seed,
      ...ensOptions
    } = networkOptions(options, "BasalGanglia");
    super({ label, ...(seed !== undefined ? { seed } : {}) }, parentConfig);
    checkOptionNames(
      options,
      `BasalGanglia '${label}'`,
      { dimensions: true, nNeuronsPerEnsemble: true, outputWeight: true, inputBias: true, ampaConfig: true, gabaConfig: true, label: true, seed: true },
      ["intercepts"],
    );
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new ValidationError({ object: `BasalGanglia '${label}'`, attr: "dimensions", message: `must be an integer >= 1 (got ${dimensions})` });
    }
    checkNetworkSize(`BasalGanglia '${label}'`, "dimensions", dimensions, 5);
    this.config.ensemble.radius = 1.5;
    this.config.ensemble.encoders = new Choice([[1]]);
    this.config.connection.solver = new NnlsL2nz();
    const ampa = { synapse: new Lowpass(0.002), ...ampaConfig };
    const gaba = { synapse: new Lowpass(0.008), ...gabaConfig };
    const array = (arrayLabel: string, low: number): EnsembleArray =>
      this.addNetwork(EnsembleArray, {
        ...ensOptions,
        nNeurons: nNeuronsPerEnsemble,
        nEnsembles: dimensions,
        label: arrayLabel,
        intercepts: new Uniform(low, 1),
      });
    this.strD1 = array("Striatal D1 neurons", W.e);
    this.strD2 = array("Striatal D2 neurons", W.e);
    this.stn = array("Subthalamic nucleus", W.ep);
    this.gpi = array("Globus pallidus internus", W.eg);
    this.gpe = array("Globus pallidus externus", W.ee);
    this.input = this.node({ label: "input", sizeIn: dimensions });
    this.output = this.node({ label: "output", sizeIn: dimensions });
    if (Math.abs(inputBias) > 0) {
      this.biasInput = this.node({ output: new Array<number>(dimensions).fill(inputBias), label: "basal ganglia bias" });
      this.connect(this.biasInput, this.input);
    }
    this.connect(this.input, this.strD1.input, { synapse: null, transform: W.ws * (1 + W.lg) });
    this.connect(this.input, this.strD2.input, { synapse: null, transform: W.ws * (1 - W.le) });
    this.connect(this.input, this.stn.input, { synapse: null, transform: W.wt });
    const strD1Out = this.strD1.addOutput("func_str", rectified(W.e, W.mm));
    const strD2Out = this.strD2.addOutput("func_str", rectified(W.e, W.mm));
    this.connect(strD1Out, this.gpi.input, { ...gaba, transform: -W.wm });
    this.connect(strD2Out, this.gpe.input, { ...gaba, transform: -W.wm });
    const tr = Array.from({ length: dimensions }, () => new Array<number>(dimensions).fill(W.wp));
    const stnOut = this.stn.addOutput("func_stn", rectified(W.ep, W.mp));
    this.connect(stnOut, this.gpi.input, { ...ampa, transform: tr });
    this.connect(stnOut, this.gpe.input, { ...ampa, transform: tr });
    const gpeOut = this.gpe.addOutput("func_gpe", rectified(W.ee, W.me));
    this.connect(gpeOut, this.gpi.input, { ...gaba, transform: -W.we });
    this.connect(gpeOut, this.stn.input, { ...gaba, transform: -W.wg });
    const gpiOut = this.gpi.addOutput("func_gpi", rectified(W.eg, W.mg));
    this.connect(gpiOut, this.output, { synapse: null, transform: outputWeight });
  }
}
