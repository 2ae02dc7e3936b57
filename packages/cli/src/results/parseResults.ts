import { ValidationError } from "@plexus/core";
import { JsonChecker } from "../internal/JsonChecker.js";
import {
  type BundleRecord,
  type CoupledLoopResults,
  type CoupledSubnetwork,
  type DemoResults,
  type Environment,
  type LoopError,
  type MissingSection,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type SectionName,
  type SeedRescalingResults,
  type SeedRescalingRun,
  type SeedRescalingSetup,
  type SpikeRaster,
  type TimeSeries,
} from "./DemoResults.js";

const SECTIONS: readonly SectionName[] = ["seedRescaling", "coupledLoop", "raster"];

/**
 * Checks a parsed results file against the {@link DemoResults} schema and returns it typed, with
 * "inf"/"-inf"/"nan" turned into numbers.
 *
 * @param value The output of `JSON.parse`.
 * @param source How messages name the file, e.g. `Results 'plexus-report/results.json'`.
 * @throws ValidationError listing every bad field by its path, e.g.
 *   `Results 'r.json'.seedRescaling.runs[2].portMse: must be a number (got "abc")`.
 */
export function parseResults(value: unknown, source = "Results"): DemoResults {
  const c = new JsonChecker(source);
  const root = c.record(value, "(root)");
  if (root["format"] !== RESULTS_FORMAT) {
    c.literal(root["format"], "format", RESULTS_FORMAT);
    c.done(); // not a results file at all: one message is enough
  }
  const results: DemoResults = {
    format: RESULTS_FORMAT,
    version: c.literal(root["version"], "version", RESULTS_VERSION),
    plexusVersion: c.string(root["plexusVersion"], "plexusVersion", { nonEmpty: true }),
    createdAt: readDate(c, root["createdAt"], "createdAt"),
    wallSeconds: c.number(root["wallSeconds"], "wallSeconds", { min: 0 }),
    cpuSeconds: c.number(root["cpuSeconds"], "cpuSeconds", { min: 0 }),
    quick: c.boolean(root["quick"], "quick"),
    environment: readEnvironment(c, root["environment"], "environment"),
    seedRescaling: c.nullable(root["seedRescaling"], "seedRescaling", (v, p) => readSeedRescaling(c, v, p)),
    seedRescalingAsReported: c.nullable(root["seedRescalingAsReported"], "seedRescalingAsReported", (v, p) => readSeedRescaling(c, v, p)),
    coupledLoop: c.nullable(root["coupledLoop"], "coupledLoop", (v, p) => readCoupledLoop(c, v, p)),
    raster: c.nullable(root["raster"], "raster", (v, p) => readRaster(c, v, p)),
    bundles: c.array(root["bundles"], "bundles").map((v, i) => readBundle(c, v, `bundles[${i}]`)),
    missing: c.array(root["missing"], "missing").map((v, i) => readMissing(c, v, `missing[${i}]`)),
  };
  for (const section of SECTIONS) {
    const isMissing = results.missing.some((m) => m.section === section);
    if (results[section] === null && !isMissing) {
      c.fail(section, `is null but 'missing' gives no reason; add { "section": "${section}", "reason": "..." } to missing`);
    }
    if (results[section] !== null && isMissing) {
      c.fail(section, "has results but is also listed in 'missing'; remove one of them");
    }
  }
  c.done();
  return results;
}

/** Parses the text of a results file. @throws ValidationError on bad JSON or a bad field. */
export function parseResultsText(text: string, source = "Results"): DemoResults {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ValidationError({ object: source, message: `is not valid JSON (${why}); regenerate it with 'plexus demo'` }, { cause: error });
  }
  return parseResults(value, source);
}

function readDate(c: JsonChecker, value: unknown, path: string): string {
  const s = c.string(value, path);
  if (s !== "" && Number.isNaN(Date.parse(s))) c.fail(path, `must be an ISO 8601 date (got ${JSON.stringify(s)})`);
  return s;
}

function readEnvironment(c: JsonChecker, value: unknown, path: string): Environment {
  const o = c.record(value, path);
  return {
    node: c.string(o["node"], `${path}.node`),
    platform: c.string(o["platform"], `${path}.platform`),
    cpus: c.number(o["cpus"], `${path}.cpus`, { integer: true, min: 0 }),
  };
}

