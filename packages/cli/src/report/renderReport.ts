import type { CoupledLoopResults, DemoResults, LoopError, SectionName, SeedRescalingResults, SeedRescalingSetup, SpikeRaster } from "../results/DemoResults.js";
import { palette } from "./chartConfig.js";
import { loopPhaseChart } from "./charts/loopPhaseChart.js";
import { loopSignalsChart } from "./charts/loopSignalsChart.js";
import { lossCurvesChart } from "./charts/lossCurvesChart.js";
import { rescalingChart } from "./charts/rescalingChart.js";
import { seedTracesChart } from "./charts/seedTracesChart.js";
import { spikeRasterChart } from "./charts/spikeRasterChart.js";
import { escapeHtml, formatBytes, formatMeasure, formatNumber, formatPercent, formatRatio, formatSeconds, formatTransform, lengthLabel } from "./format.js";
import { type RenderedChart, renderChart } from "./renderChart.js";
import { reportStyles } from "./reportStyles.js";
import { type Summary, summarize } from "./summarize.js";

export interface RenderReportOptions {
  /** Path from the page to the folder of the results file, for links to bundles (default "."). */
  readonly resultsBase?: string;
}

/** The report page and the plots it inlines (for PNG copies). */
export interface RenderedReport {
  /** The whole page: one self-contained HTML document. */
  readonly html: string;
  readonly charts: readonly RenderedChart[];
}

/** Relative agreement under which two losses count as "equal" in the headline. */
const AGREE = 1e-3;

/**
 * Renders the report page of a demo run: a headline computed from the numbers, the tables, and
 * the plots (Vega-Lite rendered to inline SVG). Sections that did not run say why.
 */
