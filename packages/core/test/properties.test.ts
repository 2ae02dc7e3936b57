// Property tests for IR construction and validation: random valid networks validate cleanly;
// random invalid ones fail with the typed error naming the object, never a TypeError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Network, PlexusError, ValidationError, validate } from "../src/index.js";
import { elemAt } from "../src/internal/checked.js";

interface Spec {
  readonly ensembles: readonly { n: number; d: number }[];
  readonly edges: readonly { from: number; to: number; synapse: number | null; matrix: boolean }[];
}

const specArb: fc.Arbitrary<Spec> = fc
  .array(fc.record({ n: fc.integer({ min: 1, max: 20 }), d: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 5 })
  .chain((ensembles) =>
    fc.record({
      ensembles: fc.constant(ensembles),
      edges: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: ensembles.length - 1 }),
          to: fc.integer({ min: 0, max: ensembles.length - 1 }),
          synapse: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 0.1, noNaN: true })),
          matrix: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
    }),
  );

function buildNet(spec: Spec, breakIt?: { edge: number; kind: "shape" | "nan" }): Network {
  const net = new Network({ seed: 1 });
  const ens = spec.ensembles.map((e, i) => net.ensemble({ nNeurons: e.n, dimensions: e.d, label: `e${i}` }));
  spec.edges.forEach((edge, i) => {
    const pre = elemAt(ens, edge.from);
    const post = elemAt(ens, edge.to);
    // Valid edges use a full post × pre matrix (or a scalar when sizes agree); the synapse is
    // forced onto self-loops and back edges so that no same-step cycle appears.
    const needsSynapse = edge.to <= edge.from;
    const synapse = needsSynapse ? (edge.synapse ?? 0.005) : edge.synapse;
    let transform: number | number[][] =
      edge.matrix || pre.dimensions !== post.dimensions
        ? Array.from({ length: post.dimensions }, (_, r) => Array.from({ length: pre.dimensions }, (_, c) => (r === c ? 1 : 0.5)))
        : 1;
    if (breakIt?.edge === i) {
      transform =
        breakIt.kind === "shape"
          ? Array.from({ length: post.dimensions + 1 }, () => Array.from({ length: pre.dimensions }, () => 1))
          : Array.from({ length: post.dimensions }, () => Array.from({ length: pre.dimensions }, () => NaN));
    }
    net.connect(pre, post, { synapse, transform, label: `c${i}` });
  });
  return net;
}

describe("IR properties", () => {
  it("random valid networks validate with no issues", () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        expect(validate(buildNet(spec), { throw: false })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("a broken transform is reported as a ValidationError naming that connection", () => {
    fc.assert(
      fc.property(
        specArb.filter((s) => s.edges.length > 0),
        fc.nat(),
        fc.constantFrom("shape" as const, "nan" as const),
        (spec, k, kind) => {
          const edge = k % spec.edges.length;
          let err: unknown;
          try {
            validate(buildNet(spec, { edge, kind }));
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(ValidationError);
          expect((err as ValidationError).issues.some((i) => i.object === `Connection 'c${edge}'` && i.attr === "transform")).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("bad constructor arguments throw PlexusErrors, never TypeErrors", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (n, d) => {
        const net = new Network();
        try {
          net.ensemble({ nNeurons: n as number, dimensions: d as number, label: "x" });
        } catch (e) {
          expect(e).toBeInstanceOf(PlexusError);
          expect(String((e as Error).message)).toMatch(/Ensemble 'x'\./);
        }
      }),
      { numRuns: 200 },
    );
  });
});
