import { BuildError } from "@plexus/core";
import { describe, expect, it } from "vitest";
import { tfjsEngineByName } from "./tfjsEngineByName.browser.js";

describe('the browser\'s engine "tfjs" by name', () => {
  it("fails with a BuildError that names the fix (import TfjsEngine from @plexus/trainer/tfjs and pass it)", async () => {
    await expect(tfjsEngineByName()).rejects.toThrow(BuildError);
    await expect(tfjsEngineByName()).rejects.toThrow(/import \{ TfjsEngine \} from "@plexus\/trainer\/tfjs" and pass engine: new TfjsEngine\(\)/);
  });
});