export async function renderReport(results: DemoResults, options: RenderReportOptions = {}): Promise<RenderedReport> {
  const base = options.resultsBase ?? ".";
  const summary = summarize(results, AGREE);
  const charts: RenderedChart[] = [];
  const chart = async (...args: Parameters<typeof renderChart>): Promise<RenderedChart> => {
    const rendered = await renderChart(...args);
    charts.push(rendered);
    return rendered;
  };

  const seed = results.seedRescaling;
  const seedSection =
    seed === null
      ? missingSection(results, "seedRescaling", "1", "The loss you see is the loss you deploy")
      : seedRescalingSection(seed, summary, base, {
          bars: await chart("rescaling", "Error against data length", rescalingChart(seed)),
          traces: await chart("seed-traces", "Output vs target over time", seedTracesChart(seed)),
          loss: await chart("loss-curves", "Loss curves", lossCurvesChart(seed)),
        });
  const reported = results.seedRescalingAsReported;
  const reportedSection =
    reported === null
      ? ""
      : seedRescalingSection(reported, summarize({ ...results, seedRescaling: reported }, AGREE), base, {
          bars: await chart("rescaling-as-reported", "Error against data length, as reported", rescalingChart(reported)),
          traces: await chart("seed-traces-as-reported", "Output vs target over time, as reported", seedTracesChart(reported)),
          loss: await chart("loss-curves-as-reported", "Loss curves, as reported", lossCurvesChart(reported)),
        });
  const loop = results.coupledLoop;
  const loopSection =
    loop === null
      ? missingSection(results, "coupledLoop", "2", "Trained apart, run together")
      : coupledLoopSection(
          loop,
          base,
          await chart("loop-signals", "The coupled loop's signals", loopSignalsChart(loop)),
          loop.phasePlane === null ? null : await chart("loop-phase", loop.phasePlane.title, loopPhaseChart(loop.phasePlane, loop.signals)),
        );
  const raster = results.raster;
  const rasterSection =
    raster === null
      ? missingSection(results, "raster", "", "Inside one ensemble")
      : rasterSectionHtml(raster, await chart("spike-raster", `Spike raster of ensemble '${raster.ensemble}'`, spikeRasterChart(raster)));

  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plexus demo report</title>
<style>${reportStyles}</style>
</head>
<body>
<main>
${hero(results, summary)}
${seedSection}
${reportedSection}
${loopSection}
${rasterSection}
${bundlesSection(results, base)}
${footer(results)}
</main>
</body>
</html>
`;
  return { html, charts };
}

function hero(results: DemoResults, s: Summary): string {
  const { title, lede } = headline(results, s);
  const cards: string[] = [];
  if (s.runs > 0) {
    cards.push(card("port", `${s.agreeing} / ${s.runs}`, "data lengths where the MSE through the port equals the deployed loss"));
  }
  if (s.largestBypassMse !== null) {
    cards.push(
      card(
        "bypass",
        formatNumber(s.largestBypassMse.bypassMse),
        `largest MSE with the learned port transform dropped (${lengthLabel(s.largestBypassMse.simT)} of data)`,
      ),
    );
  }
  if (s.loopRelativeError !== null) {
    cards.push(card("", formatPercent(s.loopRelativeError), "coupled loop's RMS error, relative to the ideal signal"));
  }
  cards.push(
    card(
      "",
      formatSeconds(results.wallSeconds),
      `wall time of the whole demo (${formatSeconds(results.cpuSeconds)} of CPU time, ${results.environment.cpus} CPU${results.environment.cpus === 1 ? "" : "s"})`,
    ),
  );
  return `<header class="hero">
<div class="eyebrow">Plexus · flagship demo${results.quick ? '<span class="badge">quick run: reduced sizes</span>' : ""}</div>
<h1 id="headline">${escapeHtml(title)}</h1>
<p class="lede">${lede}</p>
<div class="cards">${cards.join("")}</div>
</header>`;
}

function card(kind: string, value: string, label: string): string {
  return `<div class="card ${kind}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}

/** The headline: what the numbers show, never more. */
function headline(results: DemoResults, s: Summary): { title: string; lede: string } {
  const seed = results.seedRescaling;
  if (seed === null || s.portVsDeployed === null) {
    return {
      title: "Plexus demo: partial results",
      lede: escapeHtml(`Sections not run: ${results.missing.map((m) => `${m.section} (${m.reason})`).join("; ") || "none"}.`),
    };
  }
  const n = seed.runs.length;
  const lengths = n === 1 ? lengthLabel(seed.runs[0]?.simT ?? 0) : `${lengthLabel(seed.runs[0]?.simT ?? 0)}–${lengthLabel(seed.runs[n - 1]?.simT ?? 0)}`;
  const worst = s.largestBypassMse;
  const bypass =
    worst === null
      ? ""
      : ` Drop the learned port transform, as the original pass-through wiring did, and the MSE reaches <strong>${formatNumber(worst.bypassMse)}</strong> (${lengthLabel(worst.simT)} of data) where the port gives ${formatNumber(worst.portMse)}.`;
  if (s.portVsDeployed <= AGREE) {
    return {
      title: "The loss you see is the loss you deploy.",
      lede: `At ${n} length${n === 1 ? "" : "s"} of training data (${escapeHtml(lengths)}), the loss Plexus reports for the trained subnetwork (its deployed loss, computed by the simulator) equals the MSE of its output through the input port ${s.portVsDeployed === 0 ? "exactly" : `to within ${formatPercent(s.portVsDeployed)}`}.${bypass}`,
    };
  }
  return {
    title: "Deployed and reported losses disagree in this run.",
    lede: `The MSE through the port differs from the simulator's deployed loss by up to ${formatPercent(s.portVsDeployed)} (expected below ${formatPercent(AGREE)}); see the table.${bypass}`,
  };
}

function seedRescalingSection(
  seed: SeedRescalingResults,
  s: Summary,
  base: string,
  charts: { readonly bars: RenderedChart; readonly traces: RenderedChart; readonly loss: RenderedChart },
): string {
  const u = seed.setup;
  const reported = u.settings === "as-reported" && seed.runs.length > 0;
  const suffix = u.settings === "as-reported" ? "-as-reported" : "";
  const rows = seed.runs
    .map((run) => {
      const ratio = run.bypassMse / run.portMse;
      return `<tr data-sim-t="${run.simT}">
<td class="num" data-field="simT" data-value="${run.simT}">${escapeHtml(lengthLabel(run.simT))}</td>
<td class="num" data-field="trainLoss" data-value="${run.trainLoss}">${formatNumber(run.trainLoss)}</td>
<td class="num" data-field="deployedLoss" data-value="${run.deployedLoss}">${formatNumber(run.deployedLoss)}</td>
<td class="num port" data-field="portMse" data-value="${run.portMse}">${formatNumber(run.portMse)}</td>
<td class="num bypass" data-field="bypassMse" data-value="${run.bypassMse}">${formatNumber(run.bypassMse)}</td>
<td class="num" data-derived="bypassOverPort">${formatRatio(ratio)}</td>
<td class="num" data-field="inputTransform" data-value="${run.inputTransform.join(" ")}">${run.inputTransform.map(formatTransform).join(", ")}</td>
</tr>`;
    })
    .join("\n");
  const agree =
    s.portVsDeployed === null
      ? ""
      : s.portVsDeployed <= AGREE
        ? `<span class="verdict ok">✓ MSE through the port = deployed loss at every length (${s.portVsDeployed === 0 ? "identical" : `largest relative difference ${formatNumber(s.portVsDeployed)}`}).</span>`
        : `<span class="verdict warn">MSE through the port and deployed loss differ by up to ${formatNumber(s.portVsDeployed)} (relative).</span>`;
  const intro = reported
    ? "<p>The same channel, data and optimiser on the setting of the report: Adam at learning rate 1e-3, 100 epochs. The port path is exact here too (the MSE through the port equals the deployed loss); the optimiser is what fails: Adam moves every parameter by up to about its learning rate per step, and the decoders are small (median 7e-5 at the start), so the loss oscillates to the last epoch, the loss it prints is not the loss of the final weights, and the learned port transform drifts far from 1, which is what dropping it (the old pass-through wiring) then costs.</p>"
    : `<p>The case Nengo users reported: a ${escapeHtml(u.network)} channel, trained by gradient descent with a learned transform on its input. Trained through a pass-through node, that transform was bypassed once the network was wired into a larger model: outputs came out rescaled while the printed loss stayed near zero. In Plexus the input port owns the transform, so training data and coupled inputs take the same path.</p>`;
  return `<section id="seed-rescaling${suffix}">
<h2><span class="step">${reported ? "1b" : "1"}</span>${reported ? "The same, on the report's setting (Adam 1e-3)" : "The loss you see is the loss you deploy"}</h2>
${intro}
<p class="setup">Signal x = y = sin(2π·${formatNumber(u.signalHz)}·t), dt = ${formatNumber(u.dt)} s · ${u.epochs} epochs · minibatch ${u.minibatchSize} · Adam, learning rate ${formatNumber(u.learningRate)}</p>
${settingsNote(u)}
<table id="seed-table${suffix}">
<thead><tr>
<th class="num">Training data</th>
<th class="num">Train loss<span class="sub">last-epoch average</span></th>
<th class="num">Deployed loss<span class="sub">simulator, via ports</span></th>
<th class="num port"><span class="dot" style="background:${palette.port}"></span>MSE through the port</th>
<th class="num bypass"><span class="dot" style="background:${palette.bypass}"></span>MSE, port transform dropped</th>
<th class="num">Ratio<span class="sub">dropped / port</span></th>
<th class="num">Learned port transform</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">${agree}</p>
${notesList(seed)}
${figure(charts.traces, "One panel per length of training data, the first 0.4 s of the signal. Blue: the deployed subnetwork's output through its port. Red: the same trained weights with the learned port transform dropped, as the original pass-through wiring used them. Dashed: the target.")}
${figure(charts.bars, "MSE against the target at each length of training data, through the port (blue) and with the learned port transform dropped (red).")}
${figure(charts.loss, "The trainer's loss in each epoch (the running average over its minibatches), one panel per length of data; the dashed line is the deployed loss of the final subnetwork.")}
</section>`;
}

/** Where the settings of a panel come from, in one paragraph. */
function settingsNote(u: SeedRescalingSetup): string {
  switch (u.settings) {
    case "converging":
      return `<p class="note">Chosen as a nengo_dl user chooses them: the report's Adam at 1e-3 oscillates (panel 1b), so the learning rate comes down, here to ${formatNumber(u.learningRate)}, until the loss settles. On these settings we measured, for seeds 0, 1 and 2 at every length, an MSE through the port below 0.01 and a train loss within a factor of 2 of the deployed loss (examples/seed-rescaling/README.md; a test checks it on short runs). Other settings: <code class="inline">plexus demo --lr &lt;x&gt; --epochs &lt;n&gt;</code>.</p>`;
    case "custom":
      return `<p class="note">Settings given on the command line (<code class="inline">--lr</code>, <code class="inline">--epochs</code>); without them the demo uses settings on which the optimiser converges.</p>`;
    case "as-reported":
      return "";
  }
}

function notesList(seed: SeedRescalingResults): string {
  const verdicts = seed.runs.flatMap((run) =>
    run.verdict === null ? [] : [`<li><strong>${escapeHtml(lengthLabel(run.simT))}: not as expected.</strong> ${escapeHtml(run.verdict)}</li>`],
  );
  const warned = seed.runs.filter((run) => run.trainerWarnings.length > 0);
  const warnings =
    warned.length === 0
      ? ""
      : `<details class="warnings"><summary>The trainer warned at ${warned.length} of ${seed.runs.length} lengths (${escapeHtml(warned.map((r) => lengthLabel(r.simT)).join(", "))}) that the loss it reports (the running average over the last epoch) and the deployed loss are more than a factor of 2 apart. The table shows both.</summary>
<ul>
${warned.flatMap((run) => run.trainerWarnings.map((w) => `<li><strong>${escapeHtml(lengthLabel(run.simT))}:</strong> ${escapeHtml(w)}</li>`)).join("\n")}
</ul></details>`;
  return `${verdicts.length === 0 ? "" : `<ul class="notes">\n${verdicts.join("\n")}\n</ul>`}\n${warnings}`;
}

function coupledLoopSection(loop: CoupledLoopResults, base: string, signals: RenderedChart, phase: RenderedChart | null): string {
  const rows = loop.subnetworks
    .map(
      (sub) => `<tr data-name="${escapeHtml(sub.name)}">
<td><strong>${escapeHtml(sub.name)}</strong><span class="sub">${escapeHtml(sub.role)}</span><span class="sub">${escapeHtml(sub.network)}</span></td>
<td><code class="inline">${escapeHtml(sub.trainer)}</code><span class="sub">${escapeHtml(sub.engine)}, ${sub.epochs} epoch${sub.epochs === 1 ? "" : "s"}</span></td>
<td class="num" data-field="trainLoss" data-value="${sub.trainLoss}">${formatNumber(sub.trainLoss)}</td>
<td class="num" data-field="deployedLoss" data-value="${sub.deployedLoss}">${formatNumber(sub.deployedLoss)}</td>
<td class="num">${formatSeconds(sub.trainSeconds)}</td>
<td>${sub.bundle === null ? "—" : `<a href="${escapeHtml(joinPath(base, sub.bundle))}"><code>${escapeHtml(baseName(sub.bundle))}</code></a>`}</td>
</tr>`,
    )
    .join("\n");
  const errorRow = (e: LoopError, main: boolean): string => `<tr${main ? ' class="main"' : ""}>
<td>${escapeHtml(e.compared)}</td>
<td class="num" data-field="rmse" data-value="${e.rmse}">${formatNumber(e.rmse)}</td>
<td class="num" data-field="idealRms" data-value="${e.idealRms}">${formatNumber(e.idealRms)}</td>
<td class="num" data-derived="relative">${formatPercent(e.rmse / e.idealRms)}</td>
</tr>`;
  const measures = loop.measures
    .map(
      (m) => `<tr>
<td>${escapeHtml(m.name)}</td>
<td class="num" data-field="value" data-value="${m.value}">${formatMeasure(m.value)}${m.spread === null ? "" : ` ± ${formatNumber(m.spread)}`}${m.unit === "" ? "" : ` ${escapeHtml(m.unit)}`}</td>
<td class="num" data-field="ideal" data-value="${m.ideal ?? ""}">${m.ideal === null ? "—" : `${formatMeasure(m.ideal)}${m.unit === "" ? "" : ` ${escapeHtml(m.unit)}`}`}</td>
</tr>`,
    )
    .join("\n");
  const loops = loop.loops
    .map(
      (l) =>
        `<tr><td><code class="inline">${escapeHtml(l.path)}</code></td><td class="num">${l.delaySteps}</td><td class="note">${escapeHtml(l.sum)}</td></tr>`,
    )
    .join("\n");
  const checks = loop.checks
    .map((k) => `<li>${k.passed ? '<span class="verdict ok">✓</span>' : '<span class="verdict warn">✗</span>'} ${escapeHtml(k.name)}</li>`)
    .join("\n");
  const warnings =
    loop.trainerWarnings.length === 0
      ? ""
      : `<details class="warnings"><summary>The trainers warned ${loop.trainerWarnings.length} time${loop.trainerWarnings.length === 1 ? "" : "s"}.</summary><ul>${loop.trainerWarnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></details>`;
  return `<section id="coupled-loop">
<h2><span class="step">2</span>Trained apart, run together</h2>
<p>${escapeHtml(loop.description)}</p>
<p class="setup">${formatNumber(loop.seconds)} s simulated at dt = ${formatNumber(loop.dt)} s</p>
<table id="loop-table">
<thead><tr><th>Subnetwork</th><th>Trainer</th><th class="num">Train loss</th><th class="num">Deployed loss<span class="sub">simulator, via ports</span></th><th class="num">Trained in</th><th>Bundle</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${warnings}
${figure(signals, "The coupled loop over time; dashed: the ideal, where there is one.")}
<div class="grid2">
<div>
<h3>Against the ideal</h3>
<table id="loop-error">
<thead><tr><th>Compared</th><th class="num">RMSE</th><th class="num">RMS of the ideal</th><th class="num">Relative</th></tr></thead>
<tbody>
${errorRow(loop.error, true)}
${loop.otherErrors.map((e) => errorRow(e, false)).join("\n")}
</tbody>
</table>
${
  loop.measures.length === 0
    ? ""
    : `<table id="loop-measures">
<thead><tr><th>Measured</th><th class="num">Value</th><th class="num">Ideal</th></tr></thead>
<tbody>
${measures}
</tbody>
</table>`
}
<h3>Loops and their delays</h3>
<table id="loop-delays">
<thead><tr><th>Loop</th><th class="num">Delay (steps)</th><th>Made of</th></tr></thead>
<tbody>
${loops}
</tbody>
</table>
${checks === "" ? "" : `<h3>Checked on this run</h3><ul class="checks">\n${checks}\n</ul>`}
</div>
<div>${phase === null ? "" : figure(phase, "Each signal against the other, in time order.")}</div>
</div>
</section>`;
}

function rasterSectionHtml(raster: SpikeRaster, chart: RenderedChart): string {
  return `<section id="raster">
<h2>Inside one ensemble</h2>
<p>${escapeHtml(raster.description)} Every spike of its ${raster.nNeurons} ${escapeHtml(raster.neuronType)} neurons between ${formatNumber(raster.tStart)} s and ${formatNumber(raster.tEnd)} s: ${raster.t.length.toLocaleString("en-US")} spikes.</p>
${figure(chart, "One row per neuron, one tick per spike.")}
</section>`;
}

function bundlesSection(results: DemoResults, base: string): string {
  if (results.bundles.length === 0) {
    return `<section id="bundles">
<h2><span class="step">3</span>Where each result came from</h2>
<p class="missing">This run saved no bundles.</p>
</section>`;
  }
  const rows = results.bundles
    .map(
      (b) => `<tr>
<td>${escapeHtml(b.name)}</td>
<td><a href="${escapeHtml(joinPath(base, b.path))}"><code>${escapeHtml(b.path)}</code></a></td>
<td class="num" data-field="bytes" data-value="${b.bytes}">${formatBytes(b.bytes)}</td>
<td>${b.reloadCheck === "identical" ? '<span class="verdict ok">✓ predicts the same bits</span>' : '<span class="verdict warn">✗ predicts different values</span>'}</td>
</tr>`,
    )
    .join("\n");
  const first = results.bundles[0];
  const identical = results.bundles.every((b) => b.reloadCheck === "identical");
  return `<section id="bundles">
<h2><span class="step">3</span>Where each result came from</h2>
<p>Each trained subnetwork above was saved as a bundle: one safetensors file with its parameters by name, a manifest (format version, structure hash, port signatures, training report) and a SHA-256 of the contents. The demo reloaded each one and ran it again on its training inputs: ${identical ? "every reloaded subnetwork predicted the same bits." : "<strong>some reloaded subnetworks predicted different values</strong> (see the table)."}</p>
<table id="bundle-table">
<thead><tr><th>Bundle</th><th>File</th><th class="num">Size</th><th>Reloaded</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${
  first === undefined
    ? ""
    : `<div class="grid2">
<div><h3>Reload one in TypeScript</h3><pre><code>import { load } from "@plexus/trainer/node";\n${escapeHtml(first.reload)}</code></pre></div>
<div><h3>Look inside one from a terminal</h3><pre><code>npx plexus inspect ${escapeHtml(first.path)}</code></pre></div>
</div>`
}
</section>`;
}

function missingSection(results: DemoResults, section: SectionName, step: string, title: string): string {
  const reason = results.missing.find((m) => m.section === section)?.reason ?? "not run";
  return `<section id="${kebab(section)}" class="not-run">
<h2>${step === "" ? "" : `<span class="step">${step}</span>`}${escapeHtml(title)}</h2>
<p class="missing"><strong>Not run.</strong> ${escapeHtml(reason)}</p>
</section>`;
}

function figure(chart: RenderedChart, caption: string): string {
  return `<figure class="chart" data-chart="${chart.id}">
<figcaption><strong>${escapeHtml(chart.title)}.</strong> ${escapeHtml(caption)}</figcaption>
${chart.svg}
</figure>`;
}

function footer(results: DemoResults): string {
  const env = results.environment;
  return `<footer>
Generated ${escapeHtml(results.createdAt)} by Plexus ${escapeHtml(results.plexusVersion)} · Node ${escapeHtml(env.node)} on ${escapeHtml(env.platform)}, ${env.cpus} CPU${env.cpus === 1 ? "" : "s"} · demo wall time ${formatSeconds(results.wallSeconds)} (CPU ${formatSeconds(results.cpuSeconds)})${results.quick ? " · quick run (reduced sizes)" : ""}.
Every number on this page was computed by the run that wrote <code class="inline">results.json</code>; regenerate with <code class="inline">npm start</code>.
</footer>`;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function joinPath(base: string, path: string): string {
  return base === "." || base === "" ? path : `${base.replace(/\/$/, "")}/${path}`;
}

function baseName(path: string): string {
  return path.split("/").pop() ?? path;
}
