// Plexus in the browser: @plexus/core, @plexus/simulator, @plexus/coupler and @plexus/trainer
// bundled by esbuild for the browser (the build fails if any Node builtin is reached), loaded into
// headless Chromium (Debian's /usr/bin/chromium driven by playwright-core), running the same
// seeded scripts as Node: a network built and run, the seed case trained with the typed engine,
// saved to bundle bytes and read back, two subnetworks coupled; every number compared bit for bit
// (the Float64Array bytes). The engines' Math.exp, Math.sin, ... differ in their last bits; Plexus
// computes through its own libm (@plexus/core/runtime), which gives the same bits in both.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserBundle, buildBrowserBundle, bundleSizes, sizesTable } from "../../scripts/browserBundle.js";
import { CHROMIUM, launchChromium, missingChromium } from "../support/chromium.js";
import { channelAsHex, coupledAsHex } from "./bundle/channel.js";
import { libmSampleAsHex, UNARY } from "./bundle/libmSample.js";
import { seedTrainingAsHex } from "./bundle/seedTraining.js";

const entry = fileURLToPath(new URL("./bundle/entry.ts", import.meta.url));
const STEPS = 600;
/** The page's address: served by the test itself (playwright's route), never fetched. */
const PAGE_URL = "https://plexus.test/";
const ISOLATION_HEADERS = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

/** The Float64Array whose bytes `hex` spells. */
function fromHex(hex: string): Float64Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return new Float64Array(bytes.buffer);
}

let work: string | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
/** A second page, served without COOP/COEP: no SharedArrayBuffer, so no worker threads either. */
let plainPage: Page | undefined;
let bundle: BrowserBundle;
/** Expects Chromium's values (hex bytes) to be Node's, bit for bit. */
function expectSameBits(label: string, inBrowser: string | undefined, inNode: string | undefined): void {
  expect(inBrowser, label).toBeDefined();
  expect(inBrowser, `${label} differs between Chromium and Node`).toBe(inNode);
}

/** The page with the bundle loaded (cross-origin isolated, or not), or the failure (never a skip) when Chromium is missing. */
function openPage(isolated = true): Page {
  const opened = isolated ? page : plainPage;
  if (opened === undefined) throw new Error(existsSync(CHROMIUM) ? "the page did not open (see the error of beforeAll)" : missingChromium);
  return opened;
}

/** Serves PAGE_URL (with COOP + COEP when `isolated`) in `opened` and loads the bundle into it. */
async function bundlePage(opened: Page, isolated: boolean): Promise<Page> {
  await opened.route(PAGE_URL, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      ...(isolated ? { headers: ISOLATION_HEADERS } : {}),
      body: "<!doctype html><title>Plexus in the browser</title>",
    }),
  );
  await opened.goto(PAGE_URL);
  const hasShared = await opened.evaluate(() => crossOriginIsolated && typeof SharedArrayBuffer === "function");
  if (hasShared !== isolated) throw new Error(`the page should ${isolated ? "" : "not "}be cross-origin isolated (with SharedArrayBuffer)`);
  await opened.addScriptTag({ content: bundle.code });
  return opened;
}

/** The page's exports (the bundle's entry), as `evaluate` sees them. */
type PageExports = { plexusInBrowser: typeof import("./bundle/entry.js") };

