import { BuildError } from "@plexus/core";

/**
 * A buffer of the arena: a base signal owns `size` entries at a fixed offset; a view is a range
 * of a base. Dependencies are tracked per base (every view of a base may share its memory).
 */
export class Signal {
  /** Offset of the base in the arena (assigned when the layout is fixed; -1 before). */
  private baseOffset = -1;

  private constructor(
    readonly name: string,
    readonly size: number,
    readonly base: Signal | null,
    /** Start within the base (0 for a base). */
    readonly start: number,
    /** Value at the start of a run and after every reset (zeros when null). Bases only. */
    readonly initial: Float64Array | null,
    /** True for constants (weights, biases): never written by a kernel. */
    readonly readonly: boolean,
  ) {}

  static base(name: string, size: number, initial: Float64Array | null = null, readonly = false): Signal {
    if (initial !== null && initial.length !== size)
      throw new BuildError(`Signal ${name}: initial value has ${initial.length} entries, expected ${size}`, { label: name });
    return new Signal(name, size, null, 0, initial, readonly);
  }

  /** The entries `start .. start+size` of this signal. */
  view(start: number, size: number, name = `${this.name}[${start}:${start + size}]`): Signal {
    if (start < 0 || start + size > this.size)
      throw new BuildError(`Signal ${this.name}: view ${start}+${size} out of range (size ${this.size}); take a view inside the signal`, { label: this.name });
    const root = this.root;
    return new Signal(name, size, root, this.start + start, null, this.readonly);
  }

  /** The base this signal is a view of (itself for a base). */
  get root(): Signal {
    return this.base ?? this;
  }

  get isView(): boolean {
    return this.base !== null;
  }

  /** Absolute offset in the arena. */
  get offset(): number {
    const root = this.root;
    if (root.baseOffset < 0)
      throw new BuildError(`Signal ${this.name}: the arena layout is not fixed yet; read offsets only while emitting code`, { label: this.name });
    return root.baseOffset + this.start;
  }

  /** @internal Sets the arena offset of a base. */
  place(offset: number): void {
    if (this.base !== null) throw new BuildError(`Signal ${this.name}: only bases are placed (this is a view)`, { label: this.name });
    this.baseOffset = offset;
  }

  get placed(): boolean {
    return this.root.baseOffset >= 0;
  }

  toString(): string {
    return this.name;
  }
}