function readSeedRescaling(c: JsonChecker, value: unknown, path: string): SeedRescalingResults {
  const o = c.record(value, path);
  const runs = c.array(o["runs"], `${path}.runs`).map((v, i) => readRun(c, v, `${path}.runs[${i}]`));
  if (runs.length === 0) c.fail(`${path}.runs`, "must hold at least one run");
  return { setup: readSetup(c, o["setup"], `${path}.setup`), runs };
}

function readSetup(c: JsonChecker, value: unknown, path: string): SeedRescalingSetup {
  const o = c.record(value, path);
  const settings = o["settings"];
  if (settings !== "converging" && settings !== "as-reported" && settings !== "custom") {
    c.fail(`${path}.settings`, `must be "converging", "as-reported" or "custom" (got ${JSON.stringify(settings)})`);
  }
  return {
    settings: settings === "as-reported" || settings === "custom" ? settings : "converging",
    network: c.string(o["network"], `${path}.network`, { nonEmpty: true }),
    dt: c.number(o["dt"], `${path}.dt`, { min: 0 }),
    epochs: c.number(o["epochs"], `${path}.epochs`, { integer: true, min: 1 }),
    minibatchSize: c.number(o["minibatchSize"], `${path}.minibatchSize`, { integer: true, min: 1 }),
    learningRate: c.number(o["learningRate"], `${path}.learningRate`, { min: 0 }),
    signalHz: c.number(o["signalHz"], `${path}.signalHz`, { min: 0 }),
  };
}

function readRun(c: JsonChecker, value: unknown, path: string): SeedRescalingRun {
  const o = c.record(value, path);
  // Losses may legitimately be non-finite (a diverged run); the report shows them as they are.
  const loss = { finite: false } as const;
  return {
    simT: c.number(o["simT"], `${path}.simT`, { min: 0 }),
    trainLoss: c.number(o["trainLoss"], `${path}.trainLoss`, loss),
    deployedLoss: c.number(o["deployedLoss"], `${path}.deployedLoss`, loss),
    portMse: c.number(o["portMse"], `${path}.portMse`, loss),
    bypassMse: c.number(o["bypassMse"], `${path}.bypassMse`, loss),
    inputTransform: c.numbers(o["inputTransform"], `${path}.inputTransform`, loss),
    lossPerEpoch: c.numbers(o["lossPerEpoch"], `${path}.lossPerEpoch`, loss),
    trace: readTimeSeries(c, o["trace"], `${path}.trace`, ["target", "port", "bypass"]),
    bundle: c.nullable(o["bundle"], `${path}.bundle`, (v, p) => c.string(v, p, { nonEmpty: true })),
    trainerWarnings: c.array(o["trainerWarnings"], `${path}.trainerWarnings`).map((v, i) => c.string(v, `${path}.trainerWarnings[${i}]`, { nonEmpty: true })),
    verdict: c.nullable(o["verdict"], `${path}.verdict`, (v, p) => c.string(v, p, { nonEmpty: true })),
  };
}

function readTimeSeries(c: JsonChecker, value: unknown, path: string, required: readonly string[] = []): TimeSeries {
  const o = c.record(value, path);
  const t = c.numbers(o["t"], `${path}.t`);
  const series = c.array(o["series"], `${path}.series`).map((v, i) => {
    const p = `${path}.series[${i}]`;
    const s = c.record(v, p);
    const values = c.numbers(s["values"], `${p}.values`, { finite: false });
    if (values.length !== t.length) c.fail(`${p}.values`, `must have one value per time (${t.length}), got ${values.length}`);
    return { name: c.string(s["name"], `${p}.name`, { nonEmpty: true }), values };
  });
  if (t.length === 0) c.fail(`${path}.t`, "must hold at least one time");
  const names = series.map((s) => s.name);
  for (const name of required) {
    if (!names.includes(name)) c.fail(`${path}.series`, `must include a series named "${name}" (got ${names.map((n) => `"${n}"`).join(", ") || "none"})`);
  }
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) c.fail(`${path}.series`, `has two series named "${duplicate}"; names must be unique`);
  return { t, series };
}

