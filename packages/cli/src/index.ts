// @plexus/cli: the `plexus` command, the demo results schema and the report renderer.

// --- the command line
export { runCli } from "./runCli.js";
export { createProgram } from "./createProgram.js";
export { formatError } from "./formatError.js";
export { Progress, isCi } from "./Progress.js";
export type { ProgressOptions, ProgressTask } from "./Progress.js";

// --- results schema
export { RESULTS_FORMAT, RESULTS_VERSION } from "./results/DemoResults.js";
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
export { parseResults, parseResultsText } from "./results/parseResults.js";
export { readResultsFile } from "./results/readResultsFile.js";
export { stringifyResults } from "./results/stringifyResults.js";

// --- the report
export { renderReport } from "./report/renderReport.js";
export type { RenderReportOptions, RenderedReport } from "./report/renderReport.js";
export { renderChart } from "./report/renderChart.js";
export type { RenderedChart } from "./report/renderChart.js";
export { writeReport } from "./report/writeReport.js";
export type { WriteReportOptions, WrittenReport } from "./report/writeReport.js";

// --- the demo
export { runDemo } from "./demo/runDemo.js";
export type { DemoRun, RunDemoOptions } from "./demo/runDemo.js";
