import { Network, Sigmoid, TrainingError } from "@plexus/core";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { GradientTrainer } from "../../GradientTrainer.js";
import { TfjsEngine } from "../TfjsEngine.js";
import { BACKEND_PACKAGES, type BackendLoader, packageLoader, selectBackend } from "./backend.js";

function channel(): Network<{ u: 1 }, { y: 1 }> {
  const net = new Network({ label: "channel", seed: 1, inputs: { u: 1 }, outputs: { y: 1 } });
  const x = net.ensemble({ label: "x", nNeurons: 8, dimensions: 1, neuronType: new Sigmoid() });
  net.connect(net.in.u, x, { synapse: null });
  net.connect(x, net.out.y, { synapse: null });
  return net;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

/** The real packages, except `absent` ones, whose import fails as Node's does for a package not installed. */
function without(...absent: string[]): BackendLoader {
  return {
    node: true,
    isRegistered: (name) => !absent.includes(BACKEND_PACKAGES[name]) && packageLoader.isRegistered(name),
    load: (name) => {
      const specifier = BACKEND_PACKAGES[name];
      if (!absent.includes(specifier)) return packageLoader.load(name);
      return Promise.reject(Object.assign(new Error(`Cannot find package '${specifier}' imported from backend.ts`), { code: "ERR_MODULE_NOT_FOUND" }));
    },
    isInstalled: async (specifier) => !absent.includes(specifier) && (await packageLoader.isInstalled(specifier)),
    setBackend: packageLoader.setBackend,
  };
}

describe("tfjs backends", () => {
  it("'tensorflow' without @tensorflow/tfjs-node says to install it and keeps the loader's error as the cause", async () => {
    const error = await rejection(new TfjsEngine({ backend: "tensorflow" }).compile(channel()));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toMatch(
      /the 'tensorflow' backend could not start; @tensorflow\/tfjs-node is not installed: npm install @tensorflow\/tfjs-node@4\.22 \(an optional peer dependency of @plexus\/trainer\)/,
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect(String((error.cause as Error).message)).toMatch(/@tensorflow\/tfjs-node/);
  });

  it("an explicit backend whose package is missing names the package to install", async () => {
    for (const name of ["wasm", "cpu"] as const) {
      const error = await rejection(selectBackend(name, without(BACKEND_PACKAGES[name])));
      expect(error).toBeInstanceOf(TrainingError);
      expect(error.message).toContain(
        `the '${name}' backend could not start; ${BACKEND_PACKAGES[name]} is not installed: npm install ${BACKEND_PACKAGES[name]}@4.22`,
      );
    }
  });

  it("'auto' with no backend installed names the packages to install; with one installed, uses it", async () => {
    const none = await rejection(selectBackend("auto", without(...Object.values(BACKEND_PACKAGES))));
    expect(none).toBeInstanceOf(TrainingError);
    expect(none.message).toContain(
      "no tfjs backend could start; none is installed: npm install @tensorflow/tfjs-backend-wasm@4.22 (or @tensorflow/tfjs-backend-cpu;",
    );
    expect(await selectBackend("auto", without("@tensorflow/tfjs-node", "@tensorflow/tfjs-backend-wasm"))).toBe("cpu");
    expect(await selectBackend("auto")).toBe("wasm");
  });

  it("in a bundle (not Node), a backend the app did not import says to import it; one it registered is used without an import", async () => {
    const bundle: BackendLoader = { ...without(...Object.values(BACKEND_PACKAGES)), node: false, isInstalled: async () => false };
    const error = await rejection(selectBackend("wasm", bundle));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toContain(
      `@tensorflow/tfjs-backend-wasm is not in this bundle: install it and import it in your app (import "@tensorflow/tfjs-backend-wasm"), so that your bundle has it`,
    );
    const none = await rejection(selectBackend("auto", bundle));
    expect(none.message).toContain("none is in this bundle: install @tensorflow/tfjs-backend-wasm (or @tensorflow/tfjs-backend-cpu) and import it in your app");
    await import("@tensorflow/tfjs-backend-cpu"); // what the app's own import does: registers 'cpu'
    const imported: BackendLoader = { ...bundle, isRegistered: packageLoader.isRegistered };
    expect(await selectBackend("cpu", imported)).toBe("cpu");
  });

  it("an installed backend that fails says so (not 'install it') and keeps its error as the cause", async () => {
    const broken: BackendLoader = { ...packageLoader, isRegistered: () => false, load: () => Promise.reject(new Error("wasm instantiation failed")) };
    const error = await rejection(selectBackend("wasm", broken));
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toContain("@tensorflow/tfjs-backend-wasm is installed but failed: wasm instantiation failed (the error is this one's cause)");
    expect((error.cause as Error).message).toBe("wasm instantiation failed");
  });

  it("'wasm' starts in Node (the package finds its own .wasm files) and computes there", async () => {
    expect(await selectBackend("wasm")).toBe("wasm");
    const x = tf.tensor1d([1, 2, 3]);
    expect(Array.from(tf.sum(tf.mul(x, x)).dataSync())).toEqual([14]);
    expect(tf.backend()).toBe(tf.findBackend("wasm"));
  });

  it("the training report records which backend ran", async () => {
    const u = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i));
    const trained = await new GradientTrainer({ engine: "tfjs", minibatchSize: 10 }).fit(
      channel(),
      { inputs: { u }, targets: { y: u } },
      { epochs: 1, progress: false, onWarning: () => {} },
    );
    expect(trained.report.engine).toBe("tfjs");
    expect(trained.report.backend).toBe("wasm");
    const typed = await new GradientTrainer({ minibatchSize: 10 }).fit(
      channel(),
      { inputs: { u }, targets: { y: u } },
      { epochs: 1, progress: false, onWarning: () => {} },
    );
    expect(typed.report.backend).toBeUndefined();
  });
});
