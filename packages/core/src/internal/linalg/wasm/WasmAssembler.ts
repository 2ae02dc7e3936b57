// The one WebAssembly binary writer of Plexus (core's linear-algebra kernels, the simulator's SIMD
// step kernels and the neuron kernels use it, the latter through `@plexus/core/runtime`): i32/f64/
// v128 locals, structured control flow, loads and stores, f64 and f64x2 arithmetic, calls, and raw
// opcodes (`op`, `simd`, `memarg`) for the rest. Kernels are written as code that emits
// instructions, so no binary is ever committed or fetched.

import { BuildError } from "../../../errors.js";

export const i32 = 0x7f;
export const f64 = 0x7c;
export const v128 = 0x7b;
export type ValType = typeof i32 | typeof f64 | typeof v128;

function uleb(n: number, out: number[]): void {
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

function sleb(n: number, out: number[]): void {
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

function name(s: string, out: number[]): void {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/** A local variable or parameter, by index. */
export type Local = number & { readonly __local: unique symbol };

/** One function: parameters, locals and an instruction stream written through its methods. */
export class WasmFunction {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];
  /** Index in the module (set by `WasmModule.add`). */
  index = -1;

  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
    readonly exported = true,
  ) {}

  /** Parameter i. */
  param(i: number): Local {
    return i as Local;
  }

  /** A new local of the given type. */
  local(type: ValType): Local {
    this.locals.push(type);
    return (this.params.length + this.locals.length - 1) as Local;
  }

  /** Raw instruction bytes (for opcodes without a method of their own). */
  op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }
  private opU(opcode: number, n: number): this {
    this.code.push(opcode);
    uleb(n, this.code);
    return this;
  }
  /** A SIMD instruction (prefix 0xfd) by its sub-opcode (for those without a method of their own). */
  simd(sub: number): this {
    this.code.push(0xfd);
    uleb(sub, this.code);
    return this;
  }
  /** A memory instruction given by its opcode bytes, with its alignment (log2) and offset. */
  mem(opcode: readonly number[], align: number, offset: number): this {
    for (const b of opcode) this.code.push(b);
    return this.memarg(align, offset);
  }
  /** Raw immediate of a memory access: log2 of the alignment, then the offset (after `op`/`simd`). */
  memarg(align: number, offset: number): this {
    uleb(align, this.code);
    uleb(offset, this.code);
    return this;
  }

  get(l: Local): this {
    return this.opU(0x20, l);
  }
  set(l: Local): this {
    return this.opU(0x21, l);
  }
  tee(l: Local): this {
    return this.opU(0x22, l);
  }
  i32c(v: number): this {
    this.code.push(0x41);
    sleb(v, this.code);
    return this;
  }
  f64c(v: number): this {
    this.code.push(0x44);
    const b = new Uint8Array(new Float64Array([v]).buffer);
    for (const x of b) this.code.push(x);
    return this;
  }
  call(fn: WasmFunction): this {
    if (fn.index < 0)
      throw new BuildError(`WasmFunction ${fn.name} is called before it is in the module: add it with WasmModule.add first`, { label: fn.name });
    return this.opU(0x10, fn.index);
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }
  ret(): this {
    return this.op(0x0f);
  }

  // i32 arithmetic and comparisons
  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  and(): this {
    return this.op(0x71);
  }
  shl(): this {
    return this.op(0x74);
  }
  shrU(): this {
    return this.op(0x76);
  }
  eqz(): this {
    return this.op(0x45);
  }
  eq(): this {
    return this.op(0x46);
  }
  ne(): this {
    return this.op(0x47);
  }
  ltS(): this {
    return this.op(0x48);
  }
  gtS(): this {
    return this.op(0x4a);
  }
  leS(): this {
    return this.op(0x4c);
  }
  geS(): this {
    return this.op(0x4e);
  }
  /** Unsigned comparison, for addresses (memories may exceed 2 GiB). */
  geU(): this {
    return this.op(0x4f);
  }

  // f64 scalar
  f64Load(offset = 0): this {
    return this.op(0x2b).memarg(3, offset);
  }
  f64Store(offset = 0): this {
    return this.op(0x39).memarg(3, offset);
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Sub(): this {
    return this.op(0xa1);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64Div(): this {
    return this.op(0xa3);
  }
  f64Sqrt(): this {
    return this.op(0x9f);
  }
  f64Gt(): this {
    return this.op(0x64);
  }

  // v128 / f64x2
  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(4, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(4, offset);
  }
  v128Load64Splat(offset = 0): this {
    return this.simd(0x0a).memarg(3, offset);
  }
  v128Zero(): this {
    this.simd(0x0c);
    for (let i = 0; i < 16; i++) this.code.push(0);
    return this;
  }
  f64x2Splat(): this {
    return this.simd(0x14);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21).op(lane);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Sub(): this {
    return this.simd(0xf1);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }
  f64x2Div(): this {
    return this.simd(0xf3);
  }

  // structured control flow
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }
  /** `if` on the i32 on the stack, with an optional else branch. */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.op(0x04, 0x40);
    then();
    if (otherwise !== undefined) {
      this.op(0x05);
      otherwise();
    }
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.opU(0x0c, depth);
  }
  brIf(depth: number): this {
    return this.opU(0x0d, depth);
  }

  /**
   * `for (v = from; v < to; v += step) body()`, with signed i32 bounds; `from`, `to` and a
   * non-constant `step` push one i32 each (`to` is evaluated once). Inside the body, `br` depth 0 continues and 2 breaks.
   */
  forRange(v: Local, from: () => void, to: () => void, step: number | (() => void), body: () => void): this {
    const end = this.local(i32);
    from();
    this.set(v);
    to();
    this.set(end);
    return this.block(() => {
      this.loop(() => {
        this.get(v).get(end).geS().brIf(1);
        this.block(body);
        this.get(v);
        if (typeof step === "number") this.i32c(step);
        else step();
        this.add().set(v).br(0);
      });
    });
  }

  /** The function body as the binary format encodes it. */
  encodeBody(): number[] {
    const out: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, out);
    for (const [count, t] of groups) {
      uleb(count, out);
      out.push(t);
    }
    for (const b of this.code) out.push(b);
    out.push(0x0b);
    const sized: number[] = [];
    uleb(out.length, sized);
    return sized.concat(out);
  }
}

