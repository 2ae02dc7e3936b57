// @plexus/core: the IR. Each export is listed by name; sections are owned by the area named.

// --- errors and randomness
export { ErrorCode, PlexusError, ValidationError, BuildError, PortError, SimulationError, TrainingError, CouplingError, BundleError, SnapshotError, formatIssue } from "./errors.js";
export type { Issue, PlexusErrorOptions } from "./errors.js";
export { Rng, deriveSeed } from "./Rng.js";

export type { FunctionPoints } from "./functionPoints.js";

// --- transforms
export { Transform } from "./transforms/Transform.js";
export type { TransformKind } from "./transforms/Transform.js";
export type { ConnectionTransform } from "./transforms/ConnectionTransform.js";
export { Dense } from "./transforms/Dense.js";
export type { DenseOptions } from "./transforms/Dense.js";
export { Sparse } from "./transforms/Sparse.js";
export type { SparseEntries, SparseOptions } from "./transforms/Sparse.js";
export { ChannelShape } from "./transforms/ChannelShape.js";
export { ConvolutionBase } from "./transforms/ConvolutionBase.js";
export type { ConvolutionBaseOptions, KernelLike } from "./transforms/ConvolutionBase.js";
export { Convolution } from "./transforms/Convolution.js";
export type { ConvolutionOptions } from "./transforms/Convolution.js";
export { ConvolutionTranspose } from "./transforms/ConvolutionTranspose.js";
export type { ConvolutionTransposeOptions } from "./transforms/ConvolutionTranspose.js";
export { NoTransform } from "./transforms/NoTransform.js";
export { convolutionTaps } from "./transforms/convolutionTaps.js";
export type { ConvolutionTaps } from "./transforms/convolutionTaps.js";

// --- distributions
export { Distribution } from "./distributions/Distribution.js";
export type { DistOrArray } from "./distributions/Distribution.js";
export { Uniform } from "./distributions/Uniform.js";
export { Gaussian } from "./distributions/Gaussian.js";
export { Exponential } from "./distributions/Exponential.js";
export { Choice } from "./distributions/Choice.js";
export type { ChoiceOptions } from "./distributions/Choice.js";
export { UniformHypersphere } from "./distributions/UniformHypersphere.js";
export type { HypersphereOptions } from "./distributions/UniformHypersphere.js";
export { QuasirandomSequence } from "./distributions/QuasirandomSequence.js";
export { ScatteredHypersphere } from "./distributions/ScatteredHypersphere.js";
export type { ScatteredHypersphereMethod, ScatteredHypersphereOptions } from "./distributions/ScatteredHypersphere.js";
export { SqrtBeta } from "./distributions/SqrtBeta.js";
export { SubvectorLength } from "./distributions/SubvectorLength.js";
export { CosineSimilarity } from "./distributions/CosineSimilarity.js";
export { sampleOrArray } from "./distributions/sampleOrArray.js";

// --- neurons
export { NeuronType } from "./neurons/NeuronType.js";
export type { BuiltinNeuronKind, GainBias, InitialState, InitialStateValue, MaxRatesIntercepts, NeuronKind, NeuronStateSpec, NeuronTypeOptions } from "./neurons/NeuronType.js";
export { LIFRate } from "./neurons/LIFRate.js";
export type { LIFRateOptions } from "./neurons/LIFRate.js";
export { LIF } from "./neurons/LIF.js";
export type { LIFOptions } from "./neurons/LIF.js";
export { AdaptiveLIFRate } from "./neurons/AdaptiveLIFRate.js";
export type { AdaptiveLIFRateOptions } from "./neurons/AdaptiveLIFRate.js";
export { AdaptiveLIF } from "./neurons/AdaptiveLIF.js";
export type { AdaptiveLIFOptions } from "./neurons/AdaptiveLIF.js";
export { SoftLIFRate } from "./neurons/SoftLIFRate.js";
export type { SoftLIFRateOptions } from "./neurons/SoftLIFRate.js";
export { RectifiedLinear } from "./neurons/RectifiedLinear.js";
export type { RectifiedLinearOptions } from "./neurons/RectifiedLinear.js";
export { SpikingRectifiedLinear } from "./neurons/SpikingRectifiedLinear.js";
export { Sigmoid } from "./neurons/Sigmoid.js";
export type { SigmoidOptions } from "./neurons/Sigmoid.js";
export { Tanh } from "./neurons/Tanh.js";
export type { TanhOptions } from "./neurons/Tanh.js";
export { RegularSpiking } from "./neurons/RegularSpiking.js";
export type { RegularSpikingOptions } from "./neurons/RegularSpiking.js";
export { RatesToSpikesNeuronType } from "./neurons/RatesToSpikesNeuronType.js";
export type { RatesToSpikesOptions } from "./neurons/RatesToSpikesNeuronType.js";
export { PoissonSpiking } from "./neurons/PoissonSpiking.js";
export type { PoissonSpikingOptions } from "./neurons/PoissonSpiking.js";
export { StochasticSpiking } from "./neurons/StochasticSpiking.js";
export type { StochasticSpikingOptions } from "./neurons/StochasticSpiking.js";
export { Izhikevich } from "./neurons/Izhikevich.js";
export type { IzhikevichOptions } from "./neurons/Izhikevich.js";
export { Direct } from "./neurons/Direct.js";

