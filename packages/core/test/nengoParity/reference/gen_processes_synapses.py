"""Generates processes_synapses.json: Nengo 4.1's Piecewise quadratic and cubic interpolation
(scipy interp1d splines), Process.trange / ntrange / run_steps, Synapse.apply, LinearFilter.evaluate
and filtfilt.

Rerun with: python3 test/support/nengo/regenerate.py packages/core/test/nengoParity/reference/gen_processes_synapses.py
"""
import numpy as np
from nengo_reference import emit, require_nengo

nengo = require_nengo()
DT = 0.001


def piecewise_cases():
    out = []
    datas = [
        {0.0: [0.0, 1.0], 0.05: [1.0, -1.0], 0.1: [0.5, 0.3], 0.2: [-1.0, 0.2], 0.25: [0.3, 0.9]},
        {0.0: 0.0, 0.1: 1.0, 0.2: -0.5},
        {0.0: 0.2, 0.03: 1.0, 0.07: -0.4, 0.15: 0.6},
        {0.01: 1.0, 0.02: 0.0, 0.045: 2.0, 0.1: -1.0, 0.13: 0.5, 0.2: 0.1, 0.21: 0.3},
    ]
    for data in datas:
        for kind in ["quadratic", "cubic"]:
            if kind == "cubic" and len(data) < 4:
                continue
            p = nengo.processes.Piecewise(data, interpolation=kind)
            y = p.run_steps(300, dt=DT)
            out.append({"times": list(data.keys()), "values": [np.ravel(v) for v in data.values()], "interpolation": kind, "output": y})
    return out


def main():
    p = nengo.processes.Piecewise({0: 1})
    trange = [[d, dt, p.trange(d, dt=dt)] for d, dt in [(0.5, 0.001), (0.0125, 0.005), (0.0175, 0.005), (0.1, 0.003)]]
    ntrange = [[n, dt, p.ntrange(n, dt=dt)] for n, dt in [(7, 0.002), (0, 0.001), (3, 0.1)]]
    rs = np.random.RandomState(2)
    x = rs.uniform(-1, 1, size=(200, 2))
    synapses = {
        "Lowpass(0.01)": nengo.Lowpass(0.01),
        "Alpha(0.005)": nengo.Alpha(0.005),
        "LinearFilter([1], [0.0004, 0.04, 1])": nengo.LinearFilter([1], [0.0004, 0.04, 1]),
        "LinearFilter([0.1, 0], [1, -0.9], analog=False)": nengo.LinearFilter([0.1, 0], [1, -0.9], analog=False),
    }
    freqs = np.logspace(-1, 3, 25)
    syn = []
    for name, s in synapses.items():
        ev = s.evaluate(freqs)
        syn.append({"name": name, "num": s.num, "den": s.den, "analog": s.analog,
                    "apply": s.apply(x, d=2, dt=DT), "filtfilt": s.filtfilt(x, dt=DT),
                    "evaluate_re": ev.real, "evaluate_im": ev.imag})
    emit({"dt": DT, "piecewise": piecewise_cases(), "trange": trange, "ntrange": ntrange,
          "x": x, "frequencies": freqs, "synapses": syn},
         description="Piecewise splines, trange/ntrange, Synapse apply/filtfilt/evaluate from Nengo 4.1")


if __name__ == "__main__":
    main()
