// The LIF step in WebAssembly SIMD, for the simulator's step module.
import { f64, i32, type Local, v128, type WasmFunction } from "@plexus/core/runtime";
import { type ArenaIo, arenaIo, countUp, op, withParams } from "../../wasm/arenaIo.js";

const [I32, F64, V128] = [i32, f64, v128] as const;
const { i32Add: add, i32Mul: mul, f64Add, f64Mul, f64x2Splat: F64X2_SPLAT, f64x2Add: F64X2_ADD, f64x2Mul: F64X2_MUL } = op;

const f64Sub = 0xa1;
const f64Lt = 0x63;
const f64Gt = 0x64;
const f64Le = 0x65;
const f64Ge = 0x66;
const select = 0x1b;
const toBits = 0xbd; // i64.reinterpret_f64
const fromBits = 0xbf; // f64.reinterpret_i64

/** The function being written, its entry size, arena access and locals (in allocation order). */
interface Lif extends ArenaIo {
  readonly f: WasmFunction;
  readonly E: 4 | 8;
  readonly p: readonly Local[];
  readonly l: Record<
    | "i"
    | "end"
    | "ns"
    | "nl"
    | "j"
    | "ep"
    | "J"
    | "sum"
    | "rt"
    | "v"
    | "fac"
    | "k"
    | "Jv"
    | "rv"
    | "vv"
    | "le"
    | "r0"
    | "v0"
    | "slow"
    | "spike"
    | "xs"
    | "pairEnd",
    Local
  >;
}

function lifLocals(E: 4 | 8): Lif {
  const { f, p } = withParams("lif", 11, 4);
  const locals = [
    ["i", I32],
    ["end", I32],
    ["ns", I32],
    ["nl", I32],
    ["j", I32],
    ["ep", I32],
    ["J", F64],
    ["sum", F64],
    ["rt", F64],
    ["v", F64],
    ["fac", F64],
    ["k", I32],
    ["Jv", V128],
    ["rv", V128],
    ["vv", V128],
    ["le", V128],
    ["r0", V128],
    ["v0", V128],
    ["slow", V128],
    ["spike", V128],
    ["xs", V128],
    ["pairEnd", I32],
  ] as const;
  const l = {} as Record<(typeof locals)[number][0], Local>;
  for (const [name, type] of locals) l[name] = f.local(type);
  return { ...arenaIo(E), f, E, p, l };
}

const splat = (f: WasmFunction, x: Local): WasmFunction => f.get(x).simd(F64X2_SPLAT);

function vconst(f: WasmFunction, x: number): WasmFunction {
  f.simd(0x0c);
  const b = new Uint8Array(new Float64Array([x, x]).buffer);
  for (const byte of b) f.code.push(byte);
  return f;
}

/** The parameters by name. */
function params(c: Lif): Record<"jB" | "vB" | "rB" | "oB" | "sB" | "lB" | "n" | "bB" | "eB" | "xB" | "cols" | "dt" | "whole" | "minV" | "amp", Local> {
  const [jB, vB, rB, oB, sB, lB, n, bB, eB, xB, cols, dt, whole, minV, amp] = c.p as [
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
  ];
  return { jB, vB, rB, oB, sB, lB, n, bB, eB, xB, cols, dt, whole, minV, amp };
}

/** The current of neuron at byte offset `o` (a local), stored in j: read, bias, or bias + (enc·x). */
function scalarCurrent(c: Lif, o: Local): void {
  const { f, E, ldS, stS } = c;
  const { jB, bB, xB, cols } = params(c);
  const { J, sum, j, ep } = c.l;
  const at = (base: Local): WasmFunction => f.get(base).get(o).op(add);
  f.get(cols).i32c(0).op(0x48).op(0x04, 0x40); // if (cols < 0): J = j[o]
  ldS(at(jB)).set(J);
  f.op(0x05);
  ldS(at(bB)).set(J);
  f.get(cols).op(0x04, 0x40); // if (cols > 0): J = bias + (Σ_k enc[o][k]·x[k]), k ascending
  ldS(ldS(f.get(ep)).get(xB))
    .op(f64Mul)
    .set(sum);
  f.i32c(E).set(j);
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get(j).get(cols).i32c(E).op(mul).op(0x4e).op(0x0d, 1);
  ldS(ldS(f.get(sum).get(ep).get(j).op(add)).get(xB).get(j).op(add))
    .op(f64Mul)
    .op(f64Add)
    .set(sum);
  f.get(j).i32c(E).op(add).set(j).op(0x0c, 0);
  f.op(0x0b, 0x0b);
  f.get(J).get(sum).op(f64Add);
  if (E === 4) f.op(0xb6).op(0xbb); // the current as stored (float32), in every use
  f.set(J);
  f.get(ep).get(cols).i32c(E).op(mul).op(add).set(ep);
  f.op(0x0b);
  stS(at(jB).get(J));
  f.op(0x0b);
}

