// @plexus/trainer: the Trainer interface, the trainers (gradient, least squares, PES, CMA-ES), the
// gradient engines' contract and optimisers, trained subnetworks, bundle bytes (toBytes/fromBytes).
// Each export is listed by name, in the order of their files (Biome keeps them sorted). Everything
// here runs in browsers too (no Node builtin on any path); file save/load are in ./node.ts, the
// TensorFlow.js engine in ./tfjs.ts.

export type { CmaEsFitOptions, CmaEsTrainerOptions } from "./CmaEsTrainer.js";
export { CmaEsTrainer } from "./CmaEsTrainer.js";
export type {
  BatchData,
  CompiledModel,
  CompileOptions,
  Dtype,
  EncoderParametrisation,
  Engine,
  LossFunction,
  LossSpec,
  ParameterInfo,
  PortShape,
  SpikingApproximation,
} from "./engine/CompiledModel.js";
export type { AdamSpec, OptimizerSpec, SgdSpec } from "./engine/Optimizer.js";
export { adam, OptimizerState, sgd } from "./engine/Optimizer.js";
export { TypedEngine } from "./engine/TypedEngine.js";
export type { FrozenRunner } from "./FrozenRunner.js";
export type { FreezeOptions, ParameterValue, TrainerRun } from "./freeze.js";
export { freeze } from "./freeze.js";
export type { FromBytesOptions } from "./fromBytes.js";
export { fromBytes } from "./fromBytes.js";
export type { GradientCallbacks, GradientFitOptions, GradientTrainerOptions } from "./GradientTrainer.js";
export { GradientTrainer } from "./GradientTrainer.js";
export type { EngineName } from "./internal/resolveEngine.js";
export type { LeastSquaresMode, LeastSquaresTrainerOptions, NoData } from "./LeastSquaresTrainer.js";
export { LeastSquaresTrainer } from "./LeastSquaresTrainer.js";
export type { PesFitOptions, PesTrainerOptions } from "./PesTrainer.js";
export { PesTrainer } from "./PesTrainer.js";
export { partialResult } from "./partialResult.js";
export { structureHash } from "./structureHash.js";
export { TrainedInPort, TrainedOutPort } from "./TrainedPort.js";
export type { TrainedInPorts, TrainedOutPorts, TrainedParameter } from "./TrainedSubnetwork.js";
export { TrainedSubnetwork } from "./TrainedSubnetwork.js";
export type { FitOptions, Trainer } from "./Trainer.js";
export type { DataArray, PortData, PortInputs, PortOutputs, PortTargets, TrainingData } from "./TrainingData.js";
export type { BatchLogs, EarlyStop, EpochLogs, TrainingReport } from "./TrainingReport.js";
export { toBytes } from "./toBytes.js";
