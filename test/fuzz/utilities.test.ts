// Exported helpers called with hostile input (null, wrong types, cycles, symbols, NaN): each case
// was found by probing the exports and ended in a TypeError or a stack overflow; now in a typed
// Plexus error that names the function and the argument.
import {
  CouplingError,
  cloneNetwork,
  convolutionTaps,
  defaultProbeAttr,
  encodeNetwork,
  encodeObject,
  fmtShape,
  formatIssue,
  LIF,
  Network,
  parameterName,
  Rng,
  rebuildNetwork,
  rebuildObject,
  sampleOrArray,
  serialisableSpec,
  structureText,
  TrainingError,
  toNeurons,
  toShaped,
  toSynapse,
  Uniform,
  ValidationError,
} from "@plexus/core";
import { couple, encodeHostMessage, InProcessTransport, subsystem, workerThreadHosts } from "@plexus/coupler";
import { plainKernel } from "@plexus/simulator";
import { adam, CmaEsTrainer, freeze, GradientTrainer, LeastSquaresTrainer, PesTrainer, sgd, structureHash } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { thrownBy } from "../support/thrown.js";

const hostile: readonly unknown[] = [null, undefined, 3, "net", [], {}, Symbol("s"), 10n];

function twoEnsembles(): { net: Network; a: ReturnType<Network["ensemble"]>; conn: ReturnType<Network["connect"]> } {
  const net = new Network({ label: "n" });
  const a = net.ensemble({ nNeurons: 2, dimensions: 1, label: "a" });
  const b = net.ensemble({ nNeurons: 2, dimensions: 1, label: "b" });
  return { net, a, conn: net.connect(a, b) };
}