/** A module that imports one memory (`env.memory`) and defines functions. */
export class WasmModule {
  private readonly functions: WasmFunction[] = [];

  add(fn: WasmFunction): WasmFunction {
    fn.index = this.functions.length;
    this.functions.push(fn);
    return fn;
  }

  /** The binary module. `shared` memories need a maximum (in 64 KiB pages). */
  encode(memory: { readonly shared: boolean; readonly maxPages: number }): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, write: (b: number[]) => void): void => {
      const body: number[] = [];
      write(body);
      out.push(id);
      uleb(body.length, out);
      for (const b of body) out.push(b);
    };
    const fns = this.functions;
    section(1, (b) => {
      uleb(fns.length, b);
      for (const f of fns) {
        b.push(0x60);
        uleb(f.params.length, b);
        for (const p of f.params) b.push(p);
        uleb(f.results.length, b);
        for (const r of f.results) b.push(r);
      }
    });
    section(2, (b) => {
      uleb(1, b);
      name("env", b);
      name("memory", b);
      b.push(0x02, memory.shared ? 0x03 : 0x01);
      uleb(0, b);
      uleb(memory.maxPages, b);
    });
    section(3, (b) => {
      uleb(fns.length, b);
      fns.forEach((_, i) => uleb(i, b));
    });
    const exported = fns.filter((f) => f.exported);
    section(7, (b) => {
      uleb(exported.length, b);
      for (const f of exported) {
        name(f.name, b);
        b.push(0x00);
        uleb(f.index, b);
      }
    });
    section(10, (b) => {
      uleb(fns.length, b);
      for (const f of fns) for (const x of f.encodeBody()) b.push(x);
    });
    return Uint8Array.from(out);
  }
}
