// `@plexus/core/runtime`: the machinery the Plexus packages share (simulator, trainer, coupler,
// and the kernels package), defined once here because core's own solvers use it too. It is not
// part of the modelling API and may change between minor versions; applications should not need
// it.
export { roundHalfEven } from "./internal/roundHalfEven.js";
