"""Times one simulator benchmark case on Nengo 4.1's reference simulator, the way bench/runSimCase.ts
times Plexus: build (wall time of the Simulator constructor), a 100-step warm-up, run_steps(N) with
N sized to about 2 s, median of 3 runs (each after reset and 100 steps), and the process's peak RSS.
Prints one JSON line. The networks are those of ../shared/reference/baselines.md (a-f) and the
two cases bench/simulatorCases.ts adds (g: a 2-D Convolution between LIF neurons; h: a
CircularConvolution of 64-D vectors).

    PYTHONPATH=<nengo 4.1 source> python3 bench/peers/nengo_bench.py CASE
"""
import json
import resource
import sys
import time

import nengo
import numpy as np


def sin(t):
    return [np.sin(2 * np.pi * t)]


def channel(neuron_type, layers):
    with nengo.Network(seed=0) as net:
        prev = nengo.Node(sin)
        for _ in range(layers):
            ens = nengo.Ensemble(100, 1, neuron_type=neuron_type)
            nengo.Connection(prev, ens)
            prev = ens
        out = nengo.Node(size_in=1)
        nengo.Connection(prev, out)
        nengo.Probe(out, synapse=None)
    return net


def case_d():
    with nengo.Network(seed=0) as net:
        ea = nengo.networks.EnsembleArray(50, n_ensembles=16)
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * np.arange(1, 17) * t))
        nengo.Connection(stim, ea.input, transform=0.1, synapse=0.1)
        nengo.Connection(ea.output, ea.input, synapse=0.1)
        nengo.Probe(ea.output, synapse=None)
    return net


def case_e():
    with nengo.Network(seed=0) as net:
        ens = nengo.Ensemble(10000, 64)
        c = nengo.Node(np.full(64, 0.1))
        nengo.Connection(c, ens)
        nengo.Connection(ens, ens, synapse=0.1)
        nengo.Probe(ens, synapse=None)
    return net


def case_f():
    with nengo.Network(seed=0) as net:
        ens = nengo.Ensemble(1000, 1)
        nengo.Connection(nengo.Node(sin), ens)
        w = 0.001 * np.random.RandomState(1).standard_normal((1000, 1000))
        nengo.Connection(ens.neurons, ens.neurons, transform=w)
        nengo.Probe(ens.neurons, synapse=None)
    return net


def case_g():
    """Node(sin) -> a (784 LIF) ; a.neurons -> Convolution(8, (28, 28, 1), 3x3) -> b.neurons (5408 LIF)."""
    with nengo.Network(seed=0) as net:
        a = nengo.Ensemble(28 * 28, 1)
        nengo.Connection(nengo.Node(sin), a)
        conv = nengo.Convolution(8, (28, 28, 1), kernel_size=(3, 3), init=nengo.dists.Uniform(-0.05, 0.05))
        b = nengo.Ensemble(conv.size_out, 1)
        nengo.Connection(a.neurons, b.neurons, transform=conv)
        nengo.Probe(b.neurons[:10], synapse=None)
    return net


def case_h():
    """Two fixed 64-D unit vectors (sin(i + 1), cos(2i + 1), normalised) -> CircularConvolution(200, 64) -> Probe(output)."""
    i = np.arange(64)
    va, vb = np.sin(i + 1.0), np.cos(2.0 * i + 1)
    with nengo.Network(seed=0) as net:
        cc = nengo.networks.CircularConvolution(200, 64)
        nengo.Connection(nengo.Node(va / np.linalg.norm(va)), cc.input_a)
        nengo.Connection(nengo.Node(vb / np.linalg.norm(vb)), cc.input_b)
        nengo.Probe(cc.output, synapse=None)
    return net


CASES = {
    "a": lambda: channel(nengo.LIF(), 1),
    "b": lambda: channel(nengo.Sigmoid(tau_ref=0.0025), 1),
    "c": lambda: channel(nengo.LIF(), 2),
    "d": case_d,
    "e": case_e,
    "f": case_f,
    "g": case_g,
    "h": case_h,
}


def main():
    nengo.rc["decoder_cache"]["enabled"] = "False"  # every build solves its decoders (as baselines.md)
    case = sys.argv[1]
    net = CASES[case]()
    t0 = time.perf_counter()
    sim = nengo.Simulator(net, dt=0.001, optimize=True, progress_bar=False)
    build_s = time.perf_counter() - t0
    sim.run_steps(100)
    n = 100
    while True:
        s = time.perf_counter()
        sim.run_steps(n)
        el = time.perf_counter() - s
        if el > 0.5:
            n = max(100, round(n / el * 2))
            break
        n *= 4
    rates, cpu_rates = [], []
    for _ in range(3):
        sim.reset()
        sim.run_steps(100)
        c = time.process_time()  # all threads of the process (OpenBLAS's too)
        s = time.perf_counter()
        sim.run_steps(n)
        rates.append(n / (time.perf_counter() - s))
        cpu_rates.append(n / (time.process_time() - c))
    rates.sort()
    cpu_rates.sort()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"id": case, "buildS": build_s, "stepsPerS": rates[1], "cpuStepsPerS": cpu_rates[1], "steps": n, "peakRssMiB": peak}))


if __name__ == "__main__":
    main()
