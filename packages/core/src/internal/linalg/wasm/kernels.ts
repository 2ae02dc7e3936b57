// The linear-algebra kernels as WebAssembly SIMD (f64x2) code, built with WasmAssembler.
//
// Every product goes through one 2 × 8 register-blocked micro-kernel: C[2 × 8] ±= Σ_k x_k ⊗ y_k,
// where x_k holds two scalars (splatted) and y_k eight contiguous doubles (four f64x2). It keeps
// eight accumulators in registers and does 8 multiplies and 8 adds per 6 loads. The drivers walk
// tiles in a cache-friendly order: Gram products read "packed" panels (strips of 8 columns, each
// stored k-major: strip s, row k, lane u at s·kc·64 + k·64 + u·8 bytes).
//
// Plain mul + add (not relaxed fused multiply-add) keeps every result bit-for-bit reproducible on
// every platform. All addresses and leading dimensions are in bytes.

import { elemAt } from "../../checked.js";
import { f64, i32, type ValType, v128, WasmFunction, WasmModule } from "./WasmAssembler.js";

/** The exported kernels, by name, in a fixed order (workers call them by index). */
export const KERNEL_NAMES = ["ppTiles", "gemmTiles", "potf2", "trsmRows", "trsvLowerBlock", "trsvUpperBlock"] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** Bytes of one packed row of a strip (8 doubles). */
export const STRIP_ROW_BYTES = 64;

function microKernel(packed: boolean): WasmFunction {
  // packed: (x, y, kc, c, ldc, sub); x rows 8 bytes apart, both operands advance 64 bytes per k.
  // generic: (x, xR, xP, y, yP, kc, c, ldc, sub).
  const params: ValType[] = Array<ValType>(packed ? 6 : 9).fill(i32);
  const f = new WasmFunction(packed ? "mkPacked" : "mkGeneric", params, [], false);
  const x = f.param(0);
  const xR = f.param(1); // generic only
  const xP = f.param(2); // generic only
  const y = packed ? f.param(1) : f.param(3);
  const yP = f.param(4); // generic only
  const kc = packed ? f.param(2) : f.param(5);
  const c = packed ? f.param(3) : f.param(6);
  const ldc = packed ? f.param(4) : f.param(7);
  const sub = packed ? f.param(5) : f.param(8);
  const acc = Array.from({ length: 8 }, () => f.local(v128));
  const yv = Array.from({ length: 4 }, () => f.local(v128));
  const s = f.local(v128);
  const x1 = f.local(i32);
  const k = f.local(i32);
  for (const a of acc) f.v128Zero().set(a);
  if (!packed) f.get(x).get(xR).add().set(x1);
  f.get(kc).set(k);
  f.block(() => {
    f.loop(() => {
      f.get(k).eqz().brIf(1);
      yv.forEach((v, j) =>
        f
          .get(y)
          .v128Load(16 * j)
          .set(v),
      );
      for (let t = 0; t < 2; t++) {
        if (packed) f.get(x).v128Load64Splat(8 * t);
        else f.get(t === 0 ? x : x1).v128Load64Splat(0);
        f.set(s);
        yv.forEach((v, j) => {
          const a = elemAt(acc, 4 * t + j);
          f.get(a).get(s).get(v).f64x2Mul().f64x2Add().set(a);
        });
      }
      if (packed) {
        f.get(x).i32c(STRIP_ROW_BYTES).add().set(x);
        f.get(y).i32c(STRIP_ROW_BYTES).add().set(y);
      } else {
        f.get(x).get(xP).add().set(x);
        f.get(x1).get(xP).add().set(x1);
        f.get(y).get(yP).add().set(y);
      }
      f.get(k).i32c(1).sub().set(k);
      f.br(0);
    });
  });
  const store = (op: "add" | "sub"): void => {
    for (let t = 0; t < 2; t++) {
      for (let j = 0; j < 4; j++) {
        // C[t, 2j:2j+2] op= acc
        f.get(c);
        if (t === 1) f.get(ldc).add();
        f.get(c);
        if (t === 1) f.get(ldc).add();
        f.v128Load(16 * j).get(elemAt(acc, 4 * t + j));
        if (op === "add") f.f64x2Add();
        else f.f64x2Sub();
        f.v128Store(16 * j);
      }
    }
  };
  f.get(sub).ifElse(
    () => store("sub"),
    () => store("add"),
  );
  return f;
}

/**
 * ppTiles(px, py, kc, r0, r1, nStrips, c, ldc, sub, lower, mc): C ±= PXᵀ·PY on the row pairs
 * [r0, r1) of C (even bounds), PX and PY packed with kc rows. With `lower`, only the tiles that
 * touch the lower triangle (strip s with 8s ≤ i + 1); C must then be square with PX = PY. Rows are
 * taken mc at a time so that their panel stays in L2 while each strip of PY sits in L1.
 */
