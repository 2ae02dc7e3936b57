// @plexus/core: the IR (network objects, neuron types, synapses, processes, distributions, solvers,
// transforms, learning rule types, the networks library), errors, randomness and serialisation.
// Each export is listed by name, in the order of their files (Biome keeps them sorted).

export type { KindDefaults, TrainableKind } from "./Config.js";
export { Config } from "./Config.js";
export type { ConnectionFunction, ConnectionOptions, ConnectionSource, ConnectionTarget, Slice } from "./Connection.js";
export { Connection } from "./Connection.js";
export type { ClonedNetwork, CloneNetworkOptions } from "./cloneNetwork.js";
export { cloneNetwork } from "./cloneNetwork.js";
export type { ChoiceOptions } from "./distributions/Choice.js";
export { Choice } from "./distributions/Choice.js";
export { CosineSimilarity } from "./distributions/CosineSimilarity.js";
export type { DistOrArray } from "./distributions/Distribution.js";
export { Distribution } from "./distributions/Distribution.js";
export { Exponential } from "./distributions/Exponential.js";
export { Gaussian } from "./distributions/Gaussian.js";
export { PDF } from "./distributions/PDF.js";
export { QuasirandomSequence } from "./distributions/QuasirandomSequence.js";
export { Samples } from "./distributions/Samples.js";
export type { ScatteredHypersphereMethod, ScatteredHypersphereOptions } from "./distributions/ScatteredHypersphere.js";
export { ScatteredHypersphere } from "./distributions/ScatteredHypersphere.js";
export { SqrtBeta } from "./distributions/SqrtBeta.js";
export { SubvectorLength } from "./distributions/SubvectorLength.js";
export { sampleOrArray } from "./distributions/sampleOrArray.js";
export { Uniform } from "./distributions/Uniform.js";
export type { HypersphereOptions } from "./distributions/UniformHypersphere.js";
export { UniformHypersphere } from "./distributions/UniformHypersphere.js";
export type { EnsembleOptions } from "./Ensemble.js";
export { defaultNEvalPoints, Ensemble } from "./Ensemble.js";
export type { Issue, PlexusErrorOptions } from "./errors.js";
export {
  BuildError,
  BundleError,
  CouplingError,
  ErrorCode,
  formatIssue,
  InternalError,
  PlexusError,
  PortError,
  SimulationError,
  SnapshotError,
  TrainingError,
  ValidationError,
} from "./errors.js";
export { FrozenObject, freezeParameters } from "./FrozenObject.js";
export type { FunctionPoints } from "./functionPoints.js";
export { InPort } from "./InPort.js";
export type { ObjectKind } from "./IRObject.js";
export { IRObject } from "./IRObject.js";
export type { NumericLike, Shaped } from "./internal/shape.js";
export { firstNonFinite, fmtShape, toShaped } from "./internal/shape.js";
export type { BCMOptions } from "./learning/BCM.js";
export { BCM } from "./learning/BCM.js";
export type { CustomLearningRuleOptions, RuleSizeIn, RuleSizeInName, RuleStep, RuleTarget } from "./learning/CustomLearningRule.js";
export { CustomLearningRule, RULE_TARGETS } from "./learning/CustomLearningRule.js";
export { FrozenRuleType } from "./learning/FrozenRuleType.js";
export { LearningRule } from "./learning/LearningRule.js";
export type { LearningRuleTypes } from "./learning/learningRules.js";
export type { OjaOptions } from "./learning/Oja.js";
export { Oja } from "./learning/Oja.js";
export type { LearningRuleType, PESOptions } from "./learning/PES.js";
export { PES } from "./learning/PES.js";
export type { RLSOptions } from "./learning/RLS.js";
export { RLS } from "./learning/RLS.js";
export { toNeurons } from "./learning/toNeurons.js";
export type { VojaOptions } from "./learning/Voja.js";
export { Voja } from "./learning/Voja.js";
export type { InPorts, NetworkOptions, OutPorts, PortDims, SameSize, SizeChangingOptions, SizePreservingOptions } from "./Network.js";
export { Network } from "./Network.js";
export { Neurons } from "./Neurons.js";
export type { NodeFunction, NodeOptions, NodeOutput } from "./Node.js";
export { Node } from "./Node.js";
export type { AssociativeMemoryOptions } from "./networks/AssociativeMemory.js";
export { AssociativeMemory } from "./networks/AssociativeMemory.js";
export type { BasalGangliaOptions, ReceptorConfig } from "./networks/BasalGanglia.js";
export { BasalGanglia } from "./networks/BasalGanglia.js";
export type { CircularConvolutionOptions } from "./networks/CircularConvolution.js";
export { CircularConvolution, circconv } from "./networks/CircularConvolution.js";
export { transformIn as circconvTransformIn, transformOut as circconvTransformOut } from "./networks/circularConvolutionTransforms.js";
export type { EnsembleArrayOptions } from "./networks/EnsembleArray.js";
export { EnsembleArray } from "./networks/EnsembleArray.js";
export type { InputGatedMemoryOptions } from "./networks/InputGatedMemory.js";
export { InputGatedMemory } from "./networks/InputGatedMemory.js";
export type { IntegratorOptions } from "./networks/Integrator.js";
export { Integrator } from "./networks/Integrator.js";
export type { OscillatorOptions } from "./networks/Oscillator.js";
export { Oscillator } from "./networks/Oscillator.js";
export type { ProductOptions } from "./networks/Product.js";
export { Product } from "./networks/Product.js";
export type { ThalamusOptions } from "./networks/Thalamus.js";
export { Thalamus } from "./networks/Thalamus.js";
export type { AdaptiveLIFOptions } from "./neurons/AdaptiveLIF.js";
export { AdaptiveLIF } from "./neurons/AdaptiveLIF.js";
export type { AdaptiveLIFRateOptions } from "./neurons/AdaptiveLIFRate.js";
export { AdaptiveLIFRate } from "./neurons/AdaptiveLIFRate.js";
export { Direct } from "./neurons/Direct.js";
export type { IzhikevichOptions } from "./neurons/Izhikevich.js";
export { Izhikevich } from "./neurons/Izhikevich.js";
export type { LIFOptions } from "./neurons/LIF.js";
export { LIF } from "./neurons/LIF.js";
export type { LIFRateOptions } from "./neurons/LIFRate.js";
export { LIFRate } from "./neurons/LIFRate.js";
export type {
  BuiltinNeuronKind,
  GainBias,
  InitialState,
  InitialStateValue,
  MaxRatesIntercepts,
  NeuronKind,
  NeuronStateSpec,
  NeuronTypeOptions,
} from "./neurons/NeuronType.js";
export { NeuronType } from "./neurons/NeuronType.js";
export type { PoissonSpikingOptions } from "./neurons/PoissonSpiking.js";
export { PoissonSpiking } from "./neurons/PoissonSpiking.js";
export type { RatesToSpikesOptions } from "./neurons/RatesToSpikesNeuronType.js";
export { RatesToSpikesNeuronType } from "./neurons/RatesToSpikesNeuronType.js";
export type { RectifiedLinearOptions } from "./neurons/RectifiedLinear.js";
export { RectifiedLinear } from "./neurons/RectifiedLinear.js";
export type { RegularSpikingOptions } from "./neurons/RegularSpiking.js";
export { RegularSpiking } from "./neurons/RegularSpiking.js";
export type { SigmoidOptions } from "./neurons/Sigmoid.js";
export { Sigmoid } from "./neurons/Sigmoid.js";
export type { SoftLIFRateOptions } from "./neurons/SoftLIFRate.js";
export { SoftLIFRate } from "./neurons/SoftLIFRate.js";
export { SpikingRectifiedLinear } from "./neurons/SpikingRectifiedLinear.js";
export type { StochasticSpikingOptions } from "./neurons/StochasticSpiking.js";
export { StochasticSpiking } from "./neurons/StochasticSpiking.js";
export type { TanhOptions } from "./neurons/Tanh.js";
export { Tanh } from "./neurons/Tanh.js";
export { OutPort } from "./OutPort.js";
export type { ProbeAttr, ProbeOptions, ProbeTarget } from "./Probe.js";
export { defaultProbeAttr, Probe } from "./Probe.js";
export type { ProgressCallback, ProgressEvent } from "./ProgressCallback.js";
export type { ConnectionParameter, EnsembleParameter } from "./parameterName.js";
export { parameterName } from "./parameterName.js";
export type { BrownNoiseOptions } from "./processes/BrownNoise.js";
export { BrownNoise } from "./processes/BrownNoise.js";
export type { FilteredNoiseOptions } from "./processes/FilteredNoise.js";
export { FilteredNoise } from "./processes/FilteredNoise.js";
export type { PiecewiseData, PiecewiseInterpolation, PiecewiseOptions, PiecewiseValue } from "./processes/Piecewise.js";
export { Piecewise } from "./processes/Piecewise.js";
export type { PresentInputOptions, PresentInputValue } from "./processes/PresentInput.js";
export { PresentInput } from "./processes/PresentInput.js";
export type { ProcessStep } from "./processes/Process.js";
export { Process } from "./processes/Process.js";
export type { WhiteNoiseOptions } from "./processes/WhiteNoise.js";
export { WhiteNoise } from "./processes/WhiteNoise.js";
export type { WhiteSignalOptions } from "./processes/WhiteSignal.js";
export { WhiteSignal } from "./processes/WhiteSignal.js";
export { deriveSeed, Rng } from "./Rng.js";
export type { Json } from "./serialize/canonicalJson.js";
export { canonicalJson, decodeNumber, encodeNumber, toJson } from "./serialize/canonicalJson.js";
export type { FrozenCopy, FrozenInPort, FrozenOutPort, FrozenSubnetwork } from "./serialize/FrozenSubnetwork.js";
export { frozenCopyOf, isFrozenSubnetwork } from "./serialize/FrozenSubnetwork.js";
export type { ClassFactories, SpecMode } from "./serialize/networkSpec.js";
export { encodeNetwork, encodeObject, rebuildNetwork, rebuildObject, serialisableSpec, solveStandIn, structureText } from "./serialize/networkSpec.js";
export type { LstsqOptions } from "./solvers/Lstsq.js";
export { Lstsq } from "./solvers/Lstsq.js";
export type { LstsqDropOptions } from "./solvers/LstsqDrop.js";
export { LstsqDrop } from "./solvers/LstsqDrop.js";
export type { LstsqL2Options } from "./solvers/LstsqL2.js";
export { LstsqL2 } from "./solvers/LstsqL2.js";
export type { LstsqL2nzOptions } from "./solvers/LstsqL2nz.js";
export { LstsqL2nz } from "./solvers/LstsqL2nz.js";
export { LstsqMultNoise } from "./solvers/LstsqMultNoise.js";
export type { LstsqNoiseOptions } from "./solvers/LstsqNoise.js";
export { LstsqNoise } from "./solvers/LstsqNoise.js";
export type { NnlsOptions } from "./solvers/Nnls.js";
export { Nnls } from "./solvers/Nnls.js";
export type { NnlsL2Options } from "./solvers/NnlsL2.js";
export { NnlsL2 } from "./solvers/NnlsL2.js";
export type { NnlsL2nzOptions } from "./solvers/NnlsL2nz.js";
export { NnlsL2nz } from "./solvers/NnlsL2nz.js";
export type { NoSolverOptions } from "./solvers/NoSolver.js";
export { NoSolver } from "./solvers/NoSolver.js";
export type { SolveResult } from "./solvers/Solver.js";
export { Solver } from "./solvers/Solver.js";
export { Alpha } from "./synapses/Alpha.js";
export type { DiscretizeMethod, LinearFilterOptions, LinearFilterStepClass } from "./synapses/LinearFilter.js";
export { LinearFilter } from "./synapses/LinearFilter.js";
export { Lowpass } from "./synapses/Lowpass.js";
export type { DiscreteFilter, FilterStepper, SynapseLike } from "./synapses/Synapse.js";
export { Synapse } from "./synapses/Synapse.js";
export { Triangle } from "./synapses/Triangle.js";
export { toSynapse } from "./synapses/toSynapse.js";
export { ChannelShape } from "./transforms/ChannelShape.js";
export type { ConnectionTransform } from "./transforms/ConnectionTransform.js";
export type { ConvolutionOptions } from "./transforms/Convolution.js";
export { Convolution } from "./transforms/Convolution.js";
export type { ConvolutionBaseOptions, KernelLike } from "./transforms/ConvolutionBase.js";
export { ConvolutionBase } from "./transforms/ConvolutionBase.js";
export type { ConvolutionTransposeOptions } from "./transforms/ConvolutionTranspose.js";
export { ConvolutionTranspose } from "./transforms/ConvolutionTranspose.js";
export type { ConvolutionTaps } from "./transforms/convolutionTaps.js";
export { convolutionTaps } from "./transforms/convolutionTaps.js";
export type { DenseOptions } from "./transforms/Dense.js";
export { Dense } from "./transforms/Dense.js";
export { NoTransform } from "./transforms/NoTransform.js";
export type { SparseEntries, SparseOptions } from "./transforms/Sparse.js";
export { Sparse } from "./transforms/Sparse.js";
export type { TransformKind } from "./transforms/Transform.js";
export { Transform } from "./transforms/Transform.js";
export type { ValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
