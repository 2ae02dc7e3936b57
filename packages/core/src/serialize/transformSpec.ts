// A connection's transform object (Dense drawn from a distribution, Sparse, Convolution,
// ConvolutionTranspose) as spec JSON, and back. Transforms with dense values known before the
// build keep the spec's older form (`transform` values), so existing structure hashes are unchanged.
import { Distribution } from "../distributions/Distribution.js";
import { ValidationError } from "../errors.js";
import { numAt } from "../internal/checked.js";
import { ChannelShape } from "../transforms/ChannelShape.js";
import type { ConnectionTransform } from "../transforms/ConnectionTransform.js";
import { Convolution } from "../transforms/Convolution.js";
import type { ConvolutionBase } from "../transforms/ConvolutionBase.js";
import { ConvolutionTranspose } from "../transforms/ConvolutionTranspose.js";
import { Dense } from "../transforms/Dense.js";
import { NoTransform } from "../transforms/NoTransform.js";
import { Sparse } from "../transforms/Sparse.js";
import { decodeNumber, encodeNumber, type Json } from "./canonicalJson.js";

/** How the spec writes a distribution (the caller's encoder, so unknown classes are reported there). */
export type EncodeDistribution = (d: Distribution) => Json;
/** How the spec rebuilds a distribution. */
export type DecodeDistribution = (j: Json) => Distribution;

type J = Readonly<Record<string, unknown>>;

/** Values or a distribution, as the spec writes a transform's `init`. */
function encodeInit(init: Distribution | ArrayLike<number>, dist: EncodeDistribution): Json {
  return init instanceof Distribution ? { dist: dist(init) } : { data: Array.from(init, encodeNumber) };
}

function decodeInit(j: unknown, dist: DecodeDistribution): Distribution | Float64Array {
  const o = j as J;
  if ("dist" in o) return dist(o["dist"] as Json);
  return Float64Array.from(o["data"] as unknown[], decodeNumber);
}

function convolutionFields(t: ConvolutionBase): Record<string, Json> {
  return {
    nFilters: t.nFilters,
    inputShape: [...t.inputShape.shape],
    channelsLast: t.channelsLast,
    kernelSize: [...t.kernelSize],
    strides: [...t.strides],
    padding: t.padding,
    groups: t.groups,
  };
}

/**
 * The transform as JSON: its kind and parameters; with `values`, also its values or the
 * distribution they are drawn from (`init`). Without `values` (the structure), Sparse keeps its
 * indices (which entries connect) but no values.
 */
export function encodeTransform(t: ConnectionTransform, values: boolean, dist: EncodeDistribution): Json {
  const init = (x: Distribution | ArrayLike<number>): Record<string, Json> => (values ? { init: encodeInit(x, dist) } : {});
  switch (t.kind) {
    case "Dense":
      return {
        kind: t.kind,
        shape: [...t.shape],
        ...(values
          ? { init: t.init instanceof Distribution ? { dist: dist(t.init) } : { initShape: [...t.init.shape], data: Array.from(t.init.data, encodeNumber) } }
          : {}),
      };
    case "Sparse":
      return { kind: t.kind, shape: [...t.shape], rows: Array.from(t.rows), cols: Array.from(t.cols), ...init(t.init) };
    case "Convolution":
      return { kind: t.kind, ...convolutionFields(t), ...init(t.init) };
    case "ConvolutionTranspose":
      return { kind: t.kind, ...convolutionFields(t), outputShape: [...t.outputShape.shape], ...init(t.init) };
    case "NoTransform":
      return { kind: t.kind, sizeIn: t.sizeIn };
  }
}

/**
 * Rebuilds a transform from {@link encodeTransform}'s JSON (written with values).
 * @throws Error for an unknown kind; ValidationError (from the transform) for bad parameters.
 */
export function decodeTransform(j: Json, dist: DecodeDistribution): ConnectionTransform {
  const o = j as J;
  const nums = (k: string): number[] => o[k] as number[];
  switch (o["kind"]) {
    case "Dense": {
      const init = o["init"] as J;
      const shape = nums("shape");
      if ("dist" in init) return new Dense({ shape, init: dist(init["dist"] as Json) });
      const data = Array.from(init["data"] as unknown[], decodeNumber);
      const initShape = init["initShape"] as number[];
      const value =
        initShape.length === 0
          ? numAt(data, 0)
          : initShape.length === 1
            ? data
            : Array.from({ length: numAt(initShape, 0) }, (_, r) => data.slice(r * numAt(initShape, 1), (r + 1) * numAt(initShape, 1)));
      return new Dense({ shape, init: value });
    }
    case "Sparse": {
      const rows = nums("rows");
      const cols = nums("cols");
      const indices = rows.flatMap((r, k) => [r, numAt(cols, k)]);
      return new Sparse({ shape: nums("shape"), indices, init: decodeInit(o["init"], dist) });
    }
    case "Convolution":
    case "ConvolutionTranspose": {
      const channelsLast = o["channelsLast"] === true;
      const common = {
        nFilters: o["nFilters"] as number,
        inputShape: new ChannelShape(nums("inputShape"), { channelsLast }),
        kernelSize: nums("kernelSize"),
        strides: nums("strides"),
        padding: o["padding"] as "valid" | "same",
        channelsLast,
        init: decodeInit(o["init"], dist),
      };
      if (o["kind"] === "Convolution") return new Convolution({ ...common, groups: o["groups"] as number });
      return new ConvolutionTranspose({ ...common, outputShape: new ChannelShape(nums("outputShape"), { channelsLast }) });
    }
    case "NoTransform":
      return new NoTransform({ sizeIn: o["sizeIn"] as number });
    default:
      throw new ValidationError({
        object: "transform spec",
        attr: "kind",
        message: `unknown kind ${JSON.stringify(String(o["kind"])).slice(0, 40)}: the spec is damaged or from another Plexus; encode the network again`,
      });
  }
}