/** `list[++count] = o / E`. */
function push(c: Lif, list: Local, count: Local, o: Local): void {
  const { f, E } = c;
  f.get(count).i32c(1).op(add).set(count);
  f.get(list)
    .get(count)
    .i32c(4)
    .op(mul)
    .op(add)
    .get(o)
    .i32c(E === 8 ? 3 : 2)
    .op(0x76)
    .mem([0x36], 2, 0); // list[count] = o / E
}

/** One neuron at byte offset `o` (a local), its current in J; br 0 inside leaves it. */
function scalarNeuron(c: Lif, o: Local): void {
  const { f, ldS, stS } = c;
  const { vB, rB, oB, sB, lB, dt, whole, minV, amp } = params(c);
  const { J, rt, v, fac, ns, nl } = c.l;
  const at = (base: Local): WasmFunction => f.get(base).get(o).op(add);
  f.op(0x02, 0x40); // block
  // rt; the neurons leaving their refractory period go to JS
  ldS(at(rB)).get(dt).op(f64Sub).set(rt);
  f.get(rt).f64c(0).op(f64Le).get(rt).get(dt).op(f64Ge).op(0x72).op(0x45).op(0x04, 0x40); // if (!(rt <= 0 | rt >= dt))
  push(c, lB, nl, o);
  f.op(0x0c, 1).op(0x0b);
  // f = rt <= 0 ? whole : -0, selected on the bits (no branch)
  f.get(whole).op(toBits).f64c(-0).op(toBits).get(rt).f64c(0).op(f64Le).op(select).op(fromBits).set(fac);
  ldS(at(vB)).set(v);
  f.get(v).get(J).get(v).op(f64Sub).get(fac).op(f64Mul).op(f64Sub).set(v);
  f.get(v).f64c(1).op(f64Gt).op(0x04, 0x40); // if (v > 1)
  stS(at(oB).get(amp));
  stS(at(vB).f64c(0));
  stS(at(rB).get(v));
  push(c, sB, ns, o);
  f.op(0x05);
  stS(at(oB).f64c(0));
  stS(at(vB).get(minV).op(toBits).get(v).op(toBits).get(v).get(minV).op(f64Lt).op(select).op(fromBits)); // v < minV ? minV : v
  stS(at(rB).get(rt));
  f.op(0x0b);
  f.op(0x0b); // end block
}