// --- synapses
export { Synapse } from "./synapses/Synapse.js";
export type { DiscreteFilter, FilterStepper, SynapseLike } from "./synapses/Synapse.js";
export { LinearFilter } from "./synapses/LinearFilter.js";
export type { LinearFilterOptions, LinearFilterStepClass, DiscretizeMethod } from "./synapses/LinearFilter.js";
export { Lowpass } from "./synapses/Lowpass.js";
export { Alpha } from "./synapses/Alpha.js";
export { Triangle } from "./synapses/Triangle.js";
export { NoX } from "./synapses/NoX.js";
export { OneX } from "./synapses/OneX.js";
export { NoD } from "./synapses/NoD.js";
export { General } from "./synapses/General.js";
export { toSynapse } from "./synapses/toSynapse.js";

// --- processes
export { Process } from "./processes/Process.js";
export type { ProcessStep } from "./processes/Process.js";
export { PresentInput } from "./processes/PresentInput.js";
export type { PresentInputOptions, PresentInputValue } from "./processes/PresentInput.js";
export { Piecewise } from "./processes/Piecewise.js";
export type { PiecewiseData, PiecewiseInterpolation, PiecewiseOptions, PiecewiseValue } from "./processes/Piecewise.js";
export { WhiteNoise } from "./processes/WhiteNoise.js";
export type { WhiteNoiseOptions } from "./processes/WhiteNoise.js";
export { FilteredNoise } from "./processes/FilteredNoise.js";
export type { FilteredNoiseOptions } from "./processes/FilteredNoise.js";
export { BrownNoise } from "./processes/BrownNoise.js";
export type { BrownNoiseOptions } from "./processes/BrownNoise.js";
export { WhiteSignal } from "./processes/WhiteSignal.js";
export type { WhiteSignalOptions } from "./processes/WhiteSignal.js";

// --- solvers
export { Solver } from "./solvers/Solver.js";
export type { SolveResult } from "./solvers/Solver.js";
export { LstsqL2 } from "./solvers/LstsqL2.js";
export type { LstsqL2Options } from "./solvers/LstsqL2.js";
export { LstsqL2nz } from "./solvers/LstsqL2nz.js";
export type { LstsqL2nzOptions } from "./solvers/LstsqL2nz.js";
export { Lstsq } from "./solvers/Lstsq.js";
export type { LstsqOptions } from "./solvers/Lstsq.js";
export { Nnls } from "./solvers/Nnls.js";
export type { NnlsOptions } from "./solvers/Nnls.js";
export { NnlsL2 } from "./solvers/NnlsL2.js";
export type { NnlsL2Options } from "./solvers/NnlsL2.js";
export { NnlsL2nz } from "./solvers/NnlsL2nz.js";
export type { NnlsL2nzOptions } from "./solvers/NnlsL2nz.js";
export { LstsqNoise } from "./solvers/LstsqNoise.js";
export type { LstsqNoiseOptions } from "./solvers/LstsqNoise.js";
export { LstsqMultNoise } from "./solvers/LstsqMultNoise.js";
export { LstsqDrop } from "./solvers/LstsqDrop.js";
export type { LstsqDropOptions } from "./solvers/LstsqDrop.js";
export { NoSolver } from "./solvers/NoSolver.js";
export type { NoSolverOptions } from "./solvers/NoSolver.js";

