"""Generates learning_rules.json: Nengo 4.1's BCM and Oja rules on a small deterministic network.

    python3 test/support/nengo/regenerate.py packages/simulator/test/learning/gen_learning_rules.py

stim = Node(0.9 sin(2 pi t)) into a (8 neurons) and, negated, into b (6 neurons), both 1-D with
fixed encoders, gains, biases (and LIF initial voltages); conn = Connection(a.neurons, b.neurons,
transform=W0 (6x8, fixed), learning_rule_type=rule). Every parameter is fixed, so a simulator
with Nengo's semantics must reproduce the probed weights and rule signals to rounding.
"""
import json

import nengo
import numpy as np

NA, NB = 8, 6
DT = 0.001
STEPS = 1000
ENC_A = [[1.0 if i % 2 == 0 else -1.0] for i in range(NA)]
GAIN_A = [1.0 + 0.3 * i for i in range(NA)]
BIAS_A = [1.2 + 0.1 * i for i in range(NA)]
ENC_B = [[1.0 if i % 3 else -1.0] for i in range(NB)]
GAIN_B = [2.0 + 0.5 * i for i in range(NB)]
BIAS_B = [1.5 + 0.2 * i for i in range(NB)]
W0 = [[0.02 * (((3 * i + 5 * j) % 7) - 3) for j in range(NA)] for i in range(NB)]
VOLT_A = [(0.37 * i) % 1.0 for i in range(NA)]
VOLT_B = [(0.53 * i) % 1.0 for i in range(NB)]


def rule(name):
    return {
        "bcm": lambda: nengo.BCM(learning_rate=1e-8),
        "bcm_nofilter": lambda: nengo.BCM(learning_rate=2e-9, pre_synapse=None, post_synapse=0.01, theta_synapse=0.5),
        "oja": lambda: nengo.Oja(learning_rate=1e-5),
        "oja_beta": lambda: nengo.Oja(learning_rate=2e-5, pre_synapse=0.01, post_synapse=None, beta=0.3),
    }[name]()


def run(name, spiking):
    def neuron(v):
        return nengo.LIF(initial_state={"voltage": np.array(v)}) if spiking else nengo.LIFRate()

    with nengo.Network(seed=0) as net:
        stim = nengo.Node(lambda t: np.sin(2 * np.pi * t) * 0.9)
        a = nengo.Ensemble(NA, 1, neuron_type=neuron(VOLT_A), encoders=np.array(ENC_A), gain=np.array(GAIN_A), bias=np.array(BIAS_A))
        b = nengo.Ensemble(NB, 1, neuron_type=neuron(VOLT_B), encoders=np.array(ENC_B), gain=np.array(GAIN_B), bias=np.array(BIAS_B))
        nengo.Connection(stim, a)
        nengo.Connection(stim, b, transform=-1)
        conn = nengo.Connection(a.neurons, b.neurons, transform=np.array(W0), learning_rule_type=rule(name))
        probes = {"weights": nengo.Probe(conn, "weights", sample_every=0.05)}
        for attr in conn.learning_rule.learning_rule_type.probeable:
            probes[attr] = nengo.Probe(conn.learning_rule, attr, sample_every=0.05)
        probes["b"] = nengo.Probe(b.neurons, sample_every=0.05)
    with nengo.Simulator(net, dt=DT, progress_bar=False) as sim:
        sim.run_steps(STEPS)
    return {k: np.asarray(sim.data[p]).reshape(len(sim.data[p]), -1).tolist() for k, p in probes.items()}


def main():
    cases = {}
    for name in ("bcm", "bcm_nofilter", "oja", "oja_beta"):
        cases[name] = run(name, False)
    cases["bcm_lif"] = run("bcm", True)
    cases["oja_lif"] = run("oja", True)
    print(json.dumps({
        "description": "Nengo 4.1 BCM and Oja on Connection(a.neurons, b.neurons, transform=W0): see the generator's docstring. Cases: rule (bcm: BCM(1e-8); bcm_nofilter: BCM(2e-9, pre_synapse=None, post_synapse=0.01, theta_synapse=0.5); oja: Oja(1e-5); oja_beta: Oja(2e-5, pre_synapse=0.01, post_synapse=None, beta=0.3)) with LIFRate neurons, and *_lif with LIF neurons (fixed initial voltages). Every probe sample_every=0.05 (rows at steps 50, 100, ...), flattened row-major; b is b.neurons' output.",
        "nengo_version": nengo.__version__,
        "numpy_version": np.__version__,
        "generator": "packages/simulator/test/learning/gen_learning_rules.py",
        "dt": DT, "steps": STEPS,
        "encA": ENC_A, "gainA": GAIN_A, "biasA": BIAS_A, "voltA": VOLT_A,
        "encB": ENC_B, "gainB": GAIN_B, "biasB": BIAS_B, "voltB": VOLT_B,
        "w0": W0,
        "cases": cases,
    }))


if __name__ == "__main__":
    main()
