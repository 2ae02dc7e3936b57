"""Generates dists.json: Nengo 4.1's PDF and Samples distributions.

Run with Nengo 4.1's source on the path (numpy installed):
    PYTHONPATH=/path/to/nengo python3 gen_dists.py > dists.json

PDF: for each (x, p), Nengo's `cdf` and the draws `numpy.interp(u, cdf, x)` that `PDF.sample` makes
from uniform numbers `u` (given here, so a generator other than numpy's can be fed the same ones),
and the errors for a `p` that does not sum to one and for lengths that differ.
Samples: for each (samples, n, d), what `Samples(samples).sample(n, d)` returns, or the error.
"""
import json

import nengo
import numpy as np
from nengo.dists import PDF, Samples
from nengo.exceptions import ValidationError


def bimodal():
    s = 0.25
    x = np.linspace(-2, 2, 101)
    p = np.exp(-0.5 * (x + 0.5) ** 2 / s**2) + np.exp(-0.5 * (x - 0.5) ** 2 / s**2)
    return x, p / p.sum()


def pdf_cases():
    x, p = bimodal()
    yield "bimodal (test_pdf)", x, p
    yield "zeros among p", np.array([0.0, 1.0, 2.0, 3.0, 4.0]), np.array([0.0, 0.5, 0.0, 0.25, 0.25])
    yield "one point", np.array([3.5]), np.array([1.0])


U = np.concatenate([[0.0, 1e-300, 0.25, 0.5, 0.75, 1 - 2**-53], np.linspace(0, 1, 41), np.random.RandomState(3).uniform(size=200)])


def error(f):
    try:
        f()
    except ValidationError as e:
        return {"error": type(e).__name__, "attr": e.attr, "message": str(e)}
    return None


def main():
    pdf = []
    for name, x, p in pdf_cases():
        dist = PDF(x, p)
        pdf.append({"name": name, "x": x.tolist(), "p": p.tolist(), "cdf": dist.cdf.tolist(), "u": U.tolist(), "draws": np.interp(U, dist.cdf, dist.x).tolist()})
    pdf_errors = [
        {"x": [0, 1, 2], "p": [0.1, 1.1, 0.1], **error(lambda: PDF([0, 1, 2], [0.1, 1.1, 0.1]))},
        {"x": [0, 1], "p": [0, 1, 0], **error(lambda: PDF([0, 1], [0, 1, 0]))},
    ]
    rng = np.random.RandomState(5)
    sets = [[1.0, 2.0, 3.0], [[1, 2], [3, 4]], rng.random_sample(size=(12, 2)).tolist(), rng.random_sample(size=12).tolist(), [[1.5], [2.5], [3.5]], [[1.0, 2.0, 3.0]]]
    samples = []
    for s in sets:
        arr = np.array(s)
        for n in sorted({arr.shape[0], arr.size, 11, 1, 2}):
            for d in [None, 1, 2, 3]:
                case = {"samples": s, "n": n, "d": d}
                try:
                    out = Samples(s).sample(n, d)
                    case["out"] = np.asarray(out, dtype=float).ravel().tolist()
                except ValidationError as e:
                    case.update({"error": type(e).__name__, "attr": e.attr, "message": str(e)})
                samples.append(case)
    print(json.dumps({"nengo": nengo.__version__, "pdf": pdf, "pdfErrors": pdf_errors, "samples": samples}))


if __name__ == "__main__":
    main()
