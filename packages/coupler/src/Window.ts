import { CouplingError } from "@plexus/core";
import { f64At } from "@plexus/core/runtime";

/**
 * A window as a plain object, what {@link Window.toObject} returns: structured-clone safe (e.g. for
 * `postMessage`); JSON keeps finite values exactly but not -0, NaN or infinities (use bytes there).
 */
export interface WindowObject {
  /** First step of the window (1-based). */
  readonly start: number;
  /** Number of steps. */
  readonly steps: number;
  /** Values per step. */
  readonly dims: number;
  /** `steps × dims` values, row-major. */
  readonly data: readonly number[];
}

const MAGIC = 0x57585850; // "PXXW" read little-endian
const VERSION = 1;
const HEADER_BYTES = 32;
/** Whether this platform stores float64 little-endian (the bytes' order): then values copy as bytes, bit for bit. */
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * `x`, an integer read as a float64 (a window's header in bytes or in a ring), as a small integer
 * where it is one: V8's optimised code keeps a float64 read as a boxed double, and windows holding
 * boxed doubles deoptimise the receiver's hot code compiled for small integers (the window
 * constructor, the unit's window loop). The same number either way.
 */
export function smallInteger(x: number): number {
  return x >= 0 && x <= 0x3fffffff ? x | 0 : x;
}

/**
 * A window of samples: `steps` consecutive steps of a `dims`-dimensional signal, stamped with its
 * first step (1-based, in the steps of the stream that carries it). This is what crosses an edge of
 * a coupled system, one emission per window; it turns into a plain object or into bytes and back
 * without changing a bit, so a transport may carry it across threads or processes.
 */
export class Window {
  /** Last step of the window (`start + steps - 1`). */
  readonly end: number;

  /**
   * @param start first step, an integer >= 1 (0 only for an empty window)
   * @param steps number of steps, an integer >= 0
   * @param dims values per step, an integer >= 0
   * @param data `steps × dims` values, row-major (taken, not copied; default zeros)
   * @throws CouplingError when the sizes disagree
   */
  constructor(
    readonly start: number,
    readonly steps: number,
    readonly dims: number,
    readonly data: Float64Array = new Float64Array(steps * dims),
  ) {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(steps) || !Number.isSafeInteger(dims) || steps < 0 || dims < 0 || start < 0) {
      throw new CouplingError(`Window: start, steps and dims must be integers >= 0 (got start ${start}, steps ${steps}, dims ${dims})`);
    }
    if (data.length !== steps * dims) {
      throw new CouplingError(`Window: data has ${data.length} values, expected steps × dims = ${steps} × ${dims} = ${steps * dims}`);
    }
    this.end = start + steps - 1;
  }

  /** The values of step `step` (a view, not a copy). */
  row(step: number): Float64Array {
    const i = step - this.start;
    return this.data.subarray(i * this.dims, (i + 1) * this.dims);
  }

  /** The window as a plain object (the values in a number array). */
  toObject(): WindowObject {
    return { start: this.start, steps: this.steps, dims: this.dims, data: Array.from(this.data) };
  }

  /** A window from {@link toObject}'s output. @throws CouplingError when the object is malformed */
  static fromObject(obj: WindowObject): Window {
    if (typeof obj !== "object" || obj === null || !Array.isArray(obj.data)) {
      throw new CouplingError("Window.fromObject: expected { start, steps, dims, data: number[] }");
    }
    return new Window(obj.start, obj.steps, obj.dims, Float64Array.from(obj.data));
  }

  /**
   * The window as bytes: a 32-byte little-endian header (magic, version, dims, steps, start) and
   * the values as little-endian float64, the same on every platform.
   */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(HEADER_BYTES + this.data.length * 8);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, VERSION, true);
    view.setUint32(8, this.dims, true);
    view.setUint32(12, 0, true);
    view.setFloat64(16, this.steps, true);
    view.setFloat64(24, this.start, true);
    const d = this.data;
    if (LITTLE_ENDIAN) bytes.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), HEADER_BYTES);
    else for (let i = 0; i < d.length; i++) view.setFloat64(HEADER_BYTES + 8 * i, f64At(d, i), true);
    return bytes;
  }

  /** A window from {@link toBytes}'s output. @throws CouplingError on a wrong magic, version or length */
  static fromBytes(bytes: Uint8Array): Window {
    if (bytes.byteLength < HEADER_BYTES) {
      throw new CouplingError(`Window.fromBytes: ${bytes.byteLength} bytes is shorter than the ${HEADER_BYTES}-byte header`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new CouplingError("Window.fromBytes: not a window (bad magic number)");
    const version = view.getUint32(4, true);
    if (version !== VERSION) throw new CouplingError(`Window.fromBytes: format version ${version} is unknown (expected ${VERSION})`);
    const dims = view.getUint32(8, true);
    const steps = smallInteger(view.getFloat64(16, true));
    const start = smallInteger(view.getFloat64(24, true));
    const n = steps * dims;
    if (bytes.byteLength !== HEADER_BYTES + 8 * n) {
      throw new CouplingError(`Window.fromBytes: ${bytes.byteLength} bytes, expected ${HEADER_BYTES + 8 * n} for ${steps} steps × ${dims} dims`);
    }
    const data = new Float64Array(n);
    if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(bytes.subarray(HEADER_BYTES));
    else for (let i = 0; i < n; i++) data[i] = view.getFloat64(HEADER_BYTES + 8 * i, true);
    return new Window(start, steps, dims, data);
  }

  toString(): string {
    return `Window(steps ${this.start}..${this.end}, ${this.dims}-D)`;
  }
}
