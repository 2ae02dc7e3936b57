// Nengo 4.1 parity of PDF and Samples (./reference/dists.json, made by gen_dists.py with Nengo):
// PDF's cdf and its draws from given uniform numbers (Plexus's generator is not numpy's, so the
// same uniform numbers are fed to both), its errors; Samples' output or error for each (n, d).
import { describe, expect, it } from "vitest";
import { loadReferenceBeside } from "../../../../test/support/reference.js";
import { PDF } from "../../src/distributions/PDF.js";
import { Samples } from "../../src/distributions/Samples.js";
import { ValidationError } from "../../src/errors.js";
import type { Rng } from "../../src/Rng.js";

interface PdfCase {
  name: string;
  x: number[];
  p: number[];
  cdf: number[];
  u: number[];
  draws: number[];
}
interface ErrorCase {
  error: string;
  attr: string;
  message: string;
}
interface SamplesCase extends Partial<ErrorCase> {
  samples: number[] | number[][];
  n: number;
  d: number | null;
  out?: number[];
}
const ref = loadReferenceBeside<{ pdf: PdfCase[]; pdfErrors: (ErrorCase & { x: number[]; p: number[] })[]; samples: SamplesCase[] }>(
  import.meta.url,
  "./reference/dists.json",
);

/** A generator whose uniform draws are the given numbers, in order (what numpy drew for Nengo). */
function replay(u: readonly number[]): Rng {
  let i = 0;
  return { random: () => u[i++] } as unknown as Rng;
}

/** Nengo's message less its `Object.attr: ` prefix, which Plexus's ValidationError adds itself. */
const bare = (message: string): string => message.replace(/^\w+\.\w+: /, "");

describe("PDF matches Nengo 4.1", () => {
  for (const c of ref.pdf) {
    it(`${c.name}: the same cdf, and the same draws from the same uniform numbers`, () => {
      const dist = new PDF(c.x, c.p);
      expect(Array.from(dist.cdf)).toEqual(c.cdf);
      expect(Array.from(dist.sample(c.u.length, undefined, replay(c.u)))).toEqual(c.draws);
    });
  }

  it("refuses what Nengo refuses, with its message", () => {
    for (const c of ref.pdfErrors) {
      let thrown: unknown;
      try {
        new PDF(c.x, c.p);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).attr).toBe(c.attr);
      expect((thrown as ValidationError).message).toContain(bare(c.message));
    }
  });
});

describe("Samples matches Nengo 4.1", () => {
  it("returns the samples for every (n, d) Nengo accepts, and refuses the others with its message", () => {
    for (const c of ref.samples) {
      const d = c.d ?? undefined;
      const what = `Samples(${JSON.stringify(c.samples)}).sample(${c.n}, ${d})`;
      if (c.out !== undefined) {
        expect(Array.from(new Samples(c.samples).sample(c.n, d, replay([]))), what).toEqual(c.out);
      } else {
        let thrown: unknown;
        try {
          new Samples(c.samples).sample(c.n, d, replay([]));
        } catch (e) {
          thrown = e;
        }
        expect(thrown, what).toBeInstanceOf(ValidationError);
        expect((thrown as ValidationError).message, what).toContain(bare(c.message ?? "").replace("'None'", "undefined"));
      }
    }
  });
});