function ppTiles(mk: WasmFunction): WasmFunction {
  const f = new WasmFunction("ppTiles", Array<ValType>(11).fill(i32), []);
  const px = f.param(0);
  const py = f.param(1);
  const kc = f.param(2);
  const r0 = f.param(3);
  const r1 = f.param(4);
  const nStrips = f.param(5);
  const c = f.param(6);
  const ldc = f.param(7);
  const sub = f.param(8);
  const lower = f.param(9);
  const mc = f.param(10);
  const stripBytes = f.local(i32);
  const ib = f.local(i32);
  const ie = f.local(i32);
  const sEnd = f.local(i32);
  const sIdx = f.local(i32);
  const yaddr = f.local(i32);
  const i = f.local(i32);
  const istart = f.local(i32);
  f.get(kc).i32c(STRIP_ROW_BYTES).mul().set(stripBytes);
  f.forRange(
    ib,
    () => f.get(r0),
    () => f.get(r1),
    () => f.get(mc),
    () => {
      // ie = min(ib + mc, r1)
      f.get(ib).get(mc).add().get(r1).get(ib).get(mc).add().get(r1).ltS().select().set(ie);
      // sEnd = lower ? ((ie - 1) >> 3) + 1 : nStrips
      f.get(ie).i32c(1).sub().i32c(3).shrU().i32c(1).add().get(nStrips).get(lower).select().set(sEnd);
      f.forRange(
        sIdx,
        () => f.i32c(0),
        () => f.get(sEnd),
        1,
        () => {
          f.get(py).get(sIdx).get(stripBytes).mul().add().set(yaddr);
          // istart = lower ? max(ib, 8s) : ib
          f.get(sIdx).i32c(3).shl().get(ib).get(sIdx).i32c(3).shl().get(ib).gtS().select();
          f.get(ib).get(lower).select().set(istart);
          f.forRange(
            i,
            () => f.get(istart),
            () => f.get(ie),
            2,
            () => {
              f.get(px).get(i).i32c(3).shrU().get(stripBytes).mul().add().get(i).i32c(7).and().i32c(3).shl().add();
              f.get(yaddr).get(kc);
              f.get(c).get(i).get(ldc).mul().add().get(sIdx).i32c(6).shl().add();
              f.get(ldc).get(sub).call(mk);
            },
          );
        },
      );
    },
  );
  return f;
}

/**
 * gemmTiles(x, xR, xP, y, yP, kc, rows, nStrips, c, ldc, sub, kb): C[rows × 8·nStrips] ±=
 * X·Y, where X row i, term p is at x + i·xR + p·xP and Y term p, column j at y + p·yP + 8j. The
 * sum over p runs kb terms at a time so that both operands stay in cache.
 */
function gemmTiles(mk: WasmFunction): WasmFunction {
  const f = new WasmFunction("gemmTiles", Array<ValType>(12).fill(i32), []);
  const x = f.param(0);
  const xR = f.param(1);
  const xP = f.param(2);
  const y = f.param(3);
  const yP = f.param(4);
  const kc = f.param(5);
  const rows = f.param(6);
  const nStrips = f.param(7);
  const c = f.param(8);
  const ldc = f.param(9);
  const sub = f.param(10);
  const kb = f.param(11);
  const p0 = f.local(i32);
  const kk = f.local(i32);
  const xo = f.local(i32);
  const yo = f.local(i32);
  const i = f.local(i32);
  const sIdx = f.local(i32);
  const xi = f.local(i32);
  const ci = f.local(i32);
  f.forRange(
    p0,
    () => f.i32c(0),
    () => f.get(kc),
    () => f.get(kb),
    () => {
      // kk = min(kb, kc - p0)
      f.get(kb).get(kc).get(p0).sub().get(kb).get(kc).get(p0).sub().ltS().select().set(kk);
      f.get(x).get(p0).get(xP).mul().add().set(xo);
      f.get(y).get(p0).get(yP).mul().add().set(yo);
      f.forRange(
        i,
        () => f.i32c(0),
        () => f.get(rows),
        2,
        () => {
          f.get(xo).get(i).get(xR).mul().add().set(xi);
          f.get(c).get(i).get(ldc).mul().add().set(ci);
          f.forRange(
            sIdx,
            () => f.i32c(0),
            () => f.get(nStrips),
            1,
            () => {
              f.get(xi).get(xR).get(xP);
              f.get(yo).get(sIdx).i32c(6).shl().add().get(yP);
              f.get(kk);
              f.get(ci).get(sIdx).i32c(6).shl().add();
              f.get(ldc).get(sub).call(mk);
            },
          );
        },
      );
    },
  );
  return f;
}