function readCoupledLoop(c: JsonChecker, value: unknown, path: string): CoupledLoopResults {
  const o = c.record(value, path);
  const signals = readTimeSeries(c, o["signals"], `${path}.signals`);
  const names = new Set(signals.series.map((s) => s.name));
  const seriesName = (v: unknown, p: string): string => {
    const name = c.string(v, p, { nonEmpty: true });
    if (name !== "" && !names.has(name)) c.fail(p, `must name a series of ${path}.signals (got "${name}")`);
    return name;
  };
  const panels = c.array(o["panels"], `${path}.panels`).map((v, i) => {
    const p = `${path}.panels[${i}]`;
    const panel = c.record(v, p);
    const series = c.array(panel["series"], `${p}.series`).map((s, j) => seriesName(s, `${p}.series[${j}]`));
    if (series.length === 0) c.fail(`${p}.series`, "must name at least one series");
    return { title: c.string(panel["title"], `${p}.title`, { nonEmpty: true }), yTitle: c.string(panel["yTitle"], `${p}.yTitle`, { nonEmpty: true }), series };
  });
  if (panels.length === 0) c.fail(`${path}.panels`, "must hold at least one panel");
  const phasePlane = c.nullable(o["phasePlane"], `${path}.phasePlane`, (v, p) => {
    const pp = c.record(v, p);
    return {
      title: c.string(pp["title"], `${p}.title`, { nonEmpty: true }),
      xTitle: c.string(pp["xTitle"], `${p}.xTitle`, { nonEmpty: true }),
      yTitle: c.string(pp["yTitle"], `${p}.yTitle`, { nonEmpty: true }),
      curves: c.array(pp["curves"], `${p}.curves`).map((cv, i) => {
        const q = `${p}.curves[${i}]`;
        const curve = c.record(cv, q);
        return { label: c.string(curve["label"], `${q}.label`, { nonEmpty: true }), x: seriesName(curve["x"], `${q}.x`), y: seriesName(curve["y"], `${q}.y`) };
      }),
    };
  });
  return {
    description: c.string(o["description"], `${path}.description`, { nonEmpty: true }),
    seconds: c.number(o["seconds"], `${path}.seconds`, { min: 0 }),
    dt: c.number(o["dt"], `${path}.dt`, { min: 0 }),
    subnetworks: c.array(o["subnetworks"], `${path}.subnetworks`).map((v, i) => readSubnetwork(c, v, `${path}.subnetworks[${i}]`)),
    loops: c.array(o["loops"], `${path}.loops`).map((v, i) => {
      const p = `${path}.loops[${i}]`;
      const l = c.record(v, p);
      return {
        path: c.string(l["path"], `${p}.path`, { nonEmpty: true }),
        delaySteps: c.number(l["delaySteps"], `${p}.delaySteps`, { integer: true, min: 0 }),
        sum: c.string(l["sum"], `${p}.sum`, { nonEmpty: true }),
      };
    }),
    error: readLoopError(c, o["error"], `${path}.error`),
    otherErrors: c.array(o["otherErrors"], `${path}.otherErrors`).map((v, i) => readLoopError(c, v, `${path}.otherErrors[${i}]`)),
    measures: c.array(o["measures"], `${path}.measures`).map((v, i) => {
      const p = `${path}.measures[${i}]`;
      const m = c.record(v, p);
      return {
        name: c.string(m["name"], `${p}.name`, { nonEmpty: true }),
        value: c.number(m["value"], `${p}.value`, { finite: false }),
        spread: c.nullable(m["spread"], `${p}.spread`, (x, q) => c.number(x, q, { finite: false })),
        ideal: c.nullable(m["ideal"], `${p}.ideal`, (x, q) => c.number(x, q)),
        unit: c.string(m["unit"], `${p}.unit`),
      };
    }),
    checks: c.array(o["checks"], `${path}.checks`).map((v, i) => {
      const p = `${path}.checks[${i}]`;
      const k = c.record(v, p);
      return { name: c.string(k["name"], `${p}.name`, { nonEmpty: true }), passed: c.boolean(k["passed"], `${p}.passed`) };
    }),
    signals,
    panels,
    phasePlane,
    trainerWarnings: c.array(o["trainerWarnings"], `${path}.trainerWarnings`).map((v, i) => c.string(v, `${path}.trainerWarnings[${i}]`, { nonEmpty: true })),
  };
}

function readLoopError(c: JsonChecker, value: unknown, path: string): LoopError {
  const e = c.record(value, path);
  return {
    compared: c.string(e["compared"], `${path}.compared`, { nonEmpty: true }),
    rmse: c.number(e["rmse"], `${path}.rmse`, { finite: false }),
    idealRms: c.number(e["idealRms"], `${path}.idealRms`, { finite: false }),
  };
}

