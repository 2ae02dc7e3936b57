// save/load: a round trip reproduces predict bit for bit; every corruption is a BundleError that
// names what does not match.

import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BundleError, LIF, Network, Sigmoid } from "@plexus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defined } from "../../../test/support/defined.js";
import { adam, GradientTrainer, type TrainedSubnetwork } from "../src/index.js";
import { load, save } from "../src/node.js";

const dir = mkdtempSync(join(tmpdir(), "plexus-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function channel(nNeurons = 20): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 2, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ nNeurons, dimensions: 1, neuronType: new Sigmoid(), label: "x" });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

function spiking(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "spiking", seed: 4, inputs: { u: 1 }, outputs: { y: 1 } });
  const a = net.ensemble({ nNeurons: 15, dimensions: 1, neuronType: new LIF(), label: "a" });
  net.connect(net.in.u, a, { synapse: 0.005 });
  net.connect(a, net.out.y, { synapse: 0.01 });
  return net;
}

const x = Float64Array.from({ length: 200 }, (_, k) => Math.sin(2 * Math.PI * 5 * k * 0.001));
const seq = { data: Float64Array.from({ length: 4 * 25 }, (_, i) => Math.cos(i / 7)), shape: [4, 25, 1] as const };

function bitEqual(a: Float64Array | undefined, b: Float64Array): boolean {
  if (a === undefined) return false;
  if (a.length !== b.length) return false;
  const da = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const db = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < a.byteLength; i++) if (da.getUint8(i) !== db.getUint8(i)) return false;
  return true;
}

async function bundleError(p: Promise<unknown>): Promise<BundleError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    return e as BundleError;
  }
  throw new Error("expected a BundleError");
}

let trained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>;
let spikingTrained: TrainedSubnetwork<{ u: 1 }, { y: 1 }>;
const path = join(dir, "channel.plexus.safetensors");

beforeAll(async () => {
  const trainer = new GradientTrainer({ optimizer: adam({ learningRate: 1e-3 }), minibatchSize: 50, seed: 0 });
  trained = await trainer.fit(channel(), { inputs: { u: x }, targets: { y: x } }, { epochs: 3, onWarning: () => {} });
  spikingTrained = await trainer.fit(spiking(), { inputs: { u: seq }, targets: { y: seq } }, { epochs: 2, onWarning: () => {} });
  await save(trained, path);
});