/** dot(a, b, len): Σ a[i]·b[i] over len doubles, four f64x2 accumulators. */
function dot(): WasmFunction {
  const f = new WasmFunction("dot", [i32, i32, i32], [f64], false);
  const [a, b, len] = [f.param(0), f.param(1), f.param(2)];
  const acc = Array.from({ length: 4 }, () => f.local(v128));
  const aEnd8 = f.local(i32);
  const aEnd = f.local(i32);
  const s = f.local(f64);
  for (const v of acc) f.v128Zero().set(v);
  f.get(a).get(len).i32c(3).shl().add().set(aEnd);
  f.get(a).get(len).i32c(-8).and().i32c(3).shl().add().set(aEnd8);
  f.block(() => {
    f.loop(() => {
      f.get(a).get(aEnd8).geU().brIf(1);
      acc.forEach((v, j) => {
        f.get(v)
          .get(a)
          .v128Load(16 * j)
          .get(b)
          .v128Load(16 * j)
          .f64x2Mul()
          .f64x2Add()
          .set(v);
      });
      f.get(a).i32c(64).add().set(a);
      f.get(b).i32c(64).add().set(b);
      f.br(0);
    });
  });
  f.get(elemAt(acc, 0)).get(elemAt(acc, 1)).f64x2Add().get(elemAt(acc, 2)).get(elemAt(acc, 3)).f64x2Add().f64x2Add().set(elemAt(acc, 0));
  f.get(elemAt(acc, 0)).f64x2ExtractLane(0).get(elemAt(acc, 0)).f64x2ExtractLane(1).f64Add().set(s);
  f.block(() => {
    f.loop(() => {
      f.get(a).get(aEnd).geU().brIf(1);
      f.get(s).get(a).f64Load().get(b).f64Load().f64Mul().f64Add().set(s);
      f.get(a).i32c(8).add().set(a);
      f.get(b).i32c(8).add().set(b);
      f.br(0);
    });
  });
  f.get(s);
  return f;
}

/**
 * potf2(g, ld, nb): Cholesky of the nb × nb block at g (row stride ld bytes) in place, lower
 * triangle, row by row. Returns -1, or the row whose pivot is not positive (or NaN).
 */
function potf2(dotFn: WasmFunction): WasmFunction {
  const f = new WasmFunction("potf2", [i32, i32, i32], [i32]);
  const [g, ld, nb] = [f.param(0), f.param(1), f.param(2)];
  const i = f.local(i32);
  const j = f.local(i32);
  const gi = f.local(i32);
  const gj = f.local(i32);
  const s = f.local(f64);
  const bad = f.local(i32);
  f.i32c(-1).set(bad);
  f.block(() => {
    f.forRange(
      i,
      () => f.i32c(0),
      () => f.get(nb),
      1,
      () => {
        f.get(g).get(i).get(ld).mul().add().set(gi);
        f.forRange(
          j,
          () => f.i32c(0),
          () => f.get(i),
          1,
          () => {
            f.get(g).get(j).get(ld).mul().add().set(gj);
            // G[i,j] = (G[i,j] - dot(L[i,0:j], L[j,0:j])) / L[j,j]
            f.get(gi).get(j).i32c(3).shl().add();
            f.get(gi).get(j).i32c(3).shl().add().f64Load();
            f.get(gi).get(gj).get(j).call(dotFn).f64Sub();
            f.get(gj).get(j).i32c(3).shl().add().f64Load().f64Div();
            f.f64Store();
          },
        );
        f.get(gi).get(i).i32c(3).shl().add().f64Load();
        f.get(gi).get(gi).get(i).call(dotFn).f64Sub().set(s);
        f.get(s)
          .f64c(0)
          .f64Gt()
          .eqz()
          .ifElse(() => {
            f.get(i).set(bad).br(4); // leave the outer forRange (block, loop, block, if → outer block)
          });
        f.get(gi).get(i).i32c(3).shl().add().get(s).f64Sqrt().f64Store();
      },
    );
  });
  f.get(bad);
  return f;
}

/**
 * trsmRows(d, ld, nb, r, rows): for each of `rows` rows starting at r (stride ld), solves
 * x·L11ᵀ = row in place, where L11 is the nb × nb lower factor at d.
 */