function readSubnetwork(c: JsonChecker, value: unknown, path: string): CoupledSubnetwork {
  const o = c.record(value, path);
  return {
    name: c.string(o["name"], `${path}.name`, { nonEmpty: true }),
    role: c.string(o["role"], `${path}.role`, { nonEmpty: true }),
    network: c.string(o["network"], `${path}.network`, { nonEmpty: true }),
    trainer: c.string(o["trainer"], `${path}.trainer`, { nonEmpty: true }),
    engine: c.string(o["engine"], `${path}.engine`, { nonEmpty: true }),
    epochs: c.number(o["epochs"], `${path}.epochs`, { integer: true, min: 0 }),
    trainLoss: c.number(o["trainLoss"], `${path}.trainLoss`, { finite: false }),
    deployedLoss: c.number(o["deployedLoss"], `${path}.deployedLoss`, { finite: false }),
    trainSeconds: c.number(o["trainSeconds"], `${path}.trainSeconds`, { min: 0 }),
    bundle: c.nullable(o["bundle"], `${path}.bundle`, (v, p) => c.string(v, p, { nonEmpty: true })),
  };
}

function readRaster(c: JsonChecker, value: unknown, path: string): SpikeRaster {
  const o = c.record(value, path);
  const nNeurons = c.number(o["nNeurons"], `${path}.nNeurons`, { integer: true, min: 1 });
  const t = c.numbers(o["t"], `${path}.t`);
  const neuron = c.numbers(o["neuron"], `${path}.neuron`);
  if (neuron.length !== t.length) c.fail(`${path}.neuron`, `must pair with t: one neuron per spike time (${t.length}), got ${neuron.length}`);
  const bad = neuron.findIndex((n) => !Number.isInteger(n) || n < 0 || n >= nNeurons);
  if (bad >= 0) c.fail(`${path}.neuron[${bad}]`, `must be an integer in [0, ${nNeurons}) (got ${neuron[bad]})`);
  const tStart = c.number(o["tStart"], `${path}.tStart`);
  const tEnd = c.number(o["tEnd"], `${path}.tEnd`);
  if (tEnd <= tStart) c.fail(`${path}.tEnd`, `must be after tStart (${tStart}), got ${tEnd}`);
  const groups = c.array(o["groups"], `${path}.groups`).map((v, i) => {
    const p = `${path}.groups[${i}]`;
    const g = c.record(v, p);
    const first = c.number(g["first"], `${p}.first`, { integer: true, min: 0 });
    const count = c.number(g["count"], `${p}.count`, { integer: true, min: 1 });
    if (first + count > nNeurons) c.fail(`${p}.count`, `must end within the ${nNeurons} neurons (first ${first} + count ${count})`);
    return { label: c.string(g["label"], `${p}.label`, { nonEmpty: true }), first, count };
  });
  return {
    ensemble: c.string(o["ensemble"], `${path}.ensemble`, { nonEmpty: true }),
    description: c.string(o["description"], `${path}.description`, { nonEmpty: true }),
    neuronType: c.string(o["neuronType"], `${path}.neuronType`, { nonEmpty: true }),
    nNeurons,
    tStart,
    tEnd,
    t,
    neuron,
    groups,
    signal: readTimeSeries(c, o["signal"], `${path}.signal`),
  };
}

function readBundle(c: JsonChecker, value: unknown, path: string): BundleRecord {
  const o = c.record(value, path);
  return {
    name: c.string(o["name"], `${path}.name`, { nonEmpty: true }),
    path: c.string(o["path"], `${path}.path`, { nonEmpty: true }),
    bytes: c.number(o["bytes"], `${path}.bytes`, { integer: true, min: 0 }),
    reload: c.string(o["reload"], `${path}.reload`, { nonEmpty: true }),
    reloadCheck: c.oneOf(o["reloadCheck"], `${path}.reloadCheck`, ["identical", "differs"] as const),
  };
}

function readMissing(c: JsonChecker, value: unknown, path: string): MissingSection {
  const o = c.record(value, path);
  return {
    section: c.oneOf(o["section"], `${path}.section`, SECTIONS),
    reason: c.string(o["reason"], `${path}.reason`, { nonEmpty: true }),
  };
}