describe("core helpers refuse hostile input with a ValidationError", () => {
  it("the network functions refuse what is not a Network (a TypeError before), naming the function", () => {
    for (const bad of hostile) {
      for (const f of [cloneNetwork, structureText, serialisableSpec, (n: never) => encodeNetwork(n, "spec")])
        expect(() => f(bad as never)).toThrow(ValidationError);
    }
    expect(() => cloneNetwork(null as never)).toThrow(/^cloneNetwork\.net: must be a Network, e\.g\. new Network\(\{ label: "net" \}\) \(got null\)/);
    expect(() => structureText({} as never)).toThrow(/^structureText\.net: must be a Network, .*\(got an object\)/);
    const { net } = twoEnsembles();
    expect(() => cloneNetwork(net, null as never)).toThrow(/^cloneNetwork\.options: must be an options object/);
    expect(() => cloneNetwork(net, { connectionOptions: 3 as never })).toThrow(/^cloneNetwork\.connectionOptions: must be a function/);
    expect(() => encodeNetwork(net, "bogus" as never)).toThrow(/^encodeNetwork\.mode: must be "spec" or "structure" \(got bogus\)/);
    expect(() => serialisableSpec(net, null as never)).toThrow(/^serialisableSpec\.classes: must be an object of factories/);
    expect(() => encodeNetwork(net, "spec", { X: 3 } as never)).toThrow(/^encodeNetwork\.classes\.X: must be a factory function/);
    expect(cloneNetwork(net).network.ensembles).toHaveLength(2);
    expect("spec" in serialisableSpec(net)).toBe(true);
  });

  it("rebuildNetwork and rebuildObject refuse a damaged spec with a ValidationError (a TypeError before)", () => {
    for (const bad of hostile) expect(() => rebuildNetwork(bad as never)).toThrow(ValidationError);
    expect(() => rebuildNetwork(3 as never)).toThrow(/^network spec: .*the spec is damaged or from another Plexus; encode the network again/);
    expect(() => rebuildNetwork({} as never, null as never)).toThrow(/^rebuildNetwork\.classes: must be an object/);
    for (const bad of hostile) expect(() => rebuildObject(bad as never)).toThrow(ValidationError);
    expect(() => rebuildObject(null as never)).toThrow(/^rebuildObject\.json: must be the JSON of encodeObject\(obj\)\.json \(got null\)/);
    expect(() => rebuildObject({ class: 3 } as never)).toThrow(ValidationError);
    const { net } = twoEnsembles();
    const { json } = encodeNetwork(net, "spec");
    expect(rebuildNetwork(json).ensembles).toHaveLength(2);
  });

  it("encodeObject refuses a field that contains itself (the stack overflowed before), and what is not an object", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = [cyclic];
    const lif = Object.assign(new LIF(), { extra: cyclic });
    expect(thrownBy(ValidationError, () => encodeObject(lif)).message).toMatch(/^LIF\.extra\.self\[0\]: contains itself \(a cycle\), which a spec cannot hold/);
    const arr: unknown[] = [];
    arr.push(arr);
    expect(() => encodeObject(Object.assign(new LIF(), { extra: arr }))).toThrow(/contains itself \(a cycle\)/);
    for (const bad of [null, undefined, 3, "x", Symbol("s")]) expect(() => encodeObject(bad as never)).toThrow(ValidationError);
    expect(() => encodeObject(null as never)).toThrow(/^encodeObject\.obj: must be an object of a network .*\(got null\)/);
    // a value shared twice, not a cycle, is written twice
    const shared = { x: 1 };
    expect(encodeObject(Object.assign(new LIF(), { extra: [shared, shared] })).problems).toEqual([]);
    expect((rebuildObject(encodeObject(new LIF({ tauRc: 0.03 })).json) as LIF).tauRc).toBe(0.03);
  });

  it("toShaped returns an error string for what is not numbers, and fmtShape and formatIssue refuse wrong types", () => {
    for (const bad of [null, undefined, "ab", {}, Symbol("s")]) expect(toShaped(bad as never)).toMatch(/^not a number or an array of numbers \(got /);
    expect(toShaped([null, [1]] as never)).toBe("row 0 is not a number or an array of numbers (got null)");
    expect(toShaped([[1, 2]])).toEqual({ data: Float64Array.of(1, 2), shape: [1, 2] });
    for (const bad of [null, undefined, 3, "3", {}, Symbol("s")]) expect(() => fmtShape(bad as never)).toThrow(ValidationError);
    expect(() => fmtShape(null as never)).toThrow(/^fmtShape\.shape: must be an array of sizes, e\.g\. \[3, 2\] \(got null\)/);
    expect(fmtShape([3])).toBe("(3,)");
    for (const bad of [null, undefined, 3, {}, { object: Symbol("s"), message: "m" }, { object: "o", attr: 3, message: "m" }])
      expect(() => formatIssue(bad as never)).toThrow(/^formatIssue\.issue: must be an Issue/);
    expect(formatIssue({ object: "Ensemble 'a'", attr: "nNeurons", message: "must be >= 1" })).toBe("Ensemble 'a'.nNeurons: must be >= 1");
  });

  it("parameterName, toNeurons, defaultProbeAttr and convolutionTaps refuse an object of the wrong kind (a TypeError before)", () => {
    const { net, a, conn } = twoEnsembles();
    for (const bad of hostile) {
      expect(() => parameterName(bad as never, "encoders")).toThrow(/^parameterName\.obj: must be an Ensemble or a Connection/);
      expect(() => toNeurons(bad as never)).toThrow(/^toNeurons\.conn: must be a Connection/);
      expect(() => defaultProbeAttr(bad as never)).toThrow(/^defaultProbeAttr\.target: must be a Node, Ensemble, Neurons, Connection or port/);
      expect(() => convolutionTaps(bad as never)).toThrow(/^convolutionTaps\.t: must be a Convolution or ConvolutionTranspose transform/);
    }
    expect(() => toNeurons(a as never)).toThrow(/\(got an object of kind ensemble\)/);
    expect(() => parameterName(a, Symbol("s") as never)).toThrow(
      /^parameterName\.param: must be one of "encoders", "gain", "bias" for a ensemble \(got Symbol\(s\)\)/,
    );
    expect(() => parameterName(conn, "gain" as never)).toThrow(/^parameterName\.param: must be one of "weights"/);
    expect(() => parameterName(a, "gain", 3 as never)).toThrow(/^parameterName\.top: must be a Network/);
    expect(parameterName(a, "gain", net)).toBe("a.gain");
    expect(toNeurons(conn)).toBe(false);
    expect(defaultProbeAttr(a)).toBe("decoded");
  });

  it("sampleOrArray and toSynapse refuse a name, sizes or Rng of the wrong type (a TypeError before)", () => {
    const u = new Uniform(0, 1);
    for (const bad of [null, undefined, 3, {}])
      expect(() => sampleOrArray(u, 2, 1, bad as never, "w")).toThrow(/^sampleOrArray\.rng: must be an Rng, e\.g\. new Rng\(seed\)/);
    for (const bad of [Symbol("s"), NaN, -1, 1.5, "2"])
      expect(() => sampleOrArray(u, bad as never, 1, new Rng(1), "w")).toThrow(/^sampleOrArray\.n: must be an integer >= 0/);
    expect(() => sampleOrArray(u, 2, 1, new Rng(1), null as never)).toThrow(/^sampleOrArray\.what: must be a string naming the parameter/);
    expect(sampleOrArray(0.5, 2, 1, new Rng(1), "w")).toEqual(Float64Array.of(0.5, 0.5));
    for (const bad of [null, 3, {}, [], Symbol("s")])
      expect(() => toSynapse(0.1, bad as never)).toThrow(/^toSynapse\.what: must be a string naming the attribute, e\.g\. "Connection\[3\]\.synapse"/);
    expect(toSynapse(0.1)?.kind).toBe(toSynapse(0.1, "Connection[0].synapse")?.kind);
  });
});

