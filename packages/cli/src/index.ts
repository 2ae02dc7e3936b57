// @plexus/cli: the `plexus` command, the demo results schema and the report renderer.

export { createProgram } from "./createProgram.js";
export type { DemoRun, RunDemoOptions } from "./demo/runDemo.js";
// --- the demo
export { runDemo } from "./demo/runDemo.js";
export { formatError } from "./formatError.js";
export type { ProgressOptions, ProgressTask } from "./Progress.js";
export { isCi, Progress } from "./Progress.js";
export type { RenderedChart } from "./report/renderChart.js";
export { renderChart } from "./report/renderChart.js";
export type { RenderedReport, RenderReportOptions } from "./report/renderReport.js";
// --- the report
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
// --- results schema
export { RESULTS_FORMAT, RESULTS_VERSION } from "./results/DemoResults.js";
export { parseResults, parseResultsText } from "./results/parseResults.js";
export { readResultsFile } from "./results/readResultsFile.js";
export { stringifyResults } from "./results/stringifyResults.js";
// --- the command line
export { runCli } from "./runCli.js";