/** Two neurons at byte offset `i` in the lanes of an f64x2, branch-free (see lifWasm). */
function pairStep(c: Lif): void {
  const { f, E, ldP, stP } = c;
  const { jB, vB, rB, oB, sB, lB, bB, eB, cols, dt, whole, minV, amp } = params(c);
  const { i, Jv, rv, vv, le, r0, v0, slow, spike, xs, ns, nl } = c.l;
  const at = (base: Local): WasmFunction => f.get(base).get(i).op(add);
  // the currents
  f.get(cols).i32c(0).op(0x48).op(0x04, 0x40);
  ldP(at(jB)).set(Jv);
  f.op(0x05);
  ldP(at(bB)).set(Jv);
  f.get(cols).op(0x04, 0x40);
  f.get(Jv);
  ldP(at(eB)).get(xs).simd(F64X2_MUL).simd(F64X2_ADD);
  if (E === 4) f.simd(0x5e).simd(0x5f); // the currents as stored (float32), in every use
  f.set(Jv);
  f.op(0x0b);
  at(jB).get(Jv);
  stP(f);
  f.op(0x0b);
  ldP(at(rB)).set(r0);
  f.get(r0);
  splat(f, dt).simd(0xf1).set(rv); // rt = r - dt
  f.get(rv);
  vconst(f, 0).simd(0x4b).set(le); // rt <= 0
  // slow: leaving the refractory period (not rt <= 0, not rt >= dt): left to JS untouched
  f.get(le).get(rv);
  splat(f, dt).simd(0x4c).simd(0x50).simd(0x4d).set(slow);
  ldP(at(vB)).set(v0);
  // v -= (J - v) · (rt <= 0 ? whole : -0)
  f.get(v0).get(Jv).get(v0).simd(0xf1);
  splat(f, whole);
  vconst(f, -0).get(le).simd(0x52); // bitselect
  f.simd(F64X2_MUL).simd(0xf1).set(vv);
  // spike: v > 1 (and not slow)
  f.get(vv);
  vconst(f, 1).simd(0x4a).get(slow).simd(0x4f).set(spike); // and-not
  // out = spike ? amplitude : 0 (JS rewrites the slow ones)
  at(oB);
  splat(f, amp);
  vconst(f, 0).get(spike).simd(0x52);
  stP(f);
  // v = slow ? v0 : spike ? 0 : (v < minV ? minV : v)
  at(vB).get(v0);
  vconst(f, 0);
  splat(f, minV).get(vv).get(vv);
  splat(f, minV).simd(0x49).simd(0x52); // v < minV ? minV : v
  f.get(spike).simd(0x52).get(slow).simd(0x52);
  stP(f);
  // r = slow ? r0 : spike ? v (JS adds the refractory time) : rt
  at(rB).get(r0).get(vv).get(rv).get(spike).simd(0x52).get(slow).simd(0x52);
  stP(f);
  // append the lanes that spiked, then the slow ones, to their lists (no branches)
  for (const [list, count, mask] of [
    [sB, ns, spike],
    [lB, nl, slow],
  ] as const) {
    for (let lane = 0; lane < 2; lane++) {
      f.get(list)
        .get(count)
        .i32c(4)
        .op(mul)
        .op(add)
        .get(i)
        .i32c(E === 8 ? 3 : 2)
        .op(0x76);
      if (lane === 1) f.i32c(1).op(add);
      f.mem([0x36], 2, 4); // list[count + 1] = neuron
      f.get(count).get(mask).simd(0x1d).op(lane).op(0xa7).i32c(1).op(0x71).op(add).set(count);
    }
  }
}

/**
 * The WebAssembly (f64x2) part of the simulator's LIF step, `lif(j, v, r, out, spikes, slow, n,
 * bias, enc, x, cols; dt, whole, minVoltage, amplitude)` for arena entries of `E` bytes: the
 * common part of the step, branch-free where the JS kernel branches on the data (see
 * `lifSimulatorKernel`): the input current (read from `j`, or `bias` when `cols` is 0, or
 * `bias + (enc·x)` over `cols` columns, then stored in `j`); neurons leaving their refractory
 * period in this step (0 < rt < dt, or rt NaN) are only listed in `slow` (for JS: they need
 * `expm1`); the others integrate over dt or 0, and those that spike are listed in `spikes` with
 * their voltage before the reset left in `r` (JS then computes their refractory time with
 * `log1p`). Lists: an Int32 count, then indices, ascending. Each lane does the scalar operations
 * of LIF.step in the same order (no fused multiply-add; selects on the bits), so the same bits.
 */
export function lifWasm(E: 4 | 8): WasmFunction {
  const c = lifLocals(E);
  const { f, ldSplat } = c;
  const { n, eB, xB, cols, sB, lB } = params(c);
  const { i, end, ns, nl, ep, xs, pairEnd } = c.l;
  f.get(n).i32c(E).op(mul).set(end);
  f.i32c(0).set(ns).i32c(0).set(nl).get(eB).set(ep);
  f.i32c(0).set(pairEnd);
  // two neurons per f64x2 lane pair while the current is read or bias + enc·x over one column;
  // a pair with a neuron that spikes or leaves its refractory period goes neuron by neuron
  f.get(cols).i32c(2).op(0x48).op(0x04, 0x40); // if (cols < 2)
  f.get(n)
    .i32c(1)
    .op(0x76)
    .i32c(2 * E)
    .op(mul)
    .set(pairEnd);
  ldSplat(f.get(xB)).set(xs);
  countUp(f, i, pairEnd, 2 * E, () => pairStep(c));
  f.get(eB).get(pairEnd).op(add).set(ep); // (one column: enc advances as the neurons)
  f.op(0x0b);
  // the rest (all, for currents over several columns) one by one
  f.get(pairEnd).set(i);
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get(i).get(end).op(0x4e).op(0x0d, 1);
  scalarCurrent(c, i);
  scalarNeuron(c, i);
  f.get(i).i32c(E).op(add).set(i).op(0x0c, 0);
  f.op(0x0b, 0x0b);
  f.get(sB).get(ns).mem([0x36], 2, 0);
  f.get(lB).get(nl).mem([0x36], 2, 0);
  return f;
}
