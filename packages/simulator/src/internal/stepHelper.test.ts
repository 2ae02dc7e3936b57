import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defined } from "../../../../test/support/defined.js";
import { BLOCK_ROWS, simdArena } from "./simdKernels.js";
import { helperAvailable, StepHelper } from "./stepHelper.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("StepHelper", () => {
  it("starts its thread lazily, with the first shared product, and stops it on close; products keep the bits of one thread", () => {
    expect(helperAvailable()).toBe(true); // these machines have worker threads and two cores or more
    const blocks = 64;
    const cols = 16;
    const rows = blocks * BLOCK_ROWS;
    const size = rows * cols + cols + 2 * rows;
    const wasm = simdArena(size, true);
    expect(wasm).not.toBeNull();
    const A = defined(wasm).arena;
    for (let i = 0; i < rows * cols + cols; i++) A[i] = Math.sin(i);
    const post = vi.spyOn(Worker.prototype, "postMessage");
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    const helper = StepHelper.start(defined(wasm));
    expect(helper).not.toBeNull();
    const y = 8 * (rows * cols + cols);
    const product = defined(helper).dense(y, 0, 8 * rows * cols, blocks, cols, 0);
    const alone = defined(StepHelper.start(defined(wasm))); // a second helper, closed before its first product
    alone.close();
    const reference = defined(alone.dense(y + 8 * rows, 0, 8 * rows * cols, blocks, cols, 0));
    expect(post).not.toHaveBeenCalled();
    for (let k = 0; k < 20; k++) {
      defined(product)();
      reference();
    }
    expect(post).toHaveBeenCalledTimes(1);
    expect((defined(post.mock.calls[0])[0] as { protocol: string }).protocol).toBe("chunks");
    for (let i = 0; i < rows; i++) expect(A[y / 8 + i]).toBe(A[y / 8 + rows + i]);
    defined(helper).close();
    expect(terminate).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledTimes(1); // the closed helper never started a thread
  });
});