describe("save and load", () => {
  it("round trips predict bit for bit, with and without the network", async () => {
    const expected = trained.predict({ u: x }).y.data;
    const withNet = await load(path, { network: channel() });
    expect(bitEqual(withNet.predict({ u: x }).y.data, expected)).toBe(true);
    const rebuilt = await load(path);
    expect(bitEqual(rebuilt.predict({ u: x }).y?.data, expected)).toBe(true);
    expect(rebuilt.ports).toEqual({ inputs: { u: 1 }, outputs: { y: 1 } });
    expect(rebuilt.report).toEqual(trained.report);
    expect(rebuilt.parameterNames).toEqual(trained.parameterNames);
    for (const name of trained.parameterNames) {
      expect(bitEqual(defined(rebuilt.parameters[name]).values, defined(trained.parameters[name]).values)).toBe(true);
    }
  });

  it("round trips a spiking network with synapses bit for bit (same neuron states from the same seed)", async () => {
    const p = join(dir, "spiking.safetensors");
    await save(spikingTrained, p);
    const expected = spikingTrained.predict({ u: seq }).y.data;
    expect(bitEqual((await load(p)).predict({ u: seq }).y?.data, expected)).toBe(true);
    expect(bitEqual((await load(p, { network: spiking() })).predict({ u: seq }).y.data, expected)).toBe(true);
  });

  it("writes a safetensors file any reader can parse: parameters by their ASCII structural path, manifest and checksum in __metadata__", () => {
    const bytes = readFileSync(path);
    const n = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + n).toString("utf8")) as Record<string, { dtype?: string; shape?: number[]; data_offsets?: number[] }> & {
      __metadata__: Record<string, string>;
    };
    expect(trained.parameterNames).toEqual(["x.encoders", "x.bias", "Connection[0].weights", "Connection[1].weights"]);
    expect(Object.keys(header).filter((k) => k !== "__metadata__")).toEqual([
      "Ensemble[0].encoders",
      "Ensemble[0].bias",
      "Connection[0].weights",
      "Connection[1].weights",
    ]);
    expect(header["Ensemble[0].encoders"]).toMatchObject({ dtype: "F64", shape: [20, 1] });
    const meta = header.__metadata__;
    expect(meta["format"]).toBe("plexus.trained-subnetwork");
    expect(meta["format_version"]).toBe("2");
    expect(meta["sha256"]).toMatch(/^[0-9a-f]{64}$/);
    const manifest = JSON.parse(defined(meta["manifest"])) as Record<string, unknown>;
    expect((manifest["parameters"] as { name: string; tensor: string }[]).map((p) => [p.name, p.tensor])).toEqual([
      ["x.encoders", "Ensemble[0].encoders"],
      ["x.bias", "Ensemble[0].bias"],
      ["Connection[0].weights", "Connection[0].weights"],
      ["Connection[1].weights", "Connection[1].weights"],
    ]);
    expect(manifest).toMatchObject({
      formatVersion: 2,
      plexusVersion: "0.1.0",
      label: "channel",
      ports: { inputs: [{ name: "u", dimensions: 1 }], outputs: [{ name: "y", dimensions: 1 }] },
    });
    expect(manifest["structureHash"]).toMatch(/^[0-9a-f]{64}$/);
    expect((manifest["report"] as Record<string, unknown>)["trainer"]).toBe("GradientTrainer");
  });

  it("writes atomically: no temporary file is left, and a failed write leaves the old file", async () => {
    await save(trained, path);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const err = await bundleError(save(trained, join(dir, "no-such-folder", "x.safetensors")));
    expect(err.message).toMatch(/could not write the bundle/);
  });

  it("missing file", async () => {
    const e = await bundleError(load(join(dir, "nothing-here.safetensors")));
    expect(e.message).toMatch(/missing file/);
  });

  it("truncated file (in the data and in the header)", async () => {
    const bytes = readFileSync(path);
    const p = join(dir, "truncated.safetensors");
    writeFileSync(p, bytes.subarray(0, bytes.length - 3));
    expect((await bundleError(load(p))).message).toMatch(/truncated file/);
    writeFileSync(p, bytes.subarray(0, 40));
    expect((await bundleError(load(p))).message).toMatch(/truncated file/);
    writeFileSync(p, bytes.subarray(0, 4));
    expect((await bundleError(load(p))).message).toMatch(/truncated file/);
  });

  it("a file that is not a bundle at all (text, another format) is said to be one, not a truncated bundle", async () => {
    const p = join(dir, "notes.txt");
    writeFileSync(p, "some notes, not a bundle: they happen to be more than eight bytes long\n");
    const e = await bundleError(load(p));
    expect(e.message).toMatch(/notes\.txt: not a Plexus bundle: its first bytes are not a safetensors header/);
    expect(e.message).not.toMatch(/header length says/);
    writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])); // a PNG's first bytes
    expect((await bundleError(load(p))).message).toMatch(/not a Plexus bundle/);
  });

  it("load(path, { sha256 }) loads the file whose SHA-256 it is given, and refuses any other before reading it", async () => {
    const bytes = readFileSync(path);
    const hash = createHash("sha256").update(bytes).digest("hex");
    const ok = await load(path, { sha256: hash.toUpperCase() });
    expect(bitEqual(ok.predict({ u: x }).y?.data, trained.predict({ u: x }).y.data)).toBe(true);
    // A bundle re-saved from another training run is a valid bundle with a valid checksum, but not the expected file.
    const other = join(dir, "other.safetensors");
    await save(spikingTrained, other);
    const e = await bundleError(load(other, { sha256: hash }));
    expect(e.message).toMatch(
      new RegExp(`hash mismatch: the file's SHA-256 is ${createHash("sha256").update(readFileSync(other)).digest("hex")} but ${hash} was expected`),
    );
    await expect(load(join(dir, "notes.txt"), { sha256: hash })).rejects.toThrow(/hash mismatch/);
    await expect(load(path, { sha256: "abc" })).rejects.toThrow(/bad option: sha256 must be the file's SHA-256 as 64 hex digits/);
  });

  it("bad header", async () => {
    const bytes = Buffer.from(readFileSync(path));
    bytes[8] = "x".charCodeAt(0); // the header's opening brace
    const p = join(dir, "badheader.safetensors");
    writeFileSync(p, bytes);
    expect((await bundleError(load(p))).message).toMatch(/bad header: the header is not valid JSON/);
    const notOurs = Buffer.from(
      readFileSync(path).toString("latin1").replace('"format":"plexus.trained-subnetwork"', '"format":"something.else.entirely.x"'),
      "latin1",
    );
    writeFileSync(p, notOurs);
    expect((await bundleError(load(p))).message).toMatch(/bad header: .*not a bundle saved by @plexus\/trainer/);
  });

  it("checksum mismatch (one bit of one parameter flipped)", async () => {
    const bytes = Buffer.from(readFileSync(path));
    bytes[bytes.length - 1] = defined(bytes[bytes.length - 1]) ^ 1;
    const p = join(dir, "flipped.safetensors");
    writeFileSync(p, bytes);
    expect((await bundleError(load(p))).message).toMatch(/checksum mismatch/);
  });

  it("unknown format version", async () => {
    const text = readFileSync(path).toString("latin1");
    expect(text).toContain('"format_version":"2"');
    const p = join(dir, "future.safetensors");
    writeFileSync(p, Buffer.from(text.replace('"format_version":"2"', '"format_version":"7"'), "latin1"));
    expect((await bundleError(load(p))).message).toMatch(/unknown format version: .*"7".*reads versions 1 and 2/);
  });

  it("names tensors the same way in every bundle, in ASCII, whatever the labels hold (the manifest keeps the parameterName)", async () => {
    const labelled = (label: (s: string) => string | undefined): Network<{ u: 1 }, { y: 1 }> => {
      const net = new Network({ label: "channel", seed: 2, inputs: { u: 1 }, outputs: { y: 1 } });
      const sub = net.network({ ...(label("inner") === undefined ? {} : { label: defined(label("inner")) }), inputs: { i: 1 }, outputs: { o: 1 } });
      const x = sub.ensemble({ nNeurons: 6, dimensions: 1, neuronType: new Sigmoid(), ...(label("x") === undefined ? {} : { label: defined(label("x")) }) });
      sub.connect(sub.in.i, x, { synapse: null, ...(label("i→x") === undefined ? {} : { label: defined(label("i→x")) }) });
      sub.connect(x, sub.out.o, { synapse: null });
      net.connect(net.in.u, sub.in.i, { synapse: null, ...(label("u→i") === undefined ? {} : { label: defined(label("u→i")) }) });
      net.connect(sub.out.o, net.out.y, { synapse: null });
      return net;
    };
    const tensorsOf = async (net: Network<{ u: 1 }, { y: 1 }>): Promise<string[]> => {
      const t = await new GradientTrainer({ minibatchSize: 50 }).fit(net, { inputs: { u: x }, targets: { y: x } }, { epochs: 1, onWarning: () => {} });
      const p = join(dir, "names.safetensors");
      await save(t, p);
      const bytes = readFileSync(p);
      const names = Object.keys(JSON.parse(bytes.subarray(8, 8 + Number(bytes.readBigUInt64LE(0))).toString("utf8")) as object).filter(
        (k) => k !== "__metadata__",
      );
      const loaded = await load(p);
      expect(loaded.parameterNames).toEqual(t.parameterNames); // names as parameterName gives them, labels and all
      return names;
    };
    const withArrows = await tensorsOf(labelled((s) => `${s} ✓`));
    const plain = await tensorsOf(labelled(() => undefined));
    expect(withArrows).toEqual(plain);
    expect(withArrows.every((n) => /^[\x20-\x7e]+$/.test(n))).toBe(true);
    expect(withArrows).toContain("Network[0]/Connection[0].weights");
  });

  it("structure changed vs the network given", async () => {
    const e = await bundleError(load(path, { network: channel(21) }));
    expect(e.message).toMatch(/structure changed/);
    const ports = new Network({ label: "channel", inputs: { u: 2 }, outputs: { y: 1 } });
    const a = ports.ensemble({ nNeurons: 20, dimensions: 2, neuronType: new Sigmoid(), label: "x" });
    ports.connect(ports.in.u, a, { synapse: null });
    ports.connect(a, ports.out.y, { synapse: null, transform: [[1, 0]] });
    expect((await bundleError(load(path, { network: ports }))).message).toMatch(/structure changed: .*input ports u \(2\) but the bundle has u \(1\)/);
  });

  it("a decoded connection's function needs no code to load: the saved decoders replace its solve", async () => {
    const net = new Network({ label: "withFunction", seed: 5, inputs: { u: 1 }, outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid() });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(a, net.out.y, { synapse: null, function: (v) => defined(v[0]) * 0.5 });
    const t = await new GradientTrainer({ minibatchSize: 50 }).fit(net, { inputs: { u: x }, targets: { y: x } }, { epochs: 1, onWarning: () => {} });
    const p = join(dir, "function.safetensors");
    await save(t, p);
    const loaded = await load(p);
    expect(bitEqual(loaded.predict({ u: x }).y?.data, t.predict({ u: x }).y.data)).toBe(true);
    expect(bitEqual((await load(p, { network: net })).predict({ u: x }).y.data, t.predict({ u: x }).y.data)).toBe(true);
    // Saved again from the loaded one, it still loads with the original network (same structure hash).
    await save(loaded, p);
    expect(bitEqual((await load(p, { network: net })).predict({ u: x }).y.data, t.predict({ u: x }).y.data)).toBe(true);
  });

  it("a network with code that runs (a node's function) must be passed to load", async () => {
    const net = new Network({ label: "withCode", inputs: { u: 1 }, outputs: { y: 1 } });
    const a = net.ensemble({ nNeurons: 10, dimensions: 1, neuronType: new Sigmoid() });
    net.connect(net.in.u, a, { synapse: null });
    net.connect(net.node({ output: (t: number) => Math.sin(t) }), a, { synapse: null });
    net.connect(a, net.out.y, { synapse: null });
    const t = await new GradientTrainer({ minibatchSize: 50 }).fit(net, { inputs: { u: x }, targets: { y: x } }, { epochs: 1, onWarning: () => {} });
    const p = join(dir, "code.safetensors");
    await save(t, p);
    expect((await bundleError(load(p))).message).toMatch(/network needed: .*Node\[0\]\.output is a function.*pass it: load\(path, \{ network \}\)/);
    expect(bitEqual((await load(p, { network: net })).predict({ u: x }).y.data, t.predict({ u: x }).y.data)).toBe(true);
  });
});