// --- IR objects
export { IRObject, kindName } from "./IRObject.js";
export type { ObjectKind } from "./IRObject.js";
export { Network } from "./Network.js";
export type { NetworkOptions, PortDims, InPorts, OutPorts, SameSize, SizePreservingOptions, SizeChangingOptions } from "./Network.js";
export { Node } from "./Node.js";
export type { NodeOptions, NodeOutput, NodeFunction } from "./Node.js";
export { Ensemble, defaultNEvalPoints } from "./Ensemble.js";
export type { EnsembleOptions } from "./Ensemble.js";
export { Neurons } from "./Neurons.js";
export { Connection, sourceSize, targetSize, resolveSlice } from "./Connection.js";
export type { ConnectionOptions, ConnectionSource, ConnectionTarget, ConnectionFunction, Slice } from "./Connection.js";
export { Probe, defaultProbeAttr } from "./Probe.js";
export type { ProbeOptions, ProbeTarget, ProbeAttr } from "./Probe.js";
export { InPort } from "./InPort.js";
export { OutPort } from "./OutPort.js";
export { Config } from "./Config.js";
export { PES } from "./learning/PES.js";
export type { PESOptions, LearningRuleType } from "./learning/PES.js";
export { BCM } from "./learning/BCM.js";
export type { BCMOptions } from "./learning/BCM.js";
export { Oja } from "./learning/Oja.js";
export type { OjaOptions } from "./learning/Oja.js";
export { Voja } from "./learning/Voja.js";
export type { VojaOptions } from "./learning/Voja.js";
export { RLS } from "./learning/RLS.js";
export type { RLSOptions } from "./learning/RLS.js";
export { LearningRule } from "./learning/LearningRule.js";
export type { KindDefaults, TrainableKind } from "./Config.js";
export { validate } from "./validate.js";
export { objectPath, parameterName } from "./parameterName.js";
export { cloneNetwork, shapedToNumeric } from "./cloneNetwork.js";
export type { CloneNetworkOptions, ClonedNetwork } from "./cloneNetwork.js";
export type { EnsembleParameter, ConnectionParameter } from "./parameterName.js";
export type { ValidateOptions } from "./validate.js";
export { toShaped, firstNonFinite, fmtShape } from "./internal/shape.js";
export type { NumericLike, Shaped } from "./internal/shape.js";

// --- networks library
export { EnsembleArray } from "./networks/EnsembleArray.js";
export type { EnsembleArrayOptions } from "./networks/EnsembleArray.js";
export { Product } from "./networks/Product.js";
export type { ProductOptions } from "./networks/Product.js";
export { Integrator } from "./networks/Integrator.js";
export type { IntegratorOptions } from "./networks/Integrator.js";
export { Oscillator } from "./networks/Oscillator.js";
export type { OscillatorOptions } from "./networks/Oscillator.js";
export { CircularConvolution, circconv } from "./networks/CircularConvolution.js";
export type { CircularConvolutionOptions } from "./networks/CircularConvolution.js";
export { InputGatedMemory } from "./networks/InputGatedMemory.js";
export type { InputGatedMemoryOptions } from "./networks/InputGatedMemory.js";
export { BasalGanglia, basalGangliaWeights } from "./networks/BasalGanglia.js";
export type { BasalGangliaOptions, ReceptorConfig } from "./networks/BasalGanglia.js";
export { Thalamus } from "./networks/Thalamus.js";
export type { ThalamusOptions } from "./networks/Thalamus.js";
export { AssociativeMemory } from "./networks/AssociativeMemory.js";
export type { AssociativeMemoryOptions } from "./networks/AssociativeMemory.js";
export { transformIn as circconvTransformIn, transformOut as circconvTransformOut } from "./networks/circularConvolutionTransforms.js";

// --- serialisation: networks as JSON, frozen subnetworks
export { canonicalJson, decodeNumber, encodeNumber, toJson } from "./serialize/canonicalJson.js";
export type { Json } from "./serialize/canonicalJson.js";
export { encodeNetwork, encodeObject, rebuildNetwork, rebuildObject, serialisableSpec, solveStandIn, structureText } from "./serialize/networkSpec.js";
export type { ClassFactories, SpecMode } from "./serialize/networkSpec.js";
export { frozenCopyOf, isFrozenSubnetwork } from "./serialize/FrozenSubnetwork.js";
export type { FrozenCopy, FrozenInPort, FrozenOutPort, FrozenSubnetwork } from "./serialize/FrozenSubnetwork.js";
export type { ProgressCallback, ProgressEvent } from "./ProgressCallback.js";
