"""Shared helpers of the reference generators (gen_*.py) that run Nengo 4.1.

A generator imports this module (test/support/nengo/regenerate.py puts its folder and Nengo's
source on PYTHONPATH), builds and runs its networks with Nengo, and ends with
``emit(data, description=...)``: the JSON goes to stdout, and regenerate.py writes it beside the
generator (gen_X.py -> X.json), where the tests load it.
"""
import json
import math
import os
import sys

import numpy as np

NENGO_VERSION = "4.1.0"


def require_nengo():
    """Imports Nengo and checks it is 4.1.0 (the semantics Plexus follows)."""
    import nengo

    if nengo.__version__ != NENGO_VERSION:
        raise SystemExit(
            f"this generator needs Nengo {NENGO_VERSION} (got {nengo.__version__} from {nengo.__file__}); "
            "run it through test/support/nengo/regenerate.py"
        )
    return nengo


def jsonable(x):
    """Numpy arrays and scalars as nested lists of floats; inf/nan as the strings "inf", "-inf",
    "nan" (test/support/reference.ts turns them back into numbers)."""
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return jsonable(x.tolist())
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        v = float(x)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return x


def emit(data, *, description):
    """Prints the reference JSON: the generator's data plus what made it (versions, generator path).

    Floats are written by Python's repr (the shortest text that reads back to the same float64),
    so the tests see Nengo's exact numbers.
    """
    import nengo
    import scipy

    generator = os.path.abspath(sys.argv[0])
    root = os.environ.get("PLEXUS_REPO_ROOT")
    if root:
        generator = os.path.relpath(generator, root)
    out = {
        "description": description,
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "generator": generator.replace(os.sep, "/"),
        **jsonable(data),
    }
    json.dump(out, sys.stdout, allow_nan=False, separators=(",", ":"))
    sys.stdout.write("\n")
