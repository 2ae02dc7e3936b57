// Public entry points called with hostile input (wrong types, cycles, non-finite or huge sizes):
// each case was found by probing the exports and ends, now, in a typed Plexus error.
import {
  AdaptiveLIF,
  BundleError,
  CouplingError,
  canonicalJson,
  circconv,
  circconvTransformIn,
  circconvTransformOut,
  Izhikevich,
  LIF,
  LIFRate,
  Network,
  PoissonSpiking,
  RegularSpiking,
  Sigmoid,
  toJson,
  ValidationError,
  validate,
} from "@plexus/core";
import { couple } from "@plexus/coupler";
import { build, Simulator } from "@plexus/simulator";
import { fromBytes, PesTrainer, toBytes } from "@plexus/trainer";
import { describe, expect, it } from "vitest";
import { thrownBy } from "../support/thrown.js";

describe("entry points refuse hostile input with a typed error", () => {
  it("the circular convolution transforms refuse a non-integer, infinite or too large dims (Infinity crashed the process)", () => {
    expect(thrownBy(ValidationError, () => circconvTransformOut(Infinity)).message).toMatch(
      /^CircularConvolution transformOut\.dims: must be an integer >= 1 \(got Infinity\)/,
    );
    expect(() => circconvTransformIn(NaN, "A", false)).toThrow(/transformIn\.dims: must be an integer >= 1 \(got NaN\)/);
    expect(() => circconvTransformIn(1.5, "A", false)).toThrow(ValidationError);
    expect(() => circconvTransformOut(0)).toThrow(ValidationError);
    expect(() => circconvTransformOut(1e9)).toThrow(/more than 2\^31 - 1; use fewer dimensions/);
    expect(circconvTransformOut(3)).toHaveLength(3);
  });

  it("circconv refuses operands that are not arrays of finite numbers, or of different lengths", () => {
    expect(() => circconv("abc" as unknown as number[], [1, 2, 3])).toThrow(/^circconv\.a: must be an array of finite numbers \(got abc\)/);
    expect(() => circconv(null as unknown as number[], [1])).toThrow(ValidationError);
    expect(() => circconv([1, NaN], [1, 2])).toThrow(/circconv\.a: .*element 1 is NaN/);
    expect(() => circconv([1, 2], [1, 2, 3])).toThrow(/circconv\.b: must have the same length as a \(2\); got 3/);
    expect(Array.from(circconv([1, 0], [0, 1]))).toEqual([0, 1]);
  });

  it("canonicalJson and toJson refuse a value that contains itself (a RangeError before) and a bigint", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = [cyclic];
    expect(thrownBy(ValidationError, () => toJson(cyclic)).message).toMatch(/^toJson\.value: contains itself \(a cycle\)/);
    expect(() => canonicalJson(cyclic as never)).toThrow(/^canonicalJson\.value: contains itself/);
    expect(() => canonicalJson({ n: 10n } as never)).toThrow(/has a bigint, which JSON cannot write/);
    const shared = { x: 1 };
    expect(canonicalJson({ b: shared, a: [shared, shared] })).toBe('{"a":[{"x":1},{"x":1}],"b":{"x":1}}');
    expect(toJson({ b: shared, a: [shared, NaN] })).toEqual({ b: { x: 1 }, a: [{ x: 1 }, "nan"] });
  });

  it("validate, build and new Simulator refuse what is not a Network (or Plan) with a ValidationError", () => {
    for (const bad of [null, undefined, NaN, "net", {}, []]) {
      expect(() => validate(bad as never)).toThrow(/^validate\.net: must be a Network/);
      expect(() => build(bad as never)).toThrow(ValidationError);
    }
    expect(() => new Simulator(null as never)).toThrow(/^Simulator\.source: must be a Network or a Plan from build\(\) \(got null\)/);
    expect(() => new Simulator({ dt: 0.001 } as never)).toThrow(/got an object of class Object/);
    expect(() => new Simulator(NaN as never)).toThrow(ValidationError);
  });

  it("PesTrainer names a wrong-typed init without serialising it (a cyclic object threw a TypeError)", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => new PesTrainer({ init: cyclic as never })).toThrow(/PesTrainer\.init: must be "built" or "zeros" \(got object\)/);
    expect(() => new PesTrainer({ init: 10n as never })).toThrow(/\(got bigint\)/);
    expect(() => new PesTrainer({ init: "z" as never })).toThrow(/\(got "z"\)/);
  });

  it("fromBytes refuses what is not a Uint8Array with a BundleError; toBytes refuses what a trainer did not make", () => {
    for (const bad of [null, undefined, NaN, "abc", [1, 2, 3], new ArrayBuffer(8)]) {
      expect(() => fromBytes(bad as never)).toThrow(BundleError);
    }
    expect(() => fromBytes(null as never)).toThrow(/^bundle: not bytes: expected a Uint8Array of a saved bundle \(got null\)/);
    expect(() => fromBytes(new Uint8Array(3))).toThrow(BundleError);
    expect(thrownBy(ValidationError, () => toBytes({} as never)).message).toMatch(
      /^TrainedSubnetwork: not a TrainedSubnetwork created by @plexus\/trainer; pass the result of/,
    );
  });

  it("couple refuses subsystems or options that are not objects with a CouplingError", () => {
    for (const bad of [null, undefined, "__proto__", 3, [1]]) expect(() => couple(bad as never)).toThrow(CouplingError);
    expect(() => couple(null as never)).toThrow(/^couple: subsystems must be an object of named subsystems, e\.g\. couple\(\{ ctrl, plant \}\) \(got null\)/);
    expect(() => couple({}, null as never)).toThrow(/^couple: options must be an object/);
  });

  it("neuron types refuse options that are not an object, and a rates-to-spikes type a base that is not a neuron type", () => {
    expect(() => new LIF(null as never)).toThrow(/^LIF\.options: must be an options object, e\.g\. \{\} for the defaults \(got null\)/);
    for (const make of [
      () => new LIFRate(null as never),
      () => new AdaptiveLIF(3 as never),
      () => new Izhikevich([] as never),
      () => new Sigmoid("x" as never),
    ]) {
      expect(make).toThrow(ValidationError);
    }
    expect(() => new RegularSpiking(null as never)).toThrow(
      /^RegularSpiking\.baseType: must be a rate neuron type, e\.g\. new RegularSpiking\(new LIFRate\(\)\) \(got null\)/,
    );
    expect(() => new PoissonSpiking({} as never)).toThrow(/PoissonSpiking\.baseType: .*\(got object\)/);
    expect(() => new PoissonSpiking(new LIFRate(), null as never)).toThrow(/PoissonSpiking\.options: must be an options object/);
    expect(new RegularSpiking(new LIFRate()).baseType).toBeInstanceOf(LIFRate);
  });

  it("connect and probe refuse a null or undefined end, and build and new Simulator null options or a registry that is not one", () => {
    const net = new Network({ label: "n" });
    const a = net.ensemble({ nNeurons: 2, dimensions: 1, label: "a" });
    expect(() => net.connect(null as never, a)).toThrow(/^Connection from null to Ensemble 'a'\.pre: must be a Node, Ensemble, Neurons or port/);
    expect(() => net.connect(a, undefined as never)).toThrow(ValidationError);
    expect(() => net.probe(null as never)).toThrow(/^Probe\.target: must be a Node, Ensemble, Neurons, Connection or port to probe \(got null\)/);
    expect(() => net.probe("a" as never, { label: "p" })).toThrow(/^Probe 'p'\.target: .*\(got string\)/);
    expect(() => build(net, null as never)).toThrow(/^build\.options: must be an options object/);
    expect(() => new Simulator(net, null as never)).toThrow(/^Simulator\.options: must be an options object/);
    for (const registry of [NaN, "abc", {}, []])
      expect(() => new Simulator(net, { registry: registry as never })).toThrow(/^build\.registry: must be a Registry/);
  });
});