function trsmRows(dotFn: WasmFunction): WasmFunction {
  const f = new WasmFunction("trsmRows", [i32, i32, i32, i32, i32], []);
  const [d, ld, nb, r, rows] = [f.param(0), f.param(1), f.param(2), f.param(3), f.param(4)];
  const q = f.local(i32);
  const p = f.local(i32);
  const row = f.local(i32);
  const lp = f.local(i32);
  f.forRange(
    q,
    () => f.i32c(0),
    () => f.get(rows),
    1,
    () => {
      f.get(r).get(q).get(ld).mul().add().set(row);
      f.forRange(
        p,
        () => f.i32c(0),
        () => f.get(nb),
        1,
        () => {
          f.get(d).get(p).get(ld).mul().add().set(lp);
          f.get(row).get(p).i32c(3).shl().add();
          f.get(row).get(p).i32c(3).shl().add().f64Load();
          f.get(row).get(lp).get(p).call(dotFn).f64Sub();
          f.get(lp).get(p).i32c(3).shl().add().f64Load().f64Div();
          f.f64Store();
        },
      );
    },
  );
  return f;
}

/**
 * trsvLowerBlock(l, ld, nb, b, ldb, nVec) / trsvUpperBlock: solves L11·Z = B (lower) or
 * L11ᵀ·Z = B (upper) in place for an nb-row block of B with nVec f64x2 columns, L11 at l.
 */
function trsvBlock(lower: boolean): WasmFunction {
  const f = new WasmFunction(lower ? "trsvLowerBlock" : "trsvUpperBlock", Array<ValType>(6).fill(i32), []);
  const l = f.param(0);
  const ld = f.param(1);
  const nb = f.param(2);
  const b = f.param(3);
  const ldb = f.param(4);
  const nVec = f.param(5);
  const i = f.local(i32);
  const ii = f.local(i32);
  const p = f.local(i32);
  const v = f.local(i32);
  const bi = f.local(i32);
  const bp = f.local(i32);
  const coef = f.local(v128);
  const inv = f.local(v128);
  f.forRange(
    ii,
    () => f.i32c(0),
    () => f.get(nb),
    1,
    () => {
      // Row i: forward order for lower, backward for upper.
      if (lower) f.get(ii).set(i);
      else f.get(nb).i32c(1).sub().get(ii).sub().set(i);
      f.get(b).get(i).get(ldb).mul().add().set(bi);
      const update = (): void => {
        // coef = L[i,p] (lower) or L[p,i] (upper)
        if (lower) f.get(l).get(i).get(ld).mul().add().get(p).i32c(3).shl().add();
        else f.get(l).get(p).get(ld).mul().add().get(i).i32c(3).shl().add();
        f.v128Load64Splat().set(coef);
        f.get(b).get(p).get(ldb).mul().add().set(bp);
        f.forRange(
          v,
          () => f.i32c(0),
          () => f.get(nVec),
          1,
          () => {
            f.get(bi).get(v).i32c(4).shl().add();
            f.get(bi).get(v).i32c(4).shl().add().v128Load();
            f.get(coef).get(bp).get(v).i32c(4).shl().add().v128Load().f64x2Mul().f64x2Sub();
            f.v128Store();
          },
        );
      };
      if (lower)
        f.forRange(
          p,
          () => f.i32c(0),
          () => f.get(i),
          1,
          update,
        );
      else
        f.forRange(
          p,
          () => f.get(i).i32c(1).add(),
          () => f.get(nb),
          1,
          update,
        );
      f.get(l).get(i).get(ld).mul().add().get(i).i32c(3).shl().add().v128Load64Splat().set(inv);
      f.forRange(
        v,
        () => f.i32c(0),
        () => f.get(nVec),
        1,
        () => {
          f.get(bi).get(v).i32c(4).shl().add();
          f.get(bi).get(v).i32c(4).shl().add().v128Load().get(inv).f64x2Div();
          f.v128Store();
        },
      );
    },
  );
  return f;
}

/**
 * The kernel module's binary, for a memory of up to maxPages pages: shared (helper threads work on
 * it) or not (where SharedArrayBuffer is missing). The code is the same, so are the results.
 */
export function kernelModuleBytes(maxPages: number, shared = true): Uint8Array {
  const mod = new WasmModule();
  const mkP = mod.add(microKernel(true));
  const mkG = mod.add(microKernel(false));
  const dotFn = mod.add(dot());
  const fns: Record<KernelName, WasmFunction> = {
    ppTiles: ppTiles(mkP),
    gemmTiles: gemmTiles(mkG),
    potf2: potf2(dotFn),
    trsmRows: trsmRows(dotFn),
    trsvLowerBlock: trsvBlock(true),
    trsvUpperBlock: trsvBlock(false),
  };
  for (const name of KERNEL_NAMES) mod.add(fns[name]);
  return mod.encode({ shared, maxPages });
}
