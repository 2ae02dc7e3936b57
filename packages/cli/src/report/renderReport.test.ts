import { describe, expect, it } from "vitest";
import { syntheticResults } from "../../test/fixtures/syntheticResults.js";
import type { DemoResults } from "../results/DemoResults.js";
import { renderReport } from "./renderReport.js";

describe("renderReport", () => {
  it("renders one self-contained page with every plot as inline SVG", async () => {
    const { html, charts } = await renderReport(syntheticResults());
    expect(charts.map((c) => c.id)).toEqual([
      "rescaling",
      "seed-traces",
      "loss-curves",
      "rescaling-as-reported",
      "seed-traces-as-reported",
      "loss-curves-as-reported",
      "loop-signals",
      "loop-phase",
      "spike-raster",
    ]);
    for (const chart of charts) {
      expect(html).toContain(`data-chart="${chart.id}"`);
      expect(chart.svg).toMatch(/^<svg /);
      expect(chart.svg).toMatch(/<path [^>]*d="M/);
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain("<script");
  });

  it("keeps the ids of different plots apart", async () => {
    const { charts } = await renderReport(syntheticResults());
    const ids = charts.flatMap((c) => [...c.svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("puts the exact numbers beside the shown ones in the tables", async () => {
    const results = syntheticResults();
    const { html } = await renderReport(results);
    const run = results.seedRescaling?.runs[1];
    expect(html).toContain(`data-field="portMse" data-value="${run?.portMse}">2.2e-4</td>`);
    expect(html).toContain(`data-field="bypassMse" data-value="${run?.bypassMse}">0.1</td>`);
  });

  it("says in the headline what the numbers show, and only that", async () => {
    const equal = await renderReport(syntheticResults());
    expect(equal.html).toContain("The loss you see is the loss you deploy.");
    expect(equal.html).toContain("equals the MSE of its output through the input port exactly");
    const base = syntheticResults();
    const seed = base.seedRescaling;
    if (seed === null) throw new Error("fixture has seedRescaling");
    const apart: DemoResults = { ...base, seedRescaling: { ...seed, runs: seed.runs.map((r) => ({ ...r, portMse: 2 * r.deployedLoss })) } };
    const { html } = await renderReport(apart);
    expect(html).toContain("Deployed and reported losses disagree in this run.");
    expect(html).not.toContain("The loss you see is the loss you deploy.</h1>");
  });

  it("shows a verdict and the trainer's warnings", async () => {
    const { html } = await renderReport(syntheticResults());
    expect(html).toContain("16 s: not as expected.</strong> a test verdict");
    expect(html).toContain("A test warning.");
  });

  it("says why a section did not run instead of showing it", async () => {
    const base = syntheticResults();
    const results: DemoResults = { ...base, coupledLoop: null, missing: [{ section: "coupledLoop", reason: "waiting for the coupler" }] };
    const { html, charts } = await renderReport(results);
    expect(charts.map((c) => c.id)).not.toContain("loop-signals");
    expect(html).toContain("<strong>Not run.</strong> waiting for the coupler");
  });
});
