import type { Kernel } from "../Kernel.js";
import { copyKernel } from "../kernels/copyKernel.js";
import { type DotIncSpec, productSpecs } from "../kernels/dotIncKernel.js";
import { setTarget } from "../kernels/Target.js";
import type { Signal } from "../Signal.js";

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, 2 * b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** A product whose whole result lands in one buffer (set, no slice, no gains), on constant weights. */
function plain(s: DotIncSpec): boolean {
  return s.dst.mode === "set" && s.dst.index === null && s.dst.gains === null && s.weights.readonly && s.weights.initial !== null && !s.weights.isView;
}

function sameProduct(a: DotIncSpec, b: DotIncSpec): boolean {
  return (
    a.rows === b.rows &&
    a.cols === b.cols &&
    a.layout === b.layout &&
    a.eventDriven === b.eventDriven &&
    a.x.root === b.x.root &&
    a.x.start === b.x.start &&
    a.x.size === b.x.size &&
    a.weights.initial !== null &&
    b.weights.initial !== null &&
    sameValues(a.weights.initial, b.weights.initial)
  );
}

/**
 * On kernels in step order: a product of the same constant weights with the same input as an
 * earlier one (e.g. a decoded connection and a decoded probe of an ensemble, whose solves give
 * the same decoders) becomes a copy of the earlier one's result, where nothing writes that result
 * in between: the same bits for half the work.
 */
export function dedupeProducts(kernels: readonly Kernel[]): Kernel[] {
  const out = [...kernels];
  const seen: { spec: DotIncSpec; at: number }[] = [];
  for (const [i, k] of out.entries()) {
    const spec = productSpecs.get(k);
    if (spec === undefined || !plain(spec)) continue;
    const earlier = seen.find((p) => sameProduct(p.spec, spec) && untouched(out, p.at, i, p.spec.dst.signal));
    if (earlier === undefined) {
      seen.push({ spec, at: i });
      continue;
    }
    out[i] = copyKernel(earlier.spec.dst.signal, null, setTarget(spec.dst.signal), k.owner, `${k.role} (= ${earlier.spec.owner})`);
  }
  return out;
}

/** True when no kernel strictly between positions `from` and `to` writes `s`. */
function untouched(kernels: readonly Kernel[], from: number, to: number, s: Signal): boolean {
  for (const k of kernels.slice(from + 1, Math.max(from + 1, to))) {
    if ([...k.sets, ...k.incs, ...k.updates].some((w) => w.root === s.root)) return false;
  }
  return true;
}
