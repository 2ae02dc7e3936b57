import { describe, expect, it } from "vitest";
import { defined } from "../../../../../test/support/defined.js";
import { WasmSession } from "../linalg/wasm/WasmSession.js";
import { helperCores, startKernelWorker } from "./workerRuntime.js";

describe("workerRuntime", () => {
  it("starts kernelWorker.js from the sources (Node has worker threads and shared memory here)", async () => {
    expect(helperCores()).toBeGreaterThanOrEqual(1);
    const worker = startKernelWorker();
    expect(worker).not.toBeNull();
    await expect(Promise.resolve(defined(worker).terminate())).resolves.toBeTypeOf("number");
  });

  it("serves WasmSession's tasks protocol: every helper instantiates the module on the shared memory and answers ready", () => {
    const session = WasmSession.open(1 << 16, 3);
    expect(session).not.toBeNull();
    try {
      expect(defined(session).threads).toBe(3);
    } finally {
      defined(session).close();
    }
  });
});
