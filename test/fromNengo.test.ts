// docs/from-nengo.md is generated from the Nengo reference and the Plexus exports: it must be current.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { camel, fromNengoPage, PAGE } from "../scripts/fromNengo.js";

describe("docs/from-nengo.md", () => {
  it("is what scripts/fromNengo.ts writes from the code as it is (rerun the script after changing a name)", () => {
    expect(readFileSync(PAGE, "utf8")).toBe(fromNengoPage());
  });

  it("spells Nengo's snake_case names in camelCase", () => {
    expect(camel("n_neurons")).toBe("nNeurons");
    expect(camel("tau_rc")).toBe("tauRc");
    expect(camel("radius")).toBe("radius");
  });

  it("finds the Plexus spelling of the names every Nengo model uses", () => {
    const page = fromNengoPage();
    for (const row of [
      "| `n_neurons` | `nNeurons` |",
      "| `neuron_type` | `neuronType` |",
      "| `nengo.LIF` | `LIF` (@plexus/core) |",
      "| `nengo.Lowpass` | `Lowpass` (@plexus/core) |",
    ]) {
      expect(page).toContain(row);
    }
  });
});