describe("simulator and trainer helpers refuse hostile input with a typed error", () => {
  it("plainKernel refuses a spec that is not one (a TypeError before)", () => {
    for (const bad of [null, undefined, 3, []]) expect(() => plainKernel(bad as never)).toThrow(/^plainKernel\.spec: must be a kernel spec/);
    expect(() => plainKernel({ owner: "o", role: "r", reads: [], sets: [], incs: null, updates: [], prepare: () => () => {} } as never)).toThrow(
      /^plainKernel\.incs: must be an array of the signals it writes \(got null\)/,
    );
  });

  it("the trainers refuse options and fit options that are not objects, and a symbol seed, with a TrainingError", async () => {
    for (const T of [CmaEsTrainer, GradientTrainer, LeastSquaresTrainer, PesTrainer] as const) {
      const make = T as unknown as new (o: unknown) => { fit: (n: unknown, d: unknown, o: unknown) => Promise<unknown> };
      for (const bad of [null, 3, "x", [], Symbol("s")]) expect(() => new make(bad)).toThrow(TrainingError);
      expect(() => new make(null)).toThrow(new RegExp(`^${T.name}\\.options: must be an options object, e\\.g\\. \\{\\} for the defaults \\(got null\\)`));
      expect(thrownBy(TrainingError, () => new make({ seed: Symbol("s") })).message).toBe(`${T.name}.seed: must be an integer (got Symbol(s))`);
      expect(() => new make({ dt: Symbol("s") })).toThrow(TrainingError);
      const net = new Network({ label: "n", inputs: { x: 1 }, outputs: { y: 1 } });
      await expect(new make({}).fit(net, {}, null)).rejects.toThrow(new RegExp(`^${T.name}\\.fit\\.options: must be an options object`));
    }
    expect(() => new CmaEsTrainer({ tolFun: Symbol("s") as never })).toThrow(/^CmaEsTrainer\.tolFun: must be >= 0 \(got Symbol\(s\)\)/);
    expect(() => new CmaEsTrainer({ scales: { x: Symbol("s") as never } })).toThrow(/scales\['x'\]: must be a number > 0 \(got Symbol\(s\)\)/);
    const net = new Network({ label: "n", inputs: { x: 1 }, outputs: { y: 1 } });
    for (const T of [GradientTrainer, PesTrainer] as const)
      await expect(new T().fit(net, {} as never, { epochs: Symbol("s") as never })).rejects.toThrow(/fit: epochs must be an integer >= 0 \(got Symbol\(s\)\)/);
    expect(() => new GradientTrainer({ minibatchSize: NaN })).toThrow(/^GradientTrainer\.minibatchSize: must be an integer >= 1 \(got NaN\)/);
  });

  it("adam and sgd refuse options that are not objects, and a symbol or NaN hyperparameter, with a ValidationError", () => {
    for (const bad of [null, 3, "x", []]) {
      expect(() => adam(bad as never)).toThrow(/^adam\.options: must be an options object/);
      expect(() => sgd(bad as never)).toThrow(/^sgd\.options: must be an options object, e\.g\. sgd\(\{ learningRate: 0\.01 \}\)/);
    }
    expect(() => sgd(undefined as never)).toThrow(/^sgd\.options: .*\(got undefined\)/);
    expect(() => adam({ learningRate: Symbol("s") as never })).toThrow(/^adam\.learningRate: must be a number > 0 \(got Symbol\(s\)\)/);
    expect(() => sgd({ learningRate: 0.1, momentum: NaN })).toThrow(/^sgd\.momentum: must be in \[0, 1\) \(got NaN\)/);
    expect(adam().learningRate).toBe(1e-3);
    expect(sgd({ learningRate: 0.1 }).momentum).toBe(0);
  });

  it("freeze and structureHash refuse what is not a Network, and freeze options that are not objects", () => {
    for (const bad of hostile) {
      expect(() => structureHash(bad as never)).toThrow(/^structureHash\.network: must be a Network/);
      expect(() => freeze(bad as never, { parameters: {}, data: {} } as never)).toThrow(/^freeze\.network: must be a Network/);
    }
    const net = new Network({ label: "n", inputs: { x: 1 }, outputs: { y: 1 } });
    expect(() => freeze(net, null as never)).toThrow(/^freeze\.options: must be an options object with the parameters and data/);
    expect(() => freeze(net, { parameters: null, data: {} } as never)).toThrow(/^freeze\.parameters: must be an object of \{ shape, values \}/);
    expect(() => freeze(net, { parameters: { w: 3 }, data: {} } as never)).toThrow(TrainingError);
    expect(structureHash(net)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("coupler entry points refuse hostile input with a CouplingError", () => {
  it("new InProcessTransport and workerThreadHosts refuse options that are not objects and unknown modes (a TypeError before)", () => {
    for (const bad of [null, 3, "x", []]) {
      expect(() => new InProcessTransport(bad as never)).toThrow(/^InProcessTransport\.options: must be an options object/);
      expect(() => workerThreadHosts(bad as never)).toThrow(/^workerThreadHosts\.options: must be an options object/);
    }
    expect(() => new InProcessTransport({ scheduler: 3 as never })).toThrow(/^InProcessTransport\.scheduler: must be an RxJS scheduler/);
    expect(() => workerThreadHosts({ windows: "pipes" as never })).toThrow(
      /^workerThreadHosts\.windows: must be "rings" or "messages" \(got a string "pipes"\)/,
    );
    expect(() => workerThreadHosts({ windows: Symbol("s") as never })).toThrow(CouplingError);
    expect(new InProcessTransport({ serialize: "bytes" }).name).toBe("in-process (bytes)");
    expect(workerThreadHosts({ windows: "messages" }).kind).toBe("worker thread");
  });

  it("encodeHostMessage refuses a message that is not one, that contains itself or holds a bigint (a TypeError before)", () => {
    const cyclic: Record<string, unknown> = { type: "stop" };
    cyclic["self"] = cyclic;
    expect(thrownBy(CouplingError, () => encodeHostMessage(cyclic as never)).message).toMatch(
      /^encodeHostMessage: the stop message cannot be written as JSON \(.*circular.*\); give it plain, acyclic fields without bigints/,
    );
    expect(() => encodeHostMessage({ type: "stop", n: 10n } as never)).toThrow(/cannot be written as JSON \(.*BigInt.*\)/);
    for (const bad of [null, undefined, 10n, "x", {}]) expect(() => encodeHostMessage(bad as never)).toThrow(/^encodeHostMessage: not a host message/);
  });

  it("run refuses options that are not an object, bad steps, unknown placements and objects of the wrong type", async () => {
    const make = (label: string) => {
      const n = new Network({ label, inputs: { u: 1 }, outputs: { x: 1 } });
      n.connect(n.in.u, n.out.x, { synapse: 0.01 });
      return subsystem(n);
    };
    const a = make("a");
    const b = make("b");
    const system = couple({ a, b })
      .wire(a.out.x, b.in.u)
      .input(a.in.u, () => [0.5]);
    for (const bad of [null, undefined, 3, "x", [], Symbol("s")])
      await expect(system.run(bad as never)).rejects.toThrow(/^run: give the run's length and options as an object, e\.g\. run\(\{ steps: 1000 \}\)/);
    for (const steps of [NaN, -1, 1.5, Infinity, Symbol("s"), 10n])
      await expect(system.run({ steps } as never)).rejects.toThrow(/^run: steps must be an integer >= 0/);
    await expect(system.run({ seconds: Symbol("s") } as never)).rejects.toThrow(/^run: seconds must be a finite number >= 0 \(got Symbol\(s\)\)/);
    await expect(system.run({ steps: 10, placement: { zz: "worker" } })).rejects.toThrow(/^run: placement names 'zz', which is not a subsystem \(keys: a, b\)/);
    await expect(system.run({ steps: 10, placement: { a: "gpu" as never } })).rejects.toThrow(
      /^run: placement of 'a' must be "main", "worker" or "worker:NAME"/,
    );
    for (const [name, v] of [
      ["placement", 3],
      ["placement", null],
      ["transport", {}],
      ["scheduler", 3],
      ["unitDelay", 3],
      ["hosts", 3],
    ] as const)
      await expect(system.run({ steps: 10, [name]: v } as never)).rejects.toThrow(new RegExp(`^run: ${name} must be `));
    await expect(system.run({ steps: 10, hostTimeoutMs: Symbol("s") as never })).rejects.toThrow(/^run: hostTimeoutMs must be > 0 \(got Symbol\(s\)\)/);
    await expect(system.run({ steps: 10, maxWindowSteps: Symbol("s") as never })).rejects.toThrow(/^run: maxWindowSteps must be an integer >= 1/);
    expect((await system.run({ steps: 10 })).steps).toBe(10);
  });
});