beforeAll(async () => {
  bundle = await buildBrowserBundle(entry, "plexusInBrowser");
  if (!existsSync(CHROMIUM)) return; // each browser test fails with missingChromium
  work = await mkdtemp(join(tmpdir(), "plexus-in-browser-"));
  context = await launchChromium(join(work, "chromium-profile"));
  // A cross-origin isolated page (COOP + COEP), as a web app serves one to have SharedArrayBuffer
  // (core's WebAssembly least-squares kernels can then use threads), and a plain page without it
  // (the same kernels run on a plain memory on the page's thread): both must give Node's bits.
  page = await bundlePage(context.pages()[0] ?? (await context.newPage()), true);
  plainPage = await bundlePage(await context.newPage(), false);
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe("Plexus bundled for the browser", () => {
  it("bundles core, the simulator, the coupler and the trainer without Node builtins, cli-progress or TensorFlow.js", () => {
    for (const file of [
      "core/src/Network.ts",
      "simulator/src/Simulator.ts",
      "coupler/src/couple.ts",
      "trainer/src/GradientTrainer.ts",
      "trainer/src/fromBytes.ts",
    ]) {
      expect(
        bundle.inputs.some((input) => input.endsWith(`packages/${file}`)),
        file,
      ).toBe(true);
    }
    expect(bundle.inputs.filter((input) => /cli-progress|@tensorflow|packages\/trainer\/src\/tfjs\//.test(input))).toEqual([]);
    // the engine "tfjs" by name is the browser's stand-in (which names the fix), not a lazy import of tfjs
    expect(bundle.inputs.some((input) => input.endsWith("packages/trainer/src/internal/tfjsEngineByName.browser.ts"))).toBe(true);
    expect(bundle.inputs.filter((input) => input.endsWith("packages/trainer/src/internal/tfjsEngineByName.ts"))).toEqual([]);
  });

  it("bundles the coupler with the browser's stand-in for worker threads", () => {
    expect(bundle.inputs.some((input) => input.endsWith("packages/coupler/src/remote/workerThreads.browser.ts"))).toBe(true);
    expect(bundle.inputs.filter((input) => input.endsWith("packages/coupler/src/remote/workerThreads.ts"))).toEqual([]);
  });

  it("the esbuild guard fails a bundle that reaches a Node builtin (the coupler's worker threads, the trainer's file save/load)", async () => {
    const coupler = fileURLToPath(new URL("../../packages/coupler/src/remote/workerThreads.ts", import.meta.url));
    await expect(buildBrowserBundle(coupler, "x")).rejects.toThrow(/Node builtin "node:worker_threads"/);
    const trainerNode = fileURLToPath(new URL("../../packages/trainer/src/node.ts", import.meta.url));
    await expect(buildBrowserBundle(trainerNode, "x")).rejects.toThrow(/Node builtin "node:fs\/promises"/);
  });

  it("measures the gzipped bundles of core, core + simulator, + coupler, + trainer (every export, minified)", async () => {
    const sizes = await bundleSizes();
    console.info(`${sizesTable(sizes)}\n(the page's bundle, unminified: ${bundle.bytes} bytes, ${bundle.gzipBytes} gzipped)`);
    expect(sizes.map((s) => s.name)).toEqual(["core", "core + simulator", "+ coupler", "+ trainer"]);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]?.gzipBytes).toBeGreaterThan(sizes[i - 1]?.gzipBytes ?? 0);
    expect(sizes.at(-1)?.inputs.filter((input) => /cli-progress|@tensorflow/.test(input))).toEqual([]);
  }, 120_000);
});

describe("Plexus's libm in the browser", () => {
  it("gives Node's bits in Chromium for every function, where the engines' own Math.* differ", async () => {
    const page = openPage();
    const ours = await page.evaluate(() => (globalThis as unknown as PageExports).plexusInBrowser.libmSampleAsHex("ours"));
    const engine = await page.evaluate(() => (globalThis as unknown as PageExports).plexusInBrowser.libmSampleAsHex("engine"));
    const [oursInNode, engineInNode] = [libmSampleAsHex("ours"), libmSampleAsHex("engine")];
    // in Node our libm is Math.* (its oracle, see libm.test.ts), and it is the same in Chromium
    expect(oursInNode).toBe(engineInNode);
    expectSameBits("libm sample", ours, oursInNode);
    // what the engines' own functions do, per function (informational: Chromium's may change)
    const names = [...UNARY, "pow", "hypot"];
    const per = engineInNode.length / names.length;
    const differing = names.map((name, j) => {
      const [a, b] = [engine.slice(j * per, (j + 1) * per), engineInNode.slice(j * per, (j + 1) * per)];
      let n = 0;
      for (let i = 0; i < a.length; i += 16) if (a.slice(i, i + 16) !== b.slice(i, i + 16)) n++;
      return `${name} ${n}`;
    });
    console.info(`Math.* values differing between Chromium and Node, of ${per / 16} per function: ${differing.join(", ")}`);
  }, 60_000);
});

describe("Plexus in the browser: a network built and run", () => {
  it("runs the seeded LIF channel in Chromium with the same probe data as Node", async () => {
    const inBrowser = await openPage().evaluate((steps) => (globalThis as unknown as PageExports).plexusInBrowser.channelAsHex(steps), STEPS);
    const inNode = channelAsHex(STEPS);
    expect(inBrowser.map((probe) => probe.label)).toEqual(["decoded", "spikes", "stim"]);
    expect(inNode[1]?.shape).toEqual([STEPS, 50]);
    // the data carries information: B's decoded value moves, A spikes
    expect(new Set(inNode[0]?.hex.match(/.{16}/g)).size).toBeGreaterThan(100);
    expect(inNode[1]?.hex).toMatch(/[1-9a-f]/);
    for (const [index, probe] of inNode.entries()) {
      expect(inBrowser[index]?.shape).toEqual(probe.shape);
      expectSameBits(`probe ${probe.label}`, inBrowser[index]?.hex, probe.hex);
    }
  }, 60_000);
});

describe("Plexus in the browser: coupled subnetworks", () => {
  it("couples two subnetworks in Chromium with the same port data as Node", async () => {
    const inBrowser = await openPage().evaluate((steps) => (globalThis as unknown as PageExports).plexusInBrowser.coupledAsHex(steps), STEPS);
    const inNode = await coupledAsHex(STEPS);
    expect(inBrowser.map((probe) => probe.label)).toEqual(["first.y", "second.y"]);
    expect(new Set(inNode[1]?.hex.match(/.{16}/g)).size).toBeGreaterThan(100);
    for (const [index, probe] of inNode.entries()) expectSameBits(`coupled ${probe.label}`, inBrowser[index]?.hex, probe.hex);
  }, 60_000);
});

describe("Plexus in a page that is not cross-origin isolated (no SharedArrayBuffer)", () => {
  it("runs the seeded LIF channel and trains the seed case (decoders solved by the WebAssembly kernels) with Node's bits", async () => {
    const plain = openPage(false);
    const [epochs, steps] = [3, 200];
    const channel = await plain.evaluate((s) => (globalThis as unknown as PageExports).plexusInBrowser.channelAsHex(s), STEPS);
    for (const [index, probe] of channelAsHex(STEPS).entries()) expectSameBits(`probe ${probe.label}`, channel[index]?.hex, probe.hex);
    const inBrowser = await plain.evaluate(([e, s]) => (globalThis as unknown as PageExports).plexusInBrowser.seedTrainingAsHex(e, s), [
      epochs,
      steps,
    ] as const);
    const inNode = await seedTrainingAsHex(epochs, steps);
    expectSameBits("losses", inBrowser.losses, inNode.losses);
    for (const [i, p] of inNode.parameters.entries()) expectSameBits(p.name, inBrowser.parameters[i]?.hex, p.hex);
    expectSameBits("bundle bytes", inBrowser.bundle, inNode.bundle);
  }, 120_000);
});

describe("Plexus in the browser: the trainer", () => {
  it("trains the seed case with the typed engine, round trips it through bundle bytes and couples it, with the same numbers as Node", async () => {
    const [epochs, steps] = [5, 300];
    const inBrowser = await openPage().evaluate(([e, s]) => (globalThis as unknown as PageExports).plexusInBrowser.seedTrainingAsHex(e, s), [
      epochs,
      steps,
    ] as const);
    const inNode = await seedTrainingAsHex(epochs, steps);
    const losses = fromHex(inNode.losses);
    expect(losses.length).toBe(epochs + 2);
    expect(losses[epochs - 1]).toBeLessThan((losses[0] ?? 0) / 2); // it trains
    // read back from its bytes, the subnetwork predicts as the trained one did, in each engine
    expect(inNode.predicted.loaded).toBe(inNode.predicted.trained);
    expect(inBrowser.predicted.loaded).toBe(inBrowser.predicted.trained);
    expect(inBrowser.parameters.map((p) => p.name)).toEqual(inNode.parameters.map((p) => p.name));
    expectSameBits("losses", inBrowser.losses, inNode.losses);
    for (const [i, p] of inNode.parameters.entries()) expectSameBits(p.name, inBrowser.parameters[i]?.hex, p.hex);
    expectSameBits("predict of the bundle read back", inBrowser.predicted.loaded, inNode.predicted.loaded);
    expectSameBits("bundle bytes", inBrowser.bundle, inNode.bundle);
    expect(inBrowser.coupled.map((probe) => probe.label)).toEqual(["trained.y", "doubler.y"]);
    for (const [i, probe] of inNode.coupled.entries()) expectSameBits(`coupled ${probe.label}`, inBrowser.coupled[i]?.hex, probe.hex);
  }, 120_000);
});
