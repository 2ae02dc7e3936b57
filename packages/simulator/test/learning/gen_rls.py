"""Generates rls.json: Nengo 4.1's RLS rule on a small deterministic network.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_rls.py

Learning a communication channel (Nengo's test_rls_* networks, with every parameter fixed):
stim = Node(0.8 sin(2 pi t)) into a = Ensemble(10, 1) (fixed encoders, gains, biases, LIF
initial voltages); conn = Connection(a, b = Node(size_in=1), solver=NoSolver(),
learning_rule_type=RLS(...)); error = b - stim into conn.learning_rule.
"""
import json

import nengo
import numpy as np

N = 10
DT = 0.001
STEPS = 1000
ENC = [[1.0 if i % 2 == 0 else -1.0] for i in range(N)]
GAIN = [1.0 + 0.25 * i for i in range(N)]
BIAS = [1.5 - 0.2 * i if i % 3 else 0.8 + 0.1 * i for i in range(N)]
VOLT = [(0.37 * i) % 1.0 for i in range(N)]


def run(learning_rate, pre_synapse, spiking):
    with nengo.Network(seed=0) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t) * 0.8)
        neuron = nengo.LIF(initial_state={"voltage": np.array(VOLT)}) if spiking else nengo.LIFRate()
        a = nengo.Ensemble(N, 1, neuron_type=neuron, encoders=np.array(ENC), gain=np.array(GAIN), bias=np.array(BIAS))
        nengo.Connection(stim, a)
        b = nengo.Node(size_in=1)
        conn = nengo.Connection(a, b, solver=nengo.solvers.NoSolver(), learning_rule_type=nengo.RLS(learning_rate=learning_rate, pre_synapse=pre_synapse))
        error = nengo.Node(size_in=1)
        nengo.Connection(b, error)
        nengo.Connection(stim, error, transform=-1)
        nengo.Connection(error, conn.learning_rule)
        probes = {attr: nengo.Probe(conn.learning_rule, attr, sample_every=0.05) for attr in ("pre_filtered", "error", "delta", "inv_gamma")}
        probes["weights"] = nengo.Probe(conn, "weights", sample_every=0.05)
        probes["b"] = nengo.Probe(b)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return {k: np.asarray(sim.data[p]).reshape(len(sim.data[p]), -1).tolist() for k, p in probes.items()}


def main():
    cases = {
        "rls": {"learning_rate": 1e-3, "pre_synapse": 0.005, "spiking": False},
        "rls_nofilter": {"learning_rate": 5e-2, "pre_synapse": None, "spiking": False},
        "rls_lif": {"learning_rate": 1e-3, "pre_synapse": 0.005, "spiking": True},
    }
    for c in cases.values():
        c.update(run(c["learning_rate"], c["pre_synapse"], c["spiking"]))
    print(json.dumps({
        "description": "Nengo 4.1 RLS: see the generator's docstring. Probes of conn.learning_rule (pre_filtered, error, delta, inv_gamma) and conn weights with sample_every=0.05 (rows at steps 50, 100, ...), flattened row-major; b every step.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_rls.py",
        "dt": DT, "steps": STEPS,
        "encoders": ENC, "gain": GAIN, "bias": BIAS, "voltage": VOLT,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
