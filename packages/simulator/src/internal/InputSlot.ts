import type { InPort } from "@plexus/core";
import type { InputKind } from "./snapshotFormat.js";
import { writeResult } from "./writeResult.js";

/** What drives a top-level input port. */
export type InputSource = Float64Array | ((t: number) => number | ArrayLike<number>) | number;

const UNDRIVEN = 0;
const ARRAY = 1;
const FUNCTION = 2;
const CONSTANT = 3;
const MANUAL = 4;
/** Restored from a snapshot taken while a source set with setInput drove it: set it again. */
const MISSING = 5;
type Mode = typeof UNDRIVEN | typeof ARRAY | typeof FUNCTION | typeof CONSTANT | typeof MANUAL | typeof MISSING;
const KINDS = ["undriven", "array", "function", "constant", "manual", "array"] as const satisfies Record<Mode, InputKind>;

/**
 * The source of one top-level input port in one simulator: nothing (the port reads zeros), an
 * `nSteps × dims` array (row k-1 at step k), a function of t, a constant, or values written
 * before each step.
 */
export class InputSlot {
  private mode: Mode = UNDRIVEN;
  private data: Float64Array = new Float64Array(0);
  private rows = 0;
  private fn: (t: number) => unknown = () => 0;
  private value = 0;

  constructor(
    readonly port: InPort,
    /** The port's buffer in the arena. */
    readonly out: Float64Array,
    private readonly fail: (message: string, cause?: unknown) => never,
  ) {}

  /** True after a restore until the source it had at the snapshot is set again. */
  get missing(): boolean {
    return this.mode === MISSING;
  }

  /** How the port is driven now (as a snapshot records it). */
  get kind(): InputKind {
    return KINDS[this.mode];
  }

  /**
   * After a restore: keeps a source given with setArray/setFunction/setConstant; otherwise takes
   * the snapshot's kind: values written (`manual`) stay (they are in the restored arena); a source
   * set before the snapshot must be set again (`missing`: the next step fails naming the port).
   */
  restored(kind: InputKind): void {
    if (this.mode === ARRAY || this.mode === FUNCTION || this.mode === CONSTANT) return;
    this.mode = kind === "manual" ? MANUAL : kind === "undriven" ? UNDRIVEN : MISSING;
  }

  setArray(data: Float64Array): void {
    this.mode = ARRAY;
    this.data = data;
    this.rows = data.length / this.out.length;
  }

  setFunction(fn: (t: number) => unknown): void {
    this.mode = FUNCTION;
    this.fn = fn;
  }

  setConstant(value: number): void {
    this.mode = CONSTANT;
    this.value = value;
  }

  /** Writes values now (before the next step); they stay until written again. */
  write(values: ArrayLike<number>): void {
    this.mode = MANUAL;
    this.out.set(values);
  }

  /** Sets the port's value for step `n` at time `t`. */
  apply(n: number, t: number): void {
    const out = this.out;
    const d = out.length;
    switch (this.mode) {
      case ARRAY: {
        if (n > this.rows) {
          this.fail(`the input data has ${this.rows} rows, but step ${n} needs row ${n - 1}; give at least as many rows as steps`);
        }
        const data = this.data;
        const o = (n - 1) * d;
        out.set(data.subarray(o, o + d));
        return;
      }
      case FUNCTION: {
        let r: unknown;
        try {
          r = this.fn(t);
        } catch (cause) {
          this.fail(`the input function threw: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
        }
        writeResult(r, out, d, (m) => this.fail(`the input function ${m}`));
        return;
      }
      case CONSTANT:
        out.fill(this.value);
        return;
      case MANUAL:
        return;
      case MISSING:
        this.fail("its source (setInput) is not part of a snapshot; set it again on the restored simulator");
        return;
      default:
        // undriven: zeros, as Nengo's Node(size_in) with nothing connected into it
        out.fill(0);
    }
  }
}
