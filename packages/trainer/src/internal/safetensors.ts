// The safetensors layout (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON header (padded with spaces to a multiple of 8), then the tensor
// data, here little-endian float64 ("F64"). The header maps each tensor name to
// { dtype, shape, data_offsets: [begin, end] } (byte offsets into the data) and holds a
// "__metadata__" map of strings to strings.

/** One tensor of a safetensors file. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/** Problems `decodeSafetensors` reports: the kind, and a sentence. */
export type SafetensorsProblem = { readonly kind: "truncated" | "header" | "foreign"; readonly message: string };

export interface DecodedSafetensors {
  readonly metadata: Readonly<Record<string, string>>;
  readonly tensors: ReadonlyMap<string, Tensor>;
  /** The tensor index as the header gives it (name, dtype, shape, offsets), in file order. */
  readonly index: readonly { readonly name: string; readonly dtype: string; readonly shape: readonly number[]; readonly offsets: readonly [number, number] }[];
  /** The data section. */
  readonly data: Uint8Array;
}

/** Writes tensors (in the order given) and metadata in the safetensors layout. */
export function encodeSafetensors(tensors: readonly (readonly [string, Tensor])[], metadata: Readonly<Record<string, string>>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of tensors) {
    const bytes = t.values.length * 8;
    header[name] = { dtype: "F64", shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const raw = new TextEncoder().encode(json);
  const pad = (8 - (raw.length % 8)) % 8;
  if (pad > 0) json += " ".repeat(pad);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const [, t] of tensors) {
    for (const v of t.values) {
      view.setFloat64(pos, v, true);
      pos += 8;
    }
  }
  return out;
}

/** Reads a safetensors file of F64 tensors, or says what is wrong with it. */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors | SafetensorsProblem {
  if (bytes.length < 8) return { kind: "truncated", message: `the file has ${bytes.length} bytes, fewer than the 8 of the header length` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  // A header length past the end with no JSON object after it: not a safetensors file at all (text, another format).
  if (n > BigInt(bytes.length - 8) && bytes.length > 8 && bytes[8] !== 0x7b) {
    return {
      kind: "foreign",
      message: `its first bytes are not a safetensors header (an 8-byte length, then a JSON object): it is not a file written by save()`,
    };
  }
  if (n > BigInt(bytes.length - 8)) return { kind: "truncated", message: `the header length says ${n} bytes but only ${bytes.length - 8} follow` };
  const headerLength = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    return { kind: "header", message: `the header is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) return { kind: "header", message: "the header is not a JSON object" };
  const data = bytes.subarray(8 + headerLength);
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, Tensor>();
  const index: { name: string; dtype: string; shape: number[]; offsets: [number, number] }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (typeof entry !== "object" || entry === null) return { kind: "header", message: "__metadata__ is not a map of strings" };
      for (const [k, v] of Object.entries(entry)) {
        if (typeof v !== "string") return { kind: "header", message: `__metadata__.${k} is not a string` };
        metadata[k] = v;
      }
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (e.dtype !== "F64") return { kind: "header", message: `tensor '${name}' has dtype ${JSON.stringify(e.dtype)}; this reader takes F64 only` };
    if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) return { kind: "header", message: `tensor '${name}' has no valid shape` };
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((s) => Number.isInteger(s) && s >= 0) || offsets[1] < offsets[0]) {
      return { kind: "header", message: `tensor '${name}' has no valid data_offsets` };
    }
    const [begin, end] = offsets as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== count * 8)
      return { kind: "header", message: `tensor '${name}' has shape [${shape.join(", ")}] (${count * 8} bytes) but data_offsets [${begin}, ${end}]` };
    if (end > data.length) return { kind: "truncated", message: `tensor '${name}' ends at byte ${end} of the data but the data has ${data.length} bytes` };
    const values = new Float64Array(count);
    const dv = new DataView(data.buffer, data.byteOffset + begin, end - begin);
    for (let i = 0; i < count; i++) values[i] = dv.getFloat64(i * 8, true);
    tensors.set(name, { shape: shape as number[], values });
    index.push({ name, dtype: "F64", shape: shape as number[], offsets: [begin, end] });
  }
  return { metadata, tensors, index, data };
}
