"""Generates small_tau.json: Lowpass and Alpha synapses with time constants down to far below dt.

Run with Nengo 4.1's source on the path (numpy and scipy installed):
    PYTHONPATH=/path/to/nengo python3 gen_small_tau.py > small_tau.json

For each (synapse, tau, dt): Nengo's own step output on a fixed input sequence (Nengo's vendored
expm overflows below about tau = dt/1400 and gives NaN or raises: recorded as such), and the output
of scipy's `cont2discrete` (zero-order hold, scipy.linalg.expm) of the same realisation, run with
Nengo's step alignment (output k includes input k); scipy stays finite down to about tau = 1e-12
and overflows far below (null). A tiny tau gives a -> 0, b -> 1: no filter.
"""
import json
import math

import nengo
import numpy as np
import scipy
import scipy.signal

U = [1.0, 0.5, -2.0, 3.0, 0.0, 0.25, -1.0, 1.0]
TAUS = [0.1, 0.005, 1e-3, 1e-4, 1e-5, 1e-6, 7.2e-7, 7e-7, 3e-7, 1e-7, 1e-9, 1e-12, 1e-100, 1e-300]
DTS = [0.001, 0.0001]


def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def nengo_output(synapse, dt):
    try:
        state = synapse.make_state((1,), (1,), dt)
        step = synapse.make_step((1,), (1,), dt, rng=None, state=state)
        return [num(step(0.0, np.array([u]))[0]) for u in U], type(step).__name__
    except Exception as e:  # Nengo's expm raises for the tiniest taus
        return None, f"{type(e).__name__}: {e}"


def scipy_output(num_c, den_c, dt):
    """scipy's zoh of the controller-form realisation, run as Nengo steps (D = 0 here):
    x[k] = A x[k-1] + B u[k], y[k] = C x[k]. None where scipy's own expm overflows."""
    with np.errstate(all="ignore"):
        a, b, c, d, _ = scipy.signal.cont2discrete(scipy.signal.tf2ss(num_c, den_c), dt, method="zoh")
    if not all(np.all(np.isfinite(m)) for m in (a, b, c, d)):
        return None
    x = np.zeros((a.shape[0], 1))
    y = []
    for u in U:
        x = a @ x + b * u
        y.append(float((c @ x + d * u)[0, 0]))
    return y


cases = []
for dt in DTS:
    for tau in TAUS:
        for kind in ["Lowpass", "Alpha"]:
            if kind == "Lowpass":
                synapse, nc, dc = nengo.Lowpass(tau), [1.0], [tau, 1.0]
            else:
                synapse, nc, dc = nengo.Alpha(tau), [1.0], [tau**2, 2 * tau, 1.0]
            if dc[0] == 0.0:
                continue  # tau**2 underflows: scipy sees a first-order filter
            with np.errstate(all="ignore"):
                ny, step_class = nengo_output(synapse, dt)
            sy = scipy_output(nc, dc, dt)
            cases.append(
                {
                    "synapse": kind,
                    "tau": tau,
                    "dt": dt,
                    "nengo_output": ny,
                    "nengo_step": step_class,
                    "nengo_finite": ny is not None and all(isinstance(v, float) for v in ny),
                    "scipy_output": sy,
                }
            )

print(
    json.dumps(
        {
            "description": __doc__.strip().splitlines()[0],
            "generator": "packages/core/test/nengoParity/reference/gen_small_tau.py",
            "nengo_version": nengo.__version__,
            "numpy_version": np.__version__,
            "scipy_version": scipy.__version__,
            "input": U,
            "cases": cases,
        },
        indent=1,
    )
)
