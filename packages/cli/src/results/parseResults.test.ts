import { ValidationError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { syntheticResults } from "../../test/fixtures/syntheticResults.js";
import { parseResults, parseResultsText } from "./parseResults.js";
import { stringifyResults } from "./stringifyResults.js";

/** A deep copy of the fixture as plain JSON, to corrupt one field at a time. */
function json(): Record<string, unknown> {
  return JSON.parse(stringifyResults(syntheticResults())) as Record<string, unknown>;
}

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("parseResults", () => {
  it("accepts what stringifyResults writes, unchanged", () => {
    const results = syntheticResults();
    expect(parseResultsText(stringifyResults(results))).toEqual(results);
  });

  it("round-trips non-finite losses through 'nan', 'inf' and '-inf'", () => {
    const base = syntheticResults();
    const runs = base.seedRescaling?.runs ?? [];
    const results = {
      ...base,
      seedRescaling: base.seedRescaling && {
        ...base.seedRescaling,
        runs: runs.map((r, i) => (i === 0 ? { ...r, trainLoss: NaN, bypassMse: Infinity, lossPerEpoch: [-Infinity, 1] } : r)),
      },
    };
    const text = stringifyResults(results);
    expect(text).toContain('"trainLoss": "nan"');
    const back = parseResultsText(text);
    expect(back.seedRescaling?.runs[0]?.trainLoss).toBeNaN();
    expect(back.seedRescaling?.runs[0]?.bypassMse).toBe(Infinity);
    expect(back.seedRescaling?.runs[0]?.lossPerEpoch[0]).toBe(-Infinity);
  });

  it("names the bad field by its path, with what it got", () => {
    const value = json();
    ((value["seedRescaling"] as { runs: Record<string, unknown>[] }).runs[2] as Record<string, unknown>)["portMse"] = "abc";
    const error = thrown(() => parseResults(value, "Results 'r.json'"));
    expect(error.message).toBe(`Results 'r.json'.seedRescaling.runs[2].portMse: must be a number (got "abc")`);
    expect(error.attr).toBe("seedRescaling.runs[2].portMse");
  });

  it("reports every bad field at once", () => {
    const value = json();
    value["wallSeconds"] = -1;
    (value["environment"] as Record<string, unknown>)["cpus"] = 1.5;
    delete (value["raster"] as Record<string, unknown>)["ensemble"];
    const error = thrown(() => parseResults(value));
    expect(error.issues.map((i) => i.attr)).toEqual(["wallSeconds", "environment.cpus", "raster.ensemble"]);
  });

  it("rejects a file that is not a results file with one message", () => {
    const error = thrown(() => parseResults({ runs: [] }, "Results 'x.json'"));
    expect(error.message).toBe(`Results 'x.json'.format: must be "plexus-demo-results" (got nothing)`);
  });

  it("rejects bad JSON as a ValidationError naming the file", () => {
    expect(() => parseResultsText("{ nope", "Results 'x.json'")).toThrow(/^Results 'x.json': is not valid JSON/);
  });

  it("checks that time series have one value per time and the required traces", () => {
    const value = json();
    const run = (value["seedRescaling"] as { runs: { trace: { series: { name: string; values: number[] }[] } }[] }).runs[0];
    if (run === undefined) throw new Error("fixture has runs");
    run.trace.series[1]?.values.pop();
    run.trace.series = run.trace.series.filter((s) => s.name !== "bypass");
    const error = thrown(() => parseResults(value));
    expect(error.issues.map((i) => `${i.attr}: ${i.message}`)).toEqual([
      "seedRescaling.runs[0].trace.series[1].values: must have one value per time (101), got 100",
      'seedRescaling.runs[0].trace.series: must include a series named "bypass" (got "target", "port")',
    ]);
  });

  it("requires a reason for every section that did not run, and no reason for one that did", () => {
    const value = json();
    value["coupledLoop"] = null;
    value["missing"] = [{ section: "raster", reason: "test" }];
    const error = thrown(() => parseResults(value));
    expect(error.issues.map((i) => i.attr)).toEqual(["coupledLoop", "raster"]);
  });

  it("checks raster neuron indices against nNeurons", () => {
    const value = json();
    (value["raster"] as { neuron: number[] }).neuron[1] = 4;
    expect(() => parseResults(value)).toThrow("raster.neuron[1]: must be an integer in [0, 4) (got 4)");
  });
});
