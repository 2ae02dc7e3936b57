// @plexus/cli: the `plexus` command, the demo results schema and the report renderer.

export type { DemoRun, RunDemoOptions } from "./demo/runDemo.js";
export { runDemo } from "./demo/runDemo.js";
export type { ProgressOptions, ProgressTask } from "./Progress.js";
export { Progress } from "./Progress.js";
export type { RenderedReport, RenderReportOptions } from "./report/renderReport.js";
export { renderReport } from "./report/renderReport.js";
export type { WriteReportOptions, WrittenReport } from "./report/writeReport.js";
export { writeReport } from "./report/writeReport.js";
export type {
  BundleRecord,
  CoupledLoopResults,
  CoupledSubnetwork,
  DemoResults,
  Environment,
  LoopError,
  MissingSection,
  SectionName,
  SeedRescalingResults,
  SeedRescalingRun,
  SeedRescalingSetup,
  Signal,
  SpikeRaster,
  TimeSeries,
} from "./results/DemoResults.js";
export { RESULTS_FORMAT, RESULTS_VERSION } from "./results/DemoResults.js";
export { parseResults } from "./results/parseResults.js";
export { stringifyResults } from "./results/stringifyResults.js";
